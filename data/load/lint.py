"""The rules a mission must follow beyond its schema, and the `Problem` every rule reports.

`check_references` holds what the app needs to run at all (unique ids, references that
resolve); `lint` holds what makes a mission self-contradictory or suspicious. Each rule has a
severity: an **error** makes the file unusable (the app refuses it, `check` exits 65); a
**warning** is reported by `mission-timeline check` only.

| rule | severity |
|---|---|
| duplicate id within a list | error |
| reference to an unknown event, person, vehicle, place, phase or source | error |
| an event with neither `at` nor `planned` | error |
| a dispute without versions; a negative `station_crew` | error |
| a span that ends before it starts (an event's `end`, a phase's `end`) | error |
| a flight whose stages are out of order (landing before launch, and so on) | error |
| a person aboard two vehicles at once (overlapping flights) | error |
| an event whose time falls outside its phase's span | warning |
| planned and actual times more than `PLAN_TOLERANCE` (30 days) apart | warning |

A time with no zone or offset, an unknown IANA zone, and every other malformed value are
errors found earlier, by the loader, with the same `Problem` form.

Times are compared as the intervals their precision gives them: `2021-10-05[UTC]` is the whole
day and `12:04Z` the whole minute, so a rule only fires when the order is wrong however the
coarse time is read. Approximate times (`~`) are compared as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from itertools import pairwise
from typing import Any, Protocol

from data.model import Event, Flight, Mission
from data.sanitize import quote, sanitize_line
from data.times.parse import Precision, When

PLAN_TOLERANCE = timedelta(days=30)
"""Planned and actual times further apart than this are reported: a plan that slipped by
more than a month is usually a stale plan or a time given to the wrong event."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a mission file, printed as `file:line:col: field.path: message`."""

    file: str
    path: str
    message: str
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        """`file:line:col`, or just `file` when the place in the text is not known."""
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def __str__(self) -> str:
        field_path = f" {self.path}:" if self.path else ""
        label = " warning:" if self.severity is Severity.WARNING else ""
        # Every part may come from the file (its name, a key, a value): one safe line.
        return sanitize_line(f"{self.location}:{field_path}{label} {self.message}")


@dataclass(frozen=True, slots=True)
class RecordPaths:
    """Where the records of a possibly partial mission came from in the file.

    A record that failed validation is left out of the mission, so its neighbours' positions
    shift; `indexes` maps a list name to each kept record's index in the file, and `known`
    holds the ids of the records left out, so references to them are not reported again.
    """

    indexes: Mapping[str, Sequence[int]] = field(default_factory=dict)
    known: Mapping[str, frozenset[str]] = field(default_factory=dict)
    ids_checked: bool = False
    """True when duplicate ids were already looked for in the file (the loader does, so
    that records that failed validation count too)."""

    def of(self, list_name: str, position: int) -> str:
        """The field path of the `position`-th kept record of `list_name`."""
        kept = self.indexes.get(list_name)
        return f"{list_name}[{kept[position] if kept is not None else position}]"

    def exists(self, list_name: str, value: str, table: Mapping[str, Any]) -> bool:
        return value in table or value in self.known.get(list_name, frozenset())


def check_references(
    mission: Mission, name: str, paths: RecordPaths | None = None
) -> list[Problem]:
    """Unique ids and resolvable references: what the app needs to be safe to run."""
    paths = paths or RecordPaths()
    problems: list[Problem] = []

    def problem(path: str, message: str) -> None:
        problems.append(Problem(name, path, message))

    lists: dict[str, Sequence[Any]] = {
        "sources": mission.sources,
        "places": mission.places,
        "vehicles": mission.vehicles,
        "phases": mission.phases,
        "people": mission.people,
        "events": mission.events,
    }
    for list_name, records in lists.items() if not paths.ids_checked else ():
        first: dict[str, str] = {}
        for position, record in enumerate(records):
            path = paths.of(list_name, position)
            if record.id in first:
                message = f"duplicate id {quote(record.id)} (first at {first[record.id]})"
                problem(f"{path}.id", message)
            else:
                first[record.id] = path

    tables: dict[str, tuple[str, Mapping[str, Any]]] = {
        "event": ("events", mission.event_by_id),
        "person": ("people", mission.person_by_id),
        "vehicle": ("vehicles", mission.vehicle_by_id),
        "place": ("places", mission.place_by_id),
        "phase": ("phases", mission.phase_by_id),
        "source": ("sources", mission.source_by_id),
    }

    def refer(path: str, value: str | None, what: str) -> None:
        list_name, table = tables[what]
        if value is not None and not paths.exists(list_name, value, table):
            problem(path, f"unknown {what} {quote(value)}")

    def refer_all(path: str, values: Iterable[str], what: str) -> None:
        for index, value in enumerate(values):
            refer(f"{path}[{index}]", value, what)

    refer("mission.reference", mission.info.reference, "event")
    for position, vehicle in enumerate(mission.vehicles):
        path = paths.of("vehicles", position)
        refer(f"{path}.part_of", vehicle.part_of, "vehicle")
        refer_all(f"{path}.sources", vehicle.sources, "source")
    for position, person in enumerate(mission.people):
        path = paths.of("people", position)
        refer_all(f"{path}.sources", person.sources, "source")
        for number, flight in enumerate(person.flights):
            where = f"{path}.flights[{number}]"
            for key in ("up", "down", "station"):
                refer(f"{where}.{key}", getattr(flight, key), "vehicle")
            for key in ("launch", "docking", "undocking", "landing"):
                refer(f"{where}.{key}", getattr(flight, key), "event")
    for position, event in enumerate(mission.events):
        path = paths.of("events", position)
        if event.at is None and event.planned is None:
            problem(path, f"event {quote(event.id)} needs 'at' or 'planned'")
        refer(f"{path}.phase", event.phase, "phase")
        refer(f"{path}.place", event.place, "place")
        refer_all(f"{path}.vehicles", event.vehicles, "vehicle")
        refer_all(f"{path}.people", event.people, "person")
        refer_all(f"{path}.sources", event.sources, "source")
        for number, stated in enumerate(event.stated):
            refer(f"{path}.stated[{number}].source", stated.source, "source")
        for number, dispute in enumerate(event.disputes):
            if not dispute.versions:
                problem(f"{path}.disputes[{number}].versions", "a dispute needs versions")
            for v_number, version in enumerate(dispute.versions):
                where = f"{path}.disputes[{number}].versions[{v_number}].sources"
                refer_all(where, version.sources, "source")
        if event.station_crew is not None and event.station_crew < 0:
            problem(f"{path}.station_crew", "must not be negative")
    return problems


def lint(mission: Mission, name: str, paths: RecordPaths | None = None) -> list[Problem]:
    """The consistency rules (spans, flights, phases, plans); see the module's table."""
    paths = paths or RecordPaths()
    problems: list[Problem] = []

    def report(path: str, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(name, path, message, severity=severity))

    for position, phase in enumerate(mission.phases):
        if ends_before(phase.end, phase.start):
            report(
                f"{paths.of('phases', position)}.end",
                f"phase {quote(phase.id)} ends ({phase.end.text}) before it starts "
                f"({phase.start.text})",
            )
    for position, event in enumerate(mission.events):
        _lint_event(event, paths.of("events", position), mission, report)
    for position, person in enumerate(mission.people):
        _lint_flights(person.flights, paths.of("people", position), mission, report)
    return problems


def earliest(when: When) -> datetime:
    """The first instant a time can mean: the start of its day or month in its zone, else
    the instant itself (whatever instant the parser places a date at)."""
    if not when.is_date:
        return when.instant
    return _midnight(_first_day(when), when.stated_tz)


def latest(when: When) -> datetime:
    """The end of the interval a time can mean (exclusive): the next day or month in its
    zone, or the next minute, second or millisecond."""
    step = _STEPS.get(when.precision)
    if step is not None:
        return when.instant + step
    first = _first_day(when)
    if when.precision is Precision.DAY:
        following = first + timedelta(days=1)
    else:
        following = first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)
    return _midnight(following, when.stated_tz)


def _first_day(when: When) -> date:
    local = when.local_date
    return local if when.precision is Precision.DAY else local.replace(day=1)


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def ends_before(end: When, start: When) -> bool:
    """True when `end` is before `start` however their precision is read."""
    return latest(end) <= earliest(start)


def gap(one: When, other: When) -> timedelta:
    """The time between two times' intervals (zero when they overlap)."""
    zero = timedelta(0)
    return max(zero, earliest(one) - latest(other), earliest(other) - latest(one))


_STEPS = {
    Precision.MINUTE: timedelta(minutes=1),
    Precision.SECOND: timedelta(seconds=1),
    Precision.MILLISECOND: timedelta(milliseconds=1),
}


class _Report(Protocol):
    def __call__(self, path: str, message: str, severity: Severity = ...) -> None: ...


def _lint_event(event: Event, path: str, mission: Mission, report: _Report) -> None:
    if event.at is None and event.planned is None:
        return  # reported by check_references
    when = event.when
    if event.end is not None and ends_before(event.end, when):
        report(f"{path}.end", f"ends ({event.end.text}) before it starts ({when.text})")
    if event.at is not None and event.planned is not None:
        apart = gap(event.at, event.planned)
        if apart > PLAN_TOLERANCE:
            report(
                f"{path}.planned",
                f"planned ({event.planned.text}) and actual ({event.at.text}) times are "
                f"{apart.days} days apart (more than {PLAN_TOLERANCE.days}); is the plan stale?",
                Severity.WARNING,
            )
    phase = mission.phase_by_id.get(event.phase) if event.phase is not None else None
    if phase is not None and (ends_before(when, phase.start) or ends_before(phase.end, when)):
        report(
            f"{path}.phase",
            f"{when.text} is outside its phase {quote(phase.id)} "
            f"({phase.start.text} to {phase.end.text})",
            Severity.WARNING,
        )


def _lint_flights(flights: Sequence[Flight], path: str, mission: Mission, report: _Report) -> None:
    spans: list[tuple[When, When, str]] = []
    for number, flight in enumerate(flights):
        where = f"{path}.flights[{number}]"
        stages = [
            (key, mission.event_by_id.get(event_id))
            for key in ("launch", "docking", "undocking", "landing")
            if (event_id := getattr(flight, key)) is not None
        ]
        known = [(key, e) for key, e in stages if e is not None and (e.at or e.planned)]
        for (first, before), (second, after) in pairwise(known):
            if ends_before(after.when, before.when):
                report(
                    f"{where}.{second}",
                    f"{second} {quote(after.id)} ({after.when.text}) is before {first} "
                    f"{quote(before.id)} ({before.when.text})",
                )
        launch = mission.event_by_id.get(flight.launch)
        landing = mission.event_by_id.get(flight.landing)
        if (
            launch is not None
            and landing is not None
            and (launch.at or launch.planned)
            and (landing.at or landing.planned)
        ):
            spans.append((launch.when, landing.when, where))
    spans.sort(key=lambda span: earliest(span[0]))
    if not spans:
        return
    _, aloft_until, aloft_path = spans[0]
    for starts, ends, where in spans[1:]:
        if ends_before(starts, aloft_until):
            report(
                where,
                f"aboard two vehicles at once: this flight launches ({starts.text}) before "
                f"the flight at {aloft_path} lands ({aloft_until.text})",
            )
        if latest(ends) > latest(aloft_until):
            aloft_until, aloft_path = ends, where
