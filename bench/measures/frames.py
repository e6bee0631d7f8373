"""Measures 1 and 2: process start to the first frame and the complete first screen (bundled
mission), to the first frame and to the whole mission shown (large mission), each against
its baseline."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .common import PROBE, ROOT, Result
from .loading import LOAD_SCRIPT
from .screen import Drawn, Shows, run_on_pty


def first_screen(runs: int) -> list[Result]:
    """Process start to the first frame, and to the complete first screen, of the bundled
    mission, each against the bare app's (its one frame is its complete screen), alternated;
    with the CPU time the process had used by its complete screen."""
    first: dict[str, list[float]] = {"app": [], "bare": []}
    complete: dict[str, list[float]] = {"app": [], "bare": []}
    cpu: dict[str, list[float]] = {"app": [], "bare": []}
    command: list[float] = []
    failure = command_failure = ""
    for _ in range(runs):
        for target in ("bare", "app"):
            try:
                times = _screen_times(target)
            except RuntimeError as error:
                failure = str(error)
                continue
            for values, value in zip((first, complete, cpu), times, strict=True):
                values[target].append(value)
        try:
            command.append(_command_time())
        except RuntimeError as error:
            command_failure = str(error)
    if not complete["app"]:
        return [Result("first screen, bundled mission", "ms", [], note=f"failed: {failure}")]
    app_cpu, bare_cpu = (statistics.median(cpu[target]) for target in ("app", "bare"))
    note = f"CPU time by then: {app_cpu:.0f} ms, bare {bare_cpu:.0f} ms"
    return [
        Result(
            "first frame (partial), bundled mission",
            "ms",
            first["app"],
            "bare app",
            first["bare"],
            "<= 1.25x bare",
            failure,
        ),
        Result(
            "complete first screen, bundled mission",
            "ms",
            complete["app"],
            "bare app",
            complete["bare"],
            "<= 1.25x bare",
            f"{note}; {failure}" if failure else note,
        ),
        Result(
            "complete first screen, the command itself",
            "ms",
            command,
            "bare app",
            complete["bare"],
            "",
            "`mission-timeline` as a user starts it, no probe: checks the probe's figure"
            + (f"; {command_failure}" if command_failure else ""),
        ),
    ]


COMMAND = Path(sys.executable).with_name("mission-timeline")
"""The console script installed beside this Python: the app as its users start it."""


def _command_time() -> float:
    """Milliseconds from spawning the `mission-timeline` command itself (no probe, so no CPU
    time) to its complete first screen, as `_screen_times` reads it."""
    if not COMMAND.exists():
        raise RuntimeError(f"no {COMMAND}")
    with tempfile.TemporaryDirectory() as folder:
        drawn, _ = run_on_pty(
            [str(COMMAND)], timeout=60, quiet=QUIET, env={"MISSION_TIMELINE_CONFIG_DIR": folder}
        )
        return drawn.settled(COMPLETE["app"])[0]


def first_frame(runs: int, mission: Path, label: str) -> Result:
    """Process start to the large mission's first frame (header, progress line, empty list),
    the app against the bare app, alternated."""
    app: list[float] = []
    bare: list[float] = []
    failure = ""
    for _ in range(runs):
        for target, values in ((["bare"], bare), (["app", str(mission)], app)):
            try:
                values.append(_frame_time(target, timeout=600))
            except RuntimeError as error:
                failure = str(error)
    name = f"first frame, {label} events"
    if failure and not app:
        return Result(name, "ms", [], note=f"could not be measured: {failure}")
    return Result(name, "ms", app, "bare app", bare, "<= 2x bare", note=failure)


def loaded_in_app(runs: int, mission: Path, label: str) -> Result:
    """Process start to the whole large mission shown in the app (its worker done and the
    list rebuilt for it), against a fresh process that only loads it (`load_mission`)."""
    app: list[float] = []
    alone: list[float] = []
    failure = ""
    for _ in range(runs):
        try:
            app.append(_frame_time(["app-loaded", str(mission)], timeout=600) / 1000)
        except RuntimeError as error:
            failure = str(error)
        output = subprocess.run(
            [sys.executable, "-c", LOAD_SCRIPT, "app", str(mission)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        alone.append(json.loads(output)["seconds"])
    name = f"fully loaded in the app, {label} events (s)"
    if failure and not app:
        return Result(name, "s", [], note=f"could not be measured: {failure}")
    return Result(name, "s", app, "load_mission alone", alone, "<= 3 s at 1M", note=failure)


def _frame_time(target: list[str], timeout: float) -> float:
    """Milliseconds from spawning the probe to its first frame, on an 80x24 pseudo-terminal."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "frame"
        drawn, _ = run_on_pty([str(PROBE), str(report), *target], timeout=timeout)
        return _reported(report, drawn)


def _screen_times(target: str) -> tuple[float, float, float]:
    """Milliseconds from spawning the probe (`bare`, or `app` on the bundled mission) to its
    first frame, and to its complete first screen: the screen as the app leaves it once it
    has written nothing for `QUIET` seconds, timed at the read that brought its last change,
    and checked to show what `COMPLETE` names (else `RuntimeError`); and the CPU time the
    process had used when it displayed the last frame before that read. The settings are
    isolated (a fresh settings folder), so the screen is the defaults'."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "frame"
        drawn, _ = run_on_pty(
            [str(PROBE), str(report), "--stay", target],
            timeout=60,
            quiet=QUIET,
            env={"MISSION_TIMELINE_CONFIG_DIR": folder},
        )
        settled, _ = drawn.settled(COMPLETE[target])
        at = drawn.started + settled * 1e6
        frames = [
            tuple(map(int, line.split()))
            for line in report.with_suffix(".frames").read_text().splitlines()
        ]
        cpu = max((cpu for when, cpu in frames if when <= at), default=0)
        return _reported(report, drawn), settled, cpu / 1e6


def _reported(report: Path, drawn: Drawn) -> float:
    """Milliseconds from the start to the first frame the probe wrote in `report`."""
    if not report.exists():
        text = b"".join(data for _, data in drawn.chunks).decode(errors="replace")
        raise RuntimeError(f"no frame: {text[-300:].strip()!r}")
    return (int(report.read_text()) - drawn.started) / 1e6


def _complete_mission_screen(lines: list[str]) -> bool:
    """The bundled mission's first screen, complete: the title on the first line, the rows
    with the cursor's, the selected event's detail and the footer's keys."""
    screen = "\n".join(lines)
    return (
        bool(lines[0].strip())
        and "▶" in screen
        and all(label in screen for label in ("UTC:", "As stated:", "Phase:"))
        and all(key in lines[-1] for key in ("Search", "Help", "Quit"))
    )


QUIET = 1.0
"""Seconds without output after which a screen counts as settled."""
COMPLETE: dict[str, Shows] = {
    "app": _complete_mission_screen,
    "bare": lambda lines: any("Hello from a bare Textual app." in line for line in lines),
}
"""What each probe's complete first screen shows."""
