"""Facts derived from a mission: elapsed times, durations, time in space, ages, whereabouts.

Plain functions of the model, each tested against the fact sheet's checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from data.model import Event, Mission, Person
from data.times.parse import Precision, When


class TimeMode(StrEnum):
    """How the timeline shows when an event happened."""

    ABSOLUTE = "absolute"
    T_MINUS = "t-minus"
    MET = "met"
    FLIGHT_DAY = "flight-day"


def elapsed(when: When, reference: When) -> timedelta:
    """Time from the reference instant to `when` (negative before it)."""
    return when.instant - reference.instant


def duration(start: Event, end: Event) -> timedelta:
    """Time between two events' instants."""
    return end.when.instant - start.when.instant


def planned_delta(event: Event) -> timedelta | None:
    """How late (positive) or early the event was against its plan, if both are known."""
    if event.at is None or event.planned is None:
        return None
    return event.at.instant - event.planned.instant


def relative(when: When, reference: When, mode: TimeMode) -> str:
    """`when` relative to `reference` in a relative mode, to `when`'s own precision."""
    if mode is TimeMode.FLIGHT_DAY:
        return flight_day(when, reference)
    if when.is_date:
        # Known only to the day: count calendar days, never a time of day.
        days = (_utc_date(when) - _utc_date(reference)).days
        sign = "-" if days < 0 else ("" if mode is TimeMode.MET else "+")
        return f"{sign}{abs(days):03d}/--:--" if mode is TimeMode.MET else f"T{sign}{abs(days)}d"
    delta = elapsed(when, reference)
    if mode is TimeMode.MET:
        return met(delta, when.precision)
    return t_minus(delta, when.precision)


def t_minus(delta: timedelta, precision: Precision) -> str:
    """`T+03:27:28`, `T-2d 06:25`: sign, days, and a clock to the given precision."""
    sign = "-" if delta < timedelta(0) else "+"
    days, clock = _split(abs(delta), precision)
    return f"T{sign}{days}d {clock}" if days else f"T{sign}{clock}"


def met(delta: timedelta, precision: Precision) -> str:
    """Mission elapsed time as `ddd/hh:mm:ss` (negative before the reference)."""
    sign = "-" if delta < timedelta(0) else ""
    days, clock = _split(abs(delta), precision)
    return f"{sign}{days:03d}/{clock}"


def flight_day(when: When, reference: When) -> str:
    """`FD1` is the UTC day of the reference event (ISS time is UTC); earlier days are `L-n`."""
    days = (_utc_date(when) - _utc_date(reference)).days
    return f"FD{days + 1}" if days >= 0 else f"L{days}"


def format_duration(value: timedelta, *, seconds: bool = True) -> str:
    """`176d 02h 33m` or `3h 27m 29s`: exact, for detail panes and exports."""
    total = int(abs(value).total_seconds())
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    sign = "-" if value < timedelta(0) else ""
    text = f"{days}d {hours:02d}h {minutes:02d}m" if days else f"{hours}h {minutes:02d}m"
    if seconds and not days:
        text += f" {secs:02d}s"
    return sign + text


def humanize(value: timedelta) -> str:
    """`about 12 days`, `about 10 min`: a rounded reading of a duration, for prose."""
    seconds = abs(value.total_seconds())
    # Days and hours round (11 d 19 h is "about 12 days", as NASA said); minutes are whole
    # minutes elapsed (10 min 31 s late is "about 10 min", as the press said).
    for unit, size, min_units in (("days", 86_400, 2), ("hours", 3_600, 2), ("min", 60, 1)):
        if seconds >= size * min_units:
            count = round(seconds / size) if unit != "min" else int(seconds // size)
            return f"about {count} {unit}"
    import pendulum  # only for durations under a minute: not worth its import at start-up

    return pendulum.duration(seconds=round(seconds)).in_words()


def time_in_space(person: Person, mission: Mission, until: datetime | None = None) -> timedelta:
    """A person's time in space on this mission (every flight's launch to landing).

    With `until`, only the part up to that instant, for "time in space so far".
    """
    total = timedelta(0)
    for launch, landing in _flight_spans(person, mission):
        end = landing if until is None else min(landing, max(until, launch))
        total += end - launch
    return total


def age_on(born: date, day: date) -> int:
    """Whole years of age on a given day."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_at_launch(person: Person, mission: Mission) -> int | None:
    """Age on the UTC day of the mission's reference event (its launch)."""
    reference = mission.reference_event
    if person.born is None or reference is None:
        return None
    return age_on(person.born, _utc_date(reference.when))


@dataclass(frozen=True, slots=True)
class Whereabouts:
    """Where a person was: aboard a vehicle (`vehicle` is its id) or on the ground (`None`)."""

    vehicle: str | None
    label: str


def whereabouts(person: Person, mission: Mission, instant: datetime) -> Whereabouts:
    """Which vehicle or station a person was aboard at an instant."""
    for flight in person.flights:
        launch = mission.event_by_id[flight.launch].when.instant
        landing = mission.event_by_id[flight.landing].when.instant
        if not launch <= instant < landing:
            continue
        docked = _instant(mission, flight.docking, default=landing)
        undocked = _instant(mission, flight.undocking, default=landing)
        if instant < docked:
            return _aboard(mission, flight.up)
        if instant < undocked and flight.station is not None:
            return _aboard(mission, flight.station)
        return _aboard(mission, flight.down)
    return Whereabouts(None, "on the ground")


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


def _flight_spans(person: Person, mission: Mission) -> Iterator[tuple[datetime, datetime]]:
    for flight in person.flights:
        yield (
            mission.event_by_id[flight.launch].when.instant,
            mission.event_by_id[flight.landing].when.instant,
        )


def _instant(mission: Mission, event_id: str | None, *, default: datetime) -> datetime:
    return default if event_id is None else mission.event_by_id[event_id].when.instant


def _aboard(mission: Mission, vehicle_id: str) -> Whereabouts:
    return Whereabouts(vehicle_id, f"aboard {mission.vehicle_by_id[vehicle_id].name}")


def _utc_date(when: When) -> date:
    return when.local_date if when.is_date else when.instant.astimezone(UTC).date()


def _split(delta: timedelta, precision: Precision) -> tuple[int, str]:
    total = int(delta.total_seconds())
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, seconds = divmod(rest, 60)
    if precision >= Precision.SECOND:
        return days, f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    return days, f"{hours:02d}:{minutes:02d}"
