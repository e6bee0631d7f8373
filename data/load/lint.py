"""The rules a mission must follow beyond its schema and its references.

`data.load.references` holds what the app needs to run at all (unique ids, references that
resolve); `lint` holds what makes a mission self-contradictory or suspicious. Each rule has a
severity: an **error** makes the file unusable (the app refuses it, `check` exits with
`ExitCode.DATA`); a **warning** is reported by `mission-timeline check` only.

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

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import pairwise
from typing import Protocol

from data.i18n import N_, _, ngettext
from data.load.references import RecordPaths
from data.model import Mission
from data.problems import Problem, Severity
from data.records import Event, Flight, Phase
from data.sanitize import quote
from data.times.parse import Precision, When

PLAN_TOLERANCE = timedelta(days=30)
"""Planned and actual times further apart than this are reported: a plan that slipped by
more than a month is usually a stale plan or a time given to the wrong event."""


def lint(
    header: Mission, events: Sequence[Event], name: str, paths: RecordPaths | None = None
) -> list[Problem]:
    """The consistency rules (spans, flights, phases, plans) of a mission's records: `header`
    (its own events are not read) and the events in file order; see the module's table."""
    paths = paths or RecordPaths()
    problems: list[Problem] = []
    by_id = {event.id: event for event in events}

    def report(path: str, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(name, path, message, severity=severity))

    for position, phase in enumerate(header.phases):
        if ends_before(phase.end, phase.start):
            message = _("phase {id} ends ({end}) before it starts ({start})")
            report(
                f"{paths.of('phases', position)}.end",
                message.format(id=quote(phase.id), end=phase.end.text, start=phase.start.text),
            )
    for position, event in enumerate(events):
        _lint_event(event, paths.of("events", position), header.phase_by_id, report)
    for position, person in enumerate(header.people):
        _lint_flights(person.flights, paths.of("people", position), by_id, report)
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


_STAGES = {
    "launch": N_("launch"),
    "docking": N_("docking"),
    "undocking": N_("undocking"),
    "landing": N_("landing"),
}
"""The fields of a flight that name its stages' events, in the order they happen, and the
word for each stage in a message."""


class _Report(Protocol):
    def __call__(self, path: str, message: str, severity: Severity = ...) -> None: ...


def _lint_event(event: Event, path: str, phases: Mapping[str, Phase], report: _Report) -> None:
    if event.at is None and event.planned is None:
        return  # reported by check_references
    when = event.when
    if event.end is not None and ends_before(event.end, when):
        message = _("ends ({end}) before it starts ({start})")
        report(f"{path}.end", message.format(end=event.end.text, start=when.text))
    if event.at is not None and event.planned is not None:
        apart = gap(event.at, event.planned)
        if apart > PLAN_TOLERANCE:
            message = ngettext(
                "planned ({planned}) and actual ({actual}) times are {days} day apart "
                "(more than {limit}); is the plan stale?",
                "planned ({planned}) and actual ({actual}) times are {days} days apart "
                "(more than {limit}); is the plan stale?",
                apart.days,
            )
            report(
                f"{path}.planned",
                message.format(
                    planned=event.planned.text,
                    actual=event.at.text,
                    days=apart.days,
                    limit=PLAN_TOLERANCE.days,
                ),
                Severity.WARNING,
            )
    phase = phases.get(event.phase) if event.phase is not None else None
    if phase is not None and (ends_before(when, phase.start) or ends_before(phase.end, when)):
        message = _("{time} is outside its phase {id} ({start} to {end})")
        report(
            f"{path}.phase",
            message.format(
                time=when.text, id=quote(phase.id), start=phase.start.text, end=phase.end.text
            ),
            Severity.WARNING,
        )


def _lint_flights(
    flights: Sequence[Flight], path: str, events: Mapping[str, Event], report: _Report
) -> None:
    spans: list[tuple[When, When, str]] = []
    for number, flight in enumerate(flights):
        where = f"{path}.flights[{number}]"
        stages = [
            (key, events.get(event_id))
            for key in _STAGES
            if (event_id := getattr(flight, key)) is not None
        ]
        known = [(key, e) for key, e in stages if e is not None and (e.at or e.planned)]
        for (first, before), (second, after) in pairwise(known):
            if ends_before(after.when, before.when):
                message = _(
                    "{stage} {id} ({time}) is before {earlier} {earlier_id} ({earlier_time})"
                )
                report(
                    f"{where}.{second}",
                    message.format(
                        stage=_(_STAGES[second]),
                        id=quote(after.id),
                        time=after.when.text,
                        earlier=_(_STAGES[first]),
                        earlier_id=quote(before.id),
                        earlier_time=before.when.text,
                    ),
                )
        launch = events.get(flight.launch)
        landing = events.get(flight.landing)
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
    _first, aloft_until, aloft_path = spans[0]
    for starts, ends, where in spans[1:]:
        if ends_before(starts, aloft_until):
            message = _(
                "aboard two vehicles at once: this flight launches ({launch}) before the "
                "flight at {other} lands ({landing})"
            )
            report(
                where,
                message.format(launch=starts.text, other=aloft_path, landing=aloft_until.text),
            )
        if latest(ends) > latest(aloft_until):
            aloft_until, aloft_path = ends, where
