"""The facts of one person as every surface shows them: names, role, ages, vehicles up and
down, time in space (this mission, as of an event, and the career totals as stated),
whereabouts at an event, and the events they take part in.

Texts are plain and unsanitised: each surface makes them safe its own way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from data.facts.derived import (
    Elapsed,
    age_at,
    age_at_launch,
    events_of,
    format_duration,
    humanize,
    time_in_space,
    whereabouts,
)
from data.i18n import _
from data.model import Event, Mission, Person


def in_space_text(elapsed: Elapsed) -> str:
    """`11d 19h 40m (about 12 days)`: time in space as computed, and rounded to whole days
    as the press gives it (12 days, 191 days, 355 days) when it is two days or more."""
    text = elapsed.text
    if elapsed.value >= timedelta(days=2):
        text += f" ({humanize(elapsed.value)})"
    return text


def names_of(person: Person) -> tuple[str, ...]:
    """Every spelling of a person's name, each labelled with its script or language."""
    names = [person.name]
    if person.names.ru:
        names.append(_("{name} (Cyrillic)").format(name=person.names.ru))
    names += [_("{name} (Dutch)").format(name=name) for name in person.names.nl]
    names += list(person.names.other)
    return tuple(names)


@dataclass(frozen=True, slots=True)
class AtEvent:
    """A person at one event: time in space so far (`None` if they never flew), where they
    were and how old they were."""

    event: Event
    in_space: str | None
    where: str
    age: int | None


@dataclass(frozen=True)
class PersonFacts:
    """Everything shown about one person (`person` holds their own fields: role, bio...)."""

    person: Person
    mission: Mission
    names: tuple[str, ...]
    age_at_launch: int | None
    up: str
    """The vehicles they went up on, by name (empty for someone who did not fly)."""
    down: str
    in_space: str | None
    """Time in space on this mission (`in_space_text`), `None` for someone who did not fly."""
    before: str | None
    """Time in space before the mission, as a source states it."""
    after: str | None
    """Time in space after the mission, as a source states it."""
    at: AtEvent | None

    @property
    def flight(self) -> str:
        """`(backup, did not fly)` for a backup, else empty."""
        return _("(backup, did not fly)") if self.person.backup and not self.person.flights else ""

    @property
    def career(self) -> str:
        """`before 533d 05h 31m, after 709d 08h 04m`: the stated totals, or empty."""
        parts = [
            _("before {duration}").format(duration=self.before) if self.before else "",
            _("after {duration}").format(duration=self.after) if self.after else "",
        ]
        return ", ".join(part for part in parts if part)

    @cached_property
    def events(self) -> tuple[Event, ...]:
        """The events they take part in, in time order (a pass over the mission's events)."""
        return tuple(events_of(self.person, self.mission))


def person_facts(mission: Mission, person: Person, at: Event | None = None) -> PersonFacts:
    """The facts of `person`, and of them at the event `at` if one is given."""
    stated = person.time_in_space
    flown = bool(person.flights)
    at_event = None
    if at is not None:
        at_event = AtEvent(
            at,
            in_space_text(time_in_space(person, mission, until=at.when)) if flown else None,
            whereabouts(person, mission, at.when.instant).label,
            age_at(person, at.when),
        )
    return PersonFacts(
        person=person,
        mission=mission,
        names=names_of(person),
        age_at_launch=age_at_launch(person, mission),
        up=", ".join(_vehicles(mission, (flight.up for flight in person.flights))),
        down=", ".join(_vehicles(mission, (flight.down for flight in person.flights))),
        in_space=in_space_text(time_in_space(person, mission)) if flown else None,
        before=format_duration(stated.before) if stated.before is not None else None,
        after=format_duration(stated.after) if stated.after is not None else None,
        at=at_event,
    )


def _vehicles(mission: Mission, ids: Iterator[str]) -> Iterator[str]:
    return (mission.vehicle_by_id[v].name for v in ids if v in mission.vehicle_by_id)
