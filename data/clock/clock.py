"""The mission clock: a moment in mission time that stands still or runs at a speed, always
computed from one reading of the real clock, never added up tick by tick.

A running clock is the mission time `start` at the real time `since`, going at `speed`
mission seconds per real second: at real time `t` it reads `start + speed * (t - since)`.
However often it is read, at any speed and after any gap in the readings (a suspended app,
`ctrl+z` then `fg`), it is as right as the real clock: there is no sum to drift. Every change
(pause, resume, a new moment, a new speed) makes a new value rebased at the current real
time, so the shown time never jumps.

The real clock is injected (`RealClock`); it is the system's wall clock by default, because
the live clock *is* the wall clock (mission time = the real time in UTC), and one clock is
one thing for a test to fake. Mission times are POSIX seconds, as in the event store's
`instants` column.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC, datetime

import msgspec
from msgspec.structs import replace

from data.i18n import _
from data.sanitize import quote
from data.times.parse import When

RealClock = Callable[[], float]
"""Reads the real time in seconds (the wall clock, `time.time`, unless a test fakes it)."""

SPEEDS = (1.0, 10.0, 60.0, 600.0, 3_600.0, 10_000.0)
"""The speeds the faster and slower keys step through. 1x is real time and 60x a minute per
second, which the shown clock (`data.clock.reading`) shows changing once a real second; 10x
and 600x are the fastest at which its seconds, or its minutes, change no more than ten times
a second; 3600x is an hour a second (a day in 24 s); 10,000x is the ceiling (the 176 days of
Soyuz MS-19 in under 25 minutes). No step is more than ten times the one before, so one key
press never skips an order of magnitude."""
SLOWEST = SPEEDS[0]
FASTEST = SPEEDS[-1]


class MissionClock(msgspec.Struct, frozen=True):
    """A moment in mission time, standing still (`running` false) or running at `speed`.

    `live`: the clock is the real clock (mission time = `real()`, speed 1); any change but
    `resumed` leaves live mode, since the clock then no longer shows the real time.
    A msgspec `Struct` (made in C; a frozen dataclass's generated methods were compiled at
    start-up, about 3M instructions): two clocks are equal when they read the same real
    clock too, and `replace` checks the new one (`__post_init__`) as the constructor does."""

    real: RealClock
    start: float
    """Mission time, in POSIX seconds, at the real time `since` (a stopped clock's moment)."""
    since: float
    speed: float = SLOWEST
    running: bool = False
    live: bool = False

    def __post_init__(self) -> None:
        check_speed(self.speed)
        if self.live and (not self.running or self.speed != SLOWEST):
            raise ValueError("a live clock runs at 1x")

    @classmethod
    def stopped_at(cls, moment: float, real: RealClock = time.time) -> MissionClock:
        """A clock standing at `moment` (POSIX seconds), at 1x once resumed."""
        return cls(real, moment, real())

    @classmethod
    def following(cls, real: RealClock = time.time) -> MissionClock:
        """The live clock: mission time is the real time, always."""
        now = real()
        return cls(real, now, now, SLOWEST, running=True, live=True)

    def now(self) -> float:
        """The mission time now, in POSIX seconds: one reading of the real clock."""
        return self._at(self.real())

    def moment(self) -> datetime:
        """The mission time now, as an aware datetime in UTC."""
        return datetime.fromtimestamp(self.now(), UTC)

    def paused(self) -> MissionClock:
        """This clock stopped at the mission time now (no longer live)."""
        real = self.real()
        return replace(self, start=self._at(real), since=real, running=False, live=False)

    def resumed(self) -> MissionClock:
        """This clock running from the moment it stands at (unchanged if it runs)."""
        if self.running:
            return self
        return replace(self, since=self.real(), running=True)

    def toggled(self) -> MissionClock:
        """Paused if it runs, else resumed (the play/pause key)."""
        return self.paused() if self.running else self.resumed()

    def set_to(self, moment: float) -> MissionClock:
        """This clock at `moment` (POSIX seconds; see `moment_of` for an event), running or
        not as before, no longer live."""
        return replace(self, start=moment, since=self.real(), live=False)

    def at_speed(self, speed: float) -> MissionClock:
        """This clock at `speed`, rebased at the mission time now so that the shown time
        does not jump (no longer live if the speed changes)."""
        check_speed(speed)
        if speed == self.speed:
            return self
        real = self.real()
        return replace(self, start=self._at(real), since=real, speed=speed, live=False)

    def faster(self) -> MissionClock:
        """This clock at the next speed up the ladder (`SPEEDS`), or as it is at the top."""
        return self.at_speed(faster(self.speed))

    def slower(self) -> MissionClock:
        """This clock at the next speed down the ladder, or as it is at 1x."""
        return self.at_speed(slower(self.speed))

    def _at(self, real: float) -> float:
        """The mission time at the real time `real` (the closed form; live: `real` itself)."""
        if self.live:
            return real
        if not self.running:
            return self.start
        return self.start + self.speed * (real - self.since)


def moment_of(when: When) -> float:
    """The moment to set the clock to for an event: where the list places it (its instant;
    a date at its last second), so that the clock is inside the event's unit and the event
    is the last one the clock has reached (`data.clock.position`)."""
    return when.instant.timestamp()


def check_speed(speed: float) -> float:
    """`speed` if it is a speed the clock runs at (1x to 10,000x), else `ValueError`."""
    if not math.isfinite(speed) or not SLOWEST <= speed <= FASTEST:
        message = _("a speed from {slowest} to {fastest}")
        raise ValueError(message.format(slowest=speed_text(SLOWEST), fastest=speed_text(FASTEST)))
    return speed


def faster(speed: float) -> float:
    """The next speed of the ladder above `speed` (`speed` itself at the top)."""
    return next((step for step in SPEEDS if step > speed), speed)


def slower(speed: float) -> float:
    """The next speed of the ladder below `speed` (`speed` itself at 1x)."""
    return next((step for step in reversed(SPEEDS) if step < speed), speed)


def speed_text(speed: float) -> str:
    """`1x`, `600x`, `10,000x`, `2.5x`."""
    return f"{speed:,g}x"


def parse_speed(text: str) -> float:
    """A speed as a user writes it (`600`, `600x`, `10,000x`, `2.5`); `ValueError` saying
    what is accepted otherwise."""
    cleaned = text.strip().lower().removesuffix("x").replace(",", "").replace("_", "")
    try:
        speed = float(cleaned)
    except ValueError:
        speed = math.nan
    try:
        return check_speed(speed)
    except ValueError as error:
        message = _("not a speed: {text} ({reason}, e.g. 60x)")
        raise ValueError(message.format(text=quote(text), reason=error)) from None
