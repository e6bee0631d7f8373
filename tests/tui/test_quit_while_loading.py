"""Quitting the app on a real terminal while a large mission loads or is exported, and
interrupting it.

- `q` early, in the middle and at the end of the reading (seen on the progress line): the app
  ends at once with exit code 0, and has not read the rest of the file (the reading thread is
  told to stop and is never waited for; the bytes the process read after `q`, counted by the
  kernel, are fewer than what was left of the file).
- `q` while the export dialog's export of the large mission is being written: the app ends
  with 0 without waiting for the export, which is discarded (no file, no temporary left).
- SIGINT (`kill -INT`; Ctrl-C typed in the app is a key) while loading and while idle: the
  app closes its screen, puts the terminal back as it found it (canonical mode, echo), and
  ends with exit code 130 and the one line "mission-timeline: interrupted"; no traceback.

How fast `q` quits is measured by the benchmark (`bench/run.py --only quit`), never here.
"""

from __future__ import annotations

import re
import signal
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from data.exit_codes import ExitCode
from tests.generated import write_mission
from tests.processes import bytes_read, ended, position

from .pty_app import DEADLINE, PtyApp

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


def test_q_during_an_export_discards_it(large: Path, tmp_path: Path) -> None:
    """Textual waits for its worker threads as the app closes: the export's stops at its next
    block once the app quits, and removes its temporary file. Without that, q waited for the
    whole export and the file was put in place afterwards."""
    folder = tmp_path / "exports"
    folder.mkdir()
    target = str(folder / "timeline.txt")
    app = PtyApp(large, tmp_path / "config", size=SIZE)
    try:
        app.wait_for(lambda screen: any("Loaded" in line for line in screen), "the loaded notice")
        _fill_in_the_file(app, target)
        app.type(b"\r")
        deadline = time.monotonic() + DEADLINE
        while not any(folder.iterdir()):  # the export's temporary file, once it begins
            assert time.monotonic() < deadline, "the export never began"
            assert app.read(min(deadline, time.monotonic() + 0.05)), "the app ended"
        app.type(b"q")
        app.wait_closed()
        code = app.exit_code()
    finally:
        app.close()
    _quiet_end(app)
    assert code == ExitCode.OK
    assert list(folder.iterdir()) == [], "the export was written to the end after q"


def _fill_in_the_file(app: PtyApp, path: str) -> None:
    """Open the export dialog and put `path` in its file field, a key at a time (keys typed
    in one burst can arrive before the focus has moved)."""
    app.type(b"e")
    app.wait_for(lambda screen: any(_file_field(line) for line in screen), "the dialog")
    field = next(y for y, line in enumerate(app.screen.display) if _file_field(line))
    app.type(b"\t\t")  # past the format and the zones
    app.wait_for(lambda _: app.screen.cursor.y == field, "the focus on the file field")
    app.type(b"\x01")  # home,
    app.type(b"\x0b")  # delete to the end
    app.wait_for(lambda screen: ".txt" not in screen[field], "the file field emptied")
    app.type(path.encode())
    app.wait_for(lambda screen: "timeline.txt" in screen[field], "the path typed")


def _file_field(line: str) -> bool:
    """Whether a line of the screen is the export dialog's file field (the suggested name)."""
    return "▊" in line and ".txt" in line


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
