"""Unique ids and references that resolve: what a mission needs to be safe to run at all.

The checks run on a mission's records as its file lists them: the mission without its events
(`header`) and the events in file order. A JSON Lines reader, which meets the events one at a
time, runs the same checks in parts: `References.records` on the header line, `event` on each
event line it cannot take in bulk, `event_ids` once the events' ids are all known.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from data.model import Mission
from data.problems import Problem
from data.records import Event
from data.sanitize import quote


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

    def exists(self, list_name: str, value: str, ids: Collection[str]) -> bool:
        return value in ids or value in self.known.get(list_name, frozenset())


def check_references(
    header: Mission, events: Sequence[Event], name: str, paths: RecordPaths | None = None
) -> list[Problem]:
    """Every reference and id problem of a mission's records: `header` (its own events are
    not read) and the events in file order."""
    paths = paths or RecordPaths()
    references = References(header, name, paths)
    problems = [] if paths.ids_checked else duplicate_ids(header, events, name, paths)
    problems += references.records()
    problems += references.event_ids({event.id for event in events})
    for position, event in enumerate(events):
        problems += references.event(event, paths.of("events", position))
    return problems


def duplicate_ids(
    header: Mission, events: Sequence[Event], name: str, paths: RecordPaths
) -> list[Problem]:
    """Each id used again in its list, at its later uses."""
    problems: list[Problem] = []
    lists: dict[str, Sequence[Any]] = {
        "sources": header.sources,
        "places": header.places,
        "vehicles": header.vehicles,
        "phases": header.phases,
        "people": header.people,
        "events": events,
    }
    for list_name, records in lists.items():
        first: dict[str, str] = {}
        for position, record in enumerate(records):
            path = paths.of(list_name, position)
            if record.id in first:
                message = f"duplicate id {quote(record.id)} (first at {first[record.id]})"
                problems.append(Problem(name, f"{path}.id", message))
            else:
                first[record.id] = path
    return problems


class References:
    """The ids a mission's records may refer to, and the checks of each reference."""

    def __init__(self, header: Mission, name: str, paths: RecordPaths | None = None) -> None:
        self.header = header
        self.name = name
        self.paths = paths or RecordPaths()
        self.ids: dict[str, tuple[str, Collection[str]]] = {
            "person": ("people", frozenset(header.person_by_id)),
            "vehicle": ("vehicles", frozenset(header.vehicle_by_id)),
            "place": ("places", frozenset(header.place_by_id)),
            "phase": ("phases", frozenset(header.phase_by_id)),
            "source": ("sources", frozenset(header.source_by_id)),
        }

    def records(self) -> list[Problem]:
        """The references of everything but the events, but those to events."""
        problems: list[Problem] = []
        for position, vehicle in enumerate(self.header.vehicles):
            path = self.paths.of("vehicles", position)
            problems += self._refer(f"{path}.part_of", vehicle.part_of, "vehicle")
            problems += self._refer_all(f"{path}.sources", vehicle.sources, "source")
        for position, person in enumerate(self.header.people):
            path = self.paths.of("people", position)
            problems += self._refer_all(f"{path}.sources", person.sources, "source")
            for number, flight in enumerate(person.flights):
                for key in ("up", "down", "station"):
                    where = f"{path}.flights[{number}].{key}"
                    problems += self._refer(where, getattr(flight, key), "vehicle")
        return problems

    def event_ids(self, ids: Collection[str]) -> list[Problem]:
        """The references to events of everything but the events (the mission's reference,
        the people's flights), given the ids of the events."""
        self.ids["event"] = ("events", ids)
        problems = self._refer("mission.reference", self.header.info.reference, "event")
        for position, person in enumerate(self.header.people):
            path = self.paths.of("people", position)
            for number, flight in enumerate(person.flights):
                for key in ("launch", "docking", "undocking", "landing"):
                    where = f"{path}.flights[{number}].{key}"
                    problems += self._refer(where, getattr(flight, key), "event")
        return problems

    def event(self, event: Event, path: str) -> list[Problem]:
        """The problems of one event's references and of what makes it unusable."""
        problems: list[Problem] = []
        if event.at is None and event.planned is None:
            message = f"event {quote(event.id)} needs 'at' or 'planned'"
            problems.append(Problem(self.name, path, message))
        problems += self._refer(f"{path}.phase", event.phase, "phase")
        problems += self._refer(f"{path}.place", event.place, "place")
        problems += self._refer_all(f"{path}.vehicles", event.vehicles, "vehicle")
        problems += self._refer_all(f"{path}.people", event.people, "person")
        problems += self._refer_all(f"{path}.sources", event.sources, "source")
        for number, stated in enumerate(event.stated):
            problems += self._refer(f"{path}.stated[{number}].source", stated.source, "source")
        for number, dispute in enumerate(event.disputes):
            where = f"{path}.disputes[{number}].versions"
            if not dispute.versions:
                problems.append(Problem(self.name, where, "a dispute needs versions"))
            for v_number, version in enumerate(dispute.versions):
                problems += self._refer_all(
                    f"{where}[{v_number}].sources", version.sources, "source"
                )
        if event.station_crew is not None and event.station_crew < 0:
            problems.append(Problem(self.name, f"{path}.station_crew", "must not be negative"))
        return problems

    def _refer(self, path: str, value: str | None, what: str) -> list[Problem]:
        list_name, ids = self.ids[what]
        if value is None or self.paths.exists(list_name, value, ids):
            return []
        return [Problem(self.name, path, f"unknown {what} {quote(value)}")]

    def _refer_all(self, path: str, values: Iterable[str], what: str) -> list[Problem]:
        return [
            problem
            for index, value in enumerate(values)
            for problem in self._refer(f"{path}[{index}]", value, what)
        ]
