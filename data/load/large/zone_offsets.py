"""The offset of a zone all through a month or a day, for a million local times at once: the
offset `data.times.bulk.constant_offset` finds, without sampling every month of every zone.

`constant_offset` samples a zone through the month (daily) or the day (hourly) asked about: a
few dozen calls into zoneinfo each, and a large mission meets thousands of months in a dozen
zones. Here each zone's changes of offset are found once over the span of its times (sampled
every `SAMPLE_S` seconds and bisected, as `data.times.display_bulk` does: no two changes of a
zone in the tzdata are closer, tests/export/test_bulk_times.py). A month with no change within
`MARGIN_S` of it has one offset all through, read off the changes found, for all its times at
once (numpy); so has such a day of a month near a change. Only a day near a change asks
`constant_offset` itself, so the answer is always its own.

The changes found are kept for the process, and can be handed to another one (`learned`,
`teach`: the cache of a large mission keeps them), which takes them only once each has been
seen to hold.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from itertools import pairwise

import numpy as np

from data.times.bulk import constant_offset
from data.times.parse import TimeFormatError, zone_info

SAMPLE_S = 3 * 86_400
"""Zones are sampled every three days for their changes of offset."""
MARGIN_S = 86_400
"""A local month or day lies within a day of the same span in UTC (no offset reaches a day);
a change this close to it is looked at more closely."""
_DAY_S = 86_400
_EPOCH = date(1970, 1, 1).toordinal()
_DAYS: dict[tuple[str, int], float] = {}
"""(zone, day number from the epoch) to `constant_offset` of that day (ms; NaN: none)."""
_LEARNED_MAX = 1 << 16


def zone_offsets(zones: list[str], zone_of: np.ndarray, wall: np.ndarray) -> np.ndarray:
    """The offset (ms, as float; NaN where none) of each time's zone (`zones[zone_of]`) all
    through the month of its local time `wall` (ms from the epoch), else all through its
    day."""
    offsets = np.full(len(wall), np.nan)
    days = wall // (_DAY_S * 1000)
    year, month, day = _civil(days)
    month_start = days - day + 1
    month_end = month_start + _days_in(year, month)
    for number in np.flatnonzero(np.bincount(zone_of)).tolist():  # (np.unique imports np.ma)
        rows = np.flatnonzero(zone_of == number)
        try:
            changes = _changes(zones[number])
        except TimeFormatError:
            continue
        first, last = int(days[rows].min()), int(days[rows].max())
        changes.cover(first * _DAY_S - 2 * MARGIN_S, (last + 32) * _DAY_S + 2 * MARGIN_S)
        found = changes.constant(month_start[rows], month_end[rows])
        unsettled = np.isnan(found)
        if unsettled.any():
            some = rows[unsettled]
            found[unsettled] = changes.constant(days[some], days[some] + 1)
            still = unsettled.copy()
            still[unsettled] = np.isnan(found[unsettled])
            for row in np.flatnonzero(still).tolist():
                found[row] = _day_offset(zones[number], int(days[rows[row]]))
        offsets[rows] = found
    return offsets


def _day_offset(zone: str, day: int) -> float:
    """`constant_offset` of `zone` all through the day `day` (from the epoch), in ms."""
    key = (zone, day)
    found = _DAYS.get(key)
    if found is None:
        if len(_DAYS) >= _LEARNED_MAX:
            _DAYS.clear()
        text = date.fromordinal(day + _EPOCH).isoformat()
        offset = constant_offset(zone, text, 1)
        found = _DAYS[key] = np.nan if offset is None else offset.total_seconds() * 1000
    return found


_CHANGES: dict[str, _Changes] = {}


@dataclass(frozen=True)
class Learned:
    """A zone's changes of offset found over a span: what `learned` hands on and `teach`
    takes."""

    zone: str
    low: int
    high: int
    """The span looked at (UTC seconds)."""
    moments: list[int]
    """The changes within it (UTC seconds: the first of each new offset), ascending."""
    offsets: list[float]
    """The offset (ms) at `low`, then from each moment."""


def learned() -> list[Learned]:
    """Every zone's changes found so far in this process."""
    return [
        Learned(zone, changes.low, changes.high, list(changes.moments), list(changes.offsets))
        for zone, changes in list(_CHANGES.items())
        if changes.low is not None and changes.high is not None
    ]


def teach(found: Learned) -> bool:
    """Take a zone's changes found elsewhere (by the process that wrote a cache) if they
    hold: the offset at the span's start as given, each moment within the span, after the
    one before, and a change from the offset before it to its own, to the second (two
    lookups a change, instead of a sampling of the whole span). False if not (nothing is
    taken); a zone known already is kept as it is."""
    try:
        changes = _Changes(zone_info(found.zone))
    except TimeFormatError:
        return False
    moments, offsets = found.moments, found.offsets
    if found.low > found.high or len(offsets) != len(moments) + 1:
        return False
    if not all(a < b for a, b in pairwise([found.low, *moments, found.high + 1])):
        return False
    try:
        if not _hold(changes, found):
            return False
    except (OverflowError, ValueError, OSError):  # a moment no datetime can be
        return False
    if found.zone not in _CHANGES:
        changes.low, changes.high = found.low, found.high
        changes.moments, changes.offsets = list(moments), list(offsets)
        _CHANGES[found.zone] = changes
    return True


def _hold(changes: _Changes, found: Learned) -> bool:
    """Whether the zone's offset is `found.offsets[0]` at `found.low`, and each moment found
    the first second of the offset after it, the second before it that of the offset
    before."""
    offsets = found.offsets
    if changes.offset_ms(found.low) != offsets[0]:
        return False
    steps = zip(found.moments, offsets[:-1], offsets[1:], strict=True)
    return all(
        before != after
        and changes.offset_ms(moment - 1) == before
        and changes.offset_ms(moment) == after
        for moment, before, after in steps
    )


def _changes(zone: str) -> _Changes:
    """The changes of offset of `zone` found so far (`TimeFormatError` for a bad name)."""
    found = _CHANGES.get(zone)
    if found is None:
        found = _CHANGES[zone] = _Changes(zone_info(zone))
    return found


class _Changes:
    """The moments (UTC seconds) a zone's offset changes, over the span covered so far, and
    the offset (ms) in force from each (and before the first)."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self.moments: list[int] = []
        self.offsets: list[float] = []
        """The offset (ms) in force from the start of the span, then from each moment."""
        self.low: int | None = None
        self.high: int | None = None

    def offset_ms(self, second: int) -> float:
        """The zone's offset (ms) at that moment."""
        offset = datetime.fromtimestamp(second, self.zone).utcoffset()
        return 0.0 if offset is None else offset.total_seconds() * 1000

    def constant(self, first_day: np.ndarray, end_day: np.ndarray) -> np.ndarray:
        """The offset (ms) all through each local span of days (`first_day` up to, not with,
        `end_day`, from the epoch) that has no change within `MARGIN_S`; NaN for the rest."""
        moments = np.array(self.moments, np.int64)
        low = first_day * _DAY_S - MARGIN_S
        high = end_day * _DAY_S + MARGIN_S
        after_low = np.searchsorted(moments, low, "left")
        after_high = np.searchsorted(moments, high, "right")
        found = np.array(self.offsets)[after_low]
        return np.where(after_low == after_high, found, np.nan)

    def cover(self, low: int, high: int) -> None:
        """Look for changes from `low` to `high` (UTC seconds) where not looked yet."""
        if self.low is not None and self.high is not None and self.low <= low <= high <= self.high:
            return
        if self.low is None or self.high is None:
            self._scan(low, high)
            self.low, self.high = low, high
        else:
            if low < self.low:
                self._scan(low, self.low)
                self.low = low
            if high > self.high:
                self._scan(self.high, high)
                self.high = high
        self.offsets = [self.offset_ms(self.low), *map(self.offset_ms, self.moments)]

    def _scan(self, low: int, high: int) -> None:
        """Sample the offset every `SAMPLE_S` from `low` to `high` and find each change to
        the second (the first moment of the new offset)."""
        samples = [*range(low, high, SAMPLE_S), high]
        offsets = [self.offset_ms(second) for second in samples]
        for index in range(1, len(samples)):
            if offsets[index] != offsets[index - 1]:
                before, after = samples[index - 1], samples[index]
                while after - before > 1:
                    middle = (before + after) // 2
                    if self.offset_ms(middle) == offsets[index - 1]:
                        before = middle
                    else:
                        after = middle
                if after not in self.moments:
                    insort(self.moments, after)


_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], np.int64)


def _days_in(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    """The days of each month of each year."""
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return np.asarray(_MONTH_DAYS[month] + ((month == 2) & leap))


def _civil(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The year, month and day of each day number (Howard Hinnant's `civil_from_days`)."""
    z = days + 719468
    era = z // 146097
    day_of_era = z - era * 146097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted + 2) // 5 + 1
    month = np.where(shifted < 10, shifted + 3, shifted - 9)
    year = year_of_era + era * 400 + (month <= 2)
    return year, month, day
