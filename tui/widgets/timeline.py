"""The mission timeline: one row per event and a section row per phase, drawn with the Line API.

A `ScrollView` renders only the visible rows, each formatted when it is drawn and kept in an
LRU cache of strips, so the widget costs the same per key press and per frame for forty events
as for a million (STYLE.md 4, modelled on toolong's `LogLines`). Rows are addressed without a
per-row table: the shown events are a sequence and the phase sections are a short sorted list,
so converting between a row and an event is a bisection.

Meaning is never carried by colour alone: the cursor row starts with `▶`, a planned-only event
shows `P`, a disputed one `≠`, an approximate time `~`, a search hit `◆` and an event of the
selected crew member `●`, and every row names its kind.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from data.facts.derived import TimeMode, events_of, relative
from data.model import Event, EventKind, Mission, Person
from data.query.filters import Filter
from data.query.search import EventSearch, is_compact
from data.sanitize import sanitize_line
from data.store import EventSequence
from data.times.display import show

CURSOR_MARK = "▶"
PLANNED_MARK = "P"
DISPUTED_MARK = "≠"
HIT_MARK = "◆"
PERSON_MARK = "●"

KIND_SHORT: dict[EventKind, str] = {
    EventKind.ANNOUNCEMENT: "ANNC",
    EventKind.TRAINING: "TRNG",
    EventKind.LAUNCH: "LNCH",
    EventKind.ORBIT: "ORBT",
    EventKind.RENDEZVOUS: "RNDZ",
    EventKind.DOCKING: "DOCK",
    EventKind.UNDOCKING: "UNDK",
    EventKind.RELOCATION: "RELO",
    EventKind.HATCH: "HTCH",
    EventKind.BURN: "BURN",
    EventKind.LANDING: "LAND",
    EventKind.EVA: "EVA",
    EventKind.COMMAND: "CMND",
    EventKind.CREW: "CREW",
    EventKind.ANOMALY: "ANOM",
    EventKind.MILESTONE: "MILE",
    EventKind.MEDIA: "MDIA",
    EventKind.FILM: "FILM",
}
"""The kind column at narrow widths (the help screen lists them)."""

TIME_WIDTH = 29
"""`~2021-10-05 11:55:02.442 CEST` fits."""
RELATIVE_WIDTH = {
    TimeMode.ABSOLUTE: 0,
    TimeMode.T_MINUS: 16,
    TimeMode.MET: 14,
    TimeMode.FLIGHT_DAY: 6,
}
WIDE = 100
"""From this width on, the kind column spells the kind out."""
NO_PHASE = "(no phase)"


def _compact_phase_starts(
    events: Sequence[Event], start: int
) -> list[tuple[int, str | None]] | None:
    """`data.store.phase_starts` for a large mission (its columns), else `None`."""
    if not is_compact(events):
        return None
    from data.store import phase_starts  # loaded already, with the store

    return phase_starts(events, start)


class Timeline(ScrollView, can_focus=True):
    """A scrollable list of the mission's events in time order, with phase sections."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "up,k", "cursor_up", "Up", show=False, id="cursor-up", tooltip="Select the event above"
        ),
        Binding(
            "down,j",
            "cursor_down",
            "Down",
            show=False,
            id="cursor-down",
            tooltip="Select the event below",
        ),
        Binding("pageup", "page_up", "Page up", show=False, id="page-up", tooltip="Up one screen"),
        Binding(
            "pagedown",
            "page_down",
            "Page down",
            show=False,
            id="page-down",
            tooltip="Down one screen",
        ),
        Binding("home,g", "first", "First", show=False, id="first", tooltip="The first event"),
        Binding("end,G", "last", "Last", show=False, id="last", tooltip="The last event"),
        Binding(
            "left_square_bracket",
            "previous_phase",
            "Prev phase",
            key_display="[",
            show=False,  # in the help screen; the footer keeps room for ? at 80 columns
            id="previous-phase",
            tooltip="The start of this phase, or of the one before",
        ),
        Binding(
            "right_square_bracket",
            "next_phase",
            "Next phase",
            key_display="]",
            show=False,
            id="next-phase",
            tooltip="The start of the next phase",
        ),
        Binding(
            "enter",
            "open",
            "Detail",
            show=False,
            id="open-detail",
            tooltip="Show the selected event's detail",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--cursor",
        "timeline--section",
        "timeline--time",
        "timeline--relative",
        "timeline--kind",
        "timeline--flag",
        "timeline--hit",
        "timeline--person",
        "timeline--planned",
    }

    DEFAULT_CSS = """
    Timeline { height: 1fr; overflow-x: hidden; }
    """

    @dataclass
    class Selected(Message):
        """The cursor moved to another event."""

        timeline: Timeline
        event: Event

        @property
        def control(self) -> Timeline:
            return self.timeline

    @dataclass
    class Opened(Message):
        """The user asked for the detail of the selected event (enter or a click)."""

        timeline: Timeline
        event: Event

        @property
        def control(self) -> Timeline:
            return self.timeline

    zone: reactive[str] = reactive("UTC", init=False)
    mode: reactive[TimeMode] = reactive(TimeMode.ABSOLUTE, init=False)
    anchor_event: reactive[Event | None] = reactive(None, init=False)
    search: reactive[EventSearch | None] = reactive(None, init=False)
    event_filter: reactive[Filter | None] = reactive(None, init=False)
    person: reactive[Person | None] = reactive(None, init=False)
    cursor_row: reactive[int] = reactive(0, init=False, always_update=True)

    def __init__(
        self,
        mission: Mission,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.mission = mission
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._events: EventSequence = mission.events
        self._section_starts: list[int] = []
        """For each section: the position (in `_events`) of its first event."""
        self._section_rows: list[int] = []
        """For each section: its row."""
        self._section_labels: list[str] = []
        self._positions: dict[str, int] | None = None
        self._person_events: frozenset[str] = frozenset()
        self._selected_id: str | None = None
        self._build_rows()

    # ----------------------------------------------------------------- rows and events

    @property
    def shown_events(self) -> Sequence[Event]:
        """The events on show (all of them, or those the filter keeps)."""
        return self._events

    @property
    def row_count(self) -> int:
        return len(self._events) + len(self._section_rows)

    @property
    def selected(self) -> Event | None:
        """The event under the cursor (None when the filter keeps nothing)."""
        position = self.position_of_row(self.cursor_row)
        return None if position is None else self._events[position]

    def position_of_row(self, row: int) -> int | None:
        """The position in the shown events of a row, or None for a section row."""
        index = bisect_left(self._section_rows, row)
        if index < len(self._section_rows) and self._section_rows[index] == row:
            return None
        position = row - index
        return position if 0 <= position < len(self._events) else None

    def row_of_position(self, position: int) -> int:
        return position + bisect_right(self._section_starts, position)

    def position_of(self, event_id: str) -> int | None:
        """Where an event is in the shown events (built once per filter, on first use)."""
        if is_compact(self._events):  # a large mission: read from its id column
            from data.store import compact_position  # loaded already, with the store

            return compact_position(self._events, event_id)
        if self._positions is None:
            self._positions = {event.id: index for index, event in enumerate(self._events)}
        return self._positions.get(event_id)

    def _build_rows(self) -> None:
        """Lay out sections; runs once per filter change, never per key press."""
        flt = self.event_filter
        self._events = self.mission.events if flt is None else flt.apply(self.mission.events)
        self._positions = None
        self._section_starts, self._section_rows, self._section_labels = [], [], []
        starts = _compact_phase_starts(self._events, 0)
        if starts is None:
            starts = []
            previous: object = object()
            for position, event in enumerate(self._events):
                if event.phase != previous:
                    previous = event.phase
                    starts.append((position, event.phase))
        self._add_sections(starts)

    def _add_sections(self, starts: list[tuple[int, str | None]]) -> None:
        """Add the section rows of phase runs starting at these positions."""
        names = {phase.id: phase.name for phase in self.mission.phases}
        for position, phase in starts:
            self._section_rows.append(position + len(self._section_starts))
            self._section_starts.append(position)
            self._section_labels.append(NO_PHASE if phase is None else names.get(phase, phase))
        self.virtual_size = Size(0, self.row_count)
        self._cache.clear()

    def grow(self, mission: Mission) -> None:
        """Show a mission whose events begin with those shown (a large file still being
        read): only the new events are laid out, and the cursor stays on its event."""
        shown = len(self._events)
        self.mission = mission
        if self.event_filter is not None or len(mission.events) < shown:
            self._build_rows()
        else:
            self._events = mission.events
            self._positions = None
            starts = _compact_phase_starts(self._events, shown)
            if starts is None:
                self._build_rows()
            else:
                self._add_sections(starts)
        self.refresh()
        self.refresh_bindings()

    # ----------------------------------------------------------------- moving the cursor

    def select_position(self, position: int) -> None:
        """Put the cursor on the event at `position` in the shown events."""
        if not self._events:
            return
        position = max(0, min(position, len(self._events) - 1))
        self.cursor_row = self.row_of_position(position)

    def select_event(self, event_id: str) -> bool:
        """Put the cursor on an event by id; False if the filter hides it."""
        position = self.position_of(event_id)
        if position is None:
            return False
        self.select_position(position)
        return True

    def find(self, search: EventSearch, start: int, *, forward: bool = True) -> int | None:
        """The position of the nearest hit from `start` (inclusive), wrapping around.

        Stops at the first hit, so the cost is the distance to it, not the mission size.
        """
        count = len(self._events)
        if not count:
            return None
        start %= count
        # `next_hit` reads a large mission's columns in chunks and stops at the end; on a
        # miss, a second search from the other end can only find a hit on the far side of
        # `start` (none lies between `start` and the end), which is the wrapped-around one.
        step = 1 if forward else -1
        found = search.next_hit(self._events, start, step)
        if found is None:
            found = search.next_hit(self._events, 0 if forward else count - 1, step)
        return found

    @property
    def cursor_position(self) -> int:
        """The cursor's position in the shown events (0 when none are shown)."""
        return self.position_of_row(self.cursor_row) or 0

    def action_cursor_up(self) -> None:
        self.select_position(self.cursor_position - 1)

    def action_cursor_down(self) -> None:
        self.select_position(self.cursor_position + 1)

    def action_page_up(self) -> None:
        self._move_rows(-max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self._move_rows(max(1, self.scrollable_content_region.height - 1))

    def _move_rows(self, rows: int) -> None:
        row = max(0, min(self.cursor_row + rows, self.row_count - 1))
        position = self.position_of_row(row)
        if position is None:  # a section row: the phase's first event
            position = self._section_starts[bisect_left(self._section_rows, row)]
        self.select_position(position)

    def action_first(self) -> None:
        self.select_position(0)

    def action_last(self) -> None:
        self.select_position(len(self._events) - 1)

    def action_next_phase(self) -> None:
        index = bisect_right(self._section_starts, self.cursor_position)
        if index < len(self._section_starts):
            self.select_position(self._section_starts[index])

    def action_previous_phase(self) -> None:
        position = self.cursor_position
        index = bisect_right(self._section_starts, position) - 1
        if index >= 0 and self._section_starts[index] == position:
            index -= 1
        if index >= 0:
            self.select_position(self._section_starts[index])

    def action_open(self) -> None:
        if (event := self.selected) is not None:
            self.post_message(self.Opened(self, event))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self._events:
            return False if action != "open" else None
        position = self.cursor_position
        if action in ("cursor_up", "first", "page_up"):
            return position > 0 or None
        if action in ("cursor_down", "last", "page_down"):
            return position < len(self._events) - 1 or None
        if action == "next_phase":
            return bisect_right(self._section_starts, position) < len(self._section_starts)
        if action == "previous_phase":
            return position > 0
        return True

    # ----------------------------------------------------------------- watchers

    def watch_cursor_row(self, old_row: int, new_row: int) -> None:
        self.refresh_line(old_row)
        self.refresh_line(new_row)
        self._scroll_cursor_into_view()
        event = self.selected
        if event is not None and event.id != self._selected_id:
            self._selected_id = event.id
            self.post_message(self.Selected(self, event))
        self.refresh_bindings()

    def center_cursor(self) -> None:
        """Scroll so the cursor row sits a third of the way down (used when the app opens)."""
        height = self.scrollable_content_region.height
        self.scroll_to(y=max(0, self.cursor_row - height // 3), animate=False, immediate=True)

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        row = self.cursor_row
        if height <= 0:
            return
        # Keep the phase's section row in view when the cursor is on a phase's first event.
        wanted_top = row - 1 if self.position_of_row(row - 1) is None and row > 0 else row
        if wanted_top < top:
            self.scroll_to(y=wanted_top, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def _restyle(self) -> None:
        self._cache.clear()
        self.refresh()

    def watch_zone(self) -> None:
        self._restyle()

    def watch_mode(self) -> None:
        self._restyle()

    def watch_anchor_event(self) -> None:
        self._restyle()

    def watch_search(self) -> None:
        self._restyle()
        self.refresh_bindings()

    def watch_person(self, person: Person | None) -> None:
        self._person_events = (
            frozenset()
            if person is None
            else frozenset(e.id for e in events_of(person, self.mission))
        )
        self._restyle()

    def watch_event_filter(self) -> None:
        keep = self.selected
        self._build_rows()
        if keep is not None and self.select_event(keep.id):
            pass
        else:
            self.select_position(0)
        self.scroll_to(y=max(0, self.cursor_row - 1), animate=False, immediate=True)
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()
        self._scroll_cursor_into_view()

    def on_focus(self) -> None:
        self._restyle()

    def on_blur(self) -> None:
        self._restyle()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # ----------------------------------------------------------------- mouse

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:  # on the border or the scrollbar
            return
        row = self.scroll_offset.y + offset.y
        if not 0 <= row < self.row_count:
            return
        position = self.position_of_row(row)
        if position is None:
            position = self._section_starts[bisect_left(self._section_rows, row)]
        self.select_position(position)
        if event.chain == 2 and (selected := self.selected) is not None:
            self.post_message(self.Opened(self, selected))

    # ----------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        position = self.position_of_row(row)
        search = self.search
        key = (
            row,
            width,
            self.zone,
            self.mode,
            None if self.anchor_event is None else self.anchor_event.id,
            row == self.cursor_row,
            self.has_focus,
            None if search is None else search.query,
            None if self.person is None else self.person.id,
            None if self.event_filter is None else self.event_filter.text,
            self.app.theme,
        )
        strip = self._cache.get(key)
        if strip is None:
            if row >= self.row_count:
                strip = Strip.blank(width, self.rich_style)
            elif position is None:
                strip = self._section_strip(row, width)
            else:
                strip = self._event_strip(self._events[position], row == self.cursor_row, width)
            self._cache[key] = strip
        return strip

    def _section_strip(self, row: int, width: int) -> Strip:
        label = sanitize_line(self._section_labels[bisect_left(self._section_rows, row)])
        style = self.rich_style + self.get_component_rich_style("timeline--section")
        text = f"── {label} "
        return Strip([Segment(text.ljust(width, "─"), style)]).crop_extend(0, width, style)

    def _event_strip(self, event: Event, is_cursor: bool, width: int) -> Strip:
        base = self.rich_style
        if is_cursor:
            base += self.get_component_rich_style("timeline--cursor", partial=not self.has_focus)

        def styled(name: str) -> Style:
            return base + self.get_component_rich_style(name, partial=True)

        time_text = str(show(event.when, self.zone))
        segments = [
            Segment(f"{CURSOR_MARK if is_cursor else ' '} ", base),
            Segment(
                f"{time_text:<{TIME_WIDTH}} ",
                styled("timeline--planned" if event.planned_only else "timeline--time"),
            ),
        ]
        if self.mode is not TimeMode.ABSOLUTE and self.anchor_event is not None:
            rel = relative(event.when, self.anchor_event.when, self.mode)
            segments.append(
                Segment(f"{rel:>{RELATIVE_WIDTH[self.mode] - 1}} ", styled("timeline--relative"))
            )
        kind = event.kind.value if width >= WIDE else KIND_SHORT[event.kind]
        kind_width = 13 if width >= WIDE else 5
        segments.append(Segment(f"{kind:<{kind_width}}", styled("timeline--kind")))
        flags = [
            (PLANNED_MARK if event.planned_only else " ", "timeline--flag"),
            (DISPUTED_MARK if event.disputed else " ", "timeline--flag"),
            (
                HIT_MARK if self.search is not None and self.search.matches(event) else " ",
                "timeline--hit",
            ),
            (PERSON_MARK if event.id in self._person_events else " ", "timeline--person"),
        ]
        segments.extend(Segment(mark, styled(name)) for mark, name in flags)
        segments.append(Segment(" " + sanitize_line(event.title), base))
        strip = Strip(segments)
        if strip.cell_length > width:
            strip = Strip([*strip.crop(0, width - 1), Segment("…", base)])
        return strip.crop_extend(0, width, base)
