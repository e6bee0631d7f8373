"""The app in a real pseudo-terminal: no payload byte from a hostile mission reaches the
terminal, q exits cleanly, and an ASCII-only, dumb terminal raises no UnicodeEncodeError
(issue 5). Exports under the same environment too."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from .hostile import HOSTILE

ROOT = Path(__file__).parents[2]
KEYS = [b"\x1b[B", b"\r", b"z", b"/", b"dock", b"\x1b", b"q"]
"""down, enter, z, /, some text, escape (closes the search), q."""
ASCII_ENV = {"TERM": "dumb", "LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"}
OSC_DCS_APC = re.compile(rb"\x1b[\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\)?")
"""Operating system commands, device control strings and the like, with their terminator."""


def run_in_pty(
    mission: Path | None, keys: list[bytes], *, size: tuple[int, int] = (120, 40), **env: str
) -> tuple[bytes, int | None]:
    """Run `python -m tui` on a pseudo-terminal, type `keys` once it has drawn, and return
    everything it wrote and its exit code (None if it had to be killed)."""
    columns, rows = size
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    environment.update({"TERM": "xterm-256color", "NO_COLOR": ""}, **env)
    environment.pop("NO_COLOR")
    arguments = [sys.executable, "-m", "tui", *([str(mission)] if mission else [])]
    process = subprocess.Popen(
        arguments,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment,
        cwd=ROOT,
        start_new_session=True,
    )
    os.close(slave)
    output = bytearray()
    pending = list(keys)
    deadline = time.monotonic() + 40
    next_key = time.monotonic() + 3  # let it start and draw
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not data:
                    break
                output += data
            if pending and time.monotonic() >= next_key:
                os.write(master, pending.pop(0))
                next_key = time.monotonic() + 0.5
            if not pending and process.poll() is not None:
                break
        try:
            code: int | None = process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            code = None
    finally:
        os.close(master)
    return bytes(output), code


@pytest.fixture(scope="module")
def bundled_run() -> tuple[bytes, int | None]:
    return run_in_pty(None, KEYS)


@pytest.fixture(scope="module")
def hostile_run() -> tuple[bytes, int | None]:
    return run_in_pty(HOSTILE, KEYS)


def test_hostile_mission_exits_cleanly_on_q(hostile_run: tuple[bytes, int | None]) -> None:
    output, code = hostile_run
    assert code == 0, output[-2000:]
    assert b"Traceback" not in output


def test_no_payload_sequence_reaches_the_terminal(hostile_run: tuple[bytes, int | None]) -> None:
    output, _ = hostile_run
    for sequence in (
        b"\x1b]52;",  # clipboard
        b"\x1b]0;",  # window title
        b"\x1b]2;",
        b"\x1b]8;",  # hyperlink
        b"\x1bP",  # DCS
        b"\x1b[2J\x1b[H \x1b[31mCSI red",  # the payload's CSI, as written
        b"\x1b[31mCSI red",
        b"\xc2\x9b",  # C1 CSI, OSC, DCS, ST as UTF-8
        b"\xc2\x9d",
        b"\xc2\x90",
        b"\xc2\x9c",
    ):
        assert sequence not in output, sequence
    text = output.decode("utf-8", "replace")
    assert re.findall("[\x80-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", text) == []
    for command in OSC_DCS_APC.findall(output):
        assert b"evil" not in command and b"aGlqYWNrZWQ" not in command and b"window" not in command


def test_only_the_escapes_the_bundled_mission_also_gets(
    hostile_run: tuple[bytes, int | None], bundled_run: tuple[bytes, int | None]
) -> None:
    """Textual's own commands (e.g. OSC 22, the pointer shape) are the same for both."""
    hostile = set(OSC_DCS_APC.findall(hostile_run[0]))
    bundled = set(OSC_DCS_APC.findall(bundled_run[0]))
    assert hostile <= bundled
    assert hostile_run[0].count(b"\x07") == bundled_run[0].count(b"\x07")


def test_the_payload_is_drawn_as_text(hostile_run: tuple[bytes, int | None]) -> None:
    text = hostile_run[0].decode("utf-8", "replace")
    assert "[@click=app.quit]click" in text
    assert "␛]52;c;aGlqYWNrZWQ=␇" in text


@pytest.mark.parametrize("mission", [None, HOSTILE], ids=["bundled", "hostile"])
def test_ascii_dumb_terminal_raises_nothing(mission: Path | None) -> None:
    output, code = run_in_pty(mission, KEYS, size=(80, 24), **ASCII_ENV)
    assert code == 0, output[-2000:]
    assert b"UnicodeEncodeError" not in output and b"Traceback" not in output


@pytest.mark.parametrize("format_name", ["text", "md", "csv", "json", "ics"])
def test_exports_in_an_ascii_locale(format_name: str, tmp_path: Path) -> None:
    # A fixed export time: the two runs compared below may straddle a second (ICS DTSTAMP).
    environment = {**os.environ, **ASCII_ENV, "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "tui", "export", "-f", format_name]
    to_stdout = subprocess.run(command, env=environment, capture_output=True, check=False)
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stderr == b""
    assert not to_stdout.stdout.decode("utf-8").isascii()  # the mission's non-ASCII text
    target = tmp_path / f"out.{format_name}"
    to_file = subprocess.run(
        [*command, "-o", str(target)], env=environment, capture_output=True, check=False
    )
    assert to_file.returncode == 0, to_file.stderr
    assert target.read_bytes() == to_stdout.stdout


def test_an_error_naming_a_non_ascii_file_in_an_ascii_locale(tmp_path: Path) -> None:
    environment = {**os.environ, **ASCII_ENV}
    missing = tmp_path / "Пересильд ‮.toml"
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", str(missing)],
        env=environment,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 66
    assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
