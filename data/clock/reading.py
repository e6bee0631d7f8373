"""The clock as shown (a reading: its moment cut to the shown unit, a second or a minute),
and when the next visible change is due, in real seconds.

Everything a surface shows of the clock is a function of its reading: the clock's text, the
events past, now and to come, the countdown, the crew's whereabouts
(`data.clock.position`, `data.clock.facts`). So what is shown changes only where the
reading does, and a surface needs one timer: `refresh_delay`, the real time until the next
reading, and no timer at all while the clock stands still.

How fine a reading is depends on the speed (`shown_precision`): a clock whose seconds change
ten thousand times a real second shows nothing anyone can read, and would cost a refresh per
change. A reading is to the second up to `MAX_CHANGES`x and to the minute above; a minute
is the coarsest (there is no hour precision, and a day would hide the whole launch), so at
3600x and 10,000x the refresh, not the unit, is what is limited: to `MAX_CHANGES` times a
real second, each showing a minute some minutes after the one before.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import msgspec

from data.clock.clock import MissionClock
from data.times.parse import Precision, When

MAX_CHANGES = 10
"""The most times a real second the shown clock changes (the refresh rate's ceiling)."""
_UNIT_S = {Precision.SECOND: 1, Precision.MINUTE: 60}
_FORMS = {Precision.SECOND: "%Y-%m-%dT%H:%M:%SZ", Precision.MINUTE: "%Y-%m-%dT%H:%MZ"}
_LATE = 0.001
"""Real seconds a refresh is scheduled after the reading's end, so that it finds the next
reading even if the timer fires a rounding error early (1 ms: 10 s of mission time at
10,000x, well inside the next minute)."""
_LAST = timedelta(milliseconds=1)


class Reading(msgspec.Struct, frozen=True):
    """The clock as shown: the unit (a second or a minute) its moment is in.

    `when` is that unit as a mission time (`2021-10-05T08:50:00Z`, UTC), so the clock's
    text and its distance to an event come from the same functions as the list's
    (`data.times.display.show`, `data.facts.derived.relative`), at the coarser of the two
    precisions; `start` and `end` bound the unit in POSIX seconds."""

    when: When
    start: float
    end: float

    @property
    def first(self) -> datetime:
        """The unit's first instant (UTC)."""
        return self.when.instant

    @property
    def after(self) -> datetime:
        """The first instant after the unit (UTC)."""
        return self.when.instant + timedelta(seconds=self.end - self.start)

    @property
    def last(self) -> datetime:
        """The unit's last millisecond, where the clock's whereabouts are taken: by then,
        whatever the reading shows as happening now has happened."""
        return self.after - _LAST


def shown_precision(speed: float) -> Precision:
    """How fine the clock is shown at `speed`: to the second while its seconds change at most
    `MAX_CHANGES` times a real second (1x to 10x), else to the minute."""
    return Precision.SECOND if speed <= MAX_CHANGES else Precision.MINUTE


def reading_at(moment: float, precision: Precision) -> Reading:
    """The reading of a clock at `moment` (POSIX seconds) shown to `precision` (a second or
    a minute): the unit that holds it."""
    unit = _UNIT_S[precision]
    start = math.floor(moment) // unit * unit
    first = datetime.fromtimestamp(start, UTC)
    when = When(first, precision, None, timedelta(0), False, first.strftime(_FORMS[precision]))
    return Reading(when, float(start), float(start + unit))


def clock_reading(clock: MissionClock) -> Reading:
    """The reading of `clock` now, at the precision its speed is shown at."""
    return reading_at(clock.now(), shown_precision(clock.speed))


def refresh_delay(clock: MissionClock, shown: Reading) -> float | None:
    """Real seconds until what is shown for the reading `shown` changes (the next reading),
    at least `1 / MAX_CHANGES` (a surface refreshes at most that often); `None` when the
    clock stands still: nothing changes, so no timer runs."""
    if not clock.running:
        return None
    remaining = (shown.end - clock.now()) / clock.speed
    return max(remaining + _LATE, 1 / MAX_CHANGES)
