"""The mission timeline: a scroll view of one row per event and a section row per phase,
with a cursor and its keys.

It is drawn with the Line API: a `ScrollView` renders only the visible rows, each drawn when
it comes into view (`timeline_row`) and kept in an LRU cache of strips, so the widget costs
the same per key press and per frame for forty events as for a million (STYLE.md 4, modelled
on toolong's `LogLines`). Which row is which event is `timeline_layout`'s job.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from data.clock.position import EventState, Position
from data.facts.derived import TimeMode, events_of
from data.model import Event, Mission, Person
from data.query.search import EventSearch
from tui.widgets.timeline_keys import TIMELINE_BINDINGS
from tui.widgets.timeline_layout import RowLayout
from tui.widgets.timeline_messages import EventMessage
from tui.widgets.timeline_row import event_strip, section_strip

if TYPE_CHECKING:
    from data.query.filters import Filter

CURSOR = "timeline--cursor"
SECTION = "timeline--section"
"""The component classes of the cursor's row and of a phase's section row."""


class Timeline(ScrollView, can_focus=True):
    """A scrollable list of the mission's events in time order, with phase sections."""

    BINDINGS: ClassVar[list[BindingType]] = TIMELINE_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        CURSOR,
        SECTION,
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

    class Selected(EventMessage):
        """The cursor moved to another event."""

    class Opened(EventMessage):
        """The user asked for the detail of the selected event (enter or a click)."""

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
        self._styles: dict[tuple[str | None, bool], Style] = {}
        """The rows' styles (`_style`) until they change (`notify_style_update`)."""
        self.rows = RowLayout(mission, mission.events)
        """Where each event and phase section is, and the search among the events shown."""
        self._person_events: frozenset[str] = frozenset()
        self._selected_id: str | None = None
        self.clock_at: Position | None = None
        """Where the mission clock is among the events shown (`show_clock`)."""
        self.virtual_size = Size(0, self.rows.row_count)
        self._center_when_sized = False
        """Whether `center_cursor` waits for the list's first height."""

    # ----------------------------------------------------------------- rows and events

    @property
    def shown_events(self) -> Sequence[Event]:
        """The events on show (all of them, or those the filter keeps)."""
        return self.rows.events

    @property
    def row_count(self) -> int:
        return self.rows.row_count

    @property
    def selected(self) -> Event | None:
        """The event under the cursor (None when the filter keeps nothing)."""
        position = self.position_of_row(self.cursor_row)
        return None if position is None else self.shown_events[position]

    def position_of_row(self, row: int) -> int | None:
        """The position in the shown events of a row, or None for a section row."""
        return self.rows.position_of_row(row)

    def row_of_position(self, position: int) -> int:
        return self.rows.row_of_position(position)

    def position_of(self, event_id: str) -> int | None:
        """Where an event is in the shown events, or None (the filter hides it)."""
        return self.rows.position_of(event_id)

    def _build_rows(self) -> None:
        """Lay out the rows; runs once per filter change, never per key press."""
        flt = self.event_filter
        events = self.mission.events if flt is None else flt.apply(self.mission.events)
        self.rows = RowLayout(self.mission, events)
        self._rows_changed()

    def _rows_changed(self) -> None:
        self.virtual_size = Size(0, self.rows.row_count)
        self._cache.clear()

    def grow(self, mission: Mission) -> None:
        """Show a mission whose events begin with those shown (a large file still being
        read): only the new events are laid out, and the cursor stays on its event."""
        shown = len(self.shown_events)
        self.mission = mission
        if self.event_filter is not None or len(mission.events) < shown:
            self._build_rows()
        else:
            self.rows.grow(mission, mission.events)
            self._rows_changed()
        self.refresh()
        self.refresh_bindings()

    # ----------------------------------------------------------------- moving the cursor

    def select_position(self, position: int) -> None:
        """Put the cursor on the event at `position` in the shown events."""
        count = len(self.shown_events)
        if not count:
            return
        self.cursor_row = self.row_of_position(max(0, min(position, count - 1)))

    def select_event(self, event_id: str) -> bool:
        """Put the cursor on an event by id; False if the filter hides it."""
        position = self.position_of(event_id)
        if position is None:
            return False
        self.select_position(position)
        return True

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
        self.select_position(self.rows.first_position_at(row))

    def action_first(self) -> None:
        self.select_position(0)

    def action_last(self) -> None:
        self.select_position(len(self.shown_events) - 1)

    def action_next_phase(self) -> None:
        position = self.rows.next_section_start(self.cursor_position)
        if position is not None:
            self.select_position(position)

    def action_previous_phase(self) -> None:
        position = self.rows.section_start_before(self.cursor_position)
        if position is not None:
            self.select_position(position)

    def action_open(self) -> None:
        if (event := self.selected) is not None:
            self.post_message(self.Opened(self, event))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        count = len(self.shown_events)
        if not count:
            return False if action != "open" else None
        position = self.cursor_position
        if action in ("cursor_up", "first", "page_up"):
            return position > 0 or None
        if action in ("cursor_down", "last", "page_down"):
            return position < count - 1 or None
        if action == "next_phase":
            return self.rows.next_section_start(position) is not None
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
        """Scroll so the cursor row sits a third of the way down (used when the app opens): now
        if the list has its height, else as soon as the layout gives it one, before that
        layout's frame is drawn (not in a frame of its own after it)."""
        height = self.scrollable_content_region.height
        self._center_when_sized = height <= 0
        if height > 0:
            self.scroll_to(y=max(0, self.cursor_row - height // 3), animate=False, immediate=True)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Called by the screen's layout for every widget it places, before it draws the frame.
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if self._center_when_sized:
            self.center_cursor()
        return resized

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

    watch_zone = watch_mode = watch_anchor_event = on_focus = on_blur = _restyle

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
        if keep is None or not self.select_event(keep.id):
            self.select_position(0)
        self.scroll_to(y=max(0, self.cursor_row - 1), animate=False, immediate=True)
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()
        self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    # ----------------------------------------------------------------- mouse

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:  # on the border or the scrollbar
            return
        row = self.scroll_offset.y + offset.y
        if not 0 <= row < self.row_count:
            return
        self.select_position(self.rows.first_position_at(row))
        if event.chain == 2 and (selected := self.selected) is not None:
            self.post_message(self.Opened(self, selected))

    # ----------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        is_cursor = row == self.cursor_row
        search = self.search
        key = (
            row,
            width,
            self.zone,
            self.mode,
            None if self.anchor_event is None else self.anchor_event.id,
            is_cursor,
            self.has_focus,
            None if search is None else search.query,
            None if self.person is None else self.person.id,
            None if self.event_filter is None else self.event_filter.text,
            self.app.theme,
            state := self.rows.clock_state(row, self.clock_at),
        )
        strip = self._cache.get(key)
        if strip is None:
            strip = self._draw(row, width, is_cursor=is_cursor, state=state)
            self._cache[key] = strip
        return strip

    def show_clock(self, at: Position | None) -> None:
        """Mark each event past, now or to come at the clock's position among the events
        shown (None: no clock, no marks)."""
        if at != self.clock_at:  # else nothing to draw again (no clock at the start)
            self.clock_at = at
            self.refresh()

    def _draw(self, row: int, width: int, *, is_cursor: bool, state: EventState | None) -> Strip:
        """A row as it looks now: past the end, a section, or an event."""
        if row >= self.row_count:
            return Strip.blank(width, self._style(None))
        position = self.position_of_row(row)
        if position is None:
            return section_strip(self.rows.section_label(row), width, self._style(SECTION))
        view = self.rows.view(
            width, self.zone, self.mode, self.anchor_event, self.search, self._person_events
        )
        return event_strip(
            self.shown_events[position],
            view,
            cursor=is_cursor,
            state=state,
            base=self._style(CURSOR if is_cursor else None),
            style_of=lambda name: self._style(name, on_cursor=is_cursor),
        )

    def _style(self, name: str | None, *, on_cursor: bool = False) -> Style:
        """A row's style (`name` None), the cursor's or a section's row's, or a part's
        (`_part_style`), kept until the styles change: Textual works a widget's style out
        from its ancestors' at every call, and every row of a frame asked for it."""
        key = (name, on_cursor)
        style = self._styles.get(key)
        if style is None:
            if name is None:
                style = self.rich_style
            elif name in (CURSOR, SECTION):
                style = self.rich_style + self.get_component_rich_style(name)
            else:
                style = self._part_style(name, on_cursor=on_cursor)
            self._styles[key] = style
        return style

    def _part_style(self, name: str, *, on_cursor: bool) -> Style:
        """A part of a row's style. Its colour is resolved as Textual resolves a widget's
        (blended over the timeline's background, `auto` made to contrast with it); on the
        cursor row the part keeps only its text style and shows in the cursor's colours,
        which the theme makes readable together (`tui.theme.readable`)."""
        style = self.get_component_rich_style(name)
        return style.without_color if on_cursor else style
