"""Showing many times at once in a zone: `BulkShow` gives `show(when, zone).with_offset` for
a column of time strings, for the exports of a million events.

`show` converts and formats a datetime per call: right for the few rows on screen, far too
slow for an export of a million events. `BulkShow` gives the same text for many times: the
instant in milliseconds, the zone's offset found by bisecting the zone's transitions, and
the abbreviation and offset text worked out once per (zone, period between transitions) by
`show` itself.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import compress, repeat
from operator import add, attrgetter, mul
from zoneinfo import ZoneInfo

from data.times.display import STATED, ShownTime, show
from data.times.parse import Precision, When, zone_info
from data.times.shapes import Times, TimeShape, time_shapes

DAY_MS = 86_400_000
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_SAMPLE_S = 3 * 86_400
"""Zones are sampled every three days for their transitions: in tzdata (2026.6) no two
transitions of a zone between 1900 and 2200 are less than six days apart (a test checks
the installed data)."""


class _Dates(dict[int, str]):
    """Day number since the epoch -> `YYYY-MM-DD`."""

    def __missing__(self, day: int) -> str:
        if len(self) >= 1 << 16:
            self.clear()
        text = self[day] = date.fromordinal(day + _EPOCH_ORDINAL).isoformat()
        return text


_DATES = _Dates()
_HOURS_MINUTES = [f"{h:02d}:{m:02d}" for h in range(24) for m in range(60)]
_SECONDS = [f":{s:02d}" for s in range(60)]
_MILLIS = [f".{ms:03d}" for ms in range(1000)]


_COVER_LOCK = threading.Lock()


class _Periods:
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
        low, high = low_ms // 1000 - _SAMPLE_S, high_ms // 1000 + _SAMPLE_S
        table = self.table
        if table[1] and self.low <= low and high <= self.high:
            return table
        with _COVER_LOCK:  # periods are shared: two exports may run in two threads
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
        samples = [*range(low + _SAMPLE_S, high, _SAMPLE_S), high]
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


_IS_DATE = attrgetter("dated")
_APPROXIMATE = attrgetter("approximate")
_PERIODS: dict[str, _Periods] = {}
"""Every zone's periods found so far (`@` and the key for a stated zone or offset), shared by
all `BulkShow`s: a zone has the same transitions in every export."""


class BulkShow:
    """`show(when, zone).with_offset` for many times at once, without a datetime per time.

    Times are given as the strings of a loaded mission (`When.text`) and, when known, their
    instants as POSIX timestamps (the store's `instants` column); otherwise each instant is
    parsed. `sheet` makes the same machinery write the CSV's spreadsheet form instead
    (`SHEET_FORM`).
    """

    def __init__(self, zone: str, *, sheet: bool = False) -> None:
        self.zone = zone
        self.sheet = sheet
        self.approximate = not sheet
        self._periods = _PERIODS
        self._kept_as = zone if not sheet else f"{zone} sheet"
        """The key of `_local`'s results in `Times`: the sheet form has other clocks."""

    def widest(self, times: Times) -> int:
        """The length of the longest of `cells(times)`, without making them."""
        if not times.millis:
            return 0
        if self.sheet:
            return len(SHEET_FORM)
        _, tails = self._offsets_tails(times)
        shapes = times.shapes
        widths = map(attrgetter("width"), shapes)
        widths = map(add, widths, map(mul, map(len, tails), map(attrgetter("timed"), shapes)))
        return max(int(max(widths)), self._widest_date(times.texts, shapes, times.millis))

    def _widest_date(
        self, texts: Sequence[str], shapes: Sequence[TimeShape], millis: Sequence[int]
    ) -> int:
        """The length of the longest date or month among the times that names its own zone
        (see `_date`), 0 if none does: the shapes alone do not tell."""
        if self.zone == STATED or self.sheet:
            return 0
        return max(
            (
                len(self._date(texts[index], shapes[index], millis[index]))
                + (shapes[index].approximate and self.approximate)
                for index in compress(range(len(shapes)), map(_IS_DATE, shapes))
            ),
            default=0,
        )

    def widest_of(self, texts: Sequence[str], instants: Sequence[float]) -> int:
        """`widest(Times.of(texts, instants))`, quicker when the zone keeps one offset from
        the earliest to the latest of the times: then only their shapes matter."""
        if not texts:
            return 0
        if self.zone != STATED and not self.sheet:
            low, high = round(min(instants) * 1000), round(max(instants) * 1000)
            bounds, _, tails = self._zone(self.zone).cover(low, high)
            index = bisect_right(bounds, low)
            if index == bisect_right(bounds, high):
                shapes = time_shapes(texts)
                tail = len(tails[index])
                timed = map(mul, repeat(tail), map(attrgetter("timed"), shapes))
                widest = int(max(map(add, map(attrgetter("width"), shapes), timed)))
                if not any(map(_IS_DATE, shapes)):
                    return widest
                millis = [round(instant * 1000) for instant in instants]
                return max(widest, self._widest_date(texts, shapes, millis))
        return self.widest(Times.of(texts, instants))

    def cells(self, times: Times) -> list[str]:
        """The shown text of each time, in order."""
        if not times.millis:
            return []
        dates, clocks, tails = self._local(times)
        if self.sheet:
            tails = [""] * len(dates)
        out = list(map("".join, zip(dates, repeat(" "), clocks, tails, strict=False)))
        shapes = times.shapes
        for index in compress(range(len(shapes)), map(_IS_DATE, shapes)):
            out[index] = _sheet_day(dates[index]) if self.sheet else dates[index]
        if self.approximate:
            for index in compress(range(len(shapes)), map(_APPROXIMATE, shapes)):
                out[index] = "~" + out[index]
        return out

    def offsets(self, times: Times) -> list[str]:
        """What `cells` writes after each time's date and clock, without its leading space:
        the zone's abbreviation and offset (`CEST (+02:00)`); for a date or a month, its own
        zone's where the zone shown is at another day then, else nothing. The CSV writes
        it beside the time's local date-time in `SHEET_FORM` (a sheet made by this zone's
        `BulkShow(zone, sheet=True)`). A zone whose abbreviation is its offset (`+06`) is
        written `UTC+06`, which no spreadsheet takes for a number or a formula."""
        if self.sheet:
            raise ValueError("the offsets are those of the shown form, not the sheet's")
        if not times.millis:
            return []
        dates, _, tails = self._local(times)
        out = [tail.lstrip() for tail in tails]
        shapes = times.shapes
        for index in compress(range(len(shapes)), map(_IS_DATE, shapes)):
            stated = 10 if shapes[index].precision is Precision.DAY else 7
            out[index] = dates[index][stated:].lstrip()
        return [f"UTC{text}" if text.startswith(("+", "-")) else text for text in out]

    def _local(self, times: Times) -> tuple[list[str], list[str], list[str]]:
        """The local date and clock of each time in the zone, and the abbreviation and
        offset that follow them (a date or month: as stated, with no clock and no tail; see
        `_date`). Kept with `times`, so another `BulkShow` of the same zone does not redo
        them."""
        local = times._local.get(self._kept_as)
        if local is not None:
            return local
        texts, shapes, millis = times.texts, times.shapes, times.millis
        offsets, tails = self._offsets_tails(times)
        dates: list[str] = []
        clocks: list[str] = []
        add_date, add_clock = dates.append, clocks.append
        minutes, seconds, thousandths, days = _HOURS_MINUTES, _SECONDS, _MILLIS, _DATES
        # A plain loop: quicker here than a chain of maps (measured).
        for shape, ms, offset in zip(shapes, millis, offsets, strict=True):
            precision = 5 if self.sheet and not shape.dated else shape.precision
            day, rest = divmod(ms + offset, DAY_MS)
            add_date(days[day])
            if precision == 4:
                add_clock(minutes[rest // 60_000] + seconds[rest // 1000 % 60])
            elif precision == 3:
                add_clock(minutes[rest // 60_000])
            elif precision == 5:
                add_clock(
                    minutes[rest // 60_000] + seconds[rest // 1000 % 60] + thousandths[rest % 1000]
                )
            else:  # a date or a month: see `_date`
                add_clock("")
        for index in compress(range(len(shapes)), map(_IS_DATE, shapes)):
            dates[index] = self._date(texts[index], shapes[index], millis[index], dates[index])
        times._local[self._kept_as] = (dates, clocks, tails)
        return dates, clocks, tails

    def _offsets_tails(self, times: Times) -> tuple[list[int], list[str]]:
        """Each time's UTC offset (ms) in the zone shown, and the abbreviation and offset
        text that follow it (for a date, those of its own zone: only the offset is used)."""
        millis = times.millis
        low, high = min(millis), max(millis)
        if self.zone == STATED:
            periods = [
                self._stated(shape.stated_key(text))
                for text, shape in zip(times.texts, times.shapes, strict=True)
            ]
            tables = {period: period.cover(low, high) for period in set(periods)}
            offsets = []
            tails = []
            for period, ms in zip(periods, millis, strict=True):
                bounds, zone_offsets, zone_tails = tables[period]
                index = bisect_right(bounds, ms)
                offsets.append(zone_offsets[index])
                tails.append(zone_tails[index])
            return offsets, tails
        bounds, zone_offsets, zone_tails = self._zone(self.zone).cover(low, high)
        index = bisect_right(bounds, low)
        if index == bisect_right(bounds, high):
            return [zone_offsets[index]] * len(millis), [zone_tails[index]] * len(millis)
        indexes = list(map(bisect_right, repeat(bounds), millis))
        return (
            list(map(zone_offsets.__getitem__, indexes)),
            list(map(zone_tails.__getitem__, indexes)),
        )

    def _date(self, text: str, shape: TimeShape, ms: int, shown_day: str | None = None) -> str:
        """A date or month, as stated: the local date of its instant in its own zone, and
        its zone's abbreviation and offset where the zone shown is at another day (or
        month) at that instant (`shown_day`, its date there, if known), as `show` writes
        it. The sheet form starts from the date alone."""
        bounds, offsets, tails = self._stated(shape.stated_key(text)).cover(ms, ms)
        period = bisect_right(bounds, ms)
        day = _DATES[(ms + offsets[period]) // DAY_MS]
        stated = day if shape.precision is Precision.DAY else day[:7]
        if self.zone == STATED or self.sheet:
            return stated
        if shown_day is None:
            bounds, offsets, _ = self._zone(self.zone).cover(ms, ms)
            shown_day = _DATES[(ms + offsets[bisect_right(bounds, ms)]) // DAY_MS]
        return stated if shown_day.startswith(stated) else stated + tails[period]

    def _zone(self, zone: str) -> _Periods:
        periods = self._periods.get(zone)
        if periods is None:
            tz = zone_info(zone)

            def tail_of(moment: datetime) -> str:
                return _tail(show(_sample(moment, None, None), zone))

            periods = self._periods[zone] = _Periods(tz, tail_of)
        return periods

    def _stated(self, key: str) -> _Periods:
        """The periods of a stated zone (`Europe/Moscow`) or offset (`+03:00`, `Z`)."""
        periods = self._periods.get("@" + key)
        if periods is None:
            offset = None
            name = None
            if key[:1] in "+-Z" and not key[1:2].isalpha():
                offset = _parse_offset(key)
            else:
                name = key
            probe = _sample(datetime.now(UTC), name, offset)
            tz = probe.stated_tz

            def tail_of(moment: datetime) -> str:
                return _tail(show(_sample(moment, name, offset), STATED))

            periods = self._periods["@" + key] = _Periods(tz, tail_of)
        return periods


SHEET_FORM = "YYYY-MM-DD HH:MM:SS.fff"
"""The CSV's times: one layout for every row, which LibreOffice Calc, pandas `to_datetime`
and polars read as a date-time without being told a format (they infer one format from a
row, so every row has the milliseconds). A date or a month has no time of day: it is its
first day at 00:00:00.000, the day as the source stated it (in UTC it could be the day
before); the CSV's `precision` column says how much of each cell is known."""


def _sheet_day(stated: str) -> str:
    """A stated date (`2021-05-13`) or month (`2020-11`) in `SHEET_FORM`."""
    day = stated if len(stated) == 10 else stated + "-01"
    return day + " 00:00:00.000"


def _parse_offset(text: str) -> timedelta:
    if text == "Z":
        return timedelta(0)
    sign = -1 if text[0] == "-" else 1
    return sign * timedelta(hours=int(text[1:3]), minutes=int(text[4:6]))


def _sample(moment: datetime, zone: str | None, offset: timedelta | None) -> When:
    """A time to the second at `moment`, stated in `zone` or at `offset` (for `show`)."""
    if zone is None and offset is None:
        offset = timedelta(0)
    return When(moment.astimezone(UTC), Precision.SECOND, zone, offset, False, "")


def _tail(shown: ShownTime) -> str:
    """What `with_offset` adds after the date and clock: the abbreviation and offset."""
    return shown.with_offset[len(f"{shown.date} {shown.clock}") :]
