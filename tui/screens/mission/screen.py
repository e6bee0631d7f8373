"""The mission screen: the timeline of one mission, its panes and its keys.

`MissionScreen` is the app's main screen. Its parts, one job each: `state` (the mission, the
state of its view and the widgets it is set on), `searching` (search and filter), `exporting`
(`e` and `y`) and `loading` (a large mission shown while its events are read). The keys and
the actions that only change the state are here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.binding import Binding, BindingType

from data.facts.derived import TimeMode
from data.i18n import N_, _
from data.sanitize import sanitize_line
from tui.screens.mission.clocking import ClockAndReplay
from tui.screens.mission.exporting import ExportAndCopy, KeyNames
from tui.screens.mission.loading import LargeMissionLoading
from tui.screens.mission.searching import SearchAndFilter
from tui.zones import next_zone

if TYPE_CHECKING:
    from textual.command import Provider

    from tui.widgets.time_axis import TimeAxis

MODES = (TimeMode.ABSOLUTE, TimeMode.T_MINUS, TimeMode.MET, TimeMode.FLIGHT_DAY)
WAIT_FOR_LOAD = frozenset(
    {"search", "next_hit", "previous_hit", "filter", "clear", "crew", "export", "copy_event"}
    | {"reanchor"}
)
"""Actions that need the whole mission: they wait (dimmed) while a large one loads."""


def _mission_commands() -> type[Provider]:
    """The palette's mission commands, imported when the palette first opens."""
    from tui.commands import MissionCommands

    return MissionCommands


class MissionScreen(ClockAndReplay, SearchAndFilter, ExportAndCopy, LargeMissionLoading):
    """Shows one mission as a scrollable timeline with event and crew panes."""

    COMMANDS: ClassVar = {_mission_commands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "z",
            "cycle_zone",
            N_("Zone"),
            id="zone-cycle",
            tooltip=N_(
                "Next time zone: UTC, as stated, Moscow, Brussels, Baikonur, landing zone, "
                "US Eastern, local"
            ),
        ),
        Binding(
            "t",
            "cycle_mode",
            N_("Time"),
            id="mode-cycle",
            tooltip=N_("Absolute, T-/T+ from the anchor, mission elapsed time, flight day"),
        ),
        Binding(
            "r",
            "reanchor",
            N_("Anchor"),
            id="reanchor",
            tooltip=N_("Make relative times count from the selected event (again: back to launch)"),
        ),
        Binding(
            "slash",
            "search",
            N_("Search"),
            key_display="/",
            id="search",
            tooltip=N_("Search titles, descriptions and people as you type"),
        ),
        Binding(
            "n", "next_hit", N_("Next hit"), id="search-next", tooltip=N_("The next search hit")
        ),
        Binding(
            "N",
            "previous_hit",
            N_("Prev hit"),
            key_display="N",
            id="search-previous",
            tooltip=N_("The previous search hit"),
        ),
        Binding(
            "f",
            "filter",
            N_("Filter"),
            id="filter",
            tooltip=N_("Keep only events matching phase:, kind:, person: or vehicle:"),
        ),
        Binding(
            "escape",
            "clear",
            N_("Clear"),
            id="clear",
            tooltip=N_("Clear the search and the filter"),
        ),
        Binding("c", "crew", N_("Crew"), id="crew", tooltip=N_("Go to the crew pane")),
        Binding(
            "v",
            "toggle_axis",
            N_("Axis"),
            id="axis",
            tooltip=N_(
                "Show or hide the time-axis view: time as distance, lanes for the crew "
                "and the vehicles, and the overview ruler"
            ),
        ),
        Binding(
            "e",
            "export",
            N_("Export"),
            show=False,  # in the help screen; the footer keeps room for ? and q at 80 columns
            id="export",
            tooltip=N_(
                "Write what is on screen (filter, zone, time mode) in any format: text, "
                "Markdown, CSV, JSON, iCalendar, Mermaid, TimelineJS, SVG, PNG"
            ),
        ),
        Binding(
            "y",
            "copy_event",
            N_("Copy"),
            show=False,
            id="copy-event",
            tooltip=N_("Copy the selected event as text to the clipboard"),
        ),
    ]

    async def on_mount(self) -> None:
        self._show_mission()
        await self._mount_footer()
        if self.reading is not None:
            self._read(self.reading)

    def _prepare_axis(self, axis: TimeAxis) -> None:
        super()._prepare_axis(axis)
        axis.show_keys(cast("KeyNames", self.app).first_key)

    # ----------------------------------------------------------------- commands

    def set_zone(self, zone: str) -> None:
        self.zone = zone

    def set_mode(self, mode: TimeMode) -> None:
        self.mode = mode

    # ----------------------------------------------------------------- actions

    def action_cycle_zone(self) -> None:
        self.zone = next_zone(self.zone)

    def action_cycle_mode(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]

    def action_reanchor(self) -> None:
        selected = self.selected
        if selected is None:
            return
        reference = self.mission.reference_event
        anchor = self.anchor_event
        if anchor is not None and selected.id == anchor.id and reference is not None:
            self.anchor_event = reference
        else:
            self.anchor_event = selected
        if self.mode is TimeMode.ABSOLUTE:
            self.mode = TimeMode.T_MINUS
        if self.anchor_event is not None:
            title = sanitize_line(self.anchor_event.title)
            self.notify(
                _("Relative times now count from: {title}").format(title=title), markup=False
            )

    def action_toggle_axis(self) -> None:
        self.time_axis = not self.time_axis

    def action_crew(self) -> None:
        crew_list = self.crew.crew_list
        crew_list.focus()
        if crew_list.highlighted is None and crew_list.option_count:
            crew_list.highlighted = 0

    def action_pick_zone(self) -> None:
        def chosen(zone: str | None) -> None:
            if zone is not None:
                self.zone = zone

        from tui.screens.zone_picker import ZonePicker

        self.app.push_screen(ZonePicker(cursor_blink=self.cursor_blink), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.reading is not None and action in WAIT_FOR_LOAD:
            return False
        if action in ("next_hit", "previous_hit"):
            return self.search is not None
        if action == "clear":
            return self.search is not None or self.event_filter is not None
        if action in ("reanchor", "copy_event"):
            return self.selected is not None
        if action == "crew":
            return bool(self.mission.people)
        if action in ("play_pause", "faster", "slower"):
            return self.clock is not None or self.selected is not None
        return True
