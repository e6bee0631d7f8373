"""The events the time-axis view shows, read through the store's columns: their instants (what
`data.axis.markers` searches), their titles, and the event nearest an instant.

The events shown are a mission's store (perhaps still growing: a large file being read, of
which only the events seen so far are shown) or a filter's view of it; neither is copied. An
instant or a title is read from the column where the store keeps it, so a frame reads only
the few events it shows.
"""

from __future__ import annotations

from bisect import bisect_left

from data.axis.markers import Picked
from data.sanitize import sanitize_line
from data.store import EventSequence, store_and_indexes


class ShownEvents:
    """The events the view shows, their instants and their titles."""

    def __init__(self, events: EventSequence) -> None:
        self.events = events
        store, indexes = store_and_indexes(events)
        self._indexes = range(len(events)) if indexes is None else indexes
        self._titles = store.columns.titles
        self.instants = Picked(store.columns.instants, self._indexes)
        """The instants of the events shown, in time order."""

    def __len__(self) -> int:
        return len(self._indexes)

    def title(self, position: int) -> str:
        """The title of the event at `position` as drawn: one sanitised line (read from the
        store's title column), so that the markers measure what the screen shows."""
        return sanitize_line(self._titles[self._indexes[position]])

    def nearest(self, instant: float) -> int:
        """The position of the event nearest `instant` (the earlier on a tie); a bisection
        of the instants, never a scan. There must be events."""
        instants = self.instants
        after = bisect_left(instants, instant)
        if after == 0:
            return 0
        if after == len(instants):
            return after - 1
        before = after - 1
        return before if instant - instants[before] <= instants[after] - instant else after
