"""Quitting the app on a real terminal while a large mission loads, and interrupting it.

- `q` early, in the middle and at the end of the reading (seen on the progress line): the app
  ends at once with exit code 0, and has not read the rest of the file (the reading thread is
  told to stop and is never waited for; the bytes the process read after `q`, counted by the
  kernel, are fewer than what was left of the file).
- SIGINT (`kill -INT`; Ctrl-C typed in the app is a key) while loading and while idle: the
  app closes its screen, puts the terminal back as it found it (canonical mode, echo), and
  ends with exit code 130 and the one line "mission-timeline: interrupted"; no traceback.

How fast `q` quits is measured by the benchmark (`bench/run.py --only quit`), never here.
"""

from __future__ import annotations

import re
import signal
import termios
from collections.abc import Callable
from pathlib import Path

import pytest

from data.exit_codes import ExitCode
from tests.generated import write_mission
from tests.processes import bytes_read, ended, position

from .pty_app import PtyApp

EVENTS = 100_000
"""A mission the app reads in a few seconds (28 MB): time to press q at each moment."""
SIZE = (100, 30)
PROGRESS = re.compile(r"loading +([\d,]+) events .* (\d+)%")
ALTERNATE_SCREEN_OFF = b"\x1b[?1049l"
pytestmark = pytest.mark.xdist_group("quit-while-loading")
"""The tests share one generated mission, made once on one worker."""


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_mission(tmp_path_factory.mktemp("large") / "large.jsonl", EVENTS)


def percent(screen: list[str]) -> int | None:
    """The percentage on the progress line, once an event has been read."""
    for line in screen:
        match = PROGRESS.search(line)
        if match and match[1] != "0":
            return int(match[2])
    return None


def progress_between(low: int, high: int) -> Callable[[list[str]], bool]:
    def shows(screen: list[str]) -> bool:
        shown = percent(screen)
        return shown is not None and low <= shown <= high

    return shows


MOMENTS = {
    "early": (1, 35),
    "middle": (50, 80),
    "late": (100, 100),
}
"""Percentages on the progress line; at 100% the file is read and the events are being put
in time order and checked (the generated mission is not in time order)."""


def _quiet_end(app: PtyApp) -> bytes:
    """What the app wrote, once it has ended without a traceback."""
    output = bytes(app.output)
    assert b"Traceback" not in output, output[-3000:]
    return output


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_q_quits_at_any_moment_of_a_load(moment: str, large: Path, tmp_path: Path) -> None:
    app = PtyApp(large, tmp_path / "config", size=SIZE)
    try:
        app.wait_for(progress_between(*MOMENTS[moment]), f"the progress line {moment}")
        pid = app.process.pid
        at, before = position(pid, large), bytes_read(pid)
        app.type(b"q")
        app.wait_closed()
        ended(app.process)
        read_after_q = bytes_read(pid) - before
        code = app.exit_code()
    finally:
        app.close()
    _quiet_end(app)
    assert code == ExitCode.OK
    left = large.stat().st_size - (at or 0)
    if moment != "late":  # (at 100% the file is read: the events are being sorted)
        assert at is not None and read_after_q < left, "the reading went on to the end"


def _interrupt(app: PtyApp, shows: Callable[[list[str]], bool], what: str) -> None:
    """SIGINT once the screen `shows` it: the app puts the terminal back and ends with 130
    and the one line, after it has left its screen."""
    try:
        app.wait_for(shows, what)
        app.process.send_signal(signal.SIGINT)
        app.wait_closed()
        code = app.exit_code()
        lflag = termios.tcgetattr(app.master)[3]
    finally:
        app.close()
    output = _quiet_end(app)
    assert code == ExitCode.INTERRUPTED
    restored, _, after = output.rpartition(ALTERNATE_SCREEN_OFF)
    assert restored, "the app never left its screen"
    assert after.strip().endswith(b"mission-timeline: interrupted")
    assert lflag & termios.ICANON and lflag & termios.ECHO, "the terminal is left raw"


@pytest.mark.parametrize("moment", ["middle", "late"])
def test_sigint_while_loading(moment: str, large: Path, tmp_path: Path) -> None:
    app = PtyApp(large, tmp_path / "config", size=SIZE)
    _interrupt(app, progress_between(*MOMENTS[moment]), f"the progress line {moment}")


def test_sigint_while_idle(tmp_path: Path) -> None:
    app = PtyApp(None, tmp_path / "config", size=SIZE)
    _interrupt(app, lambda screen: "q Quit" in screen[-1], "the first frame")
