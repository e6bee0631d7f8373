"""Filter expressions, shared by the TUI (`f`) and `mission-timeline export --filter`.

Syntax: space-separated `key:value[,value...]` terms, with key one of `phase`, `kind`,
`person` or `vehicle`. Values within a term are alternatives (OR); terms must all hold (AND).
A value is an id or a name, matched without regard to case or accents; for a person any
spelling or part of the name works, as in a search (`people_named`). A value may hold
spaces: the words up to the next `key:` belong to it (`person:vande hei kind:launch`), or
quote it (`person:"vande hei"`). Example: `kind:docking,undocking person:sjkaplerov`.
The keys are the same in every language; a kind may also be named in the interface's
language (`kind:koppeling` in Dutch), a phase by any of its names.
An unknown key or value is refused with the nearest valid ones (`data.suggest`).

A filter is worked out on the store's columns: each term becomes a byte mask over all events
(`bytes.translate` for kinds, one lookup per shared reference list for the rest), the masks
are combined as integers, and the result is an `EventView` of the store, not a million new
objects. `Filter.matches` answers for one event. A person's events are those that name them
and those that bound their flights.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import compress

from data.facts.kinds import kind_name
from data.i18n import _
from data.model import Event, EventKind, Mission
from data.query.search import fold, people_named
from data.sanitize import quote
from data.store import KIND_CODE, EventStore, EventView
from data.suggest import did_you_mean

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
    """Parse a filter expression; raise `FilterError` naming the term that is wrong and the
    nearest valid keys or values."""
    terms = []
    for key, values in _read_terms(text):
        ids = frozenset(i for value in values for i in _resolve(mission, key, value))
        flights = (
            frozenset(event for i in ids for event in mission.person_by_id[i].flight_events)
            if key == "person"
            else frozenset()
        )
        terms.append(Term(key, ids, flights))
    return Filter(" ".join(text.split()), tuple(terms))


_WORD = re.compile(r"""(?:"[^"]*"?|'[^']*'?|[^\s"']+)+""")
"""A word: runs of plain characters and quoted parts (a quote left open runs to the end)."""
_PART = re.compile(r""""([^"]*)"?|'([^']*)'?|([^"']+)""")
"""A quoted part of a word (in its first or second group) or a plain one (in its third)."""
_KEY = re.compile(r"([A-Za-z][A-Za-z_-]*):")


def _read_terms(text: str) -> list[tuple[str, list[str]]]:
    """The terms of an expression, each as its key and its values.

    A word that does not begin with `key:` goes on the value before it (`person:vande hei`
    is the value `vande hei`); quotes keep spaces, commas and colons in a value
    (`person:"vande hei"`)."""
    terms: list[tuple[str, list[str]]] = []
    for word in _WORD.findall(text):
        key = _KEY.match(word)
        if key is None and terms:
            pieces = _values(word)
            terms[-1][1][-1] += " " + pieces[0]
            terms[-1][1].extend(pieces[1:])
            continue
        if key is None or key.group(1) not in KEYS:
            raise FilterError(_unreadable(word, None if key is None else key.group(1)))
        terms.append((key.group(1), _values(word[key.end() :])))
    for name, values in terms:
        values[:] = [" ".join(value.split()) for value in values]
        values[:] = [value for value in values if value]
        if not values:
            message = _("{key}: needs a value: write {key}:VALUE[,VALUE...]")
            raise FilterError(message.format(key=name))
    return terms


def _values(text: str) -> list[str]:
    """The comma-separated values of one word (commas inside quotes are kept)."""
    values = [""]
    for quoted, single, plain in _PART.findall(text):
        if plain:
            first, *rest = plain.split(",")
            values[-1] += first
            values.extend(rest)
        else:
            values[-1] += quoted or single
    return values


def _unreadable(word: str, key: str | None) -> str:
    """Why a word cannot start a term: no `key:`, or a key that is not one of `KEYS`."""
    keys = ", ".join(KEYS)
    if key is None:
        message = _("cannot read {word}: write key:value with key one of {keys}")
        return message.format(word=quote(word), keys=keys)
    hint = did_you_mean(key, KEYS, shown=1)
    message = _("cannot read {word}: no filter key {key}{hint}; the keys are {keys}")
    return message.format(word=quote(word), key=quote(key), hint=hint, keys=keys)


def _resolve(mission: Mission, key: str, value: str) -> Iterable[str]:
    """The ids a value stands for: the one whose id or name it is (case and accents aside);
    for `person`, everyone a search for it would find (`people_named`); else the first
    whose id or name holds it. A kind is also named in the interface's language
    (`kind:koppeling` in Dutch), a phase by any of its names."""
    wanted = fold(value)
    candidates: dict[str, Iterable[str]]
    if key == "kind":
        candidates = {kind.value: (kind.value, kind_name(kind)) for kind in EventKind}
    elif key == "phase":
        candidates = {
            phase.id: (phase.id, phase.name, *dict(phase.names).values())
            for phase in mission.phases
        }
    elif key == "vehicle":
        candidates = {v.id: (v.id, v.name) for v in mission.vehicles}
    else:
        candidates = {p.id: (p.id, *p.spellings) for p in mission.people}
    for identifier, names in candidates.items():
        if any(fold(name) == wanted for name in names):
            return (identifier,)
    if key == "person":
        found = [person.id for person in people_named(mission, value)]
        if found:
            return found
    else:
        for identifier, names in candidates.items():
            if any(wanted in fold(name) for name in names):
                return (identifier,)
    near = {fold(name): i for i, names in candidates.items() for name in names}
    message = _("no {key} matches {value}{hint}")
    raise FilterError(message.format(key=key, value=quote(value), hint=did_you_mean(wanted, near)))


_TESTS: dict[str, Callable[[Term, Event], bool]] = {
    "phase": lambda term, event: event.phase in term.ids,
    "kind": lambda term, event: event.kind.value in term.ids,
    "vehicle": lambda term, event: bool(term.ids.intersection(event.vehicles)),
    "person": lambda term, event: (
        bool(term.ids.intersection(event.people)) or event.id in term.flight_events
    ),
}
