"""Measure 6: `q` to the end of the process while the large mission loads, early, in the
middle and at the end of the reading, against `q` on the bundled mission."""

from __future__ import annotations

import contextlib
import os
import re
import select
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .common import Result
from .screen import start_on_pty

MOMENTS = {"early": (1, 35), "middle": (50, 80), "late": (100, 100)}
"""Percentages on the progress line: q is typed once it shows one of them (at 100% the file
is read and the events are being put in time order and checked)."""
TIMEOUT = 600.0
_CONTROL = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]")
"""Terminal control sequences (CSI), stripped to read the screen's text from the stream."""
_PROGRESS = re.compile(r"loading ([\d,]+) events [█░]+ (\d+)%")

Shows = Callable[[str], bool]
"""Whether the text the app has written so far (control sequences stripped) shows a state."""


def quit_latency(path: Path, label: str, runs: int) -> list[Result]:
    """q to the process's end (the terminal closed and the exit status read), on an 80x24
    pseudo-terminal; the bundled mission's run (q once its first frame is up) alternates
    with the large mission's runs."""
    bundled: list[float] = []
    large: dict[str, list[float]] = {moment: [] for moment in MOMENTS}
    missed: list[str] = []
    for _ in range(runs):
        bundled.append(_q_to_exit(None, lambda text: "Quit" in text))
        for moment, (low, high) in MOMENTS.items():
            value = _when_loading(path, _progress_between(low, high))
            if value is None:
                missed.append(moment)
            else:
                large[moment].append(value)
    note = f"moments missed (the load ended first): {', '.join(missed)}" if missed else ""
    results = [
        Result(
            f"q to exit while loading {label} events, {moment}",
            "ms",
            values,
            "q on the bundled mission",
            bundled,
            "<= 200 ms",
            note="" if values else "not reached: the mission loads faster than it is shown",
        )
        for moment, values in large.items()
    ]
    everywhere = [value for values in large.values() for value in values]
    results.append(
        Result(
            f"q to exit while loading {label} events, all moments",
            "ms",
            everywhere,
            "q on the bundled mission",
            bundled,
            "<= 200 ms",
            note=note or "the range's top is the worst moment",
        )
    )
    return results


def _progress_between(low: int, high: int) -> Shows:
    def shows(text: str) -> bool:
        found = _PROGRESS.findall(text[-4000:])
        return bool(found) and found[-1][0] != "0" and low <= int(found[-1][1]) <= high

    return shows


class _TooLateError(Exception):
    """The whole mission was shown before the moment was (a small one loads in one go)."""


def _when_loading(path: Path, ready: Shows) -> float | None:
    """`_q_to_exit` on the large mission once it shows `ready`; None if it was too late."""
    try:
        return _q_to_exit(path, ready)
    except _TooLateError:
        return None


def _q_to_exit(mission: Path | None, ready: Shows) -> float:
    """Milliseconds from typing q, once the app shows `ready`, to the end of the process."""
    with tempfile.TemporaryDirectory() as config:
        arguments = ["-m", "tui", *([str(mission)] if mission else [])]
        process, master = start_on_pty(arguments, {"MISSION_TIMELINE_CONFIG_DIR": config})
        text = ""
        try:
            deadline = time.monotonic() + TIMEOUT
            while not ready(text):
                if "Loaded " in text:  # the notice of a mission loaded whole
                    raise _TooLateError
                data = _read(master, deadline)
                if data is None:
                    raise RuntimeError(f"the app ended: {text[-300:]!r}")
                text += _CONTROL.sub(b"", data).decode(errors="replace")
            typed = time.monotonic()
            os.write(master, b"q")
            while _read(master, deadline) is not None:
                pass
            process.wait(TIMEOUT)
            return (time.monotonic() - typed) * 1000
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            os.close(master)


def _read(master: int, deadline: float) -> bytes | None:
    """What the app writes next; None once it has closed the terminal."""
    ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
    if not ready:
        raise TimeoutError(f"nothing from the app within {TIMEOUT:.0f} s")
    with contextlib.suppress(OSError):
        return os.read(master, 65536) or None
    return None
