"""Where a clock reading falls among a mission's events: which are past, which are happening
now and which are to come, the last the clock has reached and the next one, found by
bisection in the time-ordered instants (a million events cost what a hundred do).

Precision: an event stands for the whole unit it is known to (`data.facts.derived.unit`: its
second, minute, day or month), and a reading for its own unit (a second or a minute,
`data.clock.reading`). An event is *past* once its unit has ended when the reading's begins,
*to come* while its unit begins after the reading's ends, and *now* while the two overlap.
So a landing known to the minute is now for the whole of that minute on a clock shown to the
second, and past from the next minute on; a date is now all day; a launch at 08:55:02.442 is
now while the clock shows 08:55:02 (or 08:55). A time known to the millisecond is an instant,
a unit of no length: past from the reading that begins at or after it. This is the sign of
the clock's time from the event at the coarser of the two precisions (`data.clock.facts`:
`T-` to come, `T+00:00:00` now, `T+` past), which never shows a second the source lacks;
only a month (counted by the clock's UTC month) and a day of 23 or 25 hours (counted in days
of 24) can be one off from it, within hours of their ends.

The list places an event at its instant (a date at its last second, after that day's timed
events), so the past events are not always the first ones: a minute known to the minute can
be now while a second after it in the list is already past. Events placed a minute or more
before the reading are past (a unit ends at most a minute after its instant), and those
placed after its start are not; only the few placed in the minute between are looked at.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from enum import StrEnum

import msgspec

from data.clock.reading import Reading
from data.facts.derived import unit
from data.store import EventSequence, store_and_indexes
from data.times.parse import When

_TAIL = 60.0
"""The most seconds an event's unit lasts after its instant: a time known to the minute is
placed at its start; a date or month at its last second, a millisecond at itself."""


class EventState(StrEnum):
    """Where an event is, for a clock reading (see the module)."""

    PAST = "past"
    NOW = "now"
    TO_COME = "to come"


def state_of(when: When, reading: Reading) -> EventState:
    """Whether an event at `when` is past, now or to come at `reading` (see the module)."""
    first, after = unit(when)
    if after <= reading.first:
        return EventState.PAST
    if first >= reading.after:
        return EventState.TO_COME
    return EventState.NOW


class Position(msgspec.Struct, frozen=True):
    """Where a reading falls among time-ordered events (indexes into them)."""

    reading: Reading
    settled: int
    """Every event before this index is past."""
    frontier: int
    """No event from this index on is past (each is placed after the reading's start)."""
    reached: int
    """The events before this index are placed before the reading's end: the clock's line in
    the list. Every one of them is past or now; the last is the one the clock has reached."""
    past_near: frozenset[int]
    """The past events between `settled` and `frontier`."""

    @property
    def past(self) -> int:
        """How many events are past."""
        return self.settled + len(self.past_near)

    @property
    def last(self) -> int | None:
        """The last event the clock has reached (the one to select), or `None`."""
        return self.reached - 1 if self.reached else None

    def is_past(self, index: int) -> bool:
        """Whether the event at `index` is past (without making the event)."""
        return index < self.settled or index in self.past_near

    def state(self, index: int, when: When) -> EventState:
        """Where the event at `index`, placed at `when`, is (`state_of`), knowing from the
        bisections the events before the line: a row's mark, without a look at most."""
        if self.is_past(index):
            return EventState.PAST
        if index < self.reached:
            return EventState.NOW
        return state_of(when, self.reading)

    def passed_since(self, before: Position) -> range:
        """The events the clock has reached since the position `before`, in order (none
        if it went back): the ones to announce."""
        return range(before.reached, self.reached)


def position(events: EventSequence, reading: Reading) -> Position:
    """Where `reading` falls among `events` (a mission's store, or a filtered view of it):
    three bisections of their instants, and a look at the events placed in the minute before
    the reading."""
    instants = instants_of(events)
    size = len(events)
    settled = bisect_right(instants, reading.start - _TAIL, 0, size)
    frontier = bisect_right(instants, reading.start, settled, size)
    reached = bisect_left(instants, reading.end, frontier, size)
    near = frozenset(
        index
        for index in range(settled, frontier)
        if state_of(events[index].when, reading) is EventState.PAST
    )
    return Position(reading, settled, frontier, reached, near)


def next_to_come(events: EventSequence, at: Position) -> int | None:
    """The first event after the clock's line that is still to come (a date whose day has
    begun is now, and skipped), or `None` after the last."""
    for index in range(at.reached, len(events)):
        if state_of(events[index].when, at.reading) is EventState.TO_COME:
            return index
    return None


def instants_of(events: EventSequence) -> Sequence[float]:
    """The POSIX instants `events` are ordered by, read from the store's column (a filtered
    view's through its indexes, without a copy)."""
    store, indexes = store_and_indexes(events)
    instants = store.columns.instants
    if indexes is None:
        return instants
    # The time axis's module, not imported for a first screen that shows all the events.
    from data.axis.markers import Picked

    return Picked(instants, indexes)
