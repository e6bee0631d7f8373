"""The mission on screen: the mission, the state of its view, and the widgets it is set on.

`MissionState` owns the viewing state (zone, time mode and anchor, search, filter, the
selected event and crew member) and sets it on its widgets (attributes down); the widgets
report what the user did with messages (messages up), answered here when they change the
state. The keys and the work they start are added by `MissionScreen` and its parts.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.app import ComposeResult
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen

from data.facts.derived import TimeMode
from data.i18n import _
from data.model import Event, Mission, Person
from data.sanitize import sanitize_line
from tui.screens.mission.layout import (
    arrange,
    arrangement_classes,
    axis_with_list,
    compact_footer,
    mission_widgets,
)
from tui.widgets.crew_pane import CrewPane
from tui.widgets.event_detail import EventDetail
from tui.widgets.key_footer import KeyFooter
from tui.widgets.query_bar import QueryBar
from tui.widgets.status_header import StatusHeader
from tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from data.load.reading import MissionReading
    from data.query.filters import Filter
    from data.query.search import EventSearch, HitCount
    from tui.widgets.overview_ruler import OverviewRuler
    from tui.widgets.time_axis import TimeAxis


class MissionState(Screen[None]):
    """One mission in a timeline with event and crew panes, and the state of the view."""

    class ZoneChanged(Message):
        """The user chose another zone (a setting the app remembers)."""

        def __init__(self, zone: str) -> None:
            super().__init__()
            self.zone = zone

    # The state is a `var`, not a `reactive`: the screen draws none of it (its widgets do,
    # and repaint themselves when it is set on them), and a screen's reactive repaints the
    # whole screen: a full render for every key that changes it (z, t, a cursor move).
    zone: var[str] = var("UTC", init=False)
    mode: var[TimeMode] = var(TimeMode.ABSOLUTE, init=False)
    anchor_event: var[Event | None] = var(None, init=False)
    search: var[EventSearch | None] = var(None, init=False)
    hit_count: var[HitCount | None] = var(None, init=False)
    """Where the search's hits are among the events shown (None until counted)."""
    event_filter: var[Filter | None] = var(None, init=False)
    person: var[Person | None] = var(None, init=False)
    selected: var[Event | None] = var(None, init=False)
    time_axis: var[bool] = var(False, init=False)
    """Whether the time-axis view is on (with the overview ruler above it)."""

    AUTO_FOCUS = "#timeline"
    """The list has the focus from the start: the time-axis view, before it in the tree and
    hidden until `v`, would otherwise take it first, and the footer show its keys."""

    def __init__(
        self,
        mission: Mission,
        *,
        mission_path: Path | None = None,
        reading: MissionReading | None = None,
        zone: str = "UTC",
        zone_note: str = "",
        cursor_blink: bool = True,
        size: Size,
    ) -> None:
        # Made in the arrangement that fits the terminal's `size`: changing it once the
        # screen is styled styles it again before the first frame.
        super().__init__(classes=arrangement_classes(size))
        self.mission = mission if reading is None else reading.header
        self.mission_path = mission_path
        """The file the mission came from: an export never writes over it."""
        self.reading = reading
        """The large mission whose events are being read (`mission` is its header
        meanwhile)."""
        self.cursor_blink = cursor_blink
        """Whether text inputs blink their cursor (off in the tests, for stable snapshots)."""
        self.set_reactive(MissionState.zone, zone)
        self.zone_note = zone_note
        """Where the zone came from, for the header ("remembered from last time…") until
        the user chooses another."""
        self.set_reactive(MissionState.anchor_event, _first_anchor(self.mission))
        self._shown_once = False

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        # The layout that fits, should the terminal have another size than when the screen
        # was made (a test's): changing it after mounting restyles every widget and
        # rebuilds the footer before the first frame.
        size = self.app.size
        arrange(self, size)
        yield from mission_widgets(self.mission, cursor_blink=self.cursor_blink, size=size)

    async def _mount_footer(self) -> None:
        """Mount the footer, once the widgets are mounted and the list has the focus: its
        first keys are those it shows (built once, not again after the first frame)."""
        await self.mount(KeyFooter(compact=compact_footer(self.app.size)))

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # (Handled before Textual's own handler of the event, in `Screen`.) The first time the
        # screen shows, every widget was styled as it was mounted, the theme already set:
        # styling them all again, as Textual 8.2 does on every resume, is 3% of the start-up.
        if not self._shown_once:
            self._shown_once = True
            event.refresh_styles = False

    def fit(self, size: Size) -> None:
        """Take the arrangement that fits a terminal of this size (`layout`)."""
        arrange(self, size)
        if self.time_axis:
            self.timeline.display = axis_with_list(size)

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def axis(self) -> TimeAxis:
        """The time-axis view, mounted the first time it is shown or asked for."""
        return self._mounted_axis() or self._mount_axis()

    @property
    def ruler(self) -> OverviewRuler:
        """The time-axis view's overview ruler, mounted with the view."""
        if self._mounted_axis() is None:
            self._mount_axis()
        return cast("OverviewRuler", self.query_one("#ruler"))

    def _mounted_axis(self) -> TimeAxis | None:
        """The time-axis view if it is mounted (the first frame, and most sessions, do
        without it and its modules)."""
        found = self.query("#axis")
        return cast("TimeAxis", found.first()) if found else None

    def _mount_axis(self) -> TimeAxis:
        """Mount the time-axis view and its ruler above the list, hidden (`_show_axis`
        shows them), and give the view the state of the screen (`_prepare_axis`)."""
        from tui.widgets.overview_ruler import OverviewRuler
        from tui.widgets.time_axis import TimeAxis

        axis = TimeAxis(self.mission, id="axis")
        ruler = OverviewRuler(self.mission, id="ruler")
        axis.display = ruler.display = False
        self.query_one("#views").mount(ruler, axis, before=self.timeline)
        self._prepare_axis(axis)
        return axis

    def _prepare_axis(self, axis: TimeAxis) -> None:
        """Give a freshly mounted time-axis view the state of the screen, as `_push_state`
        and `_sync_axis` keep it (the screen's parts add theirs)."""
        axis.zone, axis.mode, axis.anchor_event = self.zone, self.mode, self.anchor_event
        self._sync_axis()

    @property
    def detail(self) -> EventDetail:
        return self.query_one(EventDetail)

    @property
    def crew(self) -> CrewPane:
        return self.query_one(CrewPane)

    @property
    def header(self) -> StatusHeader:
        return self.query_one(StatusHeader)

    @property
    def query_bar(self) -> QueryBar:
        return self.query_one(QueryBar)

    def _show_mission(self) -> None:
        """Set up freshly composed mission widgets: title, state, focus and cursor."""
        self.app.title = sanitize_line(self.mission.info.title)
        self.header.mission_title = self.mission.info.title
        self._push_state()
        self._show_axis(self.time_axis)
        (self.axis if self.time_axis else self.timeline).focus()
        anchor = self.anchor_event
        if anchor is not None and self.timeline.select_event(anchor.id):
            # Shown in the detail pane from the first frame (the list's message, later,
            # selects the same event).
            self.selected = self.timeline.selected
        # The cursor a third of the way down from the first frame (centred as the layout
        # gives the list its height), and again after that frame, in case the selection
        # moved before it was drawn (nothing to do otherwise: no frame of its own).
        self.timeline.center_cursor()
        self.app.call_after_refresh(self.timeline.center_cursor)
        self.app.call_after_refresh(_settle_memory)

    async def replace_mission(
        self, mission: Mission, path: Path | None = None, *, notice: str | None = None
    ) -> None:
        """Show another mission everywhere. Zone and time mode stay; the anchor is the new
        mission's launch; search, filter, crew member and selection are cleared.
        `notice` replaces the "Opened" notification ("": none)."""
        gc.unfreeze()  # the old mission's widgets and events can be collected again
        self.mission = mission
        self.mission_path = path
        for name, value in (
            ("search", None),
            ("hit_count", None),
            ("event_filter", None),
            ("person", None),
            ("selected", None),
            ("anchor_event", _first_anchor(mission)),
        ):
            self.set_reactive(getattr(MissionState, name), value)
        await self.query("#header, #body, #query").remove()
        widgets = mission_widgets(mission, cursor_blink=self.cursor_blink, size=self.app.size)
        await self.mount_all(widgets, before=self.query_one(KeyFooter))
        self._show_mission()
        self.fit(self.app.size)
        if notice is None:
            notice = _("Opened {title}").format(title=sanitize_line(mission.info.title))
        if notice:
            self.notify(notice, markup=False)

    # ----------------------------------------------------------------- state, set downwards

    def _push_state(self) -> None:
        timeline, detail, crew = self.timeline, self.detail, self.crew
        timeline.zone = detail.zone = crew.zone = self.zone
        timeline.mode = detail.mode = self.mode
        timeline.anchor_event = detail.anchor_event = self.anchor_event
        axis = self._mounted_axis()
        if axis is not None:
            axis.zone, axis.mode, axis.anchor_event = self.zone, self.mode, self.anchor_event
        self._update_header()

    def _sync_axis(self) -> None:
        """Give the time-axis view and the ruler the mission and the events the list shows
        (a large mission's, as far as read), and the list's cursor: the one cursor is the
        list's, which the view follows. (Nothing until the view is first mounted.)"""
        axis = self._mounted_axis()
        if axis is None:
            return
        timeline = self.timeline
        axis.show_events(
            timeline.mission,
            timeline.rows.events,
            complete=self.reading is None,
            lanes_now=self.time_axis,
        )
        axis.cursor = timeline.cursor_position if timeline.shown_events else None
        self.ruler.show_mission(timeline.mission)

    def _update_header(self) -> None:
        count = self.hit_count
        self.header.show_state(
            zone=self.zone,
            zone_note=self.zone_note,
            mode=self.mode,
            anchor=self.anchor_event,
            event_filter=self.event_filter,
            shown=len(self.timeline.shown_events),
            search=self.search,
            hits="" if count is None else count.place(self.timeline.cursor_position),
            person=self.person,
        )

    def watch_zone(self, zone: str) -> None:
        self.zone_note = ""
        self._push_state()
        self.post_message(self.ZoneChanged(zone))

    def watch_mode(self) -> None:
        self._push_state()

    def watch_anchor_event(self) -> None:
        self._push_state()

    def watch_search(self, search: EventSearch | None) -> None:
        self.timeline.search = search
        self._update_header()

    def watch_hit_count(self) -> None:
        self._update_header()

    def watch_event_filter(self, flt: Filter | None) -> None:
        self.timeline.event_filter = flt
        self._sync_axis()
        self._update_header()

    def watch_person(self, person: Person | None) -> None:
        self.timeline.person = person
        self._update_header()

    def watch_selected(self, event: Event | None) -> None:
        self.detail.event = event
        self.crew.at = event
        self._update_header()

    def watch_time_axis(self, shown: bool) -> None:
        self._show_axis(shown)
        axis = self._mounted_axis()
        if shown and axis is not None:
            self.call_after_refresh(axis.focus)
        elif axis is not None and axis.has_focus:
            self.timeline.focus()

    def _show_axis(self, shown: bool) -> None:
        """Show the time-axis view and its ruler in the list's place, or above it where
        there is room for both (or hide them). Their `display` is set, not a class: a class
        would restyle every widget under it, 70 ms of CSS for a key. Hidden, they are
        left unmounted until they are first shown."""
        axis = self._mounted_axis()
        if axis is None and not shown:
            self.timeline.display = True
            return
        if axis is None:
            axis = self._mount_axis()  # given the screen's state as it is mounted
        elif shown:
            self._sync_axis()
        axis.display = self.ruler.display = shown
        self.timeline.display = not shown or axis_with_list(self.app.size)

    # ----------------------------------------------------------------- messages, from below

    @on(Timeline.Selected)
    def _timeline_selected(self, message: Timeline.Selected) -> None:
        self.selected = message.event
        axis = self._mounted_axis()
        if axis is not None:
            axis.cursor = self.timeline.cursor_position

    @on(Timeline.Opened)
    def _timeline_opened(self, message: Timeline.Opened) -> None:
        self.selected = message.event
        self._open_detail()

    def _open_detail(self) -> None:
        self.remove_class("-crew")
        self.detail.focus()

    # The time-axis view's messages, by handler name: its module waits until it is shown.

    def on_time_axis_selected(self, message: TimeAxis.Selected) -> None:
        self.timeline.select_position(message.position)

    def on_time_axis_opened(self, message: TimeAxis.Opened) -> None:
        self.timeline.select_position(message.position)
        self._open_detail()

    def on_time_axis_moved(self, message: TimeAxis.Moved) -> None:
        self.ruler.view_span = (message.start, message.end)
        self.ruler.area = message.width

    @on(CrewPane.PersonSelected)
    def _person_selected(self, message: CrewPane.PersonSelected) -> None:
        self.person = message.person

    @on(events.DescendantFocus)
    def _focus_moved(self, message: events.DescendantFocus) -> None:
        in_crew = self.crew in message.widget.ancestors_with_self
        self.set_class(in_crew, "-crew")


def _settle_memory() -> None:
    """Once a mission is on screen: what is alive then lives as long as it does, so it is
    frozen out of the cyclic collector's way (a full collection, 10-30 ms with a large
    mission loaded, never lands between a key and its frame; `replace_mission` unfreezes
    it); and the collector, off while the app started (`tui.cli.app.run`), is on again."""
    gc.freeze()
    gc.enable()


def _first_anchor(mission: Mission) -> Event | None:
    """The anchor a mission opens on: its launch, else its first event (none while its
    events are still being read)."""
    if not mission.events:
        return None
    return mission.reference_event or next(iter(mission.events), None)
