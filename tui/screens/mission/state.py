"""The mission on screen: the mission, the state of its view, and the widgets it is set on.

`MissionState` owns the viewing state (zone, time mode and anchor, search, filter, the
selected event and crew member) and sets it on its widgets (attributes down); the widgets
report what the user did with messages (messages up), answered here when they change the
state. The keys and the work they start are added by `MissionScreen` and its parts.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
from tui.screens.mission.layout import arrange, axis_with_list, compact_footer, mission_widgets
from tui.widgets.crew_pane import CrewPane
from tui.widgets.event_detail import EventDetail
from tui.widgets.key_footer import KeyFooter
from tui.widgets.overview_ruler import OverviewRuler
from tui.widgets.query_bar import QueryBar
from tui.widgets.status_header import StatusHeader
from tui.widgets.time_axis import TimeAxis
from tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from data.load.jsonl import JsonlReading
    from data.query.filters import Filter
    from data.query.search import EventSearch, HitCount


class MissionState(Screen[None]):
    """One mission in a timeline with event and crew panes, and the state of the view."""

    @dataclass
    class ZoneChanged(Message):
        """The user chose another zone (a setting the app remembers)."""

        zone: str

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
        reading: JsonlReading | None = None,
        zone: str = "UTC",
        zone_note: str = "",
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
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
        # Start in the layout that fits: changing it after mounting restyles every widget
        # and rebuilds the footer before the first frame.
        size = self.app.size
        arrange(self, size)
        yield from mission_widgets(self.mission, cursor_blink=self.cursor_blink)

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
        return self.query_one(TimeAxis)

    @property
    def ruler(self) -> OverviewRuler:
        return self.query_one(OverviewRuler)

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
        # After the app's next frame (the first one, when the app starts), once the layout
        # has given the timeline its height.
        self.app.call_after_refresh(self.timeline.center_cursor)
        # What is alive once a mission is on screen lives as long as it does: out of the
        # cyclic collector's way, a full collection (10-30 ms with a large mission loaded)
        # never lands between a key and its frame. `replace_mission` unfreezes it.
        self.app.call_after_refresh(gc.freeze)

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
        widgets = mission_widgets(mission, cursor_blink=self.cursor_blink)
        await self.mount_all(widgets, before=self.query_one(KeyFooter))
        self._show_mission()
        self.fit(self.app.size)
        if notice is None:
            notice = _("Opened {title}").format(title=sanitize_line(mission.info.title))
        if notice:
            self.notify(notice, markup=False)

    # ----------------------------------------------------------------- state, set downwards

    def _push_state(self) -> None:
        timeline, axis, detail, crew = self.timeline, self.axis, self.detail, self.crew
        timeline.zone = axis.zone = detail.zone = crew.zone = self.zone
        timeline.mode = axis.mode = detail.mode = self.mode
        timeline.anchor_event = axis.anchor_event = detail.anchor_event = self.anchor_event
        self._update_header()

    def _sync_axis(self) -> None:
        """Give the time-axis view and the ruler the mission and the events the list shows
        (a large mission's, as far as read), and the list's cursor: the one cursor is the
        list's, which the view follows."""
        timeline = self.timeline
        self.axis.show_events(
            timeline.mission,
            timeline.rows.events,
            complete=self.reading is None,
            lanes_now=self.time_axis,
        )
        self.axis.cursor = timeline.cursor_position if timeline.shown_events else None
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
        if shown:
            self.call_after_refresh(self.axis.focus)
        elif self.axis.has_focus:
            self.timeline.focus()

    def _show_axis(self, shown: bool) -> None:
        """Show the time-axis view and its ruler in the list's place, or above it where
        there is room for both (or hide them). Their `display` is set, not a class: a class
        would restyle every widget under it, 70 ms of CSS for a key."""
        self.axis.display = self.ruler.display = shown
        self.timeline.display = not shown or axis_with_list(self.app.size)
        if shown:
            self._sync_axis()

    # ----------------------------------------------------------------- messages, from below

    @on(Timeline.Selected)
    def _timeline_selected(self, message: Timeline.Selected) -> None:
        self.selected = message.event
        self.axis.cursor = self.timeline.cursor_position

    @on(Timeline.Opened)
    def _timeline_opened(self, message: Timeline.Opened) -> None:
        self.selected = message.event
        self._open_detail()

    def _open_detail(self) -> None:
        self.remove_class("-crew")
        self.detail.focus()

    @on(TimeAxis.Selected)
    def _axis_selected(self, message: TimeAxis.Selected) -> None:
        self.timeline.select_position(message.position)

    @on(TimeAxis.Opened)
    def _axis_opened(self, message: TimeAxis.Opened) -> None:
        self.timeline.select_position(message.position)
        self._open_detail()

    @on(TimeAxis.Moved)
    def _axis_moved(self, message: TimeAxis.Moved) -> None:
        self.ruler.view_span = (message.start, message.end)
        self.ruler.area = message.width

    @on(CrewPane.PersonSelected)
    def _person_selected(self, message: CrewPane.PersonSelected) -> None:
        self.person = message.person

    @on(events.DescendantFocus)
    def _focus_moved(self, message: events.DescendantFocus) -> None:
        in_crew = self.crew in message.widget.ancestors_with_self
        self.set_class(in_crew, "-crew")


def _first_anchor(mission: Mission) -> Event | None:
    """The anchor a mission opens on: its launch, else its first event (none while its
    events are still being read)."""
    if not mission.events:
        return None
    return mission.reference_event or next(iter(mission.events), None)
