"""Filter expressions, shared by the TUI (`f`) and `mission-timeline export --filter`.

Syntax: space-separated `key:value[,value...]` terms, with key one of `phase`, `kind`,
`person` or `vehicle`. Values within a term are alternatives (OR); terms must all hold (AND).
A value is an id or a name, matched without regard to case or accents; for a person any
spelling of the name works. Example: `kind:docking,undocking person:sjkaplerov`.

On a compact `data.store.EventStore` (a large mission) a filter is worked out on the columns:
each term becomes a byte mask over all events (`bytes.translate` for kinds, one lookup per
shared reference list for the rest), the masks are combined as integers, and the result is an
`EventView` of the store, not a million new objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import TYPE_CHECKING, cast

from data.model import Event, EventKind, Mission
from data.query.search import fold, is_store

if TYPE_CHECKING:
    from data.store import EventStore

KEYS = ("phase", "kind", "person", "vehicle")


class FilterError(ValueError):
    """A filter expression that cannot be understood."""


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    ids: frozenset[str]
    """The ids the values resolved to (for `kind`, the kind values)."""


@dataclass(frozen=True)
class Filter:
    """A parsed filter expression, resolved against one mission."""

    text: str
    terms: tuple[Term, ...]
    mission: Mission = field(repr=False, compare=False)
    _person_events: dict[str, frozenset[str]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _last: list[Iterable[Event] | Sequence[Event]] = field(
        default_factory=list, repr=False, compare=False
    )
    """The last `apply`: its events and result (worked out in a worker, used on screen)."""

    def __str__(self) -> str:
        return self.text

    def matches(self, event: Event) -> bool:
        return all(_TESTS[term.key](self, term, event) for term in self.terms)

    def apply(self, events: Iterable[Event]) -> Sequence[Event]:
        """The events that match, in order: a list, or a view when `events` is a store.

        The result for the last `events` is kept, so a second call costs nothing.
        """
        if self._last and self._last[0] is events:
            return cast("Sequence[Event]", self._last[1])
        result: Sequence[Event]
        if is_store(events):
            from data.store import EventView  # loaded already: `events` is a store

            result = EventView(events, self.positions(events))
        else:
            result = [event for event in events if self.matches(event)]
        self._last[:] = [events, result]
        return result

    def positions(self, store: EventStore) -> list[int]:
        """Indexes of the matching events of a store, from its columns."""
        size = len(store)
        mask = (1 << (8 * size)) - 1 if size else 0
        for term in self.terms:
            mask &= int.from_bytes(self._mask(store, term), "little")
        return list(compress(range(size), mask.to_bytes(size, "little")))

    def person_events(self, person_id: str) -> frozenset[str]:
        """Ids of the events a person takes part in (worked out once, when first needed)."""
        if person_id not in self._person_events:
            from data.facts.derived import events_of  # pendulum: not needed for the first frame

            person = self.mission.person_by_id[person_id]
            self._person_events[person_id] = frozenset(
                event.id for event in events_of(person, self.mission)
            )
        return self._person_events[person_id]

    def _mask(self, store: EventStore, term: Term) -> bytes:
        """One byte per event of the store: 1 where the term holds."""
        from data.store import KIND_CODE  # loaded already: `store` is one

        c = store.columns
        if term.key == "kind":
            table = bytearray(256)
            for kind in term.ids:
                table[KIND_CODE[EventKind(kind)]] = 1
            return bytes(c.kinds.translate(table))
        if term.key == "phase":
            wanted = bytes(phase in term.ids for phase in store.phase_ids)
            return bytes(map(wanted.__getitem__, c.phases))
        if term.key == "vehicle":
            wanted = bytes(bool(term.ids.intersection(group)) for group in store.groups)
            return bytes(map(wanted.__getitem__, c.vehicles))
        wanted = bytes(bool(term.ids.intersection(group)) for group in store.groups)
        mask = bytearray(map(wanted.__getitem__, c.people))
        people = [self.mission.person_by_id[person_id] for person_id in term.ids]
        flight_events = {
            event_id
            for person in people
            for flight in person.flights
            for event_id in (flight.launch, flight.docking, flight.undocking, flight.landing)
            if event_id is not None
        }
        for position in store.positions(flight_events):
            mask[position] = 1
        return bytes(mask)


def parse_filter(text: str, mission: Mission) -> Filter:
    """Parse a filter expression; raise `FilterError` naming the term that is wrong."""
    terms = []
    for word in text.split():
        key, colon, values = word.partition(":")
        if not colon or key not in KEYS or not values:
            raise FilterError(
                f"cannot read {word!r}: write key:value with key one of {', '.join(KEYS)}"
            )
        ids = frozenset(_resolve(mission, key, value) for value in values.split(",") if value)
        terms.append(Term(key, ids))
    return Filter(" ".join(text.split()), tuple(terms), mission)


def _resolve(mission: Mission, key: str, value: str) -> str:
    wanted = fold(value)
    candidates: dict[str, Iterable[str]]
    if key == "kind":
        candidates = {kind.value: (kind.value,) for kind in EventKind}
    elif key == "phase":
        candidates = {phase.id: (phase.id, phase.name) for phase in mission.phases}
    elif key == "vehicle":
        candidates = {v.id: (v.id, v.name) for v in mission.vehicles}
    else:
        candidates = {p.id: (p.id, *p.spellings) for p in mission.people}
    for identifier, names in candidates.items():
        if any(fold(name) == wanted for name in names):
            return identifier
    for identifier, names in candidates.items():
        if any(wanted in fold(name) for name in names):
            return identifier
    raise FilterError(f"no {key} matches {value!r}")


def _in_people(flt: Filter, term: Term, event: Event) -> bool:
    return any(event.id in flt.person_events(person_id) for person_id in term.ids)


_TESTS: dict[str, Callable[[Filter, Term, Event], bool]] = {
    "phase": lambda _f, term, event: event.phase in term.ids,
    "kind": lambda _f, term, event: event.kind.value in term.ids,
    "vehicle": lambda _f, term, event: bool(term.ids.intersection(event.vehicles)),
    "person": _in_people,
}
