"""Where each row of the timeline is: the events shown, and a section row before each run of
one phase's events; the nearest search hit among them; and how wide their time columns are.

Rows are addressed without a per-row table: the events shown are a mission's `EventStore` (or
a filter's `EventView` of it), read through its columns, and the sections a short sorted list,
so converting between a row and an event is a bisection, for forty events as for a million.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from data.clock.position import EventState, Position
from data.facts.derived import TimeMode
from data.facts.names import phase_name
from data.i18n import N_, _
from data.model import Event, Mission
from data.query.search import EventSearch
from data.store import EventSequence, compact_position, phase_starts
from tui.widgets.timeline_row import WIDE, Columns, RowView, measure_columns

NO_PHASE = N_("(no phase)")
"""The section of events outside every phase (translated where it is shown)."""


class RowLayout:
    """The rows of the events shown: one per event, plus one per phase section."""

    def __init__(self, mission: Mission, events: EventSequence) -> None:
        self.events = events
        """The events shown: all of the mission's, or those a filter keeps."""
        self._section_starts: list[int] = []
        """For each section: the position (in `events`) of its first event."""
        self._section_rows: list[int] = []
        """For each section: its row."""
        self._section_labels: list[str] = []
        self._columns: dict[tuple[bool, str, TimeMode, str | None], Columns] = {}
        """The time columns measured, by what they depend on (see `view`)."""
        self._add_sections(mission, 0)

    @property
    def row_count(self) -> int:
        return len(self.events) + len(self._section_rows)

    def grow(self, mission: Mission, events: EventSequence) -> None:
        """Lay out `events`, which begin with the events laid out already (a large file
        still being read): only the new ones are read."""
        laid_out = len(self.events)
        self.events = events
        self._columns.clear()
        self._add_sections(mission, laid_out)

    def _add_sections(self, mission: Mission, start: int) -> None:
        """Add the section rows of the phase runs that begin at `start` or after."""
        if start >= len(self.events):
            return  # nothing new (or no events yet: a large mission's header)
        starts = phase_starts(self.events, start)
        names = {phase.id: phase_name(phase) for phase in mission.phases}
        for position, phase in starts:
            self._section_rows.append(position + len(self._section_starts))
            self._section_starts.append(position)
            self._section_labels.append(_(NO_PHASE) if phase is None else names.get(phase, phase))

    def view(
        self,
        width: int,
        zone: str,
        mode: TimeMode,
        anchor: Event | None,
        search: EventSearch | None,
        person_events: frozenset[str],
    ) -> RowView:
        """How every event row is drawn at `width` in this state: the time columns are
        measured on the events shown once per zone, mode, anchor and side of `WIDE`."""
        key = (width >= WIDE, zone, mode, None if anchor is None else anchor.id)
        columns = self._columns.get(key)
        if columns is None:
            columns = measure_columns(self.events, width, zone, mode, anchor)
            self._columns[key] = columns
        return RowView(width, zone, mode, anchor, search, person_events, columns)

    def position_of_row(self, row: int) -> int | None:
        """The position in the events shown of a row, or None for a section row."""
        index = bisect_left(self._section_rows, row)
        if index < len(self._section_rows) and self._section_rows[index] == row:
            return None
        position = row - index
        return position if 0 <= position < len(self.events) else None

    def clock_state(self, row: int, at: Position | None) -> EventState | None:
        """Where the event on `row` is at the clock's position `at` (None: no clock, or a
        section row)."""
        position = None if at is None else self.position_of_row(row)
        if at is None or position is None:
            return None
        return at.state(position, self.events[position].when)

    def row_of_position(self, position: int) -> int:
        return position + bisect_right(self._section_starts, position)

    def find(self, search: EventSearch, start: int, *, forward: bool = True) -> int | None:
        """The position of the nearest hit among the events shown from `start` (inclusive),
        wrapping around. Stops at the first hit, so the cost is the distance to it, not the
        mission size."""
        count = len(self.events)
        if not count:
            return None
        start %= count
        # `next_hit` reads the columns in chunks and stops at the end; on a miss, a second
        # search from the other end can only find a hit on the far side of `start` (none
        # lies between `start` and the end), which is the wrapped-around one.
        step = 1 if forward else -1
        found = search.next_hit(self.events, start, step)
        if found is None:
            found = search.next_hit(self.events, 0 if forward else count - 1, step)
        return found

    def position_of(self, event_id: str) -> int | None:
        """Where an event is in the events shown (read from the id column), or None."""
        return compact_position(self.events, event_id) if self.events else None

    def section_label(self, row: int) -> str:
        """The phase name of a section row."""
        return self._section_labels[bisect_left(self._section_rows, row)]

    def first_position_at(self, row: int) -> int:
        """The position of a row's event; for a section row, its phase's first event."""
        position = self.position_of_row(row)
        if position is None:
            position = self._section_starts[bisect_left(self._section_rows, row)]
        return position

    def next_section_start(self, position: int) -> int | None:
        """The first event of the next section after the event at `position`, or None."""
        index = bisect_right(self._section_starts, position)
        return self._section_starts[index] if index < len(self._section_starts) else None

    def section_start_before(self, position: int) -> int | None:
        """The first event of the section that `position` is in, or of the one before if
        `position` is that first event; None at the first section's start."""
        index = bisect_right(self._section_starts, position) - 1
        if index >= 0 and self._section_starts[index] == position:
            index -= 1
        return self._section_starts[index] if index >= 0 else None
