"""The ticks of a time axis: the finest step whose labels fit, and their labels.

Absolute ticks follow the local calendar of the zone (hours are the zone's hours across a
change of offset: 02:00 CEST, then 02:00 CET on 31 Oct 2021 in Brussels); the first tick of a
clock step names the zone's abbreviation, and so does each tick where it changes. In the
T-/T+ and MET modes the ticks step from the anchor and read as the list's relative column
(`data.facts.derived.relative_text`); in flight-day mode they follow the UTC days from the
anchor's (`flight_day_text`), with UTC clock ticks between them when zoomed in.

A label starts at its tick's position and takes `text_width(label)` units; two labels are
always at least `gap` units apart, and no label runs past the width.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from data.axis.calendar import Step, clock_starts, day_starts, month_starts, year_starts
from data.axis.scale import Scale
from data.facts.derived import TimeMode, middle, relative_text, utc_date
from data.facts.derived import flight_day_text as _flight_day
from data.i18n import language
from data.times.dates import month_names
from data.times.display import STATED
from data.times.parse import Precision, When, zone_info
from data.widths import cell_width

TextWidth = Callable[[str], float]

DAY = 86_400
EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick at a unit; `major` when it starts a larger unit (a day, a month, a year, or
    the anchor's T-0): its label then names that unit."""

    position: int
    label: str
    major: bool


@dataclass(frozen=True, slots=True)
class _Mark:
    """A tick before it is placed: its instant, its labels (the first that fits is used,
    longest first) and whether it is major."""

    instant: float
    labels: tuple[str, ...]
    major: bool


Marks = Callable[[float, float], Iterator[_Mark]]
"""The marks of one step between two instants (the second excluded), in time order."""

ABSOLUTE_STEPS: tuple[Step, ...] = (
    *(Step("second", n) for n in (1, 5, 10, 30)),
    *(Step("minute", n) for n in (1, 5, 10, 15, 30)),
    *(Step("hour", n) for n in (1, 3, 6, 12)),
    *(Step("day", n) for n in (1, 2, 5, 10, 15)),
    *(Step("month", n) for n in (1, 3, 6)),
    *(Step("year", n) for n in (1, 2, 5, 10, 20, 50, 100)),
)
"""Every step of an absolute axis, finest first."""
RELATIVE_STEPS: tuple[int, ...] = (
    *(1, 5, 10, 30),
    *(60 * n for n in (1, 5, 10, 15, 30)),
    *(3_600 * n for n in (1, 3, 6, 12)),
    *(DAY * n for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000)),
)
"""Every step from the anchor in the T-/T+ and MET modes, in seconds, finest first."""
FLIGHT_DAY_STEPS: tuple[int, ...] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000)
"""Every step of flight days, in days, once a step is a day or more."""


def ticks(
    scale: Scale,
    width: int,
    zone: str,
    mode: TimeMode = TimeMode.ABSOLUTE,
    anchor: When | None = None,
    text_width: TextWidth = cell_width,
    gap: float = 2,
) -> tuple[Tick, ...]:
    """The ticks of `width` units of `scale`: those of the finest step with ticks in view
    whose labels fit without overlap (see the module), else one tick alone. `zone` is an
    IANA zone (the pseudo-zone "stated" is shown in UTC); a relative `mode` without an
    `anchor` gives absolute ticks."""
    if width <= 0:
        return ()
    start, end = scale.instant(0), scale.instant(width)
    crowded: list[Marks] = []
    for shortest, marks in _steps(zone, mode, anchor):
        spacing = shortest / scale.per_unit
        if spacing < 1:  # more ticks than units
            continue
        placed = (
            None if spacing < gap + 1 else _placed(marks(start, end), scale, width, text_width, gap)
        )
        if placed:
            return placed
        if placed is None:
            crowded.append(marks)
    return next(filter(None, (_lone(m(start, end), scale, width, text_width) for m in crowded)), ())


def _steps(zone: str, mode: TimeMode, anchor: When | None) -> Iterator[tuple[float, Marks]]:
    """Each step of the mode, finest first: its shortest length in seconds and its marks."""
    if mode is TimeMode.ABSOLUTE or anchor is None:
        tz = zone_info("UTC" if zone == STATED else zone)
        for step in ABSOLUTE_STEPS:
            yield step.shortest, _absolute(step, tz)
    elif mode is TimeMode.FLIGHT_DAY:
        first_day = (utc_date(anchor) - EPOCH).days
        for step in ABSOLUTE_STEPS[: ABSOLUTE_STEPS.index(Step("day", 1))]:
            yield step.shortest, _flight_clock(step, first_day)
        for days in FLIGHT_DAY_STEPS:
            yield days * DAY, _flight_days(days, first_day)
    else:
        origin = middle(anchor).timestamp()
        for seconds in RELATIVE_STEPS:
            yield seconds, _relative(seconds, origin, mode)


def _placed(
    marks: Iterator[_Mark], scale: Scale, width: int, text_width: TextWidth, gap: float
) -> tuple[Tick, ...] | None:
    """The marks as ticks, each with the first of its labels that ends `gap` before the next
    tick; `None` if a label fits none. A last label that would pass `width` is left out."""
    placed: list[Tick] = []
    columns = ((scale.column(mark.instant), mark) for mark in marks)
    positioned = ((position, mark) for position, mark in columns if position >= 0)
    current = next(positioned, None)
    while current is not None:
        following = next(positioned, None)
        position, mark = current
        after = width + gap if following is None else following[0]
        label = _fitting(mark.labels, after - gap - position, text_width)
        if label is None:
            if following is None:
                break
            return None
        placed.append(Tick(position, label, mark.major))
        current = following
    return tuple(placed)


def _lone(
    marks: Iterator[_Mark], scale: Scale, width: int, text_width: TextWidth
) -> tuple[Tick, ...]:
    """The first mark whose label fits the width, alone: for a width where no step's labels
    fit side by side."""
    for mark in marks:
        position = scale.column(mark.instant)
        label = _fitting(mark.labels, width - position, text_width)
        if label is not None and position >= 0:
            return (Tick(position, label, mark.major),)
    return ()


def _fitting(labels: tuple[str, ...], room: float, text_width: TextWidth) -> str | None:
    """The first label that takes at most `room` units."""
    return next((label for label in labels if text_width(label) <= room), None)


# -- absolute ------------------------------------------------------------------------------


def _absolute(step: Step, tz: ZoneInfo) -> Marks:
    """The marks of a step of the zone's calendar."""

    def marks(start: float, end: float) -> Iterator[_Mark]:
        previous: datetime | None = None
        months = month_names(language())
        for instant in _starts(step, tz, start, end):
            local = datetime.fromtimestamp(instant, tz)
            yield _Mark(instant, *_absolute_labels(step, local, previous, months))
            previous = local

    return marks


def _starts(step: Step, tz: ZoneInfo, start: float, end: float) -> Iterator[float]:
    if step.unit == "year":
        return year_starts(step.count, tz, start, end)
    if step.unit == "month":
        return month_starts(step.count, tz, start, end)
    if step.unit == "day":
        return day_starts(step.count, tz, start, end)
    return clock_starts(step.seconds, tz, start, end)


def _absolute_labels(
    step: Step, local: datetime, previous: datetime | None, months: dict[int, str]
) -> tuple[tuple[str, ...], bool]:
    """A tick's labels, longest first, and whether it is major (see the module); `months`
    names the months (`month_names`)."""
    day = f"{local.day} {months[local.month]}"
    year = str(local.year)
    if step.unit == "year":
        return (year,), False
    if step.unit == "month":
        month = months[local.month]
        if previous is None:
            return (f"{month} {year}", month), local.month == 1
        return ((f"{month} {year}",) if local.month == 1 else (month,)), local.month == 1
    if step.unit == "day":
        major = local.day == 1
        if previous is None:
            return (f"{day} {year}", day, *(() if major else (str(local.day),))), major
        if local.month == 1 and major:
            return (f"{day} {year}",), True
        return ((day,) if major else (str(local.day),)), major
    clock = f"{local:%H:%M:%S}" if step.unit == "second" else f"{local:%H:%M}"
    abbrev = local.tzname() or ""
    major = local.hour == local.minute == local.second == 0
    if previous is None:
        last = f"{day} {abbrev}" if major else f"{clock} {abbrev}"
        return (f"{day} {year} {clock} {abbrev}", f"{day} {clock} {abbrev}", last), major
    label = (f"{day} {year}" if local.month == local.day == 1 else day) if major else clock
    if abbrev != previous.tzname():
        label = f"{label} {abbrev}"
    return (label,), major


# -- relative ------------------------------------------------------------------------------


def _relative(seconds: int, origin: float, mode: TimeMode) -> Marks:
    """The marks every `seconds` from the anchor's instant `origin`, in the mode's words."""
    if seconds % 60:
        shown = Precision.SECOND
    elif seconds < DAY or mode is TimeMode.MET:
        shown = Precision.MINUTE
    else:
        shown = Precision.DAY

    def marks(start: float, end: float) -> Iterator[_Mark]:
        k = -int((origin - start) // seconds)
        while (instant := origin + k * seconds) < end:
            offset = k * seconds
            major = offset == 0 or (seconds < DAY and offset % DAY == 0)
            yield _Mark(instant, (relative_text(offset, shown, mode),), major)
            k += 1

    return marks


def _flight_days(days: int, first_day: int) -> Marks:
    """The UTC midnights every `days` days from the anchor's day, named by flight day."""

    def marks(start: float, end: float) -> Iterator[_Mark]:
        k = -((first_day - _utc_day(start)) // days)
        while (instant := (first_day + k * days) * DAY) < end:
            if instant >= start:
                yield _Mark(instant, (_flight_day(k * days),), k == 0)
            k += 1

    return marks


def _flight_clock(step: Step, first_day: int) -> Marks:
    """UTC clock ticks, the midnights among them named by flight day."""

    def marks(start: float, end: float) -> Iterator[_Mark]:
        first = True
        for instant in clock_starts(step.seconds, UTC, start, end):
            local = datetime.fromtimestamp(instant, UTC)
            clock = f"{local:%H:%M:%S}" if step.unit == "second" else f"{local:%H:%M}"
            day = _flight_day(_utc_day(instant) - first_day)
            major = instant % DAY == 0
            if first:
                labels: tuple[str, ...] = (f"{day} {clock} UTC", day if major else f"{clock} UTC")
            else:
                labels = (day,) if major else (clock,)
            yield _Mark(instant, labels, major)
            first = False

    return marks


def _utc_day(instant: float) -> int:
    """The number of the UTC day `instant` falls in, counted from 1 Jan 1970."""
    return int(instant // DAY)
