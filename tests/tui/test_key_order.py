"""Keys typed with no pause reach what the keys before them opened (tui.key_order).

Every burst is posted at once, as a terminal delivers a paste or a script's keys, without
waiting for the app between keys (`terminal.key`); the test then waits for the state the
whole burst leads to. The same in a real terminal: tests/tui/test_pty.py.
"""

from __future__ import annotations

from textual import events
from textual.command import CommandPalette
from textual.widgets import Input, Select

from data.facts.derived import TimeMode
from tui.app import MissionTimelineApp
from tui.screens.export_dialog import ExportDialog
from tui.screens.help import HelpScreen

from .terminal import key
from .waiting import settled, until

SIZE = (120, 40)
TYPED = {":": "colon", "/": "slash", " ": "space", ".": "full_stop"}


def burst(app: MissionTimelineApp, *keys: str) -> None:
    """Post `keys` (key names, or single characters) all at once."""
    for name in keys:
        if len(name) == 1 and name in TYPED:
            app.post_message(events.Key(TYPED[name], name))
        else:
            key(app, name)


def typed(text: str) -> list[str]:
    return list(text)


async def test_letters_after_slash_go_to_the_search_field(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        # Each of these letters is also a key of the timeline: open, export, quit, zone.
        burst(app, "slash", *typed("oeqz"))
        await until(pilot, lambda: screen.query_bar.display, "the search field open")
        await settled(pilot)
        assert screen.query_bar.input.value == "oeqz"
        assert app.screen is screen and app.is_running and screen.zone == "UTC"


async def test_enter_then_a_key_reaches_the_timeline_again(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        burst(app, "slash", *typed("dock"), "enter", "z", "t")
        await until(pilot, lambda: screen.mode is TimeMode.T_MINUS, "t handled")
        await settled(pilot)
        assert screen.search is not None and screen.search.query == "dock"
        assert not screen.query_bar.display and screen.zone != "UTC"


async def test_a_filter_typed_in_one_burst_is_applied(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        burst(app, "f", *typed("kind:launch"), "enter", "z")
        await until(pilot, lambda: screen.zone != "UTC", "z handled")
        await settled(pilot)
        assert screen.event_filter is not None and screen.event_filter.text == "kind:launch"


async def test_keys_before_slash_are_handled_first(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        start = screen.timeline.cursor_position
        burst(app, "j", "j", "slash", "x")
        await until(pilot, lambda: screen.query_bar.display, "the search field open")
        await settled(pilot)
        assert screen.query_bar.input.value == "x"
        assert screen._search_origin == start + 2  # the search began after both moves


async def test_a_paste_after_slash_goes_to_the_search_field(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        burst(app, "slash")
        app.post_message(events.Paste("docks"))
        await until(pilot, lambda: screen.query_bar.display, "the search field open")
        await settled(pilot)
        assert screen.query_bar.input.value == "docks"


async def test_keys_reach_a_dialog_being_mounted(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "e", "space")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        await settled(pilot)
        assert app.screen.query_one("#format", Select).expanded  # space reached the list
        burst(app, "escape", "tab", "tab", "end", *typed(".md"))
        await settled(pilot)
        assert app.screen.query_one("#path", Input).value == "soyuz-ms-19.txt.md"


async def test_a_dialog_closed_in_a_burst_gives_the_next_key_back(
    app: MissionTimelineApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        burst(app, "e", "escape", "question_mark", "escape", "z")
        await until(pilot, lambda: screen.zone != "UTC", "z handled")
        await settled(pilot)
        assert app.screen is screen
        assert not any(isinstance(s, ExportDialog | HelpScreen) for s in app.screen_stack)


async def test_letters_after_ctrl_p_go_to_the_palette(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "ctrl+p", *typed("zone"))
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await settled(pilot)
        assert app.screen.query_one(Input).value == "zone"
        assert app.main_screen.zone == "UTC"
