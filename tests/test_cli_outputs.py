"""Standard output that is full, closed or cut short: every subcommand (and `--help`,
`--version`) exits 74 with one line for a full disk or a closed output, 0 quietly when the
reader goes away, and never prints a traceback; buffered or not (`PYTHONUNBUFFERED`)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest

from data.exit_codes import ExitCode
from data.opening import BUNDLED_MISSION

COMMANDS: dict[str, tuple[str, ...]] = {
    "version": ("--version",),
    "help": ("--help",),
    "check-help": ("check", "--help"),
    "export-help": ("export", "--help"),
    "schema-help": ("schema", "--help"),
    "schema": ("schema",),
    "check": ("check", str(BUNDLED_MISSION)),
    "export": ("export",),
}
BUFFERING = {"buffered": None, "unbuffered": "1"}


def _env(unbuffered: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    if unbuffered is not None:
        env["PYTHONUNBUFFERED"] = unbuffered
    return env


def _run(
    args: tuple[str, ...], unbuffered: str | None, stdout: IO[bytes] | int, **options: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "tui", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=_env(unbuffered),
        timeout=60,
        check=False,
        **options,
    )


def _one_line_failure(result: subprocess.CompletedProcess[bytes], reason: bytes) -> None:
    assert result.returncode == ExitCode.IO_ERROR, result.stderr
    assert result.stderr.count(b"\n") == 1, result.stderr
    assert b"cannot write" in result.stderr and reason in result.stderr
    assert b"Traceback" not in result.stderr and b"Exception ignored" not in result.stderr


@pytest.mark.parametrize("buffering", list(BUFFERING))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_full_disk_exits_74(command: str, buffering: str) -> None:
    with Path("/dev/full").open("wb") as full:
        result = _run(COMMANDS[command], BUFFERING[buffering], full)
    _one_line_failure(result, b"No space left on device")


def _close_stdout() -> None:
    os.close(1)


@pytest.mark.parametrize("buffering", list(BUFFERING))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_closed_stdout_exits_74(command: str, buffering: str) -> None:
    result = _run(
        COMMANDS[command], BUFFERING[buffering], subprocess.DEVNULL, preexec_fn=_close_stdout
    )
    _one_line_failure(result, b"closed" if command != "export" else b"Bad file descriptor")


@contextmanager
def _reader_gone() -> Iterator[int]:
    """The write end of a pipe whose reader has already gone: every write fails (EPIPE)."""
    read, write = os.pipe()
    os.close(read)
    try:
        yield write
    finally:
        os.close(write)


@pytest.mark.parametrize("buffering", list(BUFFERING))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_reader_gone_is_a_quiet_success(command: str, buffering: str) -> None:
    with _reader_gone() as write:
        result = _run(COMMANDS[command], BUFFERING[buffering], write)
    assert (result.returncode, result.stderr) == (ExitCode.OK, b"")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_reader_stopping_after_one_byte_is_a_quiet_success(command: str) -> None:
    """`mission-timeline ... | head -c1`."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", *COMMANDS[command]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=_env(None),
    )
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(1)) == 1
    process.stdout.close()
    error = process.stderr.read()
    process.stderr.close()
    assert (process.wait(timeout=60), error) == (ExitCode.OK, b"")


@pytest.mark.parametrize("args", [("--no-such-option",), ("check",), ()])
def test_usage_errors_with_a_closed_stdout_still_exit_64(args: tuple[str, ...]) -> None:
    result = _run(args, None, subprocess.DEVNULL, preexec_fn=_close_stdout)
    assert result.returncode == ExitCode.USAGE
    assert b"Traceback" not in result.stderr and result.stderr.strip()
