"""Measure 9: the process CPU the app uses while its mission clock plays, at 1x and at 1000x,
for a fixed real interval, against the same app idle (no clock) in the same run, alternated.

Each run is a fresh process: the app headless at 120x40 on the bundled mission, the clock
set (or not), then `PLAYED` real seconds on the event loop; its CPU time over them is
`time.process_time` (all of the process's threads), so a timer that fired too often, or a
refresh that did too much, shows as CPU that the idle app does not use.
"""

from __future__ import annotations

from .common import Result, run_script

PLAYED = 10.0
"""Real seconds each run plays for."""
MODES = ("idle", "1", "1000")

_SCRIPT = """
import asyncio, json, sys, time
from data.clock.clock import MissionClock
from data.opening import load_bundled
from tui.app import make_app
from tui.config import Config

mode, played = sys.argv[1], float(sys.argv[2])

async def main():
    app = make_app(load_bundled(), config=Config(), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        if mode != "idle":
            launch = screen.mission.event_by_id["launch"].when.instant.timestamp()
            clock = MissionClock.stopped_at(launch).at_speed(float(mode)).resumed()
            screen.set_clock(clock)
        await pilot.pause()
        cpu = time.process_time()
        await asyncio.sleep(played)
        cpu = time.process_time() - cpu
        shown = screen._shown
        print(json.dumps({"cpu": cpu, "clock": "" if shown is None else shown.text}))

asyncio.run(main())
"""


def clock_app(runs: int) -> list[Result]:
    """CPU seconds per real second, playing at 1x and 1000x, each against idle."""
    cpu: dict[str, list[float]] = {mode: [] for mode in MODES}
    for _ in range(runs):
        for mode in MODES:
            cpu[mode].append(run_script(_SCRIPT, mode, str(PLAYED))["cpu"] / PLAYED * 100)
    return [
        Result(
            f"app playing at {speed}x, bundled mission",
            "% of a core",
            cpu[speed],
            "the app idle",
            cpu["idle"],
            note=f"process CPU over {PLAYED:g} real seconds, headless",
        )
        for speed in ("1", "1000")
    ]
