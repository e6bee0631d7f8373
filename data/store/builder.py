"""Building an event store: events added one by one or column by column, then put in time
order."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress
from typing import Any

from data.records import Event
from data.store.columns import CONFIDENCE_CODE, KIND_CODE, Columns, Extras
from data.store.events import EventStore
from data.store.text_column import TextColumn


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


def store_of(
    events: Iterable[Event], phase_ids: Sequence[str], place_ids: Sequence[str]
) -> EventStore:
    """Events given as `Event`s (valid, referring only to these phases and places), in time
    order, in a store."""
    builder = StoreBuilder(phase_ids, place_ids)
    for event in events:
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
