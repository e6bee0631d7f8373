"""A compact, read-only sequence of events for missions of up to millions of events.

One `Event` object per event costs about 600 bytes; a million of them would not fit the
400 MiB the app allows itself. `EventStore` keeps each field in a column instead (texts in
lists, small codes in arrays, repeated reference lists shared) and makes an `Event` only when
one is asked for, keeping the most recent ones. It is a `Sequence[Event]`, so code written for
a tuple of events works unchanged; search and filters read the columns directly.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import overload

from data.model import Confidence, Dispute, Event, EventKind, Stated
from data.whens import cached_when, fast_when

KINDS: tuple[EventKind, ...] = tuple(EventKind)
KIND_CODE: dict[EventKind, int] = {kind: code for code, kind in enumerate(KINDS)}
CONFIDENCES: tuple[Confidence | None, ...] = (None, *Confidence)
CONFIDENCE_CODE: dict[Confidence | None, int] = {c: code for code, c in enumerate(CONFIDENCES)}
_CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class Extras:
    """The fields few events have."""

    note: str = ""
    stated: tuple[Stated, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    station_crew: int | None = None
    end: str | None = None


@dataclass(slots=True)
class Columns:
    """The events' fields, one list or array per field, in time order once sorted."""

    ids: list[str]
    titles: list[str]
    descriptions: list[str]
    kinds: bytearray
    """Index into `KINDS`."""
    phases: array[int]
    """0 for none, else 1 + index into `phase_ids`."""
    places: array[int]
    vehicles: array[int]
    """Index into `groups`, the distinct reference lists."""
    people: array[int]
    sources: array[int]
    confidences: bytearray
    at: list[str | None]
    planned: list[str | None]
    instants: array[float]
    """POSIX timestamps of `at`, else `planned`: what the timeline is ordered by."""
    extras: dict[int, Extras]


class EventStore(Sequence[Event]):
    """The events of a mission, in time order, stored by column."""

    def __init__(
        self,
        columns: Columns,
        phase_ids: Sequence[str],
        place_ids: Sequence[str],
        groups: Sequence[tuple[str, ...]],
    ) -> None:
        self.columns = columns
        self.phase_ids: tuple[str | None, ...] = (None, *phase_ids)
        self.place_ids: tuple[str | None, ...] = (None, *place_ids)
        self.groups = tuple(groups)
        self._cache: OrderedDict[int, Event] = OrderedDict()
        self._by_id: EventsById | None = None

    def __len__(self) -> int:
        return len(self.columns.ids)

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Event]: ...

    def __getitem__(self, index: int | slice) -> Event | Sequence[Event]:
        if isinstance(index, slice):
            return EventView(self, range(len(self))[index])
        size = len(self.columns.ids)
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
        for index in range(len(self.columns.ids)):
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
        at = c.at[index]
        planned = c.planned[index]
        return Event(
            c.ids[index],
            c.titles[index],
            KINDS[c.kinds[index]],
            None if at is None else fast_when(at),
            None if planned is None else cached_when(planned),
            None if extras is None or extras.end is None else fast_when(extras.end),
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
        """The indexes of the events with these ids, in order, found in one pass."""
        wanted = frozenset(event_ids)
        if not wanted:
            return []
        ids = self.columns.ids
        return list(compress(range(len(ids)), map(wanted.__contains__, ids)))


class EventsById(Mapping[str, Event]):
    """`Mission.event_by_id` for a store, without a million-entry dict (about 70 MB).

    An id is found by a scan of the id column in C (a few milliseconds for a million
    events) and remembered, so the few ids an app looks up again and again cost nothing."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self._found: dict[str, int] = {}

    def position(self, key: str) -> int | None:
        found = self._found.get(key)
        if found is None:
            try:
                found = self.store.columns.ids.index(key)
            except ValueError:
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
        return iter(self.store.columns.ids)

    def __len__(self) -> int:
        return len(self.store.columns.ids)


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


class StoreBuilder:
    """Collects events column by column while a file is read, then orders them by time."""

    def __init__(self, phase_ids: Sequence[str], place_ids: Sequence[str]) -> None:
        self.phase_code = {phase: code for code, phase in enumerate(phase_ids, 1)}
        self.place_code = {place: code for code, place in enumerate(place_ids, 1)}
        self.phase_ids = list(phase_ids)
        self.place_ids = list(place_ids)
        self.groups: list[tuple[str, ...]] = [()]
        self.group_code: dict[tuple[str, ...], int] = {(): 0}
        self.columns = Columns(
            ids=[],
            titles=[],
            descriptions=[],
            kinds=bytearray(),
            phases=array("H"),
            places=array("H"),
            vehicles=array("I"),
            people=array("I"),
            sources=array("I"),
            confidences=bytearray(),
            at=[],
            planned=[],
            instants=array("d"),
            extras={},
        )

    def group(self, refs: tuple[str, ...]) -> int:
        """The code of a reference list, sharing one tuple among all events that use it."""
        code = self.group_code.get(refs)
        if code is None:
            code = self.group_code[refs] = len(self.groups)
            self.groups.append(refs)
        return code

    def add(self, event: Event) -> None:
        """Add one event given as an `Event` (the slow, general path)."""
        c = self.columns
        index = len(c.ids)
        c.ids.append(event.id)
        c.titles.append(event.title)
        c.descriptions.append(event.description)
        c.kinds.append(KIND_CODE[event.kind])
        c.phases.append(0 if event.phase is None else self.phase_code[event.phase])
        c.places.append(0 if event.place is None else self.place_code[event.place])
        c.vehicles.append(self.group(event.vehicles))
        c.people.append(self.group(event.people))
        c.sources.append(self.group(event.sources))
        c.confidences.append(CONFIDENCE_CODE[event.confidence])
        c.at.append(None if event.at is None else event.at.text)
        c.planned.append(None if event.planned is None else event.planned.text)
        c.instants.append(event.when.instant.timestamp())
        end = None if event.end is None else event.end.text
        if event.note or event.stated or event.disputes or event.station_crew is not None or end:
            c.extras[index] = Extras(
                event.note, event.stated, event.disputes, event.station_crew, end
            )

    def build(self) -> EventStore:
        """Order the events by time (stable, like `sorted`) and freeze them in a store."""
        c = self.columns
        instants = c.instants
        if any(map(float.__gt__, instants, instants[1:])):
            order = sorted(range(len(instants)), key=instants.__getitem__)
            if order:
                self.columns = c = _permuted(c, order)
        return EventStore(c, self.phase_ids, self.place_ids, self.groups)


def _permuted(c: Columns, order: list[int]) -> Columns:
    pick = itemgetter(*order) if len(order) > 1 else (lambda seq: (seq[order[0]],))
    position = {old: new for new, old in enumerate(order)} if c.extras else {}
    return Columns(
        ids=list(pick(c.ids)),
        titles=list(pick(c.titles)),
        descriptions=list(pick(c.descriptions)),
        kinds=bytearray(pick(c.kinds)),
        phases=array("H", pick(c.phases)),
        places=array("H", pick(c.places)),
        vehicles=array("I", pick(c.vehicles)),
        people=array("I", pick(c.people)),
        sources=array("I", pick(c.sources)),
        confidences=bytearray(pick(c.confidences)),
        at=list(pick(c.at)),
        planned=list(pick(c.planned)),
        instants=array("d", pick(c.instants)),
        extras={position[old]: extra for old, extra in c.extras.items()},
    )
