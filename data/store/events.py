"""The events of a mission kept by column, read as a sequence of `Event`s: the one form of
every mission's events, whatever its file's format or size.

One `Event` object per event costs about 600 bytes; a million of them would not fit the
400 MiB the app allows itself. `EventStore` keeps each field in a column instead (texts in
`TextColumn`s, small codes in arrays, repeated reference lists shared) and makes an `Event`
only when one is asked for, keeping the most recent ones. Search and filters read the columns
directly; a filter's result is an `EventView`, some of a store's events without copies.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import compress
from operator import ne
from typing import overload

from data.records import Event
from data.store.columns import CONFIDENCES, KINDS, Columns
from data.times.bulk import cached_when, fast_when

_CACHE_SIZE = 4096


class EventStore(Sequence[Event]):
    """The events of a mission, in time order, stored by column."""

    def __init__(
        self,
        columns: Columns,
        phase_ids: Sequence[str],
        place_ids: Sequence[str],
        groups: Sequence[tuple[str, ...]],
        size: int | None = None,
    ) -> None:
        self.columns = columns
        self.phase_ids: tuple[str | None, ...] = (None, *phase_ids)
        self.place_ids: tuple[str | None, ...] = (None, *place_ids)
        self.groups = tuple(groups)
        self.size = size
        """The events seen, if only the first ones (a store of a file still being read,
        whose columns grow in another thread); `None`: all of them."""
        self._cache: OrderedDict[int, Event] = OrderedDict()
        self._by_id: EventsById | None = None

    def __len__(self) -> int:
        return len(self.columns.ids) if self.size is None else self.size

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Event]: ...

    def __getitem__(self, index: int | slice) -> Event | Sequence[Event]:
        if isinstance(index, slice):
            return EventView(self, range(len(self))[index])
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("event index out of range")
        cache = self._cache
        event = cache.get(index)
        if event is not None:
            cache.move_to_end(index)
            return event
        event = self.make(index)
        cache[index] = event
        if len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
        return event

    def __iter__(self) -> Iterator[Event]:
        make = self.make
        for index in range(len(self)):
            yield make(index)

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, Event):
            return False
        index = self.position(value.id)
        return index is not None and self[index] == value

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        if isinstance(value, Event):
            found = self.position(value.id)
            end = len(self) if stop is None else stop
            if found is not None and start <= found < end and self[found] == value:
                return found
        raise ValueError("event not in the mission")

    def make(self, index: int) -> Event:
        """Build the `Event` at `index` from the columns (not cached)."""
        c = self.columns
        extras = c.extras.get(index)
        end = c.ends.get(index)
        at = c.at[index]
        planned = c.planned[index]
        return Event(
            c.ids[index],
            c.titles[index],
            KINDS[c.kinds[index]],
            fast_when(at) if at else None,
            cached_when(planned) if planned else None,
            None if end is None else fast_when(end),
            c.descriptions[index],
            self.phase_ids[c.phases[index]],
            self.place_ids[c.places[index]],
            self.groups[c.vehicles[index]],
            self.groups[c.people[index]],
            self.groups[c.sources[index]],
            CONFIDENCES[c.confidences[index]],
            "" if extras is None else extras.note,
            () if extras is None else extras.stated,
            () if extras is None else extras.disputes,
            None if extras is None else extras.station_crew,
        )

    @property
    def by_id(self) -> EventsById:
        """The events by id, as a mapping."""
        if self._by_id is None:
            self._by_id = EventsById(self)
        return self._by_id

    def position(self, event_id: str) -> int | None:
        """The index of the event with this id, or `None`."""
        return self.by_id.position(event_id)

    def positions(self, event_ids: Iterable[str]) -> list[int]:
        """The indexes of the events with these ids, in order (one pass over the ids for
        those not looked up before)."""
        known = self.by_id.known
        wanted = set(event_ids)
        found = {i: known[i] for i in wanted if i in known}
        missing = wanted.difference(found)
        if missing:
            more = self.columns.ids.find_all(missing, self.size)
            self.by_id.remember(more)
            found.update(more)
        return sorted(found.values())


class EventsById(Mapping[str, Event]):
    """`Mission.event_by_id` for a store, without a million-entry dict (about 70 MB).

    An id is found by a scan of the id column in C (a few milliseconds for a million
    events) and remembered, so the few ids an app looks up again and again cost nothing."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self._found: dict[str, int] = {}

    @property
    def known(self) -> Mapping[str, int]:
        """The ids looked up so far, and their indexes."""
        return self._found

    def remember(self, found: dict[str, int]) -> None:
        """Keep these ids' indexes (the ids a mission's people and reference name)."""
        if len(self._found) + len(found) >= _CACHE_SIZE:
            self._found.clear()
        self._found.update(found)

    def position(self, key: str) -> int | None:
        found = self._found.get(key)
        if found is None:
            found = self.store.columns.ids.find(key, self.store.size)
            if found is None:
                return None
            if len(self._found) >= _CACHE_SIZE:
                self._found.clear()
            self._found[key] = found
        return found

    def __getitem__(self, key: str) -> Event:
        found = self.position(key)
        if found is None:
            raise KeyError(key)
        return self.store[found]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.position(key) is not None

    def __iter__(self) -> Iterator[str]:
        ids = self.store.columns.ids
        return map(ids.__getitem__, range(len(self.store)))

    def __len__(self) -> int:
        return len(self.store)


class EventView(Sequence[Event]):
    """Some of a store's events (a filter's result, a slice), without copying them."""

    def __init__(self, store: EventStore, indexes: Sequence[int]) -> None:
        self.store = store
        self.indexes = indexes

    def __len__(self) -> int:
        return len(self.indexes)

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Event]: ...

    def __getitem__(self, index: int | slice) -> Event | Sequence[Event]:
        if isinstance(index, slice):
            return EventView(self.store, self.indexes[index])
        return self.store[self.indexes[index]]

    def __iter__(self) -> Iterator[Event]:
        make = self.store.make
        for index in self.indexes:
            yield make(index)


EventSequence = EventStore | EventView
"""A mission's events, or some of them (a filter's result, a slice)."""


def store_and_indexes(events: EventSequence) -> tuple[EventStore, Sequence[int] | None]:
    """The store behind `events` and the indexes of the events shown (`None`: all)."""
    if isinstance(events, EventStore):
        return events, None
    return events.store, events.indexes


def phase_starts(events: EventSequence, start: int = 0) -> list[tuple[int, str | None]]:
    """Where the runs of events of one phase begin, at or after `start`, with the phase's id
    (a run that goes on from before `start` is not listed), read from the phase column: a
    million events in a few hundredths of a second."""
    store, indexes = store_and_indexes(events)
    size = len(events)
    phases = store.columns.phases
    codes = phases[:size] if indexes is None else array("H", map(phases.__getitem__, indexes))
    low = max(start, 1)
    found = list(compress(range(low, size), map(ne, codes[low:size], codes[low - 1 : size - 1])))
    if start == 0 and size:
        found.insert(0, 0)
    return [(position, store.phase_ids[codes[position]]) for position in found]


def compact_position(events: EventSequence, event_id: str) -> int | None:
    """Where the event with this id is among `events` (from the id column, without making
    events), or `None`."""
    store, indexes = store_and_indexes(events)
    index = store.position(event_id)
    if index is None or indexes is None:
        return index
    if isinstance(indexes, range):  # a slice
        return indexes.index(index) if index in indexes else None
    # A filter's indexes ascend: it keeps the store's order.
    position = bisect_left(indexes, index)
    return position if position < len(indexes) and indexes[position] == index else None
