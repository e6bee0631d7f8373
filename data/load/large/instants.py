"""The instants of a column of mission time strings, read from Arrow's buffers with numpy.

The same POSIX timestamps as `data.times.bulk_instants.instants_of`, for its common forms: a
time of day (to the minute, second or millisecond, maybe approximate `~`) with an offset or `Z`,
in a zone (`[Europe/Moscow]`), or both. Each form has its characters at fixed places, so the
digits of a million strings are read at once from the column's bytes and checked as `datetime`
checks them (years 1900 to 2200, real days, hours to 23, minutes and seconds to 59, offsets to
23:59). The instant is counted in whole milliseconds and divided once, so it is exactly
`datetime.timestamp`'s. A zone's offset is that of `data.times.bulk.constant_offset` all
through the month (else the day) of the time (`data.load.large.zone_offsets`). Every other
string (a date, a month, a day when the clocks change, a written offset the zone does not have
then, and every wrong one) goes to `instants_of`, which gives the same value or raises the same
`TimeFormatError`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from data.load.large.engine import kernel  # the system allocator, no pandas: first
from data.load.large.zone_offsets import zone_offsets
from data.times.bulk import fast_when
from data.times.bulk_instants import instants_of
from data.times.parse import MAX_YEAR, MIN_YEAR, Precision, TimeFormatError
from data.times.utc import PRECISION_NAMES

_TILDE, _OPEN, _CLOSE = ord("~"), ord("["), ord("]")
_FRONTS = {16: (16, 0), 17: (16, 1), 22: (16, 6), 19: (19, 0), 20: (19, 1), 25: (19, 6)}
_FRONTS |= {23: (23, 0), 24: (23, 1), 29: (23, 6), 10: (10, 0), 7: (7, 0)}
"""The length of a time before its zone, to the length of its date and clock (10: a date, 7:
a month) and of its offset (0: none, 1: `Z`, 6: `+03:00`)."""
_CLOCK_OF = np.full(32, -1, np.int64)
_OFFSET_OF = np.full(32, -1, np.int64)
for _front, (_clock, _offset) in _FRONTS.items():
    _CLOCK_OF[_front], _OFFSET_OF[_front] = _clock, _offset
_SEPARATORS = {4: ("-", 7), 7: ("-", 10), 10: ("T", 16), 13: (":", 16), 16: (":", 19)}
"""The place of each separator, and the shortest date and clock that has it."""
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], np.int64)
_PAD = 32
_LEARNING = threading.Lock()
"""Held while zones' offsets are looked up: `zone_offsets` learns each zone's changes as it
goes, and a Parquet mission's times are read in two threads (`parquet_read`)."""


def instants(texts: pa.Array) -> pa.Array:
    """The instants (float64) of a string array without nulls; raises `TimeFormatError` for
    a string that is not a valid mission time."""
    size = len(texts)
    if not size:
        return pa.array([], pa.float64())
    found = _Read(texts)
    millis, good = found.millis, found.good
    values = millis / 1000.0
    if not good.all():
        others = np.flatnonzero(~good)
        texts_left = [texts[place].as_py() for place in others.tolist()]
        values[others] = instants_of(texts_left)
    return pa.Array.from_buffers(pa.float64(), size, [None, pa.py_buffer(values)])


_PRECISION_NAMES = pa.array(
    ["", *(PRECISION_NAMES[precision] for precision in sorted(PRECISION_NAMES))]
)
"""Each precision's name (`data.times.utc`) at its value (`Precision.MONTH` is 1)."""
_PRECISION_OF = np.zeros(32, np.int8)
for _length, _precision in {7: 1, 10: 2, 16: 3, 19: 4, 23: 5}.items():
    _PRECISION_OF[_length] = _precision  # Precision.MONTH ... MILLISECOND


@dataclass(frozen=True)
class TimeForms:
    """Mission times as programs read them, each read once: its instant, its precision and
    the zone written (none where there is no time)."""

    millis: np.ndarray
    """Each instant in milliseconds from the epoch (int64; 0 where there is no time)."""
    precisions: np.ndarray
    """Each precision (`Precision` values; 0 where there is no time)."""
    zones: pa.Array
    """The zone each time names (null for none)."""

    def utc(self) -> pa.Array:
        """The instants as timestamp[ms, UTC], null where there is no UTC form (a date, a
        month) or no time."""
        dated = self.precisions <= Precision.DAY
        return pa.array(self.millis, pa.timestamp("ms", tz="UTC"), mask=dated)

    def instants(self) -> np.ndarray:
        """The instants in seconds (float64), exactly `datetime.timestamp`'s."""
        return self.millis / 1000.0

    def columns(self) -> dict[str, pa.Array]:
        """The forms as the columns beside a time column in a Parquet mission
        (`arrow_schema.TIME_COLUMNS`, by form), null where there is no time."""
        precisions = pa.array(self.precisions, mask=self.precisions == 0)
        names = _PRECISION_NAMES.take(precisions)
        return {"utc": self.utc(), "precision": names, "zone": self.zones}


def time_forms(texts: pa.Array) -> TimeForms:
    """The forms of a string array of valid mission times, null where there is none
    (`TimeFormatError` for one that is not valid), only those given read."""
    if not texts.null_count:
        return _given_forms(texts)
    given = texts.is_valid()
    forms = _given_forms(texts.filter(given))
    present = given.to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(present)
    millis = np.zeros(len(texts), np.int64)
    millis[rows] = forms.millis
    precisions = np.zeros(len(texts), np.int8)
    precisions[rows] = forms.precisions
    places = np.zeros(len(texts), np.int64)
    places[rows] = np.arange(len(rows))
    zones = forms.zones.take(pa.array(places, mask=~present))
    return TimeForms(millis, precisions, zones)


def _given_forms(texts: pa.Array) -> TimeForms:
    """The forms of a string array of valid mission times without nulls: those read at
    their fixed places, and the others from `fast_when`."""
    found = _Read(texts)
    millis = found.millis.copy()
    precisions = _PRECISION_OF[np.clip(found.clock, 0, 31)]
    zones = found.zones()
    others = np.flatnonzero(~found.good)
    if len(others):
        whens = [fast_when(text) for text in texts.take(pa.array(others)).to_pylist()]
        millis[others] = [round(when.instant.timestamp() * 1000) for when in whens]
        precisions[others] = [int(when.precision) for when in whens]
        mask = np.zeros(len(texts), bool)
        mask[others] = True
        named = pa.array([when.zone for when in whens], pa.string())
        zones = kernel("replace_with_mask", [zones, pa.array(mask), named])
    return TimeForms(millis, precisions, zones)


class _Read:
    """The times of a string array read at their fixed places: `millis` from the epoch, and
    whether each was read (`good`; else it goes the general way)."""

    def __init__(self, texts: pa.Array) -> None:
        size = len(texts)
        offsets = np.frombuffer(texts.buffers()[1], np.int32, size + 1, texts.offset * 4)
        data = texts.buffers()[2]
        raw = np.frombuffer(data, np.uint8) if data is not None else np.zeros(0, np.uint8)
        self.bytes = np.concatenate([raw, np.zeros(_PAD, np.uint8)])
        starts = offsets[:-1].astype(np.int64)
        ends = offsets[1:].astype(np.int64)
        filled = ends > starts
        tilde = filled & (self.bytes[starts] == _TILDE)
        self.start = starts + tilde
        length = ends - self.start
        zoned = filled & (self.bytes[np.maximum(ends - 1, 0)] == _CLOSE)
        front = np.where(zoned, self._bracket(zoned), length)
        front = np.where((front >= 0) & (front < 32), front, 0)
        clock, offset = _CLOCK_OF[front], _OFFSET_OF[front]
        self.clock = clock
        """The length of each time's date and clock (10: a date, 7: a month; < 0: none)."""
        self.named: tuple[np.ndarray, pa.Array] | None = None
        """The zoned times read (rows) and the zone each names."""
        self.good = filled & (clock > 0) & (zoned | (offset > 0))
        wall = self._wall(clock)
        millis = wall - self._written(clock, offset)
        if zoned.any():
            millis = self._in_zones(zoned, front, ends, wall, millis, offset > 0)
        self.millis = millis

    def zones(self) -> pa.Array:
        """The zone each time names (null for none, or where it was not read)."""
        zones = pa.nulls(len(self.start), pa.string())
        if self.named is None:
            return zones
        rows, names = self.named
        mask = np.zeros(len(self.start), bool)
        mask[rows] = True
        return kernel("replace_with_mask", [zones, pa.array(mask), names])

    def _at(self, place: int) -> np.ndarray:
        """The byte at `place` of every string (after its `~`)."""
        return np.asarray(self.bytes[self.start + place])

    def _digits(self, *places: int) -> np.ndarray:
        """The number written at `places` of every string; `good` is cleared where one of
        them is not an ASCII digit."""
        value = np.zeros(len(self.start), np.int64)
        for place in places:
            digit = self._at(place).astype(np.int64) - 48
            self.good &= (digit >= 0) & (digit <= 9)
            value = value * 10 + digit
        return value

    def _bracket(self, zoned: np.ndarray) -> np.ndarray:
        """Where the zone's `[` is in each zoned string (-1: at no place a form has it)."""
        found = np.full(len(zoned), -1, np.int64)
        for place in sorted(_FRONTS, reverse=True):
            found = np.where(zoned & (self._at(place) == _OPEN), place, found)
        return found

    def _wall(self, clock: np.ndarray) -> np.ndarray:
        """The local date and clock of each string in milliseconds from the epoch: a date
        (or a month) at the last second of its day (or month), as `parse_when` places it."""
        for place, (char, shortest) in _SEPARATORS.items():
            self.good &= (clock < shortest) | (self._at(place) == ord(char))
        self.good &= (clock != 23) | (self._at(19) == ord("."))
        year = self._digits(0, 1, 2, 3)
        month = self._digits(5, 6)
        self.good &= (year >= MIN_YEAR) & (year <= MAX_YEAR) & (month >= 1) & (month <= 12)
        last = _days_in(year, np.clip(month, 1, 12))
        day = np.where(clock >= 10, self._digits_where(clock >= 10, 8, 9), last)
        timed = clock >= 16
        hour = np.where(timed, self._digits_where(timed, 11, 12), 23)
        minute = np.where(timed, self._digits_where(timed, 14, 15), 59)
        second = np.where(clock >= 19, self._digits_where(clock >= 19, 17, 18), 59 * ~timed)
        milli = np.where(clock == 23, self._digits_where(clock == 23, 20, 21, 22), 0)
        self.good &= (day >= 1) & (day <= last)
        self.good &= (hour <= 23) & (minute <= 59) & (second <= 59)
        days = _epoch_days(year, month, day)
        return (((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + milli

    def _digits_where(self, wanted: np.ndarray, *places: int) -> np.ndarray:
        """`_digits` that clears `good` only where `wanted`."""
        good = self.good.copy()
        value = self._digits(*places)
        self.good = np.where(wanted, self.good, good)
        return value

    def _written(self, clock: np.ndarray, offset: np.ndarray) -> np.ndarray:
        """The offset written after each clock (`Z`, `+03:00`) in milliseconds (0 for
        none)."""
        place = self.start + clock
        char = self.bytes[place]
        is_z = offset == 1
        signed = offset == 6
        self.good &= ~is_z | (char == ord("Z"))
        self.good &= ~signed | (char == ord("+")) | (char == ord("-"))
        self.good &= ~signed | (self.bytes[place + 3] == ord(":"))
        digits = [self.bytes[place + step].astype(np.int64) - 48 for step in (1, 2, 4, 5)]
        for digit in digits:
            self.good &= ~signed | ((digit >= 0) & (digit <= 9))
        hours = digits[0] * 10 + digits[1]
        minutes = digits[2] * 10 + digits[3]
        self.good &= ~signed | ((hours <= 23) & (minutes <= 59))
        size = (hours * 60 + minutes) * 60_000
        return np.where(signed, np.where(char == ord("-"), -size, size), 0)

    def _in_zones(
        self,
        zoned: np.ndarray,
        front: np.ndarray,
        ends: np.ndarray,
        wall: np.ndarray,
        millis: np.ndarray,
        has_offset: np.ndarray,
    ) -> np.ndarray:
        """`millis` with each zoned time placed by its zone's offset (`good` cleared where
        that offset decides nothing, or is not the one written)."""
        rows = np.flatnonzero(zoned & self.good)
        if not len(rows):
            return millis
        first = self.start[rows] + front[rows] + 1
        last = ends[rows] - 1
        self.good[rows[last <= first]] = False
        names = _strings(self.bytes, first, np.maximum(last, first))
        self.named = rows, names
        encoded = kernel("dictionary_encode", [names])
        zones = encoded.dictionary.to_pylist()
        zone_of = np.frombuffer(encoded.indices.buffers()[1], np.int32, len(rows))
        month_wall = wall[rows]
        with _LEARNING:
            offset = zone_offsets(zones, zone_of.astype(np.int64), month_wall)
        known = ~np.isnan(offset)
        placed = month_wall - np.where(known, offset, 0).astype(np.int64)
        agrees = known & (~has_offset[rows] | (placed == millis[rows]))
        self.good[rows] &= agrees
        millis = millis.copy()
        millis[rows] = placed
        return millis


def _strings(data: np.ndarray, first: np.ndarray, last: np.ndarray) -> pa.Array:
    """The strings at `data[first:last]` (ASCII-delimited parts of UTF-8 strings)."""
    lengths = last - first
    offsets = np.zeros(len(first) + 1, np.int32)
    np.cumsum(lengths, out=offsets[1:])
    places = np.repeat(first - offsets[:-1], lengths) + np.arange(offsets[-1])
    chars = data[places]
    return pa.StringArray.from_buffers(
        len(first), pa.py_buffer(offsets.tobytes()), pa.py_buffer(chars.tobytes())
    )


def _days_in(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    """The days of each month of each year (February of a Gregorian leap year: 29)."""
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return np.asarray(_MONTH_DAYS[month] + ((month == 2) & leap))


def _epoch_days(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Days from 1970-01-01 to each date (Howard Hinnant's `days_from_civil`)."""
    y = year - (month <= 2)
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return np.asarray(era * 146097 + day_of_era - 719468)


TIMES = ("at", "planned", "end")
"""The times of an event."""

EventTimes = dict[str, TimeForms | None]
"""The forms of each of a table's times (`TIMES`); `None` for a column with a time that is
not valid."""


def event_times(events: pa.Table) -> EventTimes:
    """The forms of each time of a table of events, each read once."""
    times: EventTimes = {}
    for name in TIMES:
        try:
            times[name] = time_forms(events[name].combine_chunks())
        except TimeFormatError:
            times[name] = None
    return times
