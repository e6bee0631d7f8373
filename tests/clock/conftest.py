"""Helpers of the mission-clock tests: a real clock the test moves by hand, and moments."""

from __future__ import annotations

from datetime import datetime

START_NS = 1_780_000_000_000_000_000
"""Where the fake real clock starts: a wall-clock time in 2026, in nanoseconds."""


class FakeRealClock:
    """A real clock that moves only when told, kept in whole nanoseconds so that the fake
    itself never drifts, however many times it is moved."""

    def __init__(self) -> None:
        self.ns = START_NS

    def __call__(self) -> float:
        return self.ns / 1e9

    def advance(self, seconds: float) -> None:
        self.ns += round(seconds * 1e9)


def utc(text: str) -> float:
    """The POSIX instant of an ISO time in UTC (`2021-10-05T08:50:00`)."""
    return datetime.fromisoformat(text + "+00:00").timestamp()
