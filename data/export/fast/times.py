"""A batch's times shown as the data layer shows them, a batch at a time in C++: what
`BulkShow.cells` and `BulkShow.offsets` give in a zone, and `data.times.utc`'s UTC forms.

Nothing here knows how a date, an abbreviation or an offset is written. A shown time of day
is the text before its clock (`~`, the local date), the clock, and the text after it (the
zone's abbreviation and offset): the first and last are the same for every time of one local
day, one zone period (offset and abbreviation) and one approximate mark. So each batch is
grouped by those in C++, the data layer's own function shows one time of each group (a few
hundred per batch), and its text is cut around that time's clock: every other time of the
group is that text with its own clock, put together in C++. The clock is the data layer's
too (`display_bulk`'s tables of hours and minutes, seconds and milliseconds). What does not
fit that mould (a date or a month, a time on a UTC day when the zone changes its clocks, a
group whose text does not hold its clock, the `stated` pseudo-zone) is shown by the data
layer's function itself and put in its place.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import Enum
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data.export.fast.parts import Looked, Part, assemble, spread
from data.load.large.instants import instants
from data.times.display import STATED
from data.times.display_bulk import DAY_MS, MILLISECOND_TEXTS, MINUTE_TEXTS, SECOND_TEXTS
from data.times.parse import Precision, zone_info
from data.times.shapes import Times, time_shapes

Form = Callable[[Times], list[str]]
"""A data layer's function of many times: one text per time."""


class Clock(Enum):
    """Which clock a form writes after a time's date: none, the time's own precision, or at
    least to the second or the millisecond."""

    NONE = None
    OWN = Precision.MINUTE
    SECONDS = Precision.SECOND
    MILLISECONDS = Precision.MILLISECOND


_BIAS_DAYS = 1 << 20
"""Added to day numbers so that C++'s integer division (towards zero) floors: about 2,900
years, more than the years a mission may use before 1970."""


class Clocks:
    """A batch's time strings with their instants, as the engine reads them: the instants
    in whole milliseconds, and each string's shape (`data.times.shapes`, worked out once per
    layout)."""

    def __init__(self, texts: pa.StringArray, instants: pa.DoubleArray) -> None:
        self.texts = texts
        self.instants = instants
        self.ms = pc.cast(pc.round(pc.multiply(instants, 1000.0)), pa.int64())
        encoded = pc.dictionary_encode(_layouts(texts))
        self.shape_codes = encoded.indices
        self.shapes = time_shapes(encoded.dictionary.to_pylist())
        self.precision = self.by_shape([int(shape.precision) for shape in self.shapes], pa.int8())
        self.approximate = self.by_shape([shape.approximate for shape in self.shapes], pa.bool_())
        self.dated = self.by_shape([shape.dated for shape in self.shapes], pa.bool_())
        self._zoned: dict[str, Zoned] = {}
        self.made: dict[tuple[str, str], list[Part]] = {}
        """Parts already made, by the name of their form and zone (see `parts`)."""

    @classmethod
    def read(cls, texts: pa.StringArray) -> Clocks:
        """The clocks of valid time strings, their instants read from the column's bytes at
        once (`data.load.large.instants`): a batch's planned times and ends, which the store
        keeps as written, in a fifth of the time `instants_of` takes string by string."""
        return cls(texts, instants(texts))

    def __len__(self) -> int:
        return len(self.texts)

    def by_shape(self, values: list[object], kind: pa.DataType) -> pa.Array:
        """Each time's value in `values` (one per shape, in `shapes`' order)."""
        return pa.array(values, kind).take(self.shape_codes)

    def zoned(self, zone: str) -> Zoned:
        """The times placed in `zone` (worked out once per zone)."""
        found = self._zoned.get(zone)
        if found is None:
            found = self._zoned[zone] = Zoned(self, zone)
        return found

    def times(self, indexes: list[int] | pa.Array) -> Times:
        """The data layer's `Times` of the times at `indexes`."""
        picked = indexes if isinstance(indexes, pa.Array) else pa.array(indexes, pa.int32())
        texts = self.texts.take(picked).to_pylist()
        return Times.of(texts, self.instants.take(picked).to_pylist())


def _layouts(texts: pa.StringArray) -> pa.StringArray:
    """Each time string with its digits blanked to 0 (`shapes.time_shapes`' layout): the
    string's bytes changed in one go by numpy (without Python's lock), the offsets kept."""
    offsets, data = texts.buffers()[1], texts.buffers()[2]
    blanked = None
    if data is not None:
        codes = np.frombuffer(data, np.uint8)
        digits = (codes >= ord("0")) & (codes <= ord("9"))
        blanked = pa.py_buffer(np.where(digits, np.uint8(ord("0")), codes))
    return pa.StringArray.from_buffers(len(texts), offsets, blanked, offset=texts.offset)


def shown(clocks: Clocks, zone: str, form: Form, clock: Clock, *, marks: bool) -> pa.StringArray:
    """`form(times)` for every time of the batch (see `parts`), as one column."""
    return assemble([parts(clocks, zone, form, clock, marks=marks)])


def parts(
    clocks: Clocks,
    zone: str,
    form: Form,
    clock: Clock,
    *,
    marks: bool,
    name: str = "",
    only: pa.BooleanArray | None = None,
) -> list[Part]:
    """`form(times)` for every time of the batch (or only where `only` is true: nothing
    elsewhere), as the parts of a row: `form` shows times in `zone` (an IANA zone, or
    `STATED`) with the given `clock` after each time of day; `marks` says whether it marks
    an approximate time (else a time's text is the same either way). Forms given the same
    `name` in a zone are taken to be the same (worked out once)."""
    size = len(clocks)
    if zone == STATED or not size:
        wanted = pc.indices_nonzero(only) if only is not None else list(range(size))
        texts = pa.array(form(clocks.times(wanted)), pa.string())
        return [texts if only is None else spread(size, wanted, texts)]
    kept = clocks.made.get((name, zone)) if name else None
    if kept is not None:
        return kept
    zoned = clocks.zoned(zone)
    group, befores, afters = zoned.groups(clocks, form, clock, marks, only)
    missing = pc.is_null(group)
    alone = missing if only is None else pc.and_(missing, only)
    codes: pa.Array = group
    if alone.true_count:  # shown by `form` itself, each distinct time string once
        rank = pc.subtract(pc.cumulative_sum(pc.cast(alone, pa.int32())), 1)
        codes = pc.if_else(alone, pc.add(rank, len(befores)), pc.cast(group, pa.int32()))
        befores = pa.concat_arrays([befores, _each_once(clocks, alone, form)])
    made: list[Part] = [Looked(befores, codes)]
    if clock is not Clock.NONE:
        made += _clock_parts(zoned.rest, zoned.precision(clock), missing)
    made.append(Looked(*_distinct(afters, group)))
    if name:
        clocks.made[(name, zone)] = made
    return made


def _distinct(texts: pa.StringArray, codes: pa.Array) -> tuple[pa.StringArray, pa.Array]:
    """`texts[codes]` with each text once (the texts after the clock are a handful: the
    zone's periods), so that the part can be looked up with the next."""
    encoded = pc.dictionary_encode(texts)
    if len(encoded.dictionary) == len(texts):
        return texts, codes
    return encoded.dictionary, encoded.indices.take(codes)


def _each_once(clocks: Clocks, where: pa.BooleanArray, form: Form) -> pa.StringArray:
    """`form` of the times where `where` is true, each distinct time string shown once (a
    string's instant is its own)."""
    positions = pc.indices_nonzero(where)
    texts = clocks.texts.take(positions)
    encoded = pc.dictionary_encode(texts)
    firsts = pc.index_in(encoded.dictionary, value_set=texts)
    shown_once = form(clocks.times(positions.take(firsts)))
    return pa.array(shown_once, pa.string()).take(encoded.indices)


class Zoned:
    """A batch's times of day placed in a zone: each one's zone period (UTC offset and
    abbreviation; null on a UTC day when the zone changes its clocks), local day, and time
    of day (`rest`, ms since local midnight); what every form shown in the zone shares.
    It keeps the columns of its `Clocks` that it reads, not the `Clocks` (which keeps it):
    a batch's arrays are freed with the batch, not when the cyclic collector next runs
    (which a quick export leaves for several batches: 60 MiB more at the peak)."""

    def __init__(self, clocks: Clocks, zone: str) -> None:
        self.approximate = clocks.approximate
        self.dated = clocks.dated
        self.precisions = clocks.precision
        days = _zone_days(zone)
        biased = pc.add(clocks.ms, _BIAS_DAYS * DAY_MS)
        utc_days = pc.divide(biased, DAY_MS)
        low = pc.min(utc_days).as_py()
        high = pc.max(utc_days).as_py()
        wanted = [day - _BIAS_DAYS for day in pc.unique(utc_days).to_pylist()]
        periods, offsets = days.periods_of(low - _BIAS_DAYS, high - _BIAS_DAYS, wanted)
        self.period = periods.take(pc.subtract(utc_days, low))
        local = pc.add(biased, offsets.take(pc.fill_null(self.period, 0)))
        local_days = pc.divide(local, DAY_MS)
        self.rest = pc.subtract(local, pc.multiply(local_days, DAY_MS))
        self.day = pc.subtract(local_days, pc.min(local_days))
        self.periods = len(offsets)

    def key(self, *, day: bool, marks: bool, only: pa.BooleanArray | None) -> pa.Int64Array:
        """Each time's group: its period, and its local day and approximate mark if asked;
        null for a date or a month, on a day the zone changes its clocks, or outside
        `only`."""
        key = self.period
        if day:
            key = pc.add(pc.multiply(self.day, self.periods), key)
        if marks:
            key = pc.add(pc.multiply(key, 2), pc.cast(self.approximate, pa.int64()))
        unshown = self.dated if only is None else pc.or_(self.dated, pc.invert(only))
        return pc.if_else(unshown, pa.scalar(None, pa.int64()), key)

    def groups(
        self, clocks: Clocks, form: Form, clock: Clock, marks: bool, only: pa.BooleanArray | None
    ) -> tuple[pa.Array, pa.StringArray, pa.StringArray]:
        """Each time's group (null where the groups cannot show it), and each group's text
        before and after the clock (`form` of its first time of `clocks`, these times, cut
        around its clock)."""
        key = self.key(day=clock is not Clock.NONE, marks=marks, only=only)
        encoded = pc.dictionary_encode(key)
        group = encoded.indices
        if not len(encoded.dictionary):
            return group, pa.array([], pa.string()), pa.array([], pa.string())
        samples = pc.index_in(encoded.dictionary, value_set=key)
        befores, afters = _cut(
            form(clocks.times(samples)),
            self.rest.take(samples).to_pylist(),
            self.precision(clock).take(samples).to_pylist(),
        )
        if None in befores:  # a text without its clock: the group is shown time by time
            lost = pa.array([n for n, text in enumerate(befores) if text is None], pa.int32())
            group = pc.if_else(pc.is_in(group, value_set=lost), pa.scalar(None, pa.int32()), group)
        return group, pa.array(befores, pa.string()), pa.array(afters, pa.string())

    def precision(self, clock: Clock) -> pa.Array:
        """The precision each time's clock is written to."""
        if clock is Clock.NONE:
            return pa.repeat(pa.scalar(0, pa.int8()), len(self.rest))
        return pc.max_element_wise(self.precisions, pa.scalar(int(clock.value), pa.int8()))


def _clock_parts(rest: pa.Int64Array, precision: pa.Array, alone: pa.BooleanArray) -> list[Part]:
    """Each time of day's clock (none for the times in `alone`): its hours and minutes, and
    seconds where its precision has them, then its milliseconds likewise; from the data
    layer's tables."""
    seconds = pc.divide(rest, 1000)
    minutes = pc.divide(rest, 60_000)
    with_seconds = pc.greater_equal(precision, int(Precision.SECOND))
    code = pc.if_else(with_seconds, seconds, pc.add(minutes, _SECONDS_A_DAY))
    with_millis = pc.and_(pc.equal(precision, int(Precision.MILLISECOND)), pc.invert(alone))
    none = pa.scalar(None, pa.int64())
    return [
        Looked(_clock_texts(), pc.if_else(alone, none, code)),
        Looked(
            _MILLISECOND_ARRAY,
            pc.if_else(with_millis, pc.subtract(rest, pc.multiply(seconds, 1000)), none),
        ),
    ]


_SECONDS_A_DAY = 86_400
_MILLISECOND_ARRAY = pa.array(MILLISECOND_TEXTS, pa.string())


@cache
def _clock_texts() -> pa.StringArray:
    """Every clock to the second (by second of the day), then every clock to the minute."""
    to_second = [hm + second for hm in MINUTE_TEXTS for second in SECOND_TEXTS]
    return pa.array(to_second + MINUTE_TEXTS, pa.string())


def _cut(
    texts: list[str], rests: list[int], precisions: list[int]
) -> tuple[list[str | None], list[str | None]]:
    """Each sample's text before and after its clock (nulls where the text does not hold
    its clock: that group is shown time by time)."""
    befores: list[str | None] = []
    afters: list[str | None] = []
    for text, rest, precision in zip(texts, rests, precisions, strict=True):
        clock = _clock_text(rest, precision)
        at = text.find(clock) if clock else len(text)
        if at < 0:
            befores.append(None)
            afters.append(None)
        else:
            befores.append(text[:at])
            afters.append(text[at + len(clock) :])
    return befores, afters


def _clock_text(rest: int, precision: int) -> str:
    """A time of day as `_clock_parts` writes it ("" for no clock)."""
    if precision < Precision.MINUTE:
        return ""
    text = MINUTE_TEXTS[rest // 60_000]
    if precision >= Precision.SECOND:
        text += SECOND_TEXTS[rest // 1000 % 60]
    if precision == Precision.MILLISECOND:
        text += MILLISECOND_TEXTS[rest % 1000]
    return text


class _ZoneDays:
    """A zone's period (UTC offset and abbreviation) on each UTC day asked for so far, or
    none on a day when its clocks change; from the zone database, each day once."""

    def __init__(self, zone: str) -> None:
        self.tz = zone_info(zone)
        self.offsets: list[int] = []
        """Each period's offset in ms."""
        self._periods: dict[tuple[timedelta | None, str | None], int] = {}
        self._days: dict[int, int | None] = {}

    def periods_of(
        self, low: int, high: int, wanted: list[int]
    ) -> tuple[pa.Int64Array, pa.Int64Array]:
        """The period of each UTC day from `low` to `high` (null for a day when the clocks
        change), worked out for the days `wanted`; and each period's offset in ms."""
        with _LOCK:  # shared by every export: two may run in two threads
            days = self._days
            for day in wanted:
                if day not in days:
                    first = self._period(day * 86_400)
                    days[day] = first if first == self._period(day * 86_400 + 86_399) else None
            periods = pa.array([days.get(day) for day in range(low, high + 1)], pa.int64())
            return periods, pa.array(self.offsets or [0], pa.int64())

    def _period(self, second: int) -> int:
        moment = datetime.fromtimestamp(second, self.tz)
        key = (moment.utcoffset(), moment.tzname())
        found = self._periods.get(key)
        if found is None:
            found = self._periods[key] = len(self.offsets)
            self.offsets.append((key[0] or timedelta(0)) // timedelta(milliseconds=1))
        return found


_DAYS: dict[str, _ZoneDays] = {}
_LOCK = threading.Lock()


def _zone_days(zone: str) -> _ZoneDays:
    found = _DAYS.get(zone)
    if found is None:
        found = _DAYS[zone] = _ZoneDays(zone)
    return found
