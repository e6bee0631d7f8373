"""A compact, read-only sequence of events for missions of up to millions of events.

One `Event` object per event costs about 600 bytes; a million of them would not fit the
400 MiB the app allows itself. `EventStore` keeps each field in a column instead (texts in
lists, small codes in arrays, repeated reference lists shared) and makes an `Event` only when
one is asked for, keeping the most recent ones. It is a `Sequence[Event]`, so code written for
a tuple of events works unchanged; search and filters read the columns directly.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import accumulate, compress, pairwise, repeat
from operator import add, and_, ne, not_
from typing import Any, overload

from data.model import Confidence, Dispute, Event, EventKind, Mission, Stated
from data.times.bulk import cached_when, fast_when

KINDS: tuple[EventKind, ...] = tuple(EventKind)
KIND_CODE: dict[EventKind, int] = {kind: code for code, kind in enumerate(KINDS)}
CONFIDENCES: tuple[Confidence | None, ...] = (None, *Confidence)
CONFIDENCE_CODE: dict[Confidence | None, int] = {c: code for code, c in enumerate(CONFIDENCES)}
_CACHE_SIZE = 4096


class TextColumn(Sequence[str]):
    """Many strings kept as a few long ones: about a byte per character instead of ~60
    bytes of object per string. Strings are joined in chunks of `CHUNK`, each string
    followed by `SEPARATOR` (which mission text never contains: the loader refuses it), so
    a chunk can also be searched as it is."""

    SHIFT = 12
    CHUNK = 1 << SHIFT
    SEPARATOR = "\x00"

    def __init__(self, values: Iterable[str] = ()) -> None:
        self.blobs: list[str] = []
        self.starts = array("I")
        """Where each string starts in its chunk's blob."""
        self.lengths = array("I")
        self._pending: list[str] = []
        self.extend(values)

    def __len__(self) -> int:
        return len(self.starts) + len(self._pending)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        done = len(self.starts)
        if index >= done:
            return self._pending[index - done]
        start = self.starts[index]
        return self.blobs[index >> self.SHIFT][start : start + self.lengths[index]]

    def append(self, value: str) -> None:
        self._pending.append(value)
        if len(self._pending) >= self.CHUNK - len(self.starts) % self.CHUNK:
            self._flush()

    def extend(self, values: Iterable[str]) -> None:
        for value in values:
            self.append(value)

    def extend_list(self, values: list[str]) -> None:
        """`extend` for a list, a chunk at a time."""
        position = 0
        while position < len(values):
            room = self.CHUNK - (len(self.starts) + len(self._pending)) % self.CHUNK
            self._pending += values[position : position + room]
            position += room
            if len(self._pending) + len(self.starts) % self.CHUNK >= self.CHUNK:
                self._flush()

    def finish(self) -> None:
        """Join what is still pending (after the last value)."""
        if self._pending:
            self._flush()

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        lengths = array("I", map(len, pending))
        blob = self.blobs.pop() if len(self.starts) % self.CHUNK else ""
        offset = len(blob)
        starts = array("I", accumulate(map(add, lengths, repeat(1)), initial=offset))
        starts.pop()
        self.blobs.append(blob + self.SEPARATOR.join(pending) + self.SEPARATOR)
        self.starts += starts
        self.lengths += lengths

    @classmethod
    def runs(cls, order: Sequence[int]) -> list[list[int]]:
        """For each chunk of `order`, where its runs of consecutive indexes within one
        chunk of a column start (and its length, last): what `gathered` copies as slices.
        The same for every column, so worked out once."""
        edges = []
        mask = cls.CHUNK - 1
        for low in range(0, len(order), cls.CHUNK):
            part = order[low : low + cls.CHUNK]
            size = len(part)
            after = part[1:]
            breaks = set(compress(range(1, size), map(ne, after, map(add, part, repeat(1)))))
            breaks.update(compress(range(1, size), map(not_, map(and_, after, repeat(mask)))))
            edges.append([0, *sorted(breaks), size])
        return edges

    def gathered(self, order: Sequence[int], runs: list[list[int]] | None = None) -> TextColumn:
        """A new column with the strings in `order` (indexes into this one).

        Events out of time order are few, so `order` is mostly runs of consecutive indexes:
        each run is copied as one slice of its blob, and only the runs are walked in Python
        (`runs`: `TextColumn.runs(order)`, shared by the columns gathered in one order)."""
        self.finish()
        if runs is None:
            runs = self.runs(order)
        column = TextColumn()
        blobs, starts, lengths = self.blobs, self.starts, self.lengths
        shift = self.SHIFT
        all_lengths = array("I", map(lengths.__getitem__, order))
        for number, edges in enumerate(runs):
            low = number << shift
            part = order[low : low + self.CHUNK]
            pieces = []
            for first, stop in pairwise(edges):
                head, last = part[first], part[stop - 1]
                end = starts[last] + lengths[last] + 1
                pieces.append(blobs[head >> shift][starts[head] : end])
            new_lengths = all_lengths[low : low + self.CHUNK]
            new_starts = array("I", accumulate(map(add, new_lengths, repeat(1)), initial=0))
            new_starts.pop()
            column.blobs.append("".join(pieces))
            column.starts += new_starts
            column.lengths += new_lengths
        return column

    def text(self, low: int, high: int) -> str:
        """The strings `low:high`, each followed by `SEPARATOR`, as one string."""
        if high > len(self.starts):
            self.finish()
        parts = []
        while low < high:
            chunk = low >> self.SHIFT
            stop = min(high, (chunk + 1) << self.SHIFT)
            blob = self.blobs[chunk]
            start = self.starts[low]
            end = self.starts[stop - 1] + self.lengths[stop - 1] + 1
            parts.append(blob[start:end])
            low = stop
        return "".join(parts)

    def find_all(self, values: Iterable[str], limit: int | None = None) -> dict[str, int]:
        """The index of the first string equal to each of `values` that is there, in one
        pass over the column (a million short strings in about a tenth of a second).
        `limit` (a multiple of `CHUNK`): look only below it, without touching the rest
        (another thread may be adding to it)."""
        blobs = self._complete(limit)
        wanted = set(values)
        found: dict[str, int] = {}
        for chunk, blob in enumerate(blobs):
            texts = blob.split(self.SEPARATOR)
            texts.pop()
            first = chunk << self.SHIFT
            for position in compress(
                range(first, first + len(texts)), map(wanted.__contains__, texts)
            ):
                found.setdefault(texts[position - first], position)
        return found

    def find(self, value: str, limit: int | None = None) -> int | None:
        """The index of the first string equal to `value`, or `None` (`limit`: as for
        `find_all`)."""
        blobs = self._complete(limit)
        if self.SEPARATOR in value:
            return None
        wanted = value + self.SEPARATOR
        for chunk, blob in enumerate(blobs):
            position = blob.find(wanted)
            while position >= 0:
                if position == 0 or blob[position - 1] == self.SEPARATOR:
                    first = chunk << self.SHIFT
                    starts = self.starts[first : first + self.CHUNK]
                    return first + bisect_left(starts, position)
                position = blob.find(wanted, position + 1)
        return None

    def _complete(self, limit: int | None) -> list[str]:
        """The blobs to search: all (joining what is pending), or those below `limit`."""
        if limit is None:
            self.finish()
            return self.blobs
        return self.blobs[: limit >> self.SHIFT]


class Extras:
    """The fields few events have. (A plain class: a dataclass costs milliseconds to
    create at import, and this module is imported before the first frame.)"""

    __slots__ = ("disputes", "end", "note", "stated", "station_crew")

    def __init__(
        self,
        note: str = "",
        stated: tuple[Stated, ...] = (),
        disputes: tuple[Dispute, ...] = (),
        station_crew: int | None = None,
        end: str | None = None,
    ) -> None:
        self.note = note
        self.stated = stated
        self.disputes = disputes
        self.station_crew = station_crew
        self.end = end


class Columns:
    """The events' fields, one list or array per field, in time order once sorted.

    `titles`: each distinct title is kept once and shared (titles repeat in logs).
    `kinds`: index into `KINDS`. `phases`, `places`: 0 for none, else 1 + index into the
    store's ids. `vehicles`, `people`, `sources`: index into `groups`, the distinct reference
    lists. `at`, `planned`: the time as written, empty when not given. `instants`: POSIX
    timestamps of `at`, else `planned`: what the timeline is ordered by."""

    __slots__ = (
        "at",
        "confidences",
        "descriptions",
        "extras",
        "ids",
        "instants",
        "kinds",
        "people",
        "phases",
        "places",
        "planned",
        "sources",
        "titles",
        "vehicles",
    )

    def __init__(self) -> None:
        self.ids = TextColumn()
        self.titles: list[str] = []
        self.descriptions = TextColumn()
        self.kinds = bytearray()
        self.phases = array("H")
        self.places = array("H")
        self.vehicles = array("I")
        self.people = array("I")
        self.sources = array("I")
        self.confidences = bytearray()
        self.at = TextColumn()
        self.planned = TextColumn()
        self.instants = array("d")
        self.extras: dict[int, Extras] = {}


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
        at = c.at[index]
        planned = c.planned[index]
        return Event(
            c.ids[index],
            c.titles[index],
            KINDS[c.kinds[index]],
            fast_when(at) if at else None,
            cached_when(planned) if planned else None,
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


class StoreBuilder:
    """Collects events column by column while a file is read, then orders them by time."""

    def __init__(self, phase_ids: Sequence[str], place_ids: Sequence[str]) -> None:
        self.phase_code = {phase: code for code, phase in enumerate(phase_ids, 1)}
        self.place_code = {place: code for code, place in enumerate(place_ids, 1)}
        self.phase_ids = list(phase_ids)
        self.place_ids = list(place_ids)
        self.groups: list[tuple[str, ...]] = [()]
        self.group_code: dict[tuple[str, ...], int] = {(): 0}
        self.columns = Columns()
        self._ordered = 0
        """How many of the first events are known to be in time order."""

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
        c.at.append("" if event.at is None else event.at.text)
        c.planned.append("" if event.planned is None else event.planned.text)
        c.instants.append(event.when.instant.timestamp())
        end = None if event.end is None else event.end.text
        if event.note or event.stated or event.disputes or event.station_crew is not None or end:
            c.extras[index] = Extras(
                event.note, event.stated, event.disputes, event.station_crew, end
            )

    def snapshot(self) -> EventStore | None:
        """A store of the events added so far, in whole chunks of `TextColumn.CHUNK`, if
        they are in time order (else `None`). It reads the same columns without touching
        their growing end, so one thread may show it while another goes on adding."""
        c = self.columns
        done = len(c.ids.starts) >> TextColumn.SHIFT << TextColumn.SHIFT
        if not done or not self.in_order():
            return None
        return EventStore(c, self.phase_ids, self.place_ids, self.groups, size=done)

    def in_order(self) -> bool:
        """Whether the events added so far are in time order (each is checked once)."""
        return self._in_order(len(self.columns.instants))

    def _in_order(self, stop: int) -> bool:
        """Whether the first `stop` events are in time order (checked once each)."""
        instants = self.columns.instants
        if self._ordered < 0:
            return False
        if stop > self._ordered:
            low = max(0, self._ordered - 1)
            if any(map(float.__gt__, instants[low : stop - 1], instants[low + 1 : stop])):
                self._ordered = -1
                return False
            self._ordered = stop
        return True

    def build(self) -> EventStore:
        """Order the events by time (stable, like `sorted`) and freeze them in a store.

        Out of order, the columns are put in order in place, one at a time (so at most one
        old column is alive beside its new copy): no snapshot may be read meanwhile."""
        c = self.columns
        for column in (c.ids, c.descriptions, c.at, c.planned):
            column.finish()
        if not self._in_order(len(c.instants)):
            instants = c.instants
            # Kept as an array: a list of a million ints costs 36 MB more at the peak.
            _permute(c, array("I", sorted(range(len(instants)), key=instants.__getitem__)))
        return EventStore(c, self.phase_ids, self.place_ids, self.groups)


def store_of(mission: Mission) -> EventStore:
    """The events of a mission given as `Event`s, in time order, in a store."""
    builder = StoreBuilder([phase.id for phase in mission.phases], [p.id for p in mission.places])
    for event in mission.events:
        builder.add(event)
    return builder.build()


def _permute(c: Columns, order: Sequence[int]) -> None:
    """Put every column in `order`, one column at a time."""

    def pick(values: Sequence[Any]) -> Iterator[Any]:
        return map(values.__getitem__, order)

    runs = TextColumn.runs(order)
    c.ids = c.ids.gathered(order, runs)
    c.descriptions = c.descriptions.gathered(order, runs)
    c.at = c.at.gathered(order, runs)
    c.planned = c.planned.gathered(order, runs)
    c.titles = list(pick(c.titles))
    c.kinds = bytearray(pick(c.kinds))
    c.phases = array("H", pick(c.phases))
    c.places = array("H", pick(c.places))
    c.vehicles = array("I", pick(c.vehicles))
    c.people = array("I", pick(c.people))
    c.sources = array("I", pick(c.sources))
    c.confidences = bytearray(pick(c.confidences))
    c.instants = array("d", pick(c.instants))
    if c.extras:
        moved = [old in c.extras for old in order]
        olds = compress(order, moved)
        news = compress(range(len(order)), moved)
        c.extras = {new: c.extras[old] for old, new in zip(olds, news, strict=True)}


def _compact(events: Sequence[Event]) -> tuple[EventStore, Sequence[int] | None] | None:
    """The store behind `events` and the indexes shown (`None`: all), or `None` if
    `events` is neither a store nor a view of one."""
    if isinstance(events, EventStore):
        return events, None
    if isinstance(events, EventView):
        return events.store, events.indexes
    return None


def phase_starts(events: Sequence[Event], start: int = 0) -> list[tuple[int, str | None]] | None:
    """Where the runs of events of one phase begin, at or after `start`, with the phase's id
    (a run that goes on from before `start` is not listed), read from the phase column: a
    million events in a few hundredths of a second. `None` if `events` is not a store or a
    view of one (walk the events instead)."""
    compact = _compact(events)
    if compact is None:
        return None
    store, indexes = compact
    size = len(events)
    phases = store.columns.phases
    codes = phases[:size] if indexes is None else array("H", map(phases.__getitem__, indexes))
    low = max(start, 1)
    found = list(compress(range(low, size), map(ne, codes[low:size], codes[low - 1 : size - 1])))
    if start == 0 and size:
        found.insert(0, 0)
    return [(position, store.phase_ids[codes[position]]) for position in found]


def compact_position(events: Sequence[Event], event_id: str) -> int | None:
    """Where the event with this id is in a store or a view of one (from the id column,
    without making events), or `None`. Raises `TypeError` for other sequences."""
    compact = _compact(events)
    if compact is None:
        raise TypeError("not a store or a view of one")
    store, indexes = compact
    index = store.position(event_id)
    if index is None or indexes is None:
        return index
    if isinstance(indexes, range):  # a slice
        return indexes.index(index) if index in indexes else None
    # A filter's indexes ascend: it keeps the store's order.
    position = bisect_left(indexes, index)
    return position if position < len(indexes) and indexes[position] == index else None
