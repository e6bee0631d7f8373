"""Measure 8: the mission clock's work per refresh on the large mission (the events past,
the clock's text, the next event and its countdown, the last and the time since), against
one bisection of the time column; and how many refreshes a second it asks for at 1x, 60x,
1000x and 10,000x, with the data layer's share of a core that makes."""

from __future__ import annotations

import time
from bisect import bisect_right
from pathlib import Path
from statistics import median

from .common import Result

SPEEDS = (1.0, 60.0, 1_000.0, 10_000.0)
ZONE = "Europe/Moscow"
PLAYED = 60.0
"""Real seconds of playing simulated to count the refreshes."""


class _StepClock:
    """A real clock moved by hand: the refresh count needs no waiting."""

    def __init__(self) -> None:
        self.now = 1_780_000_000.0

    def __call__(self) -> float:
        return self.now


def clock(path: Path, label: str, runs: int) -> list[Result]:
    from data.clock.clock import MissionClock
    from data.clock.facts import CrewStays, clock_facts
    from data.clock.reading import clock_reading, reading_at, refresh_delay, shown_precision
    from data.facts.derived import TimeMode
    from data.opening import load_mission
    from data.times.parse import Precision

    mission = load_mission(path)
    events = mission.events
    instants = events.columns.instants
    anchor = mission.reference_event
    first, last = instants[0], instants[len(instants) - 1]
    readings = [reading_at(first + (last - first) * k / 499, Precision.SECOND) for k in range(500)]

    def refreshes() -> None:
        for reading in readings:
            clock_facts(events, reading, ZONE, TimeMode.T_MINUS, anchor)

    def bisections() -> None:
        for reading in readings:
            bisect_right(instants, reading.start)

    crew = CrewStays.of(mission)

    def crews() -> None:
        for reading in readings[::10]:
            crew.at(reading)

    refresh_us: list[float] = []
    bisect_us: list[float] = []
    crew_us: list[float] = []
    for _ in range(runs):
        for function, store, count in (
            (bisections, bisect_us, len(readings)),
            (refreshes, refresh_us, len(readings)),
            (crews, crew_us, len(readings[::10])),
        ):
            started = time.perf_counter()
            function()
            store.append((time.perf_counter() - started) / count * 1e6)
    results = [
        Result(
            f"clock refresh (past, text, next, countdown), {label} events",
            "us",
            refresh_us,
            "one bisection",
            bisect_us,
            note="per refresh, at 500 moments across the mission",
        ),
        Result(
            f"clock crew (where each person is), {label} events",
            "us",
            crew_us,
            "one bisection",
            bisect_us,
            note=f"{len(mission.people)} people; for the crew pane and an aboard count",
        ),
    ]
    cost = median(refresh_us) / 1e6
    for speed in SPEEDS:
        real = _StepClock()
        playing = MissionClock.stopped_at(first, real).at_speed(speed).resumed()
        count = 0
        shown = clock_reading(playing)
        end = real.now + PLAYED
        while (delay := refresh_delay(playing, shown)) is not None and real.now + delay <= end:
            real.now += delay
            shown = clock_reading(playing)
            count += 1
        rate = count / PLAYED
        unit = "second" if shown_precision(speed) is Precision.SECOND else "minute"
        results.append(
            Result(
                f"clock at {speed:,g}x: data-layer CPU, {label} events",
                "us/s",
                [rate * cost * 1e6],
                note=f"{rate:.1f} refreshes a second (shown to the {unit}) x the refresh's cost",
            )
        )
    return results
