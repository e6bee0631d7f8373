"""The mission-timeline Textual app: settings, theme, keymap, and opening mission files.

The mission, the state of its view and its keys live in `MissionScreen`, the app's main
screen (`get_default_screen`); the app remembers the settings the user changes there, keeps
the layout fitting the terminal, and opens the files the screen shows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.widget import AwaitMount

import tui.compat  # noqa: F401  (work-arounds for Textual bugs, applied on import)
from data.load.loader import MissionError, load_mission
from data.model import Mission
from data.sanitize import quote, sanitize_line
from tui.config import Config, config_path, load_config, quote_names, save_config
from tui.detached import in_daemon_thread
from tui.screens.mission.screen import MissionScreen
from tui.screens.too_small import TooSmallScreen, fits
from tui.theme import HOUSE_THEME, MISSION_TIMELINE_THEME
from tui.widgets.crew_pane import CrewList
from tui.widgets.query_bar import QueryBar
from tui.widgets.timeline import Timeline
from tui.zones import check_zone

if TYPE_CHECKING:
    from data.load.jsonl import JsonlReading
    from tui.screens.help import KeyRow

# Dialogs, the help screen and the JSON Lines reader are imported where they are first used:
# the first frame does not need them, and start-up time is a feature (issue 6).

_KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "question_mark": "?",
}


class MissionTimelineApp(App[None]):
    """Shows one mission at a time (`MissionScreen`), with the user's settings."""

    CSS_PATH = "app.tcss"
    CURSOR_BLINK: ClassVar[bool] = True
    """Whether text inputs blink their cursor (the tests turn it off for stable snapshots)."""
    TITLE = "mission-timeline"

    BINDINGS: ClassVar[list[BindingType]] = [
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
        self.load_problem: tuple[str, int] | None = None
        """Why the mission given on the command line could not be loaded, and the exit code:
        a problem found after the first frame ends the app (the CLI prints it)."""
        self.config_file = config_file or config_path()
        self.config = config or Config()
        self._config_problems = list(config_problems)
        self._save_failed = False
        self.register_theme(MISSION_TIMELINE_THEME)
        self._start_with_theme(self.config.theme)
        self.main_screen = MissionScreen(
            mission,
            mission_path=mission_path,
            reading=loading,
            zone=self._configured_zone(),
            cursor_blink=self.CURSOR_BLINK,
        )
        """The screen with the timeline (dialogs and help are pushed on top of it)."""

    def get_default_screen(self) -> MissionScreen:
        return self.main_screen

    async def on_mount(self) -> None:
        # The main screen mounts in a task of its own: the app is ready (to draw its first
        # frame, and for the tests) once that screen shows its mission.
        await AwaitMount(self.main_screen, [self.main_screen])
        self._apply_keymap()
        self.theme_changed_signal.subscribe(self, self._on_theme_changed)
        self._check_size()
        for problem in self._config_problems:
            self._warn(problem, title="Config", timeout=8)

    # ----------------------------------------------------------------- settings

    def _start_with_theme(self, name: str | None) -> None:
        """Set the first theme without its watcher, which would parse and apply every
        stylesheet again before the first frame (about 10 ms); nothing is styled yet."""
        if name is not None and name not in self.available_themes:
            self._config_problems.append(
                f"Unknown theme {quote(name)} in {self.config_file}; using {HOUSE_THEME}"
            )
            name = None
        theme = self.get_theme(name or HOUSE_THEME)
        assert theme is not None  # registered above, or checked against available_themes
        self.set_reactive(App.theme, theme.name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)

    def _configured_zone(self) -> str:
        """The zone from the config file, or UTC (with a problem noted) if it is unknown."""
        if self.config.zone is None:
            return "UTC"
        try:
            return check_zone(self.config.zone)
        except ValueError as error:
            self._config_problems.append(
                f"Zone {quote(self.config.zone)} in {self.config_file}: {error}; using UTC"
            )
            return "UTC"

    def _apply_keymap(self) -> None:
        keymap = self.config.keymap
        if not keymap:
            return
        known = {row.id for row in self.key_rows(apply_keymap=False)}
        unknown = sorted(set(keymap) - known)
        if unknown:
            self._config_problems.append(
                f"Unknown binding ids in [keymap] of {self.config_file}: {quote_names(unknown)}"
            )
        self.set_keymap({binding_id: keymap[binding_id] for binding_id in known & set(keymap)})

    @on(MissionScreen.ZoneChanged)
    def _zone_changed(self, message: MissionScreen.ZoneChanged) -> None:
        self._save(zone=message.zone)

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
                self._warn(f"Cannot save settings to {self.config_file}: {error}")

    def _warn(self, message: str, *, title: str = "", timeout: float | None = None) -> None:
        """A warning about the settings: the file's text in it is untrusted, so it is shown
        as one sanitised line, never as markup."""
        self.notify(
            sanitize_line(message),
            title=title,
            severity="warning",
            markup=False,
            timeout=timeout,
        )

    # ----------------------------------------------------------------- the terminal's size

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size: Size | None = None) -> None:
        """The layout that fits; the too-small notice below the minimum size."""
        size = size or self.size
        if self.screen_stack:
            self.main_screen.fit(size)
        too_small = not fits(size)
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif not too_small and showing:
            self.pop_screen()

    # ----------------------------------------------------------------- opening a mission file

    def action_open(self) -> None:
        from tui.screens.open_dialog import OpenDialog

        self.push_screen(OpenDialog(cursor_blink=self.CURSOR_BLINK), self._open_chosen)

    def _open_chosen(self, path: str | None) -> None:
        if path is not None:
            self.open_mission(path)

    @work(exclusive=True, group="open")
    async def open_mission(self, path: str) -> None:
        """Load a mission file in a thread that quitting never waits for (`tui.detached`); a
        bad one leaves the current mission. Of a JSON Lines file only the header is read
        there: the main screen reads its events."""
        from data.load.jsonl import is_jsonl, open_jsonl

        opened = Path(path).expanduser()
        screen = self.main_screen
        show: Callable[[], Awaitable[None]]
        try:
            if is_jsonl(path):
                reading = await in_daemon_thread(partial(open_jsonl, str(opened)), name="open")
                show = partial(screen.read_mission, reading, opened)
            else:
                mission = await in_daemon_thread(partial(load_mission, opened), name="open")
                show = partial(screen.replace_mission, mission, opened)
        except MissionError as error:
            self._cannot_open(str(error))
        except Exception as error:  # a loader bug must not take the app down with it
            self._cannot_open(f"{path}: cannot be read ({type(error).__name__}: {error})")
        else:
            self.call_later(show)

    def _cannot_open(self, problem: str) -> None:
        """The error dialog for a mission file that could not be opened."""
        from tui.screens.error_dialog import ErrorDialog

        self.push_screen(ErrorDialog("Cannot open this mission file", problem))

    @on(MissionScreen.LoadFailed)
    def _load_failed(self, message: MissionScreen.LoadFailed) -> None:
        if message.kept:
            self._cannot_open(message.problem)
            return
        # The mission given on the command line: the first frame is long gone, so the app
        # ends and the CLI prints the problem.
        self.load_problem = (message.problem, message.exit_code)
        self.exit(return_code=message.exit_code)

    # ----------------------------------------------------------------- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.screen, TooSmallScreen):
            return action == "quit"
        if self.screen is not self.main_screen:
            # Help, a dialog or the palette is open: the timeline's keys wait until it closes,
            # so no dialog ever opens on top of another.
            return action in ("quit", "command_palette", "focus_next", "focus_previous")
        if action == "open":
            return self.main_screen.reading is None  # one mission file at a time
        return True

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.key_rows()))

    def key_rows(self, *, apply_keymap: bool = True) -> list[KeyRow]:
        """Every binding with an id, with the user's keymap applied (for help and README)."""
        from tui.screens.help import KeyRow

        keymap = self.config.keymap if apply_keymap else {}
        rows: dict[str, KeyRow] = {}
        for owner in (Timeline, MissionScreen, MissionTimelineApp, CrewList, QueryBar):
            for binding in owner.BINDINGS:
                if not isinstance(binding, Binding) or binding.id is None:
                    continue
                keys = keymap.get(binding.id, binding.key)
                shown = ", ".join(_key_name(key) for key in keys.split(","))
                rows.setdefault(
                    binding.id, KeyRow(shown, binding.description, binding.tooltip, binding.id)
                )
        return list(rows.values())


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
