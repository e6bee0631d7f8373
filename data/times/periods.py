"""A zone's periods between its changes of offset, found by sampling it, each with the text
that follows a time shown in it (`" CEST (+02:00)"`): what `BulkShow` looks each time up in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

SAMPLE_S = 3 * 86_400
"""Zones are sampled every three days for their transitions: in tzdata (2026.6) no two
transitions of a zone between 1900 and 2200 are less than six days apart (a test checks
the installed data)."""

AHEAD = 64 * SAMPLE_S
"""How much further than asked a table grows on a side it must grow (about half a year:
64 samples)."""

_COVER_LOCK = threading.Lock()


class Periods:
    """A zone's offsets between its transitions, over the instants asked for so far, with
    the text `tail` (`" CEST (+02:00)"`) of each period, made by `tail_of` from a sample.

    `table` is (bounds: the ms at which each period but the first begins, offsets: each
    period's UTC offset in ms, tails); it is replaced whole when it grows, so a reader that
    took it once sees a consistent table."""

    def __init__(self, tz: tzinfo, tail_of: Callable[[datetime], str]) -> None:
        self.tz = tz
        self.tail_of = tail_of
        self.fixed = not isinstance(tz, ZoneInfo)
        self.table: tuple[list[int], list[int], list[str]] = ([], [], [])
        self._tails: dict[tuple[timedelta, str | None], str] = {}
        self.low = self.high = 0
        """The seconds covered, when the table is not empty."""

    def cover(self, low_ms: int, high_ms: int) -> tuple[list[int], list[int], list[str]]:
        """The table, covering every instant from `low_ms` to `high_ms`."""
        low, high = low_ms // 1000 - SAMPLE_S, high_ms // 1000 + SAMPLE_S
        table = self.table
        if table[1] and self.low <= low and high <= self.high:
            return table
        with _COVER_LOCK:  # periods are shared: two exports may run in two threads
            # A table that must grow grows by `AHEAD` on that side: times come in order,
            # and a date a few hours after the last would otherwise grow it again (a
            # million-event export grew its tables 25,000 times, 5% of its time).
            empty = not table[1]
            if empty or low < self.low:
                low -= AHEAD
            if empty or high > self.high:
                high += AHEAD
            return self._cover(low, high)

    def _cover(self, low: int, high: int) -> tuple[list[int], list[int], list[str]]:
        bounds, offsets, tails = list(self.table[0]), list(self.table[1]), list(self.table[2])
        if not offsets:
            offset, tail = self._period(low)
            offsets, tails = [offset], [tail]
            self.low = self.high = low
            if self.fixed:
                self.low, self.high = -(1 << 62), 1 << 62
        if high > self.high:
            for second in self._changes(self.high, high):
                offset, tail = self._period(second)
                bounds.append(second * 1000)
                offsets.append(offset)
                tails.append(tail)
        if low < self.low:
            changes = self._changes(low, self.low)
            periods = [self._period(low), *map(self._period, changes)]
            bounds[:0] = [second * 1000 for second in changes] + [self.low * 1000]
            offsets[:0] = [offset for offset, _ in periods]
            tails[:0] = [tail for _, tail in periods]
            bounds, offsets, tails = _merged(bounds, offsets, tails)
        self.table = (bounds, offsets, tails)
        self.low, self.high = min(low, self.low), max(high, self.high)
        return self.table

    def _key(self, second: int) -> tuple[timedelta | None, str | None]:
        moment = datetime.fromtimestamp(second, self.tz)
        return moment.utcoffset(), moment.tzname()

    def _period(self, second: int) -> tuple[int, str]:
        moment = datetime.fromtimestamp(second, self.tz)
        offset = moment.utcoffset() or timedelta(0)
        # The tail depends only on the offset and abbreviation in force: periods of summer
        # and winter time take turns, so `show` (slow) runs once for each kind of period.
        key = (offset, moment.tzname())
        tail = self._tails.get(key)
        if tail is None:
            tail = self._tails[key] = self.tail_of(moment)
        return offset // timedelta(milliseconds=1), tail

    def _changes(self, low: int, high: int) -> list[int]:
        """The first second of each new period after `low`, up to `high`."""
        if self.fixed:
            return []
        changes = []
        key = self._key
        before = key(low)
        samples = [*range(low + SAMPLE_S, high, SAMPLE_S), high]
        for sample, step in zip([low, *samples], samples, strict=False):
            after = key(step)
            if after != before:
                old, new = sample, step
                while new - old > 1:
                    middle = (old + new) // 2
                    if self._key(middle) == before:
                        old = middle
                    else:
                        new = middle
                changes.append(new)
                before = after
        return changes


def _merged(
    bounds: list[int], offsets: list[int], tails: list[str]
) -> tuple[list[int], list[int], list[str]]:
    """The table without bounds between two equal periods (where two scans met)."""
    keep = [0]
    for index in range(1, len(offsets)):
        if (offsets[index], tails[index]) != (offsets[keep[-1]], tails[keep[-1]]):
            keep.append(index)
    return (
        [bounds[index - 1] for index in keep[1:]],
        [offsets[index] for index in keep],
        [tails[index] for index in keep],
    )
