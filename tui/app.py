"""The mission-timeline Textual app.

The app owns the viewing state (zone, time mode and anchor, search, filter, the selected event
and crew member) and sets it on its widgets; widgets report what the user did with messages.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.worker import get_current_worker

import tui.compat  # noqa: F401  (work-arounds for Textual bugs, applied on import)
from data.exit_codes import ExitCode
from data.facts.derived import TimeMode
from data.load.loader import BUNDLED_MISSION, MissionError, load_mission
from data.model import Event, Mission, Person
from data.sanitize import sanitize_line
from tui.config import Config, config_path, load_config, save_config
from tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from tui.theme import HOUSE_THEME, MISSION_TIMELINE_THEME
from tui.widgets.crew_pane import CrewList, CrewPane
from tui.widgets.event_detail import EventDetail
from tui.widgets.key_footer import KeyFooter
from tui.widgets.query_bar import QueryBar
from tui.widgets.status_header import StatusHeader
from tui.widgets.timeline import Timeline
from tui.zones import check_zone, describe, next_zone

if TYPE_CHECKING:
    from textual.command import Provider

    from data.export import ExportOptions
    from data.load.jsonl import JsonlReading
    from data.query.filters import Filter
    from data.query.search import EventSearch
    from tui.screens.export_dialog import ExportChoice
    from tui.screens.help import KeyRow

# Dialogs, exports, filters, search and the palette's commands are imported where they are
# first used: the first frame does not need them, and start-up time is a feature (issue 6).

BACKGROUND_EVENTS = 20_000
"""From this many events on, searches and filters run in a worker thread (about 2 ms each
on the bundled mission; up to a few hundred ms at a million events)."""
_Result = TypeVar("_Result")

MODES = (TimeMode.ABSOLUTE, TimeMode.T_MINUS, TimeMode.MET, TimeMode.FLIGHT_DAY)
NARROW_WIDTH = 100
SHORT_HEIGHT = 30
PROGRESS_INTERVAL = 0.1
"""Seconds between two progress reports of a loading worker (they coalesce as well)."""
WAIT_FOR_LOAD = frozenset(
    {"search", "next_hit", "previous_hit", "filter", "clear", "crew", "export", "copy_event"}
    | {"open", "reanchor"}
)
"""Actions that need the whole mission: they wait (dimmed) while a large one loads."""
UNORDERED_NOTE = "not in time order: the list appears once all are read"


class _LoadCancelledError(Exception):
    """Raised in a loading worker's progress callback to stop reading."""


def _mission_commands() -> type[Provider]:
    """The palette's mission commands, imported when the palette first opens."""
    from tui.commands import MissionCommands

    return MissionCommands


def _is_narrow(width: int, height: int) -> bool:
    """Whether the screen gets the narrow layout: one pane at a time below the timeline."""
    return width < NARROW_WIDTH or height < SHORT_HEIGHT


class MissionTimelineApp(App[None]):
    """Shows one mission as a scrollable timeline with event and crew panes."""

    CSS_PATH = "app.tcss"
    CURSOR_BLINK: ClassVar[bool] = True
    """Whether text inputs blink their cursor (the tests turn it off for stable snapshots)."""
    TITLE = "mission-timeline"
    COMMANDS: ClassVar = App.COMMANDS | {_mission_commands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "z",
            "cycle_zone",
            "Zone",
            id="zone-cycle",
            tooltip="Next time zone: UTC, as stated, Moscow, Brussels, Baikonur, landing zone, "
            "US Eastern, local",
        ),
        Binding(
            "t",
            "cycle_mode",
            "Time",
            id="mode-cycle",
            tooltip="Absolute, T-/T+ from the anchor, mission elapsed time, flight day",
        ),
        Binding(
            "r",
            "reanchor",
            "Anchor",
            id="reanchor",
            tooltip="Make relative times count from the selected event (again: back to launch)",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            id="search",
            tooltip="Search titles, descriptions and people as you type",
        ),
        Binding("n", "next_hit", "Next hit", id="search-next", tooltip="The next search hit"),
        Binding(
            "N",
            "previous_hit",
            "Prev hit",
            key_display="N",
            id="search-previous",
            tooltip="The previous search hit",
        ),
        Binding(
            "f",
            "filter",
            "Filter",
            id="filter",
            tooltip="Keep only events matching phase:, kind:, person: or vehicle:",
        ),
        Binding(
            "escape",
            "clear",
            "Clear",
            id="clear",
            tooltip="Clear the search and the filter",
        ),
        Binding("c", "crew", "Crew", id="crew", tooltip="Go to the crew pane"),
        Binding(
            "e",
            "export",
            "Export",
            show=False,  # in the help screen; the footer keeps room for ? and q at 80 columns
            id="export",
            tooltip="Write what is on screen (filter, zone, time mode) to a text, Markdown, "
            "CSV, JSON or iCalendar file",
        ),
        Binding(
            "y",
            "copy_event",
            "Copy",
            show=False,
            id="copy-event",
            tooltip="Copy the selected event as text to the clipboard",
        ),
        Binding(
            "o",
            "open",
            "Open",
            show=False,
            id="open",
            tooltip="Open another mission file (the current one stays if it cannot be read)",
        ),
        Binding(
            "tab",
            "app.focus_next",
            "Next pane",
            show=False,
            id="focus-next",
            tooltip="Move to the next pane",
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Prev pane",
            show=False,
            id="focus-previous",
            tooltip="Move to the previous pane",
        ),
        Binding(
            "question_mark,f1",
            "help",
            "Help",
            key_display="?",
            id="help",
            tooltip="List every key",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            id="command-palette",
            show=False,  # the footer shows the palette key on its right
            priority=True,
            tooltip="Commands: zone:, view:, go to:, filter:, theme:",
        ),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit the app"),
    ]

    @dataclass
    class LoadProgressed(Message):
        """A loading worker read more events (newer reports replace older ones)."""

        reading: JsonlReading
        events: int
        done: int
        """Bytes read."""
        partial: Mission | None
        """The events read so far, when they are in time order."""
        ordered: bool = True
        """Whether they are (else the list appears once all are read and sorted)."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, MissionTimelineApp.LoadProgressed) and (
                message.reading is self.reading
            )

    @dataclass
    class Loaded(Message):
        """A loading worker finished: the mission, or the problem and its exit code."""

        reading: JsonlReading
        mission: Mission | None
        problem: str = ""
        exit_code: int = 0

    zone: reactive[str] = reactive("UTC", init=False)
    mode: reactive[TimeMode] = reactive(TimeMode.ABSOLUTE, init=False)
    anchor: reactive[Event | None] = reactive(None, init=False)
    search: reactive[EventSearch | None] = reactive(None, init=False)
    event_filter: reactive[Filter | None] = reactive(None, init=False)
    person: reactive[Person | None] = reactive(None, init=False)
    selected: reactive[Event | None] = reactive(None, init=False)

    def __init__(
        self,
        mission: Mission,
        *,
        config: Config | None = None,
        config_file: Path | None = None,
        config_problems: tuple[str, ...] = (),
        save_settings: bool = True,
        mission_path: Path | None = None,
        loading: JsonlReading | None = None,
    ) -> None:
        super().__init__()
        self.save_settings = save_settings
        self.mission = mission if loading is None else loading.header
        self.mission_path = mission_path
        """The file the mission came from: an export never writes over it."""
        self.loading = loading
        """The large mission being read in a worker (its header is `mission` meanwhile)."""
        self._initial_load = loading is not None
        self._before_load: tuple[Mission, Path | None] | None = None
        self.load_problem: tuple[str, int] | None = None
        """Why the mission given on the command line could not be loaded, and the exit code:
        a problem found after the first frame ends the app (the CLI prints it)."""
        self.config_file = config_file or config_path()
        self.config = config or Config()
        self._config_problems = list(config_problems)
        self._save_failed = False
        self._search_origin = 0
        self._latest: dict[str, object] = {}
        """The latest search and filter requests: an older result that arrives later is
        dropped."""
        self.register_theme(MISSION_TIMELINE_THEME)
        self._start_with_theme(self.config.theme)
        self.set_reactive(MissionTimelineApp.anchor, _first_anchor(self.mission))

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        # Start in the layout that fits: changing it after mounting restyles every widget
        # and rebuilds the footer before the first frame.
        width, height = self.size
        self.screen.set_class(_is_narrow(width, height), "-narrow")
        yield from self._mission_widgets()
        yield KeyFooter(compact=width < NARROW_WIDTH)

    def _mission_widgets(self) -> list[Widget]:
        """The widgets that show the mission (built again when another mission is opened)."""
        return [
            StatusHeader(id="header"),
            Timeline(self.mission, id="timeline"),
            Horizontal(
                EventDetail(self.mission, id="detail"),
                CrewPane(self.mission, id="crew"),
                id="panes",
            ),
            QueryBar(self.mission, cursor_blink=self.CURSOR_BLINK, id="query"),
        ]

    @property
    def main_screen(self) -> Screen[object]:
        """The screen with the timeline (dialogs and help are pushed on top of it)."""
        return self.screen_stack[0]

    @property
    def timeline(self) -> Timeline:
        return self.main_screen.query_one(Timeline)

    @property
    def detail(self) -> EventDetail:
        return self.main_screen.query_one(EventDetail)

    @property
    def crew(self) -> CrewPane:
        return self.main_screen.query_one(CrewPane)

    @property
    def header(self) -> StatusHeader:
        return self.main_screen.query_one(StatusHeader)

    @property
    def query_bar(self) -> QueryBar:
        return self.main_screen.query_one(QueryBar)

    def on_mount(self) -> None:
        self._apply_config()
        self._show_mission()
        self.theme_changed_signal.subscribe(self, self._on_theme_changed)
        self._check_size()
        for problem in self._config_problems:
            self.notify(problem, title="Config", severity="warning", markup=False, timeout=8)
        if self.loading is not None:
            self._start_loading(self.loading)

    def _show_mission(self) -> None:
        """Set up freshly composed mission widgets: title, state, focus and cursor."""
        self.title = sanitize_line(self.mission.info.title)
        self.header.mission_title = self.mission.info.title
        self._push_state()
        self.timeline.focus()
        anchor = self.anchor
        if anchor is not None:
            self.timeline.select_event(anchor.id)
        self.call_after_refresh(self.timeline.center_cursor)
        # What is alive once a mission is on screen lives as long as it does: out of the
        # cyclic collector's way, a full collection (10-30 ms with a large mission loaded)
        # never lands between a key and its frame. `replace_mission` unfreezes it.
        self.call_after_refresh(gc.freeze)

    def _start_with_theme(self, name: str | None) -> None:
        """Set the first theme without its watcher, which would parse and apply every
        stylesheet again before the first frame (about 10 ms); nothing is styled yet."""
        if name is not None and name not in self.available_themes:
            self._config_problems.append(
                f"Unknown theme {name!r} in {self.config_file}; using {HOUSE_THEME}"
            )
            name = None
        theme = self.get_theme(name or HOUSE_THEME)
        assert theme is not None  # registered above, or checked against available_themes
        self.set_reactive(App.theme, theme.name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)

    def _apply_config(self) -> None:
        config = self.config
        if config.zone is not None:
            try:
                self.set_reactive(MissionTimelineApp.zone, check_zone(config.zone))
            except ValueError as error:
                self._config_problems.append(f"Zone in {self.config_file}: {error}; using UTC")
        if config.keymap:
            known = {row.id for row in self.key_rows(apply_keymap=False)}
            unknown = sorted(set(config.keymap) - known)
            if unknown:
                self._config_problems.append(
                    f"Unknown binding ids in [keymap] of {self.config_file}: {', '.join(unknown)}"
                )
            self.set_keymap(config.keymap)

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size: Size | None = None) -> None:
        """Narrow layout below 100x30; the too-small notice below the minimum size."""
        width, height = size or self.size
        if self.screen_stack:
            main = self.screen_stack[0]
            main.set_class(_is_narrow(width, height), "-narrow")
            for footer in main.query(Footer):
                footer.compact = width < NARROW_WIDTH
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif not too_small and showing:
            self.pop_screen()

    # ----------------------------------------------------------------- state, set downwards

    def _push_state(self) -> None:
        timeline, detail, crew = self.timeline, self.detail, self.crew
        timeline.zone = detail.zone = crew.zone = self.zone
        timeline.mode = detail.mode = self.mode
        timeline.anchor_event = detail.anchor_event = self.anchor
        self._update_header()

    def _update_header(self) -> None:
        header = self.header
        selected = self.selected or self.anchor
        if selected is not None:
            header.zone_text = describe(self.zone, selected.when.instant)
        else:
            header.zone_text = self.zone
        anchor = "" if self.anchor is None else self.anchor.title
        header.mode_text = {
            TimeMode.ABSOLUTE: "absolute",
            TimeMode.T_MINUS: f"T-/T+ from {anchor}",
            TimeMode.MET: f"mission elapsed time from {anchor}",
            TimeMode.FLIGHT_DAY: f"flight day (FD1 = the UTC day of {anchor})",
        }[self.mode]
        flt = self.event_filter
        header.filter_text = (
            ""
            if flt is None
            else f"{flt.text} ({_count(len(self.timeline.shown_events), 'event')})"
        )
        header.search_text = "" if self.search is None else self.search.query
        header.person_text = "" if self.person is None else self.person.name

    def watch_zone(self, zone: str) -> None:
        self._push_state()
        self._save(zone=zone)

    def watch_mode(self) -> None:
        self._push_state()

    def watch_anchor(self) -> None:
        self._push_state()

    def watch_search(self, search: EventSearch | None) -> None:
        self.timeline.search = search
        self._update_header()

    def watch_event_filter(self, flt: Filter | None) -> None:
        self.timeline.event_filter = flt
        self._update_header()

    def watch_person(self, person: Person | None) -> None:
        self.timeline.person = person
        self._update_header()

    def watch_selected(self, event: Event | None) -> None:
        self.detail.event = event
        self.crew.at = event
        self._update_header()

    def _on_theme_changed(self, theme: object) -> None:
        self._save(theme=self.theme)

    def _save(self, **changes: object) -> None:
        self.config = self.config.with_changes(**changes)
        if not self.save_settings:
            return
        try:
            save_config(self.config, self.config_file)
        except OSError as error:
            if not self._save_failed:
                self._save_failed = True
                self.notify(
                    f"Cannot save settings to {self.config_file}: {error}",
                    severity="warning",
                    markup=False,
                )

    # ----------------------------------------------------------------- messages, from below

    @on(Timeline.Selected)
    def _timeline_selected(self, message: Timeline.Selected) -> None:
        self.selected = message.event

    @on(Timeline.Opened)
    def _timeline_opened(self, message: Timeline.Opened) -> None:
        self.selected = message.event
        self.screen.remove_class("-crew")
        self.detail.focus()

    @on(CrewPane.PersonSelected)
    def _person_selected(self, message: CrewPane.PersonSelected) -> None:
        self.person = message.person

    @on(events.DescendantFocus)
    def _focus_moved(self, message: events.DescendantFocus) -> None:
        in_crew = self.crew in message.widget.ancestors_with_self
        self.screen.set_class(in_crew, "-crew")

    @on(QueryBar.Changed)
    def _query_changed(self, message: QueryBar.Changed) -> None:
        if message.kind != "search":
            return
        text = message.value.strip()
        if not text:
            self._latest["search"] = None
            self.search = None
            return
        bar = message.bar

        def show(result: tuple[EventSearch, int | None]) -> None:
            search, found = result
            self.search = search
            if found is None:
                bar.error = f"No event matches {text!r}"
            else:
                bar.error = ""
                self.timeline.select_position(found)

        self._compute("search", partial(self._search_for, text), show, bar)

    @on(QueryBar.Submitted)
    def _query_submitted(self, message: QueryBar.Submitted) -> None:
        bar = message.bar
        if message.kind == "filter":
            self.apply_filter(message.value, bar=bar)
            return
        bar.close()
        self.timeline.focus()
        # Searched again for the submitted text: keys typed after enter may already have
        # changed the input by the time this message arrives.
        text = message.value.strip()
        if not text:
            self._latest["search"] = None
            self.search = None
            return

        def keep(result: tuple[EventSearch, int | None]) -> None:
            search, found = result
            self.search = None if found is None else search
            if found is None:
                self.notify(f"No event matches {text!r}", markup=False)
                return
            selected = self.timeline.selected
            if selected is None or not search.matches(selected):
                self.timeline.select_position(found)

        self._compute("search", partial(self._search_for, text), keep)

    def _search_for(self, text: str) -> tuple[EventSearch, int | None]:
        """A search for `text` and its nearest hit from where the search began."""
        from data.query.search import EventSearch

        search = EventSearch(self.mission, text)
        return search, self.timeline.rows.find(search, self._search_origin)

    def _compute(
        self,
        kind: str,
        work: Callable[[], _Result],
        done: Callable[[_Result], None],
        bar: QueryBar | None = None,
    ) -> None:
        """Run `work` (a search or a filter) and hand its result to `done`: at once on a
        small mission; on a large one in a worker thread, so that keys are answered
        meanwhile, with a note in the query bar. Only the latest request of a kind counts."""
        request = object()
        self._latest[kind] = request

        def finish(result: _Result) -> None:
            if self._latest.get(kind) is request:
                if bar is not None:
                    bar.note = ""
                done(result)

        count = len(self.mission.events)
        if count < BACKGROUND_EVENTS:
            finish(work())
            return
        if bar is not None:
            bar.note = f"{'searching' if kind == 'search' else 'filtering'} {count:,} events…"
        self._in_background(work, finish)

    @work(thread=True, group="query")
    def _in_background(
        self, work: Callable[[], _Result], finish: Callable[[_Result], None]
    ) -> None:
        self.call_from_thread(finish, work())

    @on(QueryBar.Cancelled)
    def _query_cancelled(self, message: QueryBar.Cancelled) -> None:
        if message.kind == "search":
            self.search = None
        message.bar.close()
        self.timeline.focus()

    # ----------------------------------------------------------------- commands

    def set_zone(self, zone: str) -> None:
        self.zone = zone

    def set_mode(self, mode: TimeMode) -> None:
        self.mode = mode

    def set_theme(self, theme: str) -> None:
        self.theme = theme

    def go_to_event(self, event_id: str) -> None:
        """Select an event, clearing a filter that hides it."""
        if not self.timeline.select_event(event_id):
            self.clear_filter()
            self.timeline.select_event(event_id)
        self.timeline.focus()

    def apply_filter(self, text: str, *, bar: QueryBar | None = None) -> None:
        """Parse and apply a filter (on a large mission, in a worker); a problem is shown,
        never raised. Empty text clears. The bar, if given, closes once it is applied."""
        if not text.strip():
            self.clear_filter()
            self._close(bar)
            return
        if self.loading is not None:
            self._complain("Filter not applied: the mission is still loading", bar)
            return
        from data.query.filters import FilterError, parse_filter

        try:
            flt = parse_filter(text, self.mission)
        except FilterError as error:
            self._complain(f"Filter not applied: {error}", bar)
            return

        def show(shown: Sequence[Event]) -> None:
            if not shown:
                self._complain(f"Filter not applied: no event matches {flt.text!r}", bar)
                return
            self.event_filter = flt  # the timeline reuses `shown`: `apply` keeps it
            self._close(bar)

        self._compute("filter", partial(flt.apply, self.mission.events), show, bar)

    def _close(self, bar: QueryBar | None) -> None:
        if bar is not None:
            bar.close()
            self.timeline.focus()

    def _complain(self, message: str, bar: QueryBar | None) -> None:
        if bar is not None:
            bar.error = message
        else:
            self.notify(sanitize_line(message), severity="error", markup=False)

    def clear_filter(self) -> None:
        self.event_filter = None

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
        if self.anchor is not None and selected.id == self.anchor.id and reference is not None:
            self.anchor = reference
        else:
            self.anchor = selected
        if self.mode is TimeMode.ABSOLUTE:
            self.mode = TimeMode.T_MINUS
        if self.anchor is not None:
            title = sanitize_line(self.anchor.title)
            self.notify(f"Relative times now count from: {title}", markup=False)

    async def action_search(self) -> None:
        self._search_origin = self.timeline.cursor_position
        await self.query_bar.open("search", "" if self.search is None else self.search.query)

    def action_next_hit(self) -> None:
        self._jump_hit(forward=True)

    def action_previous_hit(self) -> None:
        self._jump_hit(forward=False)

    def _jump_hit(self, *, forward: bool) -> None:
        if self.search is None:
            return
        start = self.timeline.cursor_position + (1 if forward else -1)
        found = self.timeline.rows.find(self.search, start, forward=forward)
        if found is None:
            self.notify(f"No event matches {self.search.query!r}", markup=False)
        else:
            self.timeline.select_position(found)

    async def action_filter(self) -> None:
        await self.query_bar.open(
            "filter", "" if self.event_filter is None else self.event_filter.text
        )

    def action_clear(self) -> None:
        self.search = None
        self.event_filter = None

    def action_crew(self) -> None:
        crew_list = self.crew.query_one(CrewList)
        crew_list.focus()
        if crew_list.highlighted is None and crew_list.option_count:
            crew_list.highlighted = 0

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.key_rows()))

    def action_pick_zone(self) -> None:
        def chosen(zone: str | None) -> None:
            if zone is not None:
                self.zone = zone

        from tui.screens.zone_picker import ZonePicker

        self.push_screen(ZonePicker(cursor_blink=self.CURSOR_BLINK), chosen)

    def action_export(self) -> None:
        from tui.screens.export_dialog import ExportDialog

        self.push_screen(ExportDialog(self.mission, zones=(self.zone,)), self._export_chosen)

    def _export_chosen(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        from data.export import FORMATS, OptionsError, make_options

        try:
            options = self.view_options(choice.zones) if FORMATS[choice.format].views else None
        except OptionsError as error:
            self.notify(f"Not exported: {error}", severity="error", markup=False)
            return
        self.write_export(self.mission, choice, options or make_options(self.mission))

    def view_options(self, zones: tuple[str, ...]) -> ExportOptions:
        """Export options for what is on screen: the filter, the time mode and its anchor."""
        from data.export import make_options

        anchor = self.anchor if self.mode is not TimeMode.ABSOLUTE else None
        flt = self.event_filter
        return make_options(
            self.mission,
            zones=zones,
            relative_to=None if anchor is None else anchor.id,
            mode=None if anchor is None else self.mode,
            filter_text=None if flt is None else flt.text,
        )

    @work(thread=True, exclusive=True, group="export")
    def write_export(self, mission: Mission, choice: ExportChoice, options: ExportOptions) -> None:
        """Write an export off the event loop; never replaces a file; notifies the outcome."""
        from data.export import FORMATS, export
        from data.files.writing import OutputError, open_output

        target = Path(choice.path).expanduser()
        # Always a file path: "-" or "/dev/stdout" must not write over the screen.
        target = target if target.is_absolute() else Path.cwd() / target
        shown = sanitize_line(str(target))
        protect = [path for path in (self.mission_path, BUNDLED_MISSION) if path is not None]
        problem = _refusal(target, shown, protect)
        if problem is None:
            try:
                with open_output(str(target), protect=protect) as out:
                    export(mission, choice.format, options, out)
            except OutputError as error:
                problem = str(error)
        if problem is None:
            label = FORMATS[choice.format].label
            self.call_from_thread(self.notify, f"{label} written to {shown}", markup=False)
        else:
            self.call_from_thread(
                self.notify, f"Not exported: {problem}", severity="error", markup=False
            )

    def action_copy_event(self) -> None:
        event = self.selected
        if event is None:
            return
        from data.export.text_export import format_event

        text = format_event(self.mission, event, self.view_options((self.zone,)))
        self.copy_to_clipboard(text)
        self.notify(f"Copied to the clipboard: {sanitize_line(event.title)}", markup=False)

    def action_open(self) -> None:
        from tui.screens.open_dialog import OpenDialog

        self.push_screen(OpenDialog(cursor_blink=self.CURSOR_BLINK), self._open_chosen)

    def _open_chosen(self, path: str | None) -> None:
        if path is not None:
            self.open_mission(path)

    @work(thread=True, exclusive=True, group="open")
    def open_mission(self, path: str) -> None:
        """Load a mission file off the event loop; a bad one leaves the current mission."""
        problem: str | None = None
        from data.load.jsonl import is_jsonl

        if is_jsonl(path):
            self._open_large(path)
            return
        try:
            mission = load_mission(Path(path).expanduser())
        except MissionError as error:
            problem = str(error)
        except Exception as error:  # a loader bug must not take the app down with it
            problem = f"{path}: cannot be read ({type(error).__name__}: {error})"
        if problem is not None:
            self.call_from_thread(self._cannot_open, problem)
            return
        opened = Path(path).expanduser()
        self.call_from_thread(self.call_later, self.replace_mission, mission, opened)

    def _cannot_open(self, problem: str) -> None:
        """The error dialog for a mission file that `o` could not open."""
        from tui.screens.error_dialog import ErrorDialog

        self.push_screen(ErrorDialog("Cannot open this mission file", problem))

    async def replace_mission(
        self, mission: Mission, path: Path | None = None, *, notice: str | None = None
    ) -> None:
        """Show another mission everywhere. Zone, time mode and theme stay; the anchor is the
        new mission's launch; search, filter, crew member and selection are cleared.
        `notice` replaces the "Opened" notification ("": none)."""
        gc.unfreeze()  # the old mission's widgets and events can be collected again
        self.mission = mission
        self.mission_path = path
        for name, value in (
            ("search", None),
            ("event_filter", None),
            ("person", None),
            ("selected", None),
            ("anchor", _first_anchor(mission)),
        ):
            self.set_reactive(getattr(MissionTimelineApp, name), value)
        main = self.main_screen
        await main.query("#header, #timeline, #panes, #query").remove()
        await main.mount_all(self._mission_widgets(), before=main.query_one(Footer))
        self._show_mission()
        self._check_size()
        if notice is None:
            notice = f"Opened {sanitize_line(mission.info.title)}"
        if notice:
            self.notify(notice, markup=False)

    # ----------------------------------------------------------------- loading a large mission

    def _open_large(self, path: str) -> None:
        """In the open worker: read a JSON Lines file's header, then load it like the one
        given on the command line (a bad header leaves the current mission)."""
        from data.load.jsonl import open_jsonl

        opened = Path(path).expanduser()
        try:
            reading = open_jsonl(str(opened))
        except MissionError as error:
            self.call_from_thread(self._cannot_open, str(error))
            return
        self.call_from_thread(self.call_later, self._show_header, reading, opened)

    async def _show_header(self, reading: JsonlReading, path: Path) -> None:
        """Show a mission whose events are still to be read, and start reading them."""
        self._before_load = (self.mission, self.mission_path)
        self._initial_load = False
        await self.replace_mission(reading.header, path, notice="")
        self.loading = reading
        self._start_loading(reading)

    def _start_loading(self, reading: JsonlReading) -> None:
        """Show the progress line and read the events in a worker."""
        from tui.widgets.load_progress import LoadProgress

        progress = LoadProgress(id="loading")
        progress.total_bytes = reading.size
        self.main_screen.mount(progress, after=self.header)
        self.crew.disabled = True  # a person's details need their flights' events
        self.refresh_bindings()
        # After the next frame: the worker holds the GIL most of the time, and the first
        # frame (header, progress line, empty list) should not wait for it.
        self.call_after_refresh(self._read_events, reading)

    @work(thread=True, exclusive=True, group="load")
    def _read_events(self, reading: JsonlReading) -> None:
        """Read the events off the event loop, reporting progress at most ten times a
        second; once the events turn out not to be in time order, the partial list is
        dropped (the columns will be sorted in place) and the list appears when done."""
        worker = get_current_worker()
        last = 0.0
        shown = False

        def progress(events: int, done: int) -> None:
            nonlocal last, shown
            if worker.is_cancelled:
                raise _LoadCancelledError
            if shown and not reading.in_order():
                shown = False
                self.call_from_thread(self._drop_partial, reading)
            now = monotonic()
            if now - last < PROGRESS_INTERVAL:
                return
            last = now
            ordered = reading.in_order()
            partial = reading.snapshot() if ordered else None
            shown = shown or partial is not None
            self.post_message(self.LoadProgressed(reading, events, done, partial, ordered))

        try:
            mission = reading.finish(progress)
        except _LoadCancelledError:
            return
        except MissionError as error:
            self.post_message(self.Loaded(reading, None, str(error), error.exit_code))
        except Exception as error:  # a loader bug must not take the app down with it
            problem = f"{reading.name}: cannot be read ({type(error).__name__}: {error})"
            self.post_message(self.Loaded(reading, None, problem, ExitCode.IO_ERROR))
        else:
            self.post_message(self.Loaded(reading, mission, ""))

    def _drop_partial(self, reading: JsonlReading) -> None:
        """The events are not in time order: stop showing them until they are sorted."""
        if reading is not self.loading or not self.screen_stack:
            return
        from tui.widgets.load_progress import LoadProgress

        self.timeline.grow(reading.header)
        self.selected = None
        self.main_screen.query_one("#loading", LoadProgress).note = UNORDERED_NOTE

    @on(LoadProgressed)
    def _load_progressed(self, message: LoadProgressed) -> None:
        from tui.widgets.load_progress import LoadProgress

        if message.reading is not self.loading or not self.screen_stack:
            return  # a load that was replaced, or the app is closing
        progress = self.main_screen.query_one("#loading", LoadProgress)
        progress.events_read, progress.bytes_read = message.events, message.done
        if not message.ordered:
            progress.note = UNORDERED_NOTE
        if message.partial is not None:
            timeline = self.timeline
            first = not timeline.shown_events
            timeline.grow(message.partial)
            if first:
                timeline.select_position(0)

    @on(Loaded)
    async def _loaded(self, message: Loaded) -> None:
        if message.reading is not self.loading or not self.screen_stack:
            return
        self.loading = None
        await self.main_screen.query("#loading").remove()
        self.refresh_bindings()
        if message.mission is None:
            if self._initial_load:
                # The first frame is long gone: end the app; the CLI prints the problem.
                self.load_problem = (message.problem, message.exit_code)
                self.exit(return_code=message.exit_code)
                return
            if self._before_load is not None:
                await self.replace_mission(*self._before_load, notice="")
            self._cannot_open(message.problem)
            return
        timeline = self.timeline
        keep = timeline.selected if timeline.cursor_position > 0 else None
        count = len(message.mission.events)
        await self.replace_mission(
            message.mission,
            self.mission_path,
            notice=f"Loaded {count:,} event{'s' * (count != 1)}",
        )
        if keep is not None:
            self.timeline.select_event(keep.id)
            self.call_after_refresh(self.timeline.center_cursor)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.screen, TooSmallScreen):
            return action == "quit"
        if self.screen is not self.main_screen:
            # Help, a dialog or the palette is open: the timeline's keys wait until it closes,
            # so no dialog ever opens on top of another.
            return action in ("quit", "command_palette", "focus_next", "focus_previous")
        if self.loading is not None and action in WAIT_FOR_LOAD:
            return False
        if action in ("next_hit", "previous_hit"):
            return self.search is not None
        if action == "clear":
            return self.search is not None or self.event_filter is not None
        if action in ("reanchor", "copy_event"):
            return self.selected is not None
        if action == "crew":
            return bool(self.mission.people)
        return True

    # ----------------------------------------------------------------- keys, for help

    def key_rows(self, *, apply_keymap: bool = True) -> list[KeyRow]:
        """Every binding with an id, with the user's keymap applied (for help and README)."""
        from tui.screens.help import KeyRow

        keymap = self.config.keymap if apply_keymap else {}
        rows: dict[str, KeyRow] = {}
        for owner in (Timeline, MissionTimelineApp, CrewList, QueryBar):
            for binding in owner.BINDINGS:
                if not isinstance(binding, Binding) or binding.id is None:
                    continue
                keys = keymap.get(binding.id, binding.key)
                shown = ", ".join(_key_name(key) for key in keys.split(","))
                rows.setdefault(
                    binding.id, KeyRow(shown, binding.description, binding.tooltip, binding.id)
                )
        return list(rows.values())


_KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "question_mark": "?",
}


def _refusal(target: Path, shown: str, protect: list[Path]) -> str | None:
    """Why an export must not be written to `target`, or None. The TUI never replaces a file."""
    for protected in protect:
        try:
            if target.samefile(protected):
                return f"{shown} is the mission file being read; choose another file name"
        except OSError:
            continue
    if target.is_symlink() or target.exists():
        return f"{shown} already exists and was left as it is; choose another file name"
    return None


def _first_anchor(mission: Mission) -> Event | None:
    """The anchor a mission opens on: its launch, else its first event (none while its
    events are still being read)."""
    if not mission.events:
        return None
    return mission.reference_event or next(iter(mission.events), None)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _key_name(key: str) -> str:
    key = key.strip()
    return _KEY_NAMES.get(key, key)


def make_app(
    mission: Mission,
    *,
    config: Config | None = None,
    config_file: Path | None = None,
    save_settings: bool = True,
    mission_path: Path | None = None,
    loading: JsonlReading | None = None,
) -> MissionTimelineApp:
    """Build the app for a mission; the CLI and the tests both go through here.

    With `loading` (a JSON Lines file whose header has been read), the app opens on the
    header at once and reads the events in a worker; `mission` is then its header.

    Without `config`, the settings are read from the config file (a broken one is reported in
    the app and the defaults are used). `save_settings=False` never writes the file.
    """
    problems: tuple[str, ...] = ()
    if config is None:
        config, found = load_config(config_file)
        problems = tuple(found)
    return MissionTimelineApp(
        mission,
        config=config,
        config_file=config_file,
        config_problems=problems,
        save_settings=save_settings,
        mission_path=mission_path,
        loading=loading,
    )
