"""Where the steps of a zone's calendar fall: the instants of its local hours, days, months
and years between two instants, right across changes of offset."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Literal

Unit = Literal["second", "minute", "hour", "day", "month", "year"]

_SECONDS: dict[str, int] = {"second": 1, "minute": 60, "hour": 3_600, "day": 86_400}
_SHORTEST: dict[str, int] = {**_SECONDS, "month": 28 * 86_400, "year": 365 * 86_400}
EARLIEST = datetime(1, 1, 2, tzinfo=UTC).timestamp()
LATEST = datetime(9999, 12, 30, tzinfo=UTC).timestamp()
"""The instants a calendar step is looked for between (Python's dates, a day inside)."""


@dataclass(frozen=True, slots=True)
class Step:
    """`count` units of the local calendar: 15 minutes, 6 hours, 2 days, 3 months."""

    unit: Unit
    count: int

    @property
    def seconds(self) -> int:
        """Its length, for a unit of fixed length (up to a day)."""
        return self.count * _SECONDS[self.unit]

    @property
    def shortest(self) -> int:
        """Its shortest length in seconds (a month of 28 days, a year of 365)."""
        return self.count * _SHORTEST[self.unit]


def clock_starts(seconds: int, tz: tzinfo, start: float, end: float) -> Iterator[float]:
    """The instants from `start` (included) to `end` whose local time in `tz` is a whole
    multiple of `seconds` (a step of a day or less): across a change of offset the local
    clock is followed, so an hour that repeats has two ticks and one that is skipped none."""
    x, end = max(start, EARLIEST), min(end, LATEST)
    while x < end:
        offset = _offset(x, tz)
        candidate = math.ceil((x + offset) / seconds) * seconds - offset
        reach = min(candidate, end)
        if _offset(reach, tz) != offset:
            # The offset changes first: align to the new one. (A clock put forward reaches
            # its next multiple sooner, maybe before `end` though `candidate` is not.)
            x = _change(x, reach, tz)
            continue
        if candidate >= end:
            return
        yield candidate
        x = candidate + 1


def day_starts(count: int, tz: tzinfo, start: float, end: float) -> Iterator[float]:
    """The local midnights from `start` to `end` of days 1, 1 + count, 1 + 2 count... of each
    month, leaving out a last one closer than `count` days to the next month's first."""
    for month in _months(tz, start, end):
        length = (_next_month(month) - month).days
        for day in range(1, length + 1, count):
            if count == 1 or day - 1 + count <= length:
                instant = _midnight(month.replace(day=day), tz)
                if start <= instant < end:
                    yield instant


def month_starts(count: int, tz: tzinfo, start: float, end: float) -> Iterator[float]:
    """The local starts of months 1, 1 + count... of each year from `start` to `end`."""
    for month in _months(tz, start, end):
        if (month.month - 1) % count == 0:
            instant = _midnight(month, tz)
            if start <= instant < end:
                yield instant


def year_starts(count: int, tz: tzinfo, start: float, end: float) -> Iterator[float]:
    """The local starts of the years divisible by `count` from `start` to `end`."""
    first, last = _local_date(start, tz).year, _local_date(end, tz).year
    for year in range(first + (-first) % count, last + 1, count):
        instant = _midnight(date(year, 1, 1), tz)
        if start <= instant < end:
            yield instant


def _months(tz: tzinfo, start: float, end: float) -> Iterator[date]:
    """The first day of each local month that `start` to `end` touches."""
    month = _local_date(start, tz).replace(day=1)
    last = _local_date(end, tz)
    while month <= last:
        yield month
        if month.year == 9999 and month.month == 12:
            return
        month = _next_month(month)


def _local_date(instant: float, tz: tzinfo) -> date:
    return datetime.fromtimestamp(min(max(instant, EARLIEST), LATEST), tz).date()


def _midnight(day: date, tz: tzinfo) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=tz).timestamp()


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _offset(instant: float, tz: tzinfo) -> float:
    offset = datetime.fromtimestamp(instant, tz).utcoffset()
    return 0.0 if offset is None else offset.total_seconds()


def _change(before: float, after: float, tz: tzinfo) -> float:
    """The first whole second after `before`, up to `after`, at another offset than
    `before`'s (offsets change on whole seconds)."""
    old = _offset(before, tz)
    low, high = math.floor(before), math.ceil(after)
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(middle, tz) == old:
            low = middle
        else:
            high = middle
    return float(high)
