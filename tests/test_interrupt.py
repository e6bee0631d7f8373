"""Ctrl-C (SIGINT) at any moment of a command: exit 130, the one line "mission-timeline:
interrupted" on stderr and nothing else (no traceback), and no file left behind: neither the
export's target nor its temporary file (issue 11).

Each test sends the interrupt at a moment seen from outside the process, through /proc
(`tests.processes`): the large mission being read (early, late), read to its end (the file
still open while the events are put in time order and checked), the export's temporary file
in the folder, output arriving, a write blocked on a full pipe (inside argparse, for
`--help`). The process is stopped while the test checks the moment, so the interrupt lands in
it whatever the machine's speed.

(The first few tens of milliseconds of a process are Python's own start-up, before any code
of the project runs: an interrupt there is Python's, and is not tested.)
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import IO

import pytest

from data.exit_codes import ExitCode
from data.opening import BUNDLED_MISSION
from tests.generated import write_mission
from tests.processes import (
    Moment,
    blocked_writing_to_a_pipe,
    position,
    signal_when,
    wait_until,
)

EVENTS = 50_000
"""A mission read in about a second (14 MB, 14 blocks), built and checked in a tenth."""
INTERRUPTED = b"mission-timeline: interrupted\n"
SAME_WORKER = pytest.mark.xdist_group("large-mission-interrupts")
"""The tests share one generated mission, made once on one worker."""
pytestmark = SAME_WORKER


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_mission(tmp_path_factory.mktemp("large") / "large.jsonl", EVENTS)


def _start(
    args: list[str], stdout: int | IO[bytes] = subprocess.DEVNULL, **env: str
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
    )


def _assert_interrupted(process: subprocess.Popen[bytes]) -> None:
    _, errors = process.communicate(timeout=60)
    assert (process.returncode, errors) == (ExitCode.INTERRUPTED, INTERRUPTED)


def reading(start: float, stop: float) -> Callable[[Path], Moment]:
    """A file open and read past `start`, up to `stop` (fractions of its size; at 1, read to
    its end and still open: the events are being put in time order and checked)."""

    def at(path: Path) -> Moment:
        size = path.stat().st_size

        def moment(pid: int) -> bool:
            offset = position(pid, path)
            return offset is not None and start * size < offset <= stop * size

        return moment

    return at


def temporary_file(folder: Path) -> Moment:
    """The export's temporary file is in `folder`: the export is being written."""
    return lambda _pid: any(folder.iterdir())


MOMENTS = {
    "early in reading": reading(0.0, 0.4),
    "late in reading": reading(0.6, 0.99),
    "after reading": reading(0.99, 1.0),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_check(moment: str, large: Path) -> None:
    process = _start(["check", str(large)])
    signal_when(process, MOMENTS[moment](large), moment)
    _assert_interrupted(process)


@pytest.mark.parametrize("moment", [*MOMENTS, "while writing"])
def test_export_to_a_file(moment: str, large: Path, tmp_path: Path) -> None:
    """Nothing is left: neither the target nor a temporary file in its folder."""
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "timeline.txt"
    process = _start(["export", str(large), "-o", str(target)])
    when = temporary_file(folder) if moment == "while writing" else MOMENTS[moment](large)
    signal_when(process, when, moment)
    _assert_interrupted(process)
    assert list(folder.iterdir()) == []


def output_arrived(pipe: IO[bytes]) -> Moment:
    return lambda _pid: bool(select.select([pipe], [], [], 0)[0])


@pytest.mark.parametrize("moment", ["early in reading", "while writing"])
def test_export_to_standard_output(moment: str, large: Path) -> None:
    process = _start(["export", str(large)], stdout=subprocess.PIPE)
    assert process.stdout is not None
    when = output_arrived(process.stdout) if moment == "while writing" else MOMENTS[moment](large)
    signal_when(process, when, moment)
    _assert_interrupted(process)


@pytest.fixture
def full_pipe() -> Iterator[tuple[int, int]]:
    """A pipe (read end, write end) that is already full: a write to it blocks until the
    test reads it."""
    read, write = os.pipe()
    flags = fcntl.fcntl(write, fcntl.F_GETFL)
    fcntl.fcntl(write, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    with suppress(BlockingIOError):
        while os.write(write, b"x" * 4096):
            pass
    fcntl.fcntl(write, fcntl.F_SETFL, flags)
    yield read, write
    for end in (read, write):
        with suppress(OSError):  # a test may have closed one
            os.close(end)


BLOCKED = {
    # Unbuffered, `--help` blocks inside argparse, as it prints the help.
    "help, in argparse": (["--help"], "1"),
    "export help, in argparse": (["export", "--help"], "1"),
    "version, in argparse": (["--version"], "1"),
    # Buffered, they block once the buffer fills or in the flush at the end.
    "schema": (["schema"], ""),
    "check's report": (["check", str(BUNDLED_MISSION)], ""),
}


@pytest.mark.parametrize("case", list(BLOCKED))
def test_blocked_writing_to_a_full_pipe(case: str, full_pipe: tuple[int, int]) -> None:
    """The output's reader never reads (a pager stopped, say): the interrupt still ends the
    command at once, and what it had not written yet is dropped, not flushed at exit."""
    args, unbuffered = BLOCKED[case]
    process = _start(args, full_pipe[1], PYTHONUNBUFFERED=unbuffered)
    wait_until(process, blocked_writing_to_a_pipe, f"{case} blocked writing")
    process.send_signal(signal.SIGINT)
    _assert_interrupted(process)


def test_more_interrupts_do_not_cut_the_cleanup_short(
    large: Path, tmp_path: Path, full_pipe: tuple[int, int]
) -> None:
    """Ctrl-C pressed again while the command ends: the first one counts and the others are
    ignored. Here its last line is held up by a standard error that nobody reads yet (a full
    pipe): a second interrupt then must not turn it into a traceback."""
    folder = tmp_path / "out"
    folder.mkdir()
    read, write = full_pipe
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "export", str(large), "-o", str(folder / "timeline.txt")],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=write,
    )
    os.close(write)  # the child's is the only one left: reading ends when it has ended
    signal_when(process, temporary_file(folder), "the temporary file")
    wait_until(process, blocked_writing_to_a_pipe, "the last line held up")
    process.send_signal(signal.SIGINT)
    with os.fdopen(read, "rb", closefd=False) as reader:
        errors = reader.read()
    assert (process.wait(60), errors.lstrip(b"x")) == (ExitCode.INTERRUPTED, INTERRUPTED)
    assert list(folder.iterdir()) == []


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_an_ignored_interrupt_stays_ignored(large: Path, tmp_path: Path) -> None:
    """Started with SIGINT ignored (a background job of a shell script, `cmd &`), the command
    is not interrupted: it writes the whole export."""
    target = tmp_path / "timeline.txt"
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "export", str(large), "-o", str(target)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_ignore_interrupts,
    )
    signal_when(process, MOMENTS["early in reading"](large), "early in reading")
    _, errors = process.communicate(timeout=120)
    assert (process.returncode, errors) == (ExitCode.OK, b"")
    assert target.read_text(encoding="utf-8").count("\n") > EVENTS
