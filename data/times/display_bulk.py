"""Showing many times at once in a zone: `BulkShow` gives `show(when, zone).with_offset` for
a column of time strings, for the exports of a million events.

`show` converts and formats a datetime per call: right for the few rows on screen, far too
slow for an export of a million events. `BulkShow` gives the same text for many times: the
instant in milliseconds, the zone's offset found by bisecting the zone's transitions, and
the abbreviation and offset text worked out once per (zone, period between transitions) by
`show` itself. Dates are worked out in ISO and written in the interface's language at the
end, each distinct day once (`data.times.dates.written`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import compress, repeat
from operator import add, attrgetter, mul

from data.times.dates import iso_dates, written
from data.times.display import STATED, ShownTime, clock_texts, show
from data.times.parse import Precision, When, zone_info
from data.times.periods import Periods
from data.times.shapes import Times, TimeShape, time_shapes

DAY_MS = 86_400_000
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class _Dates(dict[int, str]):
    """Day number since the epoch -> `YYYY-MM-DD`."""

    def __missing__(self, day: int) -> str:
        if len(self) >= 1 << 16:
            self.clear()
        text = self[day] = date.fromordinal(day + _EPOCH_ORDINAL).isoformat()
        return text


_DATES = _Dates()
MINUTE_TEXTS, SECOND_TEXTS = clock_texts()
"""`HH:MM` for each minute of a day, and `:SS` for each second of a minute."""
MILLISECOND_TEXTS = [f".{ms:03d}" for ms in range(1000)]
"""`.mmm` for each millisecond of a second (with `MINUTE_TEXTS` and `SECOND_TEXTS`, every clock
shown: here, and in the export engine's times, `data.export.fast.times`)."""


_IS_DATE = attrgetter("dated")
_PRECISION = attrgetter("precision")
_ISO_LENGTH = {precision: 7 if precision is Precision.MONTH else 10 for precision in Precision}
"""The length of the ISO date at the start of a local date of `BulkShow._local`."""
_APPROXIMATE = attrgetter("approximate")
_PERIODS: dict[str, Periods] = {}
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
        if not iso_dates():  # a date's length depends on its day (`5 okt.`, `12 sep.`)
            return max(map(len, self.cells(times)))
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
        if self.zone != STATED and not self.sheet and iso_dates():
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
        elif not iso_dates():
            dates = _in_language(dates, times.shapes)
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
        minutes, seconds, thousandths, days = MINUTE_TEXTS, SECOND_TEXTS, MILLISECOND_TEXTS, _DATES
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

    def _zone(self, zone: str) -> Periods:
        periods = self._periods.get(zone)
        if periods is None:
            tz = zone_info(zone)

            def tail_of(moment: datetime) -> str:
                return _tail(show(_sample(moment, None, None), zone))

            periods = self._periods[zone] = Periods(tz, tail_of)
        return periods

    def _stated(self, key: str) -> Periods:
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

            periods = self._periods["@" + key] = Periods(tz, tail_of)
        return periods


SHEET_FORM = "YYYY-MM-DD HH:MM:SS.fff"
"""The CSV's times: one layout for every row, which LibreOffice Calc, pandas `to_datetime`
and polars read as a date-time without being told a format (they infer one format from a
row, so every row has the milliseconds). A date or a month has no time of day: it is its
first day at 00:00:00.000, the day as the source stated it (in UTC it could be the day
before); the CSV's `precision` column says how much of each cell is known."""


def _in_language(dates: list[str], shapes: list[TimeShape]) -> list[str]:
    """The local dates of `BulkShow._local` written in the interface's language: the ISO day
    (or month, for a time known to the month) at the start of each, and what follows it (a
    date's zone) as it is."""
    write = written().__getitem__
    return [
        write(day[:length]) + day[length:]
        for day, length in zip(
            dates, map(_ISO_LENGTH.__getitem__, map(_PRECISION, shapes)), strict=True
        )
    ]


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
