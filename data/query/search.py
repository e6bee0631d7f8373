"""Finding events by text, where every spelling of a person's name is the same person.

"Sjkaplerov" (Dutch), "Шкаплеров" (Cyrillic) and "Shkaplerov" find the same events; case and
accents never matter. An event matches when its title or its description holds the query
(or a spelling of a person it names), or when it names such a person or bounds their flight.

The search reads the store's columns in chunks: the titles and descriptions of a chunk are
joined and folded in one go and searched with `str.find`, and the people of each event are
looked up by their shared reference list, so the first hit among a million events comes back
in a few hundred milliseconds at worst. `EventSearch.matches` answers for one event (a row on
screen).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import compress

import msgspec

from data.i18n import _, ngettext
from data.model import Event, Mission, Person
from data.store import EventSequence, EventStore, TextColumn, store_and_indexes

MIN_NAME_QUERY = 3
"""A query this long or longer that matches part of a name stands for every spelling of it."""
MIN_SURNAME = 5
"""Surnames shorter than this are not searched alone ("Hei" is inside "their")."""
CHUNK = 16384
"""Events searched at a time on a store; small enough that a first hit comes back quickly."""
FIRST_CHUNK = 64
"""Events searched first: the next hit is usually near, and joining and folding a whole
`CHUNK` for it cost `n` about 15 ms at 100,000 events."""
_SEPARATOR = TextColumn.SEPARATOR
"""Between events in a joined chunk: mission text never contains it (the loader refuses it)."""


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a text (`Peressild` ~ `peressild`, `é` ~ `e`)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_many(text: str) -> str:
    """`fold` for a long text (a chunk of joined titles), at C speed and not cached.

    Folding is character by character (the separators between events are not combining
    marks, so nothing reorders across them), so folding a joined text equals joining the
    folded texts."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    marks = "".join(c for c in set(decomposed) if unicodedata.combining(c))
    if marks:
        decomposed = re.sub(f"[{re.escape(marks)}]", "", decomposed)
    return decomposed.casefold()


def people_named(mission: Mission, query: str) -> list[Person]:
    """The people a query names: those with a spelling of their name that holds it, from
    `MIN_NAME_QUERY` letters on. Case, accents and runs of spaces never matter, so
    `vande  hei`, `Sjkaplerov` and `Шкаплеров` each name one person; `oleg` names two.
    Search and the `person:` filter both find people this way."""
    folded = " ".join(fold(query).split())
    if len(folded) < MIN_NAME_QUERY:
        return []
    return [
        person
        for person in mission.people
        if any(folded in fold(spelling) for spelling in person.spellings)
    ]


class HitCount(msgspec.Struct, frozen=True):
    """Where a search's hits are among the events searched (those shown), to say where the
    cursor is among them."""

    positions: Sequence[int]
    """The positions of the hits, in order."""

    def place(self, position: int) -> str:
        """`hit 3 of 10` when the event at `position` is a hit; else `10 hits`, `1 hit` or
        `no hits`."""
        total = len(self.positions)
        index = bisect_left(self.positions, position)
        if index < total and self.positions[index] == position:
            return _("hit {number} of {total}").format(number=f"{index + 1:,}", total=f"{total:,}")
        if not total:
            return _("no hits")
        return ngettext("{count} hit", "{count} hits", total).format(count=f"{total:,}")


def _never() -> bool:
    return False


class EventSearch:
    """A compiled search for one query over one mission."""

    def __init__(self, mission: Mission, query: str) -> None:
        self.query = query
        folded = fold(query.strip())
        people = people_named(mission, query)
        # Every spelling, and each spelling's last word (the surname), so that a description
        # that names someone by surname alone is found by any spelling of the name.
        names = {fold(s) for person in people for s in person.spellings}
        surnames = {name.split()[-1] for name in names if name.split()}
        self._needles = (
            folded,
            *sorted(names | {s for s in surnames if len(s) >= MIN_SURNAME}),
        )
        self._people = {person.id for person in people}
        self._flight_events = {event_id for person in people for event_id in person.flight_events}
        self._flight_positions: dict[int, list[int]] = {}
        self._wanted: dict[int, bytes] = {}

    def matches(self, event: Event) -> bool:
        """Whether one event's title, description or people match the query."""
        if not self._needles[0]:
            return False
        if self._people.intersection(event.people) or event.id in self._flight_events:
            return True
        title, description = fold(event.title), fold(event.description)
        return any(needle in title or needle in description for needle in self._needles)

    def hits(self, events: EventSequence, stop: Callable[[], bool] = _never) -> list[int]:
        """Indexes of the matching events, in order (those found so far once `stop()` is
        true: it is asked between chunks)."""
        found: list[int] = []
        for low, high in _chunks(len(events), 0, 1):
            if stop():
                break
            found += self._chunk_hits(events, low, high, first=False)
        return found

    def count(self, events: EventSequence, stop: Callable[[], bool] = _never) -> HitCount | None:
        """Every hit among `events`, for `hit 3 of 10`; `None` if `stop()` turned true first
        (a newer search made this one moot: a million events take about a second)."""
        positions = self.hits(events, stop)
        return None if stop() else HitCount(positions)

    def next_hit(self, events: EventSequence, start: int, direction: int = 1) -> int | None:
        """The index of the first match from `start` on (`direction` 1) or back (-1)."""
        if not self._needles[0] or not len(events):
            return None
        start = max(0, min(start, len(events) - 1))
        for low, high in _chunks(len(events), start, direction):
            found = self._chunk_hits(events, low, high, first=direction > 0)
            if direction < 0:
                found = [index for index in found if index <= start]
            if found:
                return found[0] if direction > 0 else found[-1]
        return None

    def _chunk_hits(self, events: EventSequence, low: int, high: int, *, first: bool) -> list[int]:
        """The matching indexes in `low:high` (only the first one if `first`)."""
        if not self._needles[0]:
            return []
        store, where = store_and_indexes(events)
        columns = store.columns
        found: set[int] = set()
        for column in (columns.titles, columns.descriptions):
            if where is not None:
                text = _SEPARATOR.join([column[i] for i in where[low:high]])
            elif isinstance(column, TextColumn):
                text = column.text(low, high)
            else:
                text = _SEPARATOR.join(column[low:high])
            blob = fold_many(text)
            for needle in self._needles:
                if _SEPARATOR not in needle:  # no text holds it: it would match across texts
                    found.update(_blob_hits(blob, needle, low, first=first))
        if self._people:
            wanted = self._wanted_groups(store)
            codes = (
                columns.people[low:high]
                if where is None
                else [columns.people[i] for i in where[low:high]]
            )
            marks = bytes(map(wanted.__getitem__, codes))
            if first:
                position = marks.find(1)
                if position >= 0:
                    found.add(low + position)
            else:
                found.update(compress(range(low, high), marks))
        found.update(i for i in self._flight_hits(events) if low <= i < high)
        ordered = sorted(found)
        return ordered[:1] if first else ordered

    def _wanted_groups(self, store: EventStore) -> bytes:
        """1 for each of the store's people lists that names a found person."""
        key = id(store)
        if key not in self._wanted:
            self._wanted[key] = bytes(
                1 if self._people.intersection(group) else 0 for group in store.groups
            )
        return self._wanted[key]

    def _flight_hits(self, events: EventSequence) -> list[int]:
        """Where the found people's launches, dockings and landings are (found once)."""
        key = id(events)
        if key not in self._flight_positions:
            store, where = store_and_indexes(events)
            found = store.positions(self._flight_events)
            if where is not None:
                inside = {index: number for number, index in enumerate(where)}
                found = sorted(inside[p] for p in found if p in inside)
            self._flight_positions[key] = found
        return self._flight_positions[key]


def _chunks(size: int, start: int, direction: int) -> Iterable[tuple[int, int]]:
    """`(low, high)` ranges from `start` towards one end, growing from `FIRST_CHUNK` events
    to `CHUNK`: the next hit is usually near (`n`), and a scan far for it stays in bulk."""
    length = FIRST_CHUNK
    if direction > 0:
        low = start
        while low < size:
            yield low, min(low + length, size)
            low += length
            length = min(length * 4, CHUNK)
    else:
        high = start + 1
        while high > 0:
            yield max(0, high - length), high
            high -= length
            length = min(length * 4, CHUNK)


def _blob_hits(blob: str, needle: str, low: int, *, first: bool) -> list[int]:
    """Event indexes (from `low`) whose text in a joined, folded chunk contains `needle`."""
    hits: list[int] = []
    position = blob.find(needle)
    index = low
    counted = 0
    while position >= 0:
        index += blob.count(_SEPARATOR, counted, position)
        hits.append(index)
        if first:
            break
        counted = blob.find(_SEPARATOR, position)
        if counted < 0:
            break
        position = blob.find(needle, counted)
    return hits
