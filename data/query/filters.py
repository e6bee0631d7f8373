"""Filter expressions, shared by the TUI (`f`) and `mission-timeline export --filter`.

Syntax: space-separated `key:value[,value...]` terms, with key one of `phase`, `kind`,
`person` or `vehicle`. Values within a term are alternatives (OR); terms must all hold (AND).
A value is an id or a name, matched without regard to case or accents; for a person any
spelling of the name works. Example: `kind:docking,undocking person:sjkaplerov`.

A filter is worked out on the store's columns: each term becomes a byte mask over all events
(`bytes.translate` for kinds, one lookup per shared reference list for the rest), the masks
are combined as integers, and the result is an `EventView` of the store, not a million new
objects. `Filter.matches` answers for one event. A person's events are those that name them
and those that bound their flights.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import compress

from data.model import Event, EventKind, Mission
from data.query.search import fold
from data.store import KIND_CODE, EventStore, EventView

KEYS = ("phase", "kind", "person", "vehicle")


class FilterError(ValueError):
    """A filter expression that cannot be understood."""


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    ids: frozenset[str]
    """The ids the values resolved to (for `kind`, the kind values)."""
    flight_events: frozenset[str] = frozenset()
    """For `person`: the ids of the events that bound the people's flights."""


@dataclass(frozen=True)
class Filter:
    """A parsed filter expression, resolved against one mission."""

    text: str
    terms: tuple[Term, ...]
    _last: list[tuple[EventStore, EventView]] = field(
        default_factory=list, repr=False, compare=False
    )
    """The last `apply`: its store and result (worked out in a worker, used on screen)."""

    def __str__(self) -> str:
        return self.text

    def matches(self, event: Event) -> bool:
        return all(_TESTS[term.key](term, event) for term in self.terms)

    def apply(self, events: EventStore) -> EventView:
        """The events that match, in order, as a view of the store.

        The result for the last store is kept, so a second call costs nothing.
        """
        if self._last and self._last[0][0] is events:
            return self._last[0][1]
        result = EventView(events, self.positions(events))
        self._last[:] = [(events, result)]
        return result

    def positions(self, store: EventStore) -> list[int]:
        """Indexes of the matching events of a store, from its columns."""
        size = len(store)
        mask = (1 << (8 * size)) - 1 if size else 0
        for term in self.terms:
            mask &= int.from_bytes(self._mask(store, term), "little")
        return list(compress(range(size), mask.to_bytes(size, "little")))

    def _mask(self, store: EventStore, term: Term) -> bytes:
        """One byte per event of the store: 1 where the term holds."""
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
        for position in store.positions(term.flight_events):
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
        flights = (
            frozenset(event for i in ids for event in mission.person_by_id[i].flight_events)
            if key == "person"
            else frozenset()
        )
        terms.append(Term(key, ids, flights))
    return Filter(" ".join(text.split()), tuple(terms))


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


_TESTS: dict[str, Callable[[Term, Event], bool]] = {
    "phase": lambda term, event: event.phase in term.ids,
    "kind": lambda term, event: event.kind.value in term.ids,
    "vehicle": lambda term, event: bool(term.ids.intersection(event.vehicles)),
    "person": lambda term, event: (
        bool(term.ids.intersection(event.people)) or event.id in term.flight_events
    ),
}
