"""Time arithmetic that knows precision, and the facts derived from it: elapsed and relative
times, durations, time in space, ages, whereabouts, the station's crew.

A time known to a unit (a month, a day, a minute, a second) stands for that whole unit. The
time between two times is taken between the middles of their units and shown at the coarser
of their precisions, rounded to the nearest unit: a landing known to the minute, 176 d
02:32:57.6 after a launch known to the millisecond, is `176d 02:33` after it, never `02:32`,
and never with a second that neither time has.

Every text here is in the interface's language (`data.i18n`): `176d 02h 33m`, `about 12 days`,
`FD12` in English; `176 d 2 u 33 min`, `ongeveer 12 dagen`, `VD12` (vluchtdag) in Dutch. The
T-/T+ and mission-elapsed-time notations are the same in every language.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

import msgspec

from data.facts.stays import Stay, person_stays, stay_at
from data.i18n import _, ngettext
from data.model import Event, Mission, Person
from data.times.display import clock_texts
from data.times.parse import Precision, When


class TimeMode(StrEnum):
    """How the timeline shows when an event happened."""

    ABSOLUTE = "absolute"
    T_MINUS = "t-minus"
    MET = "met"
    FLIGHT_DAY = "flight-day"


_SHOWN = {
    Precision.MONTH: Precision.DAY,
    Precision.DAY: Precision.DAY,
    Precision.MINUTE: Precision.MINUTE,
    Precision.SECOND: Precision.SECOND,
    Precision.MILLISECOND: Precision.SECOND,
}
"""The unit a difference is shown in, by the coarser precision of its two times: days for
dates (a month's difference is counted in months where it is shown), seconds for
milliseconds."""
_UNIT_S = {Precision.DAY: 86_400, Precision.MINUTE: 60, Precision.SECOND: 1}
"""Each unit of `_SHOWN`, in seconds."""
_MICROSECOND = timedelta(microseconds=1)
_MILLISECOND = timedelta(milliseconds=1)
_DAY = timedelta(days=1)
_HALF = {
    Precision.MINUTE: timedelta(seconds=30),
    Precision.SECOND: timedelta(milliseconds=500),
    Precision.MILLISECOND: timedelta(0),
}
"""From the start of a time's unit to its middle (a date's or month's is worked out)."""


class Elapsed(msgspec.Struct, frozen=True):
    """The time from one time to another: `value` between the middles of their units (not
    rounded), `precision` the coarser of their precisions."""

    value: timedelta
    precision: Precision

    def rounded(self) -> timedelta:
        """`value` to the nearest unit of its precision, halves away from zero."""
        return timedelta(seconds=self.seconds())

    def seconds(self) -> int:
        """`value` to the nearest unit of its precision, in whole seconds."""
        return _rounded_seconds(self.value, self.precision)

    @property
    def text(self) -> str:
        """`176d 02h 33m`, `3h 27m 29s`, `0h 10m`, `32d`: see `format_duration`."""
        return format_duration(self.value, self.precision)


def between(start: When, end: When) -> Elapsed:
    """The time from `start` to `end` (negative if `end` is earlier), at their precision."""
    coarser = start.precision if start.precision < end.precision else end.precision
    return Elapsed(middle(end) - middle(start), coarser)


def between_timed(start_ms: int, start: Precision, end_ms: int, end: Precision) -> Elapsed:
    """`between` two times of day given by their instants in milliseconds and precisions
    (the exports' column paths): the same middles, without a `When` for each."""
    coarser = start if start < end else end
    return Elapsed((end_ms - start_ms) * _MILLISECOND + _HALF[end] - _HALF[start], coarser)


def middle(when: When) -> datetime:
    """The middle of the unit a time is known to: `12:12` stands for 12:12:30."""
    half = _HALF.get(when.precision)
    if half is not None:
        return when.instant + half
    start, after = unit(when)
    return start + (after - start) / 2


def unit(when: When) -> tuple[datetime, datetime]:
    """The start of the unit a time is known to and the start of the next one, in UTC:
    `12:12` is 12:12:00 to 12:13:00, `2021-10-05[Europe/Moscow]` that day in Moscow."""
    half = _HALF.get(when.precision)
    if half is not None:
        return when.instant, when.instant + 2 * half
    first = when.local_date.replace(day=1) if when.precision is Precision.MONTH else None
    day = first or when.local_date
    start = datetime(day.year, day.month, day.day, tzinfo=when.stated_tz)
    end = _next_month(day) if first is not None else day + timedelta(days=1)
    after = datetime(end.year, end.month, end.day, tzinfo=when.stated_tz)
    return start.astimezone(UTC), after.astimezone(UTC)


def format_duration(value: timedelta, precision: Precision = Precision.MINUTE) -> str:
    """A duration rounded to the unit of `precision`: `32d` (days), `176d 02h 33m`, `0h 10m`
    (minutes), `3h 27m 29s` (seconds); in Dutch `32 d`, `176 d 2 u 33 min`, `0 u 10 min`,
    `3 u 27 min 29 s`. A duration of a day or more is shown to the minute at the finest."""
    shown = _SHOWN[precision]
    if shown > Precision.MINUTE and abs(value) >= _DAY:
        shown = Precision.MINUTE
    total = _rounded_seconds(value, shown)
    sign = "-" if total < 0 else ""
    days, rest = divmod(abs(total), 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, seconds = divmod(rest, 60)
    if shown <= Precision.DAY:
        return sign + _("{days}d").format(days=days)
    if shown >= Precision.SECOND:  # under a day, which rounds up to one at most
        if days:
            form = _("{days}d {hours:02d}h {minutes:02d}m {seconds:02d}s")
        else:
            form = _("{hours}h {minutes:02d}m {seconds:02d}s")
    else:
        form = _("{days}d {hours:02d}h {minutes:02d}m") if days else _("{hours}h {minutes:02d}m")
    return sign + form.format(days=days, hours=hours, minutes=minutes, seconds=seconds)


def humanize(value: timedelta) -> str:
    """`about 12 days`, `about 10 min` (Dutch: `ongeveer 12 dagen`, `ongeveer 10 min`): a
    duration rounded to its largest unit (days and hours from two of them on), for prose."""
    seconds = abs(value.total_seconds())
    if seconds >= 2 * 86_400:
        count = round(seconds / 86_400)
        form = ngettext("about {count} day", "about {count} days", count)
    elif seconds >= 2 * 3_600:
        count = round(seconds / 3_600)
        form = ngettext("about {count} hour", "about {count} hours", count)
    elif seconds >= 60:
        count = round(seconds / 60)
        form = ngettext("about {count} min", "about {count} min", count)
    else:
        count = round(seconds)
        form = ngettext("about {count} s", "about {count} s", count)
    return form.format(count=count)


def relative(when: When, reference: When, mode: TimeMode) -> str:
    """`when` relative to `reference` in a relative mode, at the coarser of their precisions:
    `T+03:27:29`, `T+176d 02:33`, `T+32d`, `T-11mo` (T-/T+); `000/03:27:29`, `176/02:33`,
    `032/--:--` (mission elapsed time); `FD12`, `L-1` (flight day; Dutch `VD12`).

    Called for every row of an export: the arithmetic of `between` without its record."""
    precision, reference_precision = when.precision, reference.precision
    if precision is Precision.MONTH or reference_precision is Precision.MONTH:
        return _months(when, reference, mode)
    if mode is TimeMode.FLIGHT_DAY:
        return flight_day(when, reference)
    if reference_precision < precision:
        precision = reference_precision
    shown = _SHOWN[precision]
    return relative_text(_rounded_seconds(middle(when) - middle(reference), shown), shown, mode)


def relative_text(total: int, shown: Precision, mode: TimeMode) -> str:
    """`total` seconds (a whole number of `shown`'s unit: a day, a minute or a second) from
    the reference, in the words of the T-/T+ or MET mode (see `relative`)."""
    sign = "-" if total < 0 else "+"
    days, rest = divmod(abs(total), 86_400)
    if shown is Precision.DAY:
        clock = ""
    else:
        hours_minutes, seconds = clock_texts()
        clock = hours_minutes[rest // 60]
        if shown is not Precision.MINUTE:
            clock += seconds[rest % 60]
    if mode is TimeMode.MET:
        return f"{'-' if total < 0 else ''}{days:03d}/{clock or '--:--'}"
    if not clock:
        return f"T{sign}{days}d"
    return f"T{sign}{days}d {clock}" if days else f"T{sign}{clock}"


def flight_day(when: When, reference: When) -> str:
    """`FD1` is the UTC day of the reference event (ISS time is UTC); earlier days are `L-n`."""
    return flight_day_text((utc_date(when) - utc_date(reference)).days)


def flight_day_text(days: int) -> str:
    """`FD1` for the reference's UTC day (`days` 0), `FD2` the next, `L-1` the day before;
    in Dutch `VD1` (vluchtdag 1) and `L-1` (lancering)."""
    return _flight_day(days + 1) if days >= 0 else _launch_minus(days)


def _flight_day(count: int | str) -> str:
    # Translators: a flight day: FD1 is the day of the launch (in UTC), FD2 the next one.
    return _("FD{count}").format(count=count)


def _launch_minus(count: int | str) -> str:
    # Translators: a day before the launch's flight day: L-1 is the day before, L-2 the one
    # before it ({count} holds the minus sign).
    return _("L{count}").format(count=count)


def _months(when: When, reference: When, mode: TimeMode) -> str:
    """A time known only to the month, relative to another, in whole calendar months."""
    later, earlier = _month_number(when), _month_number(reference)
    months = later - earlier
    sign = "-" if months < 0 else "+"
    # Translators: a number of whole months before (-) or after (+) the reference event.
    text = _("{sign}{count}mo").format(sign=sign, count=abs(months))
    if mode is TimeMode.T_MINUS:
        return f"T{text}"
    if mode is TimeMode.FLIGHT_DAY:
        return _launch_minus(text) if months < 0 else _flight_day(text)
    return text.lstrip("+")


def _month_number(when: When) -> int:
    day = utc_date(when) if when.precision > Precision.DAY else when.local_date
    return day.year * 12 + day.month - 1


def half_unit_us(precision: Precision) -> int:
    """From the start of a timed time's unit to its middle, in microseconds (0 for a date or
    a month, whose middle is worked out from its length)."""
    return _HALF.get(precision, timedelta(0)) // _MICROSECOND


def rounding_unit_s(precision: Precision) -> int:
    """The unit, in seconds, a difference is rounded to when `precision` is the coarser of
    its two times' (see `_SHOWN`)."""
    return _UNIT_S[_SHOWN[precision]]


def _rounded_seconds(value: timedelta, precision: Precision) -> int:
    """`value` to the nearest unit of `precision` (see `_SHOWN`) in whole seconds, halves
    away from zero (worked out in whole microseconds: exact)."""
    unit = rounding_unit_s(precision)
    micro = value // _MICROSECOND
    count = (abs(micro) + unit * 500_000) // (unit * 1_000_000)
    return count * unit if micro >= 0 else -count * unit


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


# -- people ------------------------------------------------------------------------------------


def time_in_space(person: Person, mission: Mission, until: When | None = None) -> Elapsed:
    """A person's time in space on this mission (every flight's launch to landing), at the
    coarsest precision of the times it rests on.

    With `until`, only the part up to that time, for "time in space so far".
    """
    total = timedelta(0)
    precision = Precision.MILLISECOND
    for launch, landing in _flight_spans(person, mission):
        end = landing
        if until is not None and middle(until) < middle(landing):
            end = until if middle(until) > middle(launch) else launch
        part = between(launch, end)
        total += part.value
        precision = min(precision, part.precision)
    return Elapsed(total, precision)


def age_on(born: date, day: date) -> int:
    """Whole years of age on a given day."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_at(person: Person, when: When) -> int | None:
    """Age on the UTC day of a time (a date: on that date as stated)."""
    if person.born is None:
        return None
    return age_on(person.born, utc_date(when))


def age_at_launch(person: Person, mission: Mission) -> int | None:
    """Age on the UTC day of the mission's reference event (its launch)."""
    reference = mission.reference_event
    return None if reference is None else age_at(person, reference.when)


class Whereabouts(msgspec.Struct, frozen=True):
    """Where a person was: aboard a vehicle (`vehicle` is its id) or on the ground (`None`)."""

    vehicle: str | None
    label: str


def whereabouts(person: Person, mission: Mission, instant: datetime) -> Whereabouts:
    """Which vehicle or station a person was aboard at an instant: a lookup in their stays."""
    return whereabouts_in(person_stays(person, mission), mission, instant)


def whereabouts_in(stays: tuple[Stay, ...], mission: Mission, instant: datetime) -> Whereabouts:
    """`whereabouts` from a person's stays worked out before (`person_stays`), for a surface
    that asks again and again (the mission clock)."""
    stay = stay_at(stays, instant)
    if stay is None:
        return Whereabouts(None, _("on the ground"))
    vehicle = mission.vehicle_by_id[stay.where].name
    return Whereabouts(stay.where, _("aboard {vehicle}").format(vehicle=vehicle))


def station_crew(mission: Mission, instant: datetime) -> int | None:
    """People aboard the station at an instant, from the last event that states it."""
    count = None
    for event in mission.events:
        if event.when.instant > instant:
            break
        if event.station_crew is not None:
            count = event.station_crew
    return count


def events_of(person: Person, mission: Mission) -> Iterator[Event]:
    """The events a person takes part in: those naming them and their flights' events."""
    flight_events = {
        event_id
        for flight in person.flights
        for event_id in (flight.launch, flight.docking, flight.undocking, flight.landing)
        if event_id is not None
    }
    for event in mission.events:
        if person.id in event.people or event.id in flight_events:
            yield event


def _flight_spans(person: Person, mission: Mission) -> Iterator[tuple[When, When]]:
    for flight in person.flights:
        yield (
            mission.event_by_id[flight.launch].when,
            mission.event_by_id[flight.landing].when,
        )


def utc_date(when: When) -> date:
    """The day a time falls on in UTC (ISS time); a date: the date as stated."""
    return when.local_date if when.is_date else when.instant.astimezone(UTC).date()
