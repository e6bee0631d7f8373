"""The time-axis view: the mission with time along the horizontal axis, its phases as bands,
its events as markers and a lane for each person and vehicle, with a cursor and its keys.

Drawn with the Line API: the phases, the axis and the events are pinned at the top and the
lanes scroll under them; each row is drawn when it comes into view (`time_axis_rows`), from
one frame per state (the scale, the zone, the cursor...), and kept until the state changes.
A frame reads only what is visible: the markers are searched in the time column
(`data.axis.markers`), so it costs the same for forty events as for a million.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from data.axis.lanes import Band, Lane, bands, span
from data.axis.scale import FINEST, Scale
from data.facts.derived import TimeMode
from data.i18n import _
from data.model import Event, Mission
from data.store import EventSequence
from tui.widgets.time_axis_css import AXIS_CSS
from tui.widgets.time_axis_keys import AXIS_BINDINGS, TITLE, frame_title
from tui.widgets.time_axis_lanes import MissionLanes
from tui.widgets.time_axis_messages import AxisEventMessage, AxisMessage
from tui.widgets.time_axis_rows import (
    AXIS_CLASSES,
    PINNED,
    Cells,
    Frame,
    Palette,
    frame,
    label_width,
    lane_cells,
    legend,
    markers_cells,
    phases_cells,
    strip,
    ticks_cells,
)
from tui.widgets.time_axis_scale import PAN, ZOOM, showing, whole, zoomed
from tui.widgets.time_axis_shown import ShownEvents


class TimeAxis(ScrollView, can_focus=True):
    """The mission along a time axis, with lanes; the cursor is the selected event."""

    BINDINGS: ClassVar[list[BindingType]] = AXIS_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = set(AXIS_CLASSES)

    DEFAULT_CSS = AXIS_CSS
    SCOPED_CSS = False  # it styles the ruler too

    class Selected(AxisEventMessage):
        """The user moved the view's cursor to the event at `position` in the events
        shown (the screen moves the list's cursor there)."""

    class Opened(AxisEventMessage):
        """The user asked for the detail of the selected event (enter, a double click)."""

    class Moved(AxisMessage):
        """The visible span changed (for the overview ruler): its first and last instant,
        and the width of the time area (the ruler's is made as wide, to line up)."""

        def __init__(self, axis: TimeAxis, start: float, end: float, width: int) -> None:
            super().__init__(axis)
            self.start = start
            self.end = end
            self.width = width

    zone: reactive[str] = reactive("UTC", init=False)
    mode: reactive[TimeMode] = reactive(TimeMode.ABSOLUTE, init=False)
    anchor_event: reactive[Event | None] = reactive(None, init=False)
    cursor: reactive[int | None] = reactive(None, init=False)
    """The position of the selected event in the events shown (None: none shown)."""
    clock_at: reactive[float | None] = reactive(None, init=False)
    """The mission clock's reading (POSIX seconds), drawn as a line (None: no clock)."""
    scale: reactive[Scale | None] = reactive(None, init=False)
    """Time along the axis (None until the view has a width: it then fits the mission)."""

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
        self.shown = ShownEvents(mission.events)
        self._rows: dict[int, Strip] = {}
        """The rows drawn in the state `_rows_state`, dropped whole when it changes (an
        `LRUCache`'s evicted links are cycles, left to the cyclic collector: see
        `tui.compat.drawing._crop_extend_whole` for what its full collections cost)."""
        self._rows_state: tuple[object, ...] | None = None
        self._lanes = MissionLanes(self, self._restyle)
        self._complete = True
        """Whether the mission is whole (not a large file still being read)."""
        self._mission_bands: tuple[Band, ...] | None = None
        self._end = span(mission)[1]
        """The mission's last instant, where a stay still open ends."""
        self._last_frame: tuple[tuple[object, ...], Frame] | None = None
        self._palette: Palette | None = None
        """The styles of the cells, until the theme or the focus changes them."""
        self._fitted = True
        """Whether the view shows the whole mission (it fits it again when resized)."""
        self.border_subtitle = legend()
        self.border_title = _(TITLE)

    def show_keys(self, first_key: Callable[[str], str]) -> None:
        """Name the view's keys in its frame's title, as the user has them (`first_key` of
        a binding id), and what its characters mean under it."""
        self.border_title = frame_title(first_key)
        self.border_subtitle = legend()

    # ----------------------------------------------------------------- what is shown

    @property
    def lanes(self) -> tuple[Lane, ...]:
        """The mission's lanes as far as known (`MissionLanes`); the height follows them."""
        found = self._lanes.of(self.mission, complete=self._complete)
        height = len(PINNED) + len(found)
        if self.virtual_size.height != height:
            self.virtual_size = Size(0, height)
        return found

    @property
    def area_width(self) -> int:
        """The width of the time area: the view's, less the column of row names."""
        return max(1, self.scrollable_content_region.width - label_width())

    def show_events(
        self, mission: Mission, events: EventSequence, *, complete: bool, lanes_now: bool
    ) -> None:
        """Show these events of `mission` (all of them, or a filter's). Its lanes need the
        whole mission (`complete`; not while a large file is read: a flight's events may not
        have arrived); they are worked out once per mission, at once with `lanes_now` (the
        view is on: its height depends on them), else when first drawn."""
        if mission is not self.mission or complete != self._complete:
            self.mission, self._complete = mission, complete
            self._mission_bands = None
            self._lanes.forget()
            self._end = span(mission)[1]
        if lanes_now:
            self.lanes  # noqa: B018  (worked out now: the view's height depends on them)
        self.shown = ShownEvents(events)
        if self._fitted:
            self._fit_all()
        self._restyle()

    # ----------------------------------------------------------------- the scale

    def _look(self, scale: Scale | None) -> None:
        """Take `scale` (None: keep the one there is), noting whether it is the whole
        mission's (which the view fits again when resized)."""
        if scale is not None:
            self.scale = scale
            self._fitted = scale == whole(self.mission, self.area_width)

    def _fit_all(self) -> None:
        if self.scrollable_content_region.width:
            self._look(whole(self.mission, self.area_width))

    def _cursor_instant(self) -> float | None:
        cursor = self.cursor
        return None if cursor is None or not self.shown else self.shown.instants[cursor]

    def zoom(self, factor: float) -> None:
        """Zoom by `factor` (above 1: in) around the selected event (else the middle)."""
        if (scale := self.scale) is not None:
            around = self._cursor_instant()
            if around is None:
                around = scale.instant(self.area_width / 2)
            coarsest = whole(self.mission, self.area_width)
            self._look(zoomed(scale, factor, around, coarsest))

    def pan(self, widths: float) -> None:
        """Move the view by `widths` of its time area (negative: earlier)."""
        if self.scale is not None:
            self._look(self.scale.panned(widths * self.area_width))

    def _keep_cursor_in_view(self) -> None:
        """Pan the selected event into the middle when it is out of view."""
        scale, instant = self.scale, self._cursor_instant()
        if scale is not None and instant is not None:
            self._look(showing(scale, instant, self.area_width))

    # ----------------------------------------------------------------- actions

    def action_previous(self) -> None:
        if self.cursor:
            self._select(self.cursor - 1)

    def action_next(self) -> None:
        if self.cursor is not None and self.cursor < len(self.shown) - 1:
            self._select(self.cursor + 1)

    def _select(self, position: int) -> None:
        self.cursor = position
        self.post_message(self.Selected(self, position))

    def action_zoom_in(self) -> None:
        self.zoom(ZOOM)

    def action_zoom_out(self) -> None:
        self.zoom(1 / ZOOM)

    def action_pan(self, direction: int) -> None:
        self.pan(direction * PAN)

    def action_fit_all(self) -> None:
        self._fit_all()

    def action_fit_phase(self) -> None:
        band = self._cursor_band()
        if band is not None:
            self._look(Scale.fit(band.start, band.end, self.area_width))

    def _cursor_band(self) -> Band | None:
        """The band of the selected event's phase (None: no event, or it has none)."""
        cursor = self.cursor
        if cursor is None or not self.shown:
            return None
        phase = self.shown.events[cursor].phase
        return next((band for band in self._bands() if band.phase == phase), None)

    def action_lanes(self, rows: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + rows, animate=False, immediate=True)

    def action_open(self) -> None:
        if self.cursor is not None and self.shown:
            self.post_message(self.Opened(self, self.cursor))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        count, cursor, scale = len(self.shown), self.cursor, self.scale
        if action == "previous":
            return bool(cursor) or None
        if action == "next":
            return (cursor is not None and cursor < count - 1) or None
        if action == "zoom_in":
            return (scale is not None and scale.per_unit > FINEST) or None
        if action == "zoom_out":
            return not self._fitted or None
        if action == "fit_phase":
            return self._cursor_band() is not None
        if action == "lanes":
            return self.max_scroll_y > 0 or None
        if action == "open":
            return cursor is not None and count > 0
        return True

    # ----------------------------------------------------------------- watchers

    def watch_cursor(self) -> None:
        self._keep_cursor_in_view()
        self._restyle()

    def watch_scale(self, scale: Scale | None) -> None:
        if scale is not None:
            width = self.area_width
            self.post_message(self.Moved(self, scale.start, scale.instant(width), width))
        self._restyle()

    def _restyle(self) -> None:
        self._rows = {}
        self.refresh()
        self.refresh_bindings()

    watch_zone = watch_mode = watch_anchor_event = _restyle

    def on_focus(self) -> None:
        self._palette = None  # the cursor's colours follow the focus
        self._restyle()

    on_blur = on_focus

    def on_resize(self) -> None:
        if self._fitted or self.scale is None:
            self._fit_all()
        self._keep_cursor_in_view()
        self._restyle()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows = {}
        self._palette = None

    # ----------------------------------------------------------------- mouse

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel zooms (around the selected event); with shift it pans."""
        event.stop()
        self.pan(-PAN) if event.shift else self.zoom(ZOOM)

    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.pan(PAN) if event.shift else self.zoom(1 / ZOOM)

    def on_click(self, event: events.Click) -> None:
        """A click selects the event nearest the instant under the pointer; a double click
        opens its detail."""
        offset = event.get_content_offset(self)
        scale = self.scale
        labels = label_width()
        if offset is None or scale is None or not self.shown or offset.x < labels:
            return
        position = self.shown.nearest(scale.instant(offset.x - labels + 0.5))
        self._select(position)
        if event.chain == 2:
            self.post_message(self.Opened(self, position))

    # ----------------------------------------------------------------- drawing

    def _bands(self) -> tuple[Band, ...]:
        """The mission's phases as bands (worked out once per mission)."""
        if self._mission_bands is None:
            self._mission_bands = bands(self.mission)
        return self._mission_bands

    def render_line(self, y: int) -> Strip:
        scale = self.scale
        width = self.scrollable_content_region.width
        if scale is None or not width:
            return Strip.blank(width, self.rich_style)
        row = y if y < len(PINNED) else self.scroll_offset.y + y
        state = (
            width,
            scale,
            self.zone,
            self.mode,
            None if self.anchor_event is None else self.anchor_event.id,
            self.cursor,
            self.clock_at,
            self.has_focus,
            id(self.shown.events),
            len(self.shown),
            self.app.theme,
        )
        if state != self._rows_state:
            self._rows_state, self._rows = state, {}
        drawn = self._rows.get(row)
        if drawn is None:
            drawn = self._draw(row, width, *self._frame(state, scale))
            self._rows[row] = drawn
        return drawn

    def _frame(self, state: tuple[object, ...], scale: Scale) -> tuple[Frame, Palette]:
        """What every row of the frame in this `state` shares (its cells' layout and
        styles), worked out once for them."""
        if self._last_frame is None or self._last_frame[0] != state:
            view = frame(
                scale, self.area_width, self._bands(), self._cursor_instant(), self.clock_at
            )
            self._last_frame = (state, view)
        if self._palette is None:
            self._palette = Palette(self.rich_style, self._style)
        return self._last_frame[1], self._palette

    def _draw(self, row: int, width: int, view: Frame, palette: Palette) -> Strip:
        """A row as it looks now: a pinned row, a lane, or nothing past the last lane."""
        lane_index = row - len(PINNED)
        if row < len(PINNED):
            label, cells = _(PINNED[row]), self._pinned_cells(PINNED[row], view)
        elif lane_index < len(self.lanes):
            lane = self.lanes[lane_index]
            label, cells = lane.name, lane_cells(view, lane, self._end)
        else:
            return Strip.blank(width, palette.base)
        return strip(view, label, cells, palette).crop_extend(0, width, palette.base)

    def _pinned_cells(self, name: str, view: Frame) -> Cells:
        if name == "phases":
            return phases_cells(view, self._bands())
        if name == "time":
            anchor = self.anchor_event
            return ticks_cells(view, self.zone, self.mode, None if anchor is None else anchor.when)
        return markers_cells(view, self.shown.instants, self.shown.title)

    def _style(self, name: str) -> Style:
        """A component class's style in the current theme."""
        return self.get_component_rich_style(name)
