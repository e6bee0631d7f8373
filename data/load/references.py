"""Unique ids and references that resolve: what a mission needs to be safe to run at all.

Which field refers to which list is the schema's (`data.load.schema`, `ref(...)`): the checks
walk the records along it.

The checks run on a mission's records as its file lists them: the mission without its events
(`header`) and the events in file order. A JSON Lines reader, which meets the events one at a
time, runs the same checks in parts: `References.records` on the header line, `event` on each
event line it cannot take in bulk, `event_ids` once the events' ids are all known.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from data.i18n import N_, _
from data.load.schema import LISTS, RECORDS, ListOf, Scalar
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
    for list_name in LISTS:
        records: Sequence[Any] = events if list_name == "events" else getattr(header, list_name)
        first: dict[str, str] = {}
        for position, record in enumerate(records):
            path = paths.of(list_name, position)
            if record.id in first:
                message = duplicate_id(record.id, first[record.id])
                problems.append(Problem(name, f"{path}.id", message))
            else:
                first[record.id] = path
    return problems


def duplicate_id(record_id: str, first: str | None = None) -> str:
    """`duplicate id 'launch' (first at events[2])`: the problem of an id used again, at
    the field path of its first use if known."""
    if first is None:
        return _("duplicate id {id}").format(id=quote(record_id))
    message = _("duplicate id {id} (first at {first})")
    return message.format(id=quote(record_id), first=first)


class References:
    """The ids a mission's records may refer to, and the checks of every reference, which
    follow the schema: each `ref` field names the list whose ids it holds."""

    def __init__(self, header: Mission, name: str, paths: RecordPaths | None = None) -> None:
        self.header = header
        self.name = name
        self.paths = paths or RecordPaths()
        self.ids: dict[str, Collection[str]] = {
            "people": frozenset(header.person_by_id),
            "vehicles": frozenset(header.vehicle_by_id),
            "places": frozenset(header.place_by_id),
            "phases": frozenset(header.phase_by_id),
            "sources": frozenset(header.source_by_id),
        }

    def records(self) -> list[Problem]:
        """The references of everything but the events, but those to events."""
        return self._header(lambda target: target != "events")

    def event_ids(self, ids: Collection[str]) -> list[Problem]:
        """The references to events of everything but the events (the mission's reference,
        the people's flights), given the ids of the events."""
        self.ids["events"] = ids
        return self._header(lambda target: target == "events")

    def event(self, event: Event, path: str) -> list[Problem]:
        """The problems of one event's references and of what makes it unusable."""
        problems: list[Problem] = []
        if event.at is None and event.planned is None:
            message = _("event {id} needs 'at' or 'planned'").format(id=quote(event.id))
            problems.append(Problem(self.name, path, message))
        problems += self._walk(event, "event", path, lambda _: True)
        for number, dispute in enumerate(event.disputes):
            if not dispute.versions:
                where = f"{path}.disputes[{number}].versions"
                problems.append(Problem(self.name, where, _("a dispute needs versions")))
        if event.station_crew is not None and event.station_crew < 0:
            where = f"{path}.station_crew"
            problems.append(Problem(self.name, where, _("must not be negative")))
        return problems

    def _header(self, wanted: Callable[[str], bool]) -> list[Problem]:
        """The references, to the lists `wanted` accepts, of the records but the events."""
        problems: list[Problem] = []
        for key, inner, _target, many in _REFERRING["file"]:
            if key == "events" or inner is None:
                continue
            value = getattr(self.header, _ATTRIBUTES.get(key, key))
            records = enumerate(value) if many else [(None, value)]
            for position, record in records:
                path = key if position is None else self.paths.of(key, position)
                problems += self._walk(record, inner, path, wanted)
        return problems

    def _walk(
        self, value: Any, record: str, path: str, wanted: Callable[[str], bool]
    ) -> list[Problem]:
        """The references in one record and the records inside it."""
        problems: list[Problem] = []
        for key, inner, target, many in _REFERRING[record]:
            item = getattr(value, key)
            where = f"{path}.{key}"
            for at, element in _items(item, where, many):
                if inner is not None:
                    problems += self._walk(element, inner, at, wanted)
                elif target is not None and wanted(target):
                    problems += self._refer(at, element, target)
        return problems

    def _refer(self, path: str, value: str, target: str) -> list[Problem]:
        if self.paths.exists(target, value, self.ids[target]):
            return []
        message = _(UNKNOWN[target]).format(id=quote(value))
        return [Problem(self.name, path, message)]


UNKNOWN = {
    "events": N_("unknown event {id}"),
    "people": N_("unknown person {id}"),
    "vehicles": N_("unknown vehicle {id}"),
    "places": N_("unknown place {id}"),
    "phases": N_("unknown phase {id}"),
    "sources": N_("unknown source {id}"),
}
"""The problem of a reference to an id that the list it names lacks, by list: a sentence
each, for the languages whose words for "unknown" follow the noun's gender."""
_ATTRIBUTES = {"mission": "info"}
"""The `Mission` attribute of a field of the file, where the names differ."""


def _holds_refs(declared: Scalar | ListOf | str) -> bool:
    """Whether values of this type hold references, in them or in records inside them."""
    inner = declared.item if isinstance(declared, ListOf) else declared
    if isinstance(inner, str):
        return any(_holds_refs(declaration.type) for declaration in RECORDS[inner].values())
    return inner.refers_to is not None


def _items(item: Any, path: str, many: bool) -> Iterator[tuple[str, Any]]:
    """A field's value (none if not given) or each element of its list, with their paths."""
    if many:
        for index, element in enumerate(item):
            yield f"{path}[{index}]", element
    elif item is not None:
        yield path, item


_REFERRING: dict[str, list[tuple[str, str | None, str | None, bool]]] = {
    record: [
        (
            key,
            inner if isinstance(inner, str) else None,
            None if isinstance(inner, str) else inner.refers_to,
            isinstance(declaration.type, ListOf),
        )
        for key, declaration in declarations.items()
        if _holds_refs(declaration.type)
        for inner in [
            declaration.type.item if isinstance(declaration.type, ListOf) else declaration.type
        ]
    ]
    for record, declarations in RECORDS.items()
}
"""For each record, its fields that hold references: (field, the record it holds or `None`,
the list a reference names or `None`, whether it is a list): worked out once from the schema."""
