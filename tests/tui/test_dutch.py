"""The app in Dutch: the zones' names (Belgische tijd), the header, the footer, the palette
(its commands, Textual's own and its placeholder), the zone picker's "zoals vermeld", the
time-axis view's row names, the too-small notice; and Textual's palette words all in the
catalog."""

from __future__ import annotations

import ast
import inspect
import textwrap

from textual.app import App
from textual.command import CommandInput, CommandPalette

from data.i18n import _, use
from data.i18n import language as current_language
from data.times.display import STATED
from tui.app import MissionTimelineApp
from tui.commands import TEXTUAL_WORDS
from tui.screens.help import KeyRow
from tui.screens.zone_picker import ZonePicker
from tui.widgets.key_footer import KeyFooter
from tui.widgets.time_axis_rows import label_width
from tui.zones import check_zone, describe

from .screen_text import region_lines, screen_lines
from .waiting import keys_done, palette_options, palette_shows, settled, until


def test_zones_have_dutch_names(in_dutch: None) -> None:
    assert describe("Europe/Brussels") == "Belgische tijd · Europe/Brussels"
    assert describe("Europe/Moscow") == "Moskouse tijd · Europe/Moscow"
    assert describe(STATED) == "zoals vermeld"
    assert describe("UTC") == "UTC"


def test_the_zone_as_stated_is_typed_in_either_language(in_dutch: None) -> None:
    for typed in ("stated", "as stated", "zoals vermeld", "Zoals Vermeld"):
        assert check_zone(typed) == STATED


async def test_the_main_screen_speaks_dutch(in_dutch: None, app: MissionTimelineApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        app.main_screen.set_zone("Europe/Brussels")
        await pilot.press("t")
        await keys_done(pilot)
        header = screen_lines(app)[1]
        assert "zone Belgische tijd · Europe/Brussels" in header, header
        assert "tijd T-/T+ vanaf Launch of Soyuz MS-19" in header, header
        footer = region_lines(app, app.query_one(KeyFooter).region)[0]
        for shown in ("z Tijdzone", "/ Zoeken", "? Hulp", "q Afsluiten", "^p Palet"):
            assert shown in footer, footer
        screen = "\n".join(screen_lines(app))
        assert "Tijdlijn" in screen and "Gebeurtenis" in screen and "Bemanning" in screen
        assert "lancering" in screen  # the kind column
        assert "Zoals vermeld:" in screen  # the detail pane's labels


async def test_the_palette_speaks_dutch(in_dutch: None, app: MissionTimelineApp) -> None:
    """Its placeholder, the mission's commands and Textual's own (the theme picker too)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        field = app.screen.query_one(CommandInput)
        assert field.placeholder == "Opdrachten zoeken…"
        await palette_shows(pilot, "tijdzone: Belgische tijd (Europe/Brussels)", first=False)
        await pilot.press(*"thema")
        await palette_shows(pilot, "Thema")
        assert "Het thema wijzigen" in " ".join(palette_options(pilot))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the theme picker")
        picker = app.screen.query_one(CommandInput)
        await until(pilot, lambda: picker.placeholder == "Thema's zoeken…", "its placeholder")


async def test_the_zone_picker_takes_zoals_vermeld(in_dutch: None, app: MissionTimelineApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.main_screen.action_pick_zone()
        await until(pilot, lambda: isinstance(app.screen, ZonePicker), "the zone picker")
        await pilot.press(*"zoals vermeld", "enter")
        await until(pilot, lambda: app.screen is app.main_screen, "the picker closed")
        assert app.main_screen.zone == STATED


def test_the_time_axis_row_names_get_their_room(in_dutch: None) -> None:
    """`gebeurtenissen` (14 cells) names the events row: the column widens for it."""
    assert label_width() == len(_("events")) + 1 == 15


def test_every_word_of_textual_s_palette_is_in_the_catalog() -> None:
    """The titles and help of every palette command Textual's `get_system_commands` may
    offer (read from its source: some only while a widget is maximized) are translated as
    `TEXTUAL_WORDS` lists them; a command a new Textual adds is missed here first. (Its
    key panel's "Keys" is replaced by the app's help.)"""
    tree = ast.parse(textwrap.dedent(inspect.getsource(App.get_system_commands)))
    found = [
        [arg.value for arg in node.args[:2] if isinstance(arg, ast.Constant)]
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "SystemCommand"
    ]
    words = {word for pair in found for word in pair}
    panel = {"Keys", "Show help for the focused widget and a summary of available keys"}
    panel.add("Hide the keys and widget help panel")
    assert len(found) >= 6 and panel <= words
    assert words - panel == set(TEXTUAL_WORDS)


async def test_the_too_small_notice_speaks_dutch(in_dutch: None, app: MissionTimelineApp) -> None:
    async with app.run_test(size=(50, 12)) as pilot:
        await settled(pilot)
        screen = " ".join(" ".join(screen_lines(app)).split())
        assert "Terminal te klein" in screen and "minstens 60x16 nodig, nu 50x12." in screen
        assert "Maak het venster groter, of sluit af met q." in screen  # whole at 50 columns


def test_every_key_is_described_in_dutch(in_dutch: None, app: MissionTimelineApp) -> None:
    """Each binding the help lists has a Dutch description and explanation of its own (an
    empty one would be translated into the catalog's header)."""
    english = {row.id: row for row in _rows_in("en", app)}
    for row in app.key_rows():
        assert row.description and row.tooltip and row.group, row
        assert "Project-Id-Version" not in row.tooltip + row.description, row.id
        assert row.tooltip != english[row.id].tooltip, f"{row.id} is explained in English"


def _rows_in(language: str, app: MissionTimelineApp) -> list[KeyRow]:
    """The app's key rows in `language`, the language in use again afterwards."""
    before = current_language()
    use(language)
    try:
        return app.key_rows()
    finally:
        use(before)
