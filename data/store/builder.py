"""Building an event store: events added one by one or column by column, then put in time
order."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import compress
from typing import Any, Protocol, TypeVar

from data.records import Event
from data.steps import STEP, Check, go_on
from data.store.columns import CONFIDENCE_CODE, KIND_CODE, Columns, Extras
from data.store.events import EventStore
from data.store.text_column import TextColumn


class _Extendable(Protocol):
    """A list, an array or a bytearray: what a column is rebuilt into."""

    def extend(self, values: Iterable[Any], /) -> None: ...


_Column = TypeVar("_Column", bound=_Extendable)
_Value = TypeVar("_Value")


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
        if event.end is not None:
            c.ends[index] = event.end.text
        if event.note or event.stated or event.disputes or event.station_crew is not None:
            c.extras[index] = Extras(event.note, event.stated, event.disputes, event.station_crew)

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

    def build(self, check: Check = go_on) -> EventStore:
        """Order the events by time (stable, like `sorted`) and freeze them in a store.

        Out of order, the columns are put in order in place, one at a time (so at most one
        old column is alive beside its new copy): no snapshot may be read meanwhile. This is
        done in steps, with `check` called between them (`data.steps`)."""
        c = self.columns
        for column in (c.ids, c.descriptions, c.at, c.planned):
            column.finish()
        if not self._in_order(len(c.instants)):
            _permute(c, _time_order(c.instants, check), check)
        return EventStore(c, self.phase_ids, self.place_ids, self.groups)


def store_of(
    events: Iterable[Event], phase_ids: Sequence[str], place_ids: Sequence[str]
) -> EventStore:
    """Events given as `Event`s (valid, referring only to these phases and places), in time
    order, in a store."""
    builder = StoreBuilder(phase_ids, place_ids)
    for event in events:
        builder.add(event)
    return builder.build()


def _time_order(instants: Sequence[float], check: Check) -> array[int]:
    """The indexes of `instants` in time order (stable, like `sorted`), sorted in steps.

    The indexes are sorted a step at a time into runs; then every run is cut at the same
    instants (taken from a sample of them all), and the pieces of all runs between two cuts
    are sorted together (runs already sorted: merged quickly) and put after the previous
    ones. Equal instants are never cut apart, and are kept in their runs' order (the order
    of the file). Kept as an array: a list of a million ints costs 36 MB more at the peak."""
    key = instants.__getitem__
    size = len(instants)
    runs = []
    for low in range(0, size, STEP):
        runs.append(sorted(range(low, min(size, low + STEP)), key=key))
        check()
    pieces = len(runs)
    sample = sorted(instants[:: max(1, size // (pieces * 16 or 1))])
    cuts = [sample[len(sample) * number // pieces] for number in range(1, pieces)]
    edges = [[0, *(bisect_left(run, cut, key=key) for cut in cuts), len(run)] for run in runs]
    order = array("I")
    for piece in range(pieces):
        merged: list[int] = []
        for run, edge in zip(runs, edges, strict=True):
            merged += run[edge[piece] : edge[piece + 1]]
        order.extend(sorted(merged, key=key))
        check()
    return order


def _permute(c: Columns, order: array[int], check: Check) -> None:
    """Put every column in `order`, one column at a time, in steps (`check` between)."""
    runs = TextColumn.runs(order, check)
    c.ids = c.ids.gathered(order, runs, check)
    c.descriptions = c.descriptions.gathered(order, runs, check)
    c.at = c.at.gathered(order, runs, check)
    c.planned = c.planned.gathered(order, runs, check)
    c.titles = _picked(c.titles, order, [], check)
    c.kinds = _picked(c.kinds, order, bytearray(), check)
    c.phases = _picked(c.phases, order, array("H"), check)
    c.places = _picked(c.places, order, array("H"), check)
    c.vehicles = _picked(c.vehicles, order, array("I"), check)
    c.people = _picked(c.people, order, array("I"), check)
    c.sources = _picked(c.sources, order, array("I"), check)
    c.confidences = _picked(c.confidences, order, bytearray(), check)
    c.instants = _picked(c.instants, order, array("d"), check)
    c.ends = _moved(c.ends, order)
    c.extras = _moved(c.extras, order)


def _moved(by_index: dict[int, _Value], order: array[int]) -> dict[int, _Value]:
    """Values of some events, by index, at their events' indexes once put in `order`."""
    if not by_index:
        return by_index
    moved = [old in by_index for old in order]
    olds = compress(order, moved)
    news = compress(range(len(order)), moved)
    return {new: by_index[old] for old, new in zip(olds, news, strict=True)}


def _picked(values: Sequence[Any], order: array[int], into: _Column, check: Check) -> _Column:
    """`into` extended with the `values` in `order`, a step at a time."""
    for low in range(0, len(order), STEP):
        into.extend(map(values.__getitem__, order[low : low + STEP]))
        check()
    return into
