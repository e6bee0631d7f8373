"""The mission-timeline Textual app: settings, theme, keymap (opening files: `file_opening`).

The mission, the state of its view and its keys live in `MissionScreen`, the app's main
screen (`get_default_screen`); the app remembers the settings the user changes there, keeps
the layout fitting the terminal, and opens the files the screen shows.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from msgspec.structs import replace
from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.geometry import Size
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widget import AwaitMount

from data.clock.clock import RealClock, moment_of
from data.i18n import _
from data.model import Mission
from data.sanitize import sanitize_line
from tui import keymap
from tui.app_keys import APP_BINDINGS, KEY_GROUPS, KEY_OWNERS
from tui.compat import PALETTE_ID, palette_left_over  # (its work-arounds apply on import)
from tui.config import (
    Config,
    Remembered,
    config_path,
    load_config,
    load_remembered,
    quote_names,
    save_remembered,
    state_path,
)
from tui.file_opening import FileOpening
from tui.first_choices import first_theme, first_zone
from tui.key_order import KeysInOrder
from tui.screens.mission.layout import TOO_SMALL, fits
from tui.screens.mission.screen import MissionScreen
from tui.theme import MISSION_TIMELINE_THEME, readable

if TYPE_CHECKING:
    from data.clock.start import ClockStart
    from data.load.reading import MissionReading
    from tui.screens.help import KeyRow

# Dialogs, the help screen and the JSON Lines reader are imported where they are first used:
# the first frame does not need them, and start-up time is a feature (issue 6).


class MissionTimelineApp(FileOpening):
    """Shows one mission at a time (`MissionScreen`), with the user's settings."""

    CSS_PATH = "app.tcss"
    CURSOR_BLINK: ClassVar[bool] = True
    """Whether text inputs blink their cursor (the tests turn it off for stable snapshots)."""
    TITLE = "mission-timeline"
    _theme_chosen = False
    """Whether the first theme is set (`_start_with_theme`)."""

    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(
        self,
        mission: Mission,
        *,
        config: Config | None = None,
        remembered: Remembered | None = None,
        settings_problems: tuple[str, ...] = (),
        save_settings: bool = True,
        mission_path: Path | None = None,
        loading: MissionReading | None = None,
        served: bool = False,
        open_folder: Path | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.served = served
        """Whether the app runs in a browser (`mission-timeline serve`): exports are
        downloads; files open only from `open_folder` (`--allow-open`), if there is one."""
        self.open_folder = open_folder
        self._start_notice = notice
        """Shown once the mission is on screen (an imported file: what was not mapped)."""
        self.keys_in_order = KeysInOrder(self, super().on_event)
        """The keys and pastes from the terminal, handed on one at a time."""
        self.save_settings = save_settings
        self.load_problem: tuple[str, int] | None = None
        """Why the mission given on the command line could not be loaded, and the exit code:
        a problem found after the first frame ends the app (the CLI prints it)."""
        self.config = config or Config()
        """The user's settings (`config.toml`): read, never written."""
        self.remembered = remembered or Remembered()
        """The choices made in the app, remembered for the next start (`state.toml`)."""
        self._settings_problems = list(settings_problems)
        self._save_failed = False
        self.register_theme(MISSION_TIMELINE_THEME)
        problems = self._settings_problems
        self._start_with_theme(
            first_theme(self.config, self.remembered, self.available_themes, problems)
        )
        zone_key = self.first_key("zone-cycle")
        zone, zone_note = first_zone(self.config, self.remembered, zone_key, problems)
        self.main_screen = MissionScreen(
            mission,
            mission_path=mission_path,
            reading=loading,
            zone=zone,
            zone_note=zone_note,
            cursor_blink=self.CURSOR_BLINK,
            size=self.size,
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
        for problem in self._settings_problems:
            self._warn(problem, title=_("Settings"), timeout=8)
        if self._start_notice:
            self.notify(sanitize_line(self._start_notice), markup=False)

    # ----------------------------------------------------------------- settings

    def _start_with_theme(self, name: str) -> None:
        """Set the first theme without its watcher, which would parse and apply every
        stylesheet again before the first frame (about 10 ms); nothing is styled yet."""
        theme = self.get_theme(name)
        assert theme is not None  # registered above, or checked against available_themes
        self._theme_chosen = True
        self.set_reactive(App.theme, theme.name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)

    def get_css_variables(self) -> dict[str, str]:
        """The active theme's variables, its text colours made readable (`tui.theme`).
        (Textual's `App.__init__` asks first, for its default theme, which
        `_start_with_theme` replaces before anything is styled: it gets none, not the
        default theme's worked out for nothing, about 1% of the start-up.)"""
        if not self._theme_chosen:
            return {}
        variables = readable(super().get_css_variables(), self.ansi_theme)
        self.theme_variables = variables
        return variables

    def _apply_keymap(self) -> None:
        wanted = self.config.keymap
        if not wanted:
            return
        known = {row.id for row in self.key_rows(apply_keymap=False)}
        unknown = sorted(set(wanted) - known)
        if unknown:
            self._settings_problems.append(
                _("Unknown binding ids in [keymap] of {path}: {ids}").format(
                    path=config_path(), ids=quote_names(unknown)
                )
            )
        self.set_keymap({binding_id: wanted[binding_id] for binding_id in known & set(wanted)})

    @on(MissionScreen.ZoneChanged)
    def _zone_changed(self, message: MissionScreen.ZoneChanged) -> None:
        self._remember(replace(self.remembered, zone=message.zone))

    def _on_theme_changed(self, theme: object) -> None:
        self._remember(replace(self.remembered, theme=self.theme))

    def _remember(self, remembered: Remembered) -> None:
        """Remember the user's choices for the next start, in `state.toml` (never in the
        user's `config.toml`); a file that cannot be written is reported once."""
        self.remembered = remembered
        if not self.save_settings:
            return
        try:
            save_remembered(remembered)
        except OSError as error:
            if not self._save_failed:
                self._save_failed = True
                self._warn(
                    _("Cannot remember your choices in {path}: {error}").format(
                        path=state_path(), error=error
                    )
                )

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
        showing = self.screen.id == TOO_SMALL
        if too_small and not showing:
            from tui.screens.too_small import TooSmallScreen

            self.push_screen(TooSmallScreen())
        elif not too_small and showing:
            self.pop_screen()

    # ----------------------------------------------------------------- keys

    async def on_event(self, event: events.Event) -> None:
        # Keys and pastes from the terminal go one at a time, each once the one before is
        # done (tui.key_order): what follows `/` reaches the search field it opened.
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            await self.keys_in_order.receive(event)
        else:
            await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.screen.id == TOO_SMALL:
            return action == "quit"
        if self.screen is not self.main_screen:
            # Help, a dialog or the palette is open: the timeline's keys wait until it closes,
            # so no dialog ever opens on top of another.
            return action in ("quit", "command_palette", "focus_next", "focus_previous")
        if action == "open":
            return self.main_screen.reading is None  # one mission file at a time
        return True

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette commands in the interface's language (`in_language`), but
        "Keys and help" (found by either word) opens the app's help screen (as `?` does),
        which lists the app's keys and closes on escape or `?`. Textual's key panel listed
        bindings the app does not have, squeezed the timeline and stayed open. Offered on
        the main screen only: help never opens over a dialog."""
        from tui.commands import in_language  # the palette's module: not for the first frame

        own_panel = (self.action_show_help_panel, self.action_hide_help_panel)
        for command in super().get_system_commands(screen):
            if command.callback not in own_panel:
                yield in_language(command)
            elif screen is self.main_screen:
                yield SystemCommand(
                    _("Keys and help"), _("List every key on the help screen"), self.action_help
                )

    def action_command_palette(self) -> None:
        """Textual's `App.action_command_palette`, with `tui.compat`'s guard, and the search
        field's placeholder in the interface's language."""
        if not self.use_command_palette or isinstance(self.screen, CommandPalette):
            return
        if not palette_left_over(self):
            placeholder = _("Search for commands…")
            self.push_screen(CommandPalette(id=PALETTE_ID, placeholder=placeholder))

    def search_themes(self) -> None:
        """Textual's theme picker, its placeholder in the interface's language."""
        placeholder = _("Search for themes…")
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=placeholder))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.key_rows()))

    def key_rows(self, *, apply_keymap: bool = True) -> list[KeyRow]:
        """Every binding with an id, with the user's keymap applied (for help and README)."""
        return keymap.key_rows(KEY_GROUPS, self.config.keymap if apply_keymap else {})

    def first_key(self, binding_id: str) -> str:
        """The first key of a binding as the user has it (keymap applied), for a hint."""
        return keymap.first_key(KEY_OWNERS, self.config.keymap, binding_id)


def make_app(
    mission: Mission,
    *,
    config: Config | None = None,
    remembered: Remembered | None = None,
    save_settings: bool = True,
    mission_path: Path | None = None,
    loading: MissionReading | None = None,
    served: bool = False,
    open_folder: Path | None = None,
    notice: str | None = None,
    clock: ClockStart | None = None,
    real: RealClock = time.time,
) -> MissionTimelineApp:
    """Build the app for a mission; the CLI and the tests both go through here.

    With `loading` (a JSON Lines file whose header has been read), the app opens on the
    header at once and reads the events in a worker; `mission` is then its header.

    Without `config`, the settings are read from the settings folder: `config.toml` and what
    `state.toml` remembers (a broken file is reported in the app and the defaults are used).
    With `config`, no file is read: `remembered` is what is remembered, if anything.
    `save_settings=False` never writes `state.toml`; `config.toml` is never written.
    `served`: the app runs in a browser, where `open_folder` (if any) is the only folder
    whose files may be opened. `clock`: how the mission clock starts (`--at`, `--speed`,
    `--live`; None: live if the mission is happening now, else no clock until a clock key),
    reading `real` (a test's fake real clock).
    """
    problems: list[str] = []
    if config is None:
        config, problems = load_config()
        if remembered is None:
            remembered, more = load_remembered()
            problems += more
    app = MissionTimelineApp(
        mission,
        config=config,
        remembered=remembered,
        settings_problems=tuple(problems),
        save_settings=save_settings,
        mission_path=mission_path,
        loading=loading,
        served=served,
        open_folder=open_folder,
        notice=notice,
    )
    screen = app.main_screen
    screen.real = real
    if clock is None:
        from data.clock.start import live_if_happening

        clock = live_if_happening(mission, real())
    if clock is not None:
        anchor = screen.anchor_event
        screen.clock = clock.clock(real, None if anchor is None else moment_of(anchor.when))
    return app
