"""Filter expressions, shared by the TUI (`f`) and `mission-timeline export --filter`.

Syntax: space-separated `key:value[,value...]` terms, with key one of `phase`, `kind`,
`person` or `vehicle`. Values within a term are alternatives (OR); terms must all hold (AND).
A value is an id or a name, matched without regard to case or accents; for a person any
spelling of the name works. Example: `kind:docking,undocking person:sjkaplerov`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from data.derived import events_of
from data.model import Event, EventKind, Mission
from data.search import fold

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
    _person_events: dict[str, frozenset[str]]

    def __str__(self) -> str:
        return self.text

    def matches(self, event: Event) -> bool:
        return all(_TESTS[term.key](self, term, event) for term in self.terms)

    def apply(self, events: Iterable[Event]) -> list[Event]:
        return [event for event in events if self.matches(event)]


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
    person_ids = {i for term in terms if term.key == "person" for i in term.ids}
    person_events = {
        person_id: frozenset(e.id for e in events_of(mission.person_by_id[person_id], mission))
        for person_id in person_ids
    }
    return Filter(" ".join(text.split()), tuple(terms), person_events)


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
    return any(event.id in flt._person_events[person_id] for person_id in term.ids)


_TESTS: dict[str, Callable[[Filter, Term, Event], bool]] = {
    "phase": lambda _f, term, event: event.phase in term.ids,
    "kind": lambda _f, term, event: event.kind.value in term.ids,
    "vehicle": lambda _f, term, event: bool(term.ids.intersection(event.vehicles)),
    "person": _in_people,
}
