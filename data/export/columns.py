"""The events of an export read column by column, a batch at a time.

A per-event export makes an `Event` for every event and formats each field on its own; for
a million events that is most of the time. The writers here read the mission's compact
`data.store.EventStore` instead: a batch of `CHUNK` events at a time, each field as one list
(texts split from the store's joined chunks, codes sliced from its arrays), so that what is
the same for many events (a kind, a place, a list of people) is formatted once and looked up.

Batches are made and dropped one after the other: memory stays flat while writing.
"""

from __future__ import annotations

import re
import weakref
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, pairwise
from operator import itemgetter, ne, not_
from typing import Any, TypeVar

from data.export.options import ExportOptions
from data.facts.names import phase_name
from data.i18n import N_, _
from data.model import Event, Mission, Phase
from data.store import EventStore, Extras, TextColumn
from data.times.bulk_instants import instants_of
from data.times.shapes import Times

CHUNK = TextColumn.CHUNK
_Value = TypeVar("_Value")
"""Events per batch: one chunk of the store's text columns."""


def needs_sanitizing(joined: str) -> bool:
    """Whether `data.sanitize.sanitize` would change any of the texts joined by `SEPARATOR`
    in `joined` (checked at C speed: the ASCII case by deleting the safe bytes)."""
    if joined.isascii():
        return bool(joined.encode("ascii").translate(None, _SAFE_ASCII))
    return _UNSAFE(joined) is not None


SEPARATOR = TextColumn.SEPARATOR
"""What joins the texts of a column: mission text never holds it (the loader refuses NUL)."""
_SAFE_ASCII = bytes(range(0x20, 0x7F)) + b"\x00\t\n"
_UNSAFE = re.compile(
    "[\x01-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
).search
"""The characters `data.sanitize` replaces, but NUL (the separator); a test compares the two
over every code point."""


Instants = Callable[[list[str]], list[float]]
"""A reader of the instants of many valid time strings."""


def read_times(texts: list[str], instants: Instants = instants_of) -> Times:
    """Time strings of a loaded mission that the store keeps no instant for (planned
    times, ends), read with `instants`: by default the loader's bulk parser (`instants_of`:
    about twice as fast as one at a time); a batch's own reader (`Batch.read`)."""
    return Times.of(texts, instants(texts))


def event_store(mission: Mission) -> EventStore:
    """The mission's events: every loaded mission keeps them in a store."""
    events = mission.events
    assert isinstance(events, EventStore), "a loaded mission keeps its events in a store"
    return events


def selection(store: EventStore, options: ExportOptions) -> Sequence[int]:
    """The positions of the events the export shows, in time order."""
    if options.filter is None:
        return range(len(store))
    return options.filter.positions(store)


OUTSIDE = N_("Outside any phase")
"""The heading of the events that belong to no phase."""


def section_name(phase: Phase | None) -> str:
    """A section's heading in the interface's language: its phase's name (`phase_name`),
    or `OUTSIDE` for the events outside any phase. Unsanitised."""
    return phase_name(phase) if phase is not None else _(OUTSIDE)


@dataclass(frozen=True)
class Section:
    """A phase (or `None`: events outside any phase) and the positions of its events."""

    phase: Phase | None
    positions: Sequence[int]


def sections(mission: Mission, store: EventStore, chosen: Sequence[int]) -> Iterator[Section]:
    """The chosen events grouped by phase: phases in order of their start, then the events
    outside any phase; empty sections left out.

    Events are in time order and phases are spans of time, so the phase column is made of
    long runs: they are found in one pass (in C), and each section is a list of ranges."""
    phases = sorted(mission.phases, key=lambda phase: phase.start.instant)
    known = {phase.id for phase in phases}
    codes = store.columns.phases
    size = len(codes)
    starts = [0, *compress(range(1, size), map(ne, codes, codes[1:])), size]
    runs: dict[int, list[range]] = {}
    for low, high in pairwise(starts):
        if low < high:
            runs.setdefault(codes[low], []).append(range(low, high))
    outside = [
        code
        for code, phase_id in enumerate(store.phase_ids)
        if code in runs and phase_id not in known
    ]
    code_of = {phase_id: code for code, phase_id in enumerate(store.phase_ids)}
    order: list[tuple[Phase | None, list[int]]] = [
        (phase, [code_of[phase.id]] if phase.id in code_of else []) for phase in phases
    ]
    order.append((None, outside))
    for phase, phase_codes in order:
        spans = sorted(
            (span for code in phase_codes for span in runs.get(code, [])),
            key=lambda span: span.start,
        )
        positions = _within(spans, chosen)
        if positions:
            yield Section(phase, positions)


def _within(spans: list[range], chosen: Sequence[int]) -> Sequence[int]:
    """The chosen positions inside `spans` (a range when nothing is filtered out)."""
    if isinstance(chosen, range) and chosen == range(len(chosen)):
        if len(spans) == 1:
            return spans[0]
        return _Ranges(spans)
    found: list[int] = []
    for span in spans:
        found += chosen[bisect_left(chosen, span.start) : bisect_left(chosen, span.stop)]
    return found


class _Ranges(Sequence[int]):
    """Several ranges one after the other, as one sequence of positions."""

    def __init__(self, spans: list[range]) -> None:
        self.spans = spans
        self.size = sum(map(len, spans))

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            return [self[i] for i in range(self.size)[index]]
        for span in self.spans:
            if index < len(span):
                return span[index]
            index -= len(span)
        raise IndexError(index)

    def __iter__(self) -> Iterator[int]:
        for span in self.spans:
            yield from span


class Lookup(dict[Any, str]):
    """A key -> text made by `make` on first use: what many events share is made once."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> str:
        text = self[key] = self.make(key)
        return text


def batches(store: EventStore, positions: Sequence[int]) -> Iterator[Batch]:
    """The events at `positions` (increasing), `CHUNK` at a time; a contiguous run within one
    chunk of the store is read as a slice of its joined texts."""
    spans = positions.spans if isinstance(positions, _Ranges) else [positions]
    for span in spans:
        if isinstance(span, range) and span.step == 1:
            low = span.start
            while low < span.stop:
                high = min(span.stop, (low // CHUNK + 1) * CHUNK)
                yield Batch(store, range(low, high))
                low = high
        else:
            for low in range(0, len(span), CHUNK):
                yield Batch(store, span[low : low + CHUNK])


class Batch:
    """Up to `CHUNK` events of a store, each field as a list in the events' order.

    The fields are read from the store's span `first..last` of the batch: as slices when
    the batch is that whole span, else picked from the span's lists when the batch is dense
    in it (a filter that keeps many events), else one event at a time."""

    def __init__(
        self, store: EventStore, where: Sequence[int], read: Instants = instants_of
    ) -> None:
        self.store = store
        self.where = where
        self.read = read
        """What reads the instants of the batch's planned times and ends (`read_times`)."""
        self.size = len(where)
        first = where[0] if self.size else 0
        last = where[-1] if self.size else -1
        self.span = range(first, last + 1)
        self.whole = len(self.span) == self.size
        self._pick: Callable[[Sequence[Any]], Sequence[Any]] | None = None
        if not self.whole and len(self.span) <= _DENSE * self.size:
            offsets = [i - first for i in where]
            if len(offsets) > 1:
                self._pick = itemgetter(*offsets)
            else:
                self._pick = itemgetter(slice(offsets[0], offsets[0] + 1))

    def _texts(self, column: TextColumn) -> list[str]:
        if self.whole or self._pick is not None:
            texts = column.text(self.span.start, self.span.stop).split(SEPARATOR)
            texts.pop()
            return texts if self._pick is None else list(self._pick(texts))
        return [column[i] for i in self.where]

    def _codes(self, column: Sequence[int]) -> Sequence[int]:
        if self.whole or self._pick is not None:
            codes = column[self.span.start : self.span.stop]
            return codes if self._pick is None else list(self._pick(codes))
        return [column[i] for i in self.where]

    @cached_property
    def ids(self) -> list[str]:
        return self._texts(self.store.columns.ids)

    @cached_property
    def titles(self) -> list[str]:
        return list(self._codes(self.store.columns.titles))  # type: ignore[arg-type]

    @cached_property
    def descriptions(self) -> list[str]:
        return self._texts(self.store.columns.descriptions)

    @cached_property
    def at(self) -> list[str]:
        """The actual times as written, empty where there is none."""
        return self._texts(self.store.columns.at)

    @cached_property
    def planned(self) -> list[str]:
        """The planned times as written, empty where there is none."""
        return self._texts(self.store.columns.planned)

    @cached_property
    def planned_times(self) -> tuple[list[int], Times]:
        """The indexes of the events with a planned time, and those times (read once for
        every column that shows them)."""
        planned = self.planned
        listed = list(compress(range(self.size), planned))
        return listed, read_times([planned[n] for n in listed], self.read)

    @cached_property
    def ends(self) -> dict[int, str]:
        """The end of each event that ends later, by index in the batch."""
        return self._few(self.store.columns.ends, "ends")

    @cached_property
    def whens(self) -> list[str]:
        """Each event's time: the actual one, else the planned one."""
        at = self.at
        if "" not in at:
            return at
        whens, planned = list(at), self.planned
        for n in compress(range(self.size), map(not_, at)):
            whens[n] = planned[n]
        return whens

    @cached_property
    def instants(self) -> Sequence[float]:
        """POSIX timestamps of `whens`."""
        return self._codes(self.store.columns.instants)  # type: ignore[arg-type]

    @cached_property
    def kinds(self) -> Sequence[int]:
        return self._codes(self.store.columns.kinds)

    @cached_property
    def phases(self) -> Sequence[int]:
        return self._codes(self.store.columns.phases)

    @cached_property
    def places(self) -> Sequence[int]:
        return self._codes(self.store.columns.places)

    @cached_property
    def vehicles(self) -> Sequence[int]:
        return self._codes(self.store.columns.vehicles)

    @cached_property
    def people(self) -> Sequence[int]:
        return self._codes(self.store.columns.people)

    @cached_property
    def sources(self) -> Sequence[int]:
        return self._codes(self.store.columns.sources)

    @cached_property
    def confidences(self) -> Sequence[int]:
        return self._codes(self.store.columns.confidences)

    @cached_property
    def extras(self) -> dict[int, Extras]:
        """The rare fields but the end, by index in the batch."""
        return self._few(self.store.columns.extras, "extras")

    def _few(self, by_index: dict[int, _Value], name: str) -> dict[int, _Value]:
        """The values of the batch's events in a column of few (`by_index`, the store's
        column `name`), by index in the batch."""
        if not by_index:
            return {}
        keys = _keys(self.store, name)
        low, high = self.span.start, self.span.stop
        inside = keys[bisect_left(keys, low) : bisect_left(keys, high)]
        if self.whole:
            return {i - low: by_index[i] for i in inside}
        where = self.where
        if len(inside) > self.size:  # a sparse batch: fewer of its own than of the span's
            found = compress(enumerate(where), map(by_index.__contains__, where))
            return {n: by_index[i] for n, i in found}
        # The span's few found in the batch's positions (increasing), not each position
        # looked for among the few: a section's batch has thousands.
        few: dict[int, _Value] = {}
        for i in inside:
            n = bisect_left(where, i)
            if n < self.size and where[n] == i:
                few[n] = by_index[i]
        return few

    def event(self, index: int) -> Event:
        """The whole event at `index` in the batch (for the rare fields' reference path)."""
        return self.store.make(self.where[index])


def _keys(store: EventStore, name: str) -> array[int]:
    """The positions of the store's events in its column of few `name` (`ends`, `extras`),
    in order (made once)."""
    found = _KEYS.setdefault(store, {})
    keys = found.get(name)
    if keys is None:
        keys = found[name] = array("q", sorted(getattr(store.columns, name)))
    return keys


_KEYS: weakref.WeakKeyDictionary[EventStore, dict[str, array[int]]] = weakref.WeakKeyDictionary()
_DENSE = 4
"""A batch is read through its span when the span is at most this many times its size."""
