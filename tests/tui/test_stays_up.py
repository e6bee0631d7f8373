"""The app stays up: any terminal size, rapid resizes, the resize hangs and the other crashes
found by the monkey (tests/tui/test_monkey.py), each fixed in tui.compat (issue 5).

The resize-hang regressions run in a child process (tests/tui/child_process.py: this module,
run as `python -m tests.tui.test_stays_up SCENARIO - TIMEOUT`), so a hang fails the test
instead of stopping the suite.
"""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path
from typing import ClassVar

import pytest
from textual import events
from textual.app import App
from textual.command import CommandInput, CommandPalette, Hit, Hits, Provider
from textual.geometry import Size
from textual.widgets import Button, Input, OptionList, Static

from data.model import Mission
from data.opening import load_mission
from tui.app import MissionTimelineApp, make_app
from tui.screens.export_dialog import ExportDialog
from tui.screens.help import HelpScreen
from tui.screens.too_small import TooSmallScreen

from .child_process import Scenario, child_main, run_child
from .hostile import HOSTILE
from .terminal import key, mouse, quit_with_q, resize
from .waiting import until


@pytest.fixture(scope="module")
def hostile() -> Mission:
    return load_mission(HOSTILE)


async def _assert_normal(app: MissionTimelineApp, pilot: object, event_id: str) -> None:
    """The main screen is back and working at 120x40."""
    assert not isinstance(app.screen, TooSmallScreen)
    assert app.main_screen.timeline.has_focus
    await pilot.press("down", "up")  # type: ignore[attr-defined]
    assert app.main_screen.selected is not None and app.main_screen.selected.id == event_id
    assert app.main_screen.timeline.scrollable_content_region.height > 0


# ----------------------------------------------------------------- sizes


@pytest.mark.parametrize(
    "size", [(1, 1), (2, 1), (1, 2), (10, 3), (59, 15), (60, 16), (80, 24), (300, 100)]
)
async def test_any_size_raises_nothing_and_recovers(
    hostile: Mission, size: tuple[int, int]
) -> None:
    app = make_app(hostile, save_settings=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, TooSmallScreen) == (size[0] < 60 or size[1] < 16)
        app.main_screen.timeline.select_event("docking")
        await pilot.resize_terminal(120, 40)
        await _assert_normal(app, pilot, "docking")


async def test_every_width_and_height_in_turn(hostile: Mission) -> None:
    app = make_app(hostile, save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main_screen.timeline.select_event("filming")
        for width in range(1, 301, 7):
            resize(app, width, 40)
            await asyncio.sleep(0)
        for height in range(1, 101, 3):
            resize(app, 120, height)
            await asyncio.sleep(0)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await _assert_normal(app, pilot, "filming")


async def test_rapid_resizes_with_dialogs_open(hostile: Mission) -> None:
    app = make_app(hostile, save_settings=False)
    rng = random.Random(5)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main_screen.timeline.select_event("docking")
        for opener in ("question_mark", "e", "o", "slash", "c"):
            await pilot.press(opener)
            for _ in range(60):
                resize(app, rng.randint(1, 300), rng.randint(1, 100))
            await pilot.pause()
            await pilot.resize_terminal(120, 40)
            await pilot.press("escape")
            assert app.is_running
        await pilot.resize_terminal(120, 40)
        app.main_screen.timeline.focus()
        await pilot.pause()
        await _assert_normal(app, pilot, "docking")


async def test_a_dialog_over_the_too_small_notice_leaves_no_notice_behind(
    hostile: Mission,
) -> None:
    """Monkey seed 18: a dialog opened while the notice showed; the terminal grew meanwhile,
    so once the dialog closed the notice stayed up on a large terminal."""
    from tui.screens.error_dialog import ErrorDialog

    app = make_app(hostile, save_settings=False)
    async with app.run_test(size=(50, 10)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TooSmallScreen), "the notice shows")
        app.main_screen.timeline.select_event("docking")
        app.push_screen(ErrorDialog("Problem", "a dialog over the notice"))
        await pilot.resize_terminal(120, 40)
        assert isinstance(app.screen, ErrorDialog)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.main_screen, "the main screen is back")
        assert not any(isinstance(screen, TooSmallScreen) for screen in app.screen_stack)
        await _assert_normal(app, pilot, "docking")


# ----------------------------------------------------------------- resize hangs

SHORTEST_HANG = [
    ("key", "question_mark"),
    ("key", "D"),
    ("key", "delete"),
    ("resize", 56, 99),
    ("resize", 246, 77),
]
"""What monkey seed 19 came down to (by bisecting its actions) before tui.compat's Screen
resize work-around: open help; two keys that do nothing there (they only let the event loop
turn); a size too narrow for the app (the too-small notice opens over help) and at once a
large one (it closes again). The app then never answered again."""


async def help_then_too_small_and_back(argument: str) -> None:
    app = make_app(load_mission(HOSTILE), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for action in SHORTEST_HANG:
            if action[0] == "key":
                key(app, str(action[1]))
            else:
                resize(app, int(action[1]), int(action[2]))
            print(*action, flush=True)
            await asyncio.sleep(0)
            if action == ("key", "question_mark"):  # it bubbles up from the timeline
                await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help open")
        # The app hands a resize to its screens on a timer (1/120 s): wait for both to have it.
        await until(
            pilot,
            lambda: app.screen.size == app.main_screen.size == Size(246, 77),
            "help and the main screen laid out at 246x77",
        )
        assert isinstance(app.screen, HelpScreen), app.screen
        await quit_with_q(app, pilot)


class _OneLine(App[None]):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("one line")


async def stale_resizes_in_a_batch(argument: str) -> None:
    """Textual's side of the hang, without this app: two Resize events of different sizes
    queued for a screen, each followed by another message, while an update batch is open."""
    import tui.compat  # noqa: F401

    app = _OneLine()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        with app.batch_update():
            # A message after each Resize keeps them from being merged (as the batch's
            # `_compositor_refresh` callbacks did in the app).
            screen.post_message(events.Resize(Size(50, 20), Size(50, 20)))
            screen.call_later(lambda: None)
            screen.post_message(events.Resize(Size(100, 30), Size(100, 30)))
            screen.call_later(lambda: None)
            for _ in range(5):
                await asyncio.sleep(0)  # the screen handles its queue, inside the batch
        await pilot.pause()
        assert screen.size == app.size == Size(80, 24)
        print("screen", screen.size, flush=True)


SCENARIOS: dict[str, Scenario] = {
    "help-then-too-small-and-back": help_then_too_small_and_back,
    "stale-resizes-in-a-batch": stale_resizes_in_a_batch,
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_resize_hangs_fixed(scenario: str, tmp_path: Path) -> None:
    """tui.compat: Textual 8.2 livelocked a screen that had stale Resize events queued."""
    run = run_child(__spec__.name, scenario, "-", tmp_path)
    if run.failure is not None:
        pytest.fail(run.failure, pytrace=False)


# ----------------------------------------------------------------- Textual work-arounds


class _ListWithoutRoom(App[None]):
    """An option list that has no room to lay out its lines."""

    CSS = "OptionList { height: 0; }"

    def compose(self):  # type: ignore[no-untyped-def]
        yield OptionList("one", "two", "three")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.highlighted = 1
        option_list.focus()


async def test_page_keys_in_an_option_list_without_room() -> None:
    """tui.compat: Textual 8.2's OptionList raised KeyError here (the monkey found it)."""
    import tui.compat  # noqa: F401

    app = _ListWithoutRoom()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.press("pagedown", "pageup")
        assert app.is_running
        assert app.query_one(OptionList).highlighted == 1


async def test_a_late_press_on_a_covered_dialog_is_dropped(hostile: Mission) -> None:
    """tui.compat: Textual 8.2's Screen.dismiss popped the screen on top of the dialog (the
    too-small notice), and the dialog's next dismiss raised InvalidStateError (monkey seed 2)."""
    app = make_app(hostile, save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.resize_terminal(1, 1)
        assert isinstance(app.screen, TooSmallScreen)
        dialog.query_one("#cancel", Button).press()  # a click that was on its way
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(120, 40)
        assert app.screen_stack[-1] is dialog
        await pilot.press("escape")
        assert app.screen is app.main_screen
        assert app.is_running


class _NotedCommands(Provider):
    """A command provider that notes every search it is asked to run."""

    searches: ClassVar[list[str]] = []

    async def search(self, query: str) -> Hits:
        self.searches.append(query)
        yield Hit(1, "thing", lambda: None)


class _WithPalette(App[None]):
    COMMANDS: ClassVar = {_NotedCommands}

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("one line")


async def test_no_palette_search_after_the_palette_closed() -> None:
    """tui.compat: in Textual 8.2, text typed into the palette just before escape started a
    search after the palette had closed; the search then failed on the removed palette and
    took the app down (NoMatches: CommandList; monkey seed 9)."""
    import tui.compat  # noqa: F401

    app = _WithPalette()
    _NotedCommands.searches.clear()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        typed = Input.Changed(palette.query_one(CommandInput), "th")
        palette.post_message(typed)  # typed text, still on its way when escape is handled
        await palette.run_action("escape")
        await until(pilot, lambda: not palette.is_attached, "the palette removed")
        await app.workers.wait_for_complete()  # a search started after all would be done now
        await pilot.pause()
        assert app.screen is not palette
        assert app.is_running
    assert _NotedCommands.searches == []


async def test_a_click_outside_the_palette_after_a_shrink() -> None:
    """tui.compat: Textual 8.2's command palette raised NoWidget for a click where nothing is
    (sent before the terminal shrank) and took the app down (monkey seed 17)."""
    import tui.compat  # noqa: F401

    app = _WithPalette()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        palette.post_message(events.Click(**mouse(100, 30)))
        await pilot.pause()
        assert app.is_running
        assert app.screen is palette


async def test_the_palette_again_while_the_last_one_is_removed() -> None:
    """tui.compat: Textual 8.2 raised DuplicateIds for ctrl+p pressed while the palette that
    was just closed was still being removed (monkey seed 4, on a busy machine)."""
    import tui.compat  # noqa: F401

    app = _WithPalette()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        first = app.screen
        assert isinstance(first, CommandPalette)
        await first.run_action("escape")
        await app.run_action("command_palette")  # before the first palette is gone
        assert not isinstance(app.screen, CommandPalette)
        await pilot.pause()
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        assert app.screen is not first
        assert app.is_running


class _OneWidgetToRemove(App[None]):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("some text to select", id="gone")


async def test_a_mouse_down_on_a_widget_just_removed() -> None:
    """tui.compat: in Textual 8.2 a mouse down on a widget removed a moment before (still in
    the layout map) began a selection in it and raised AttributeError (monkey seed 1)."""
    import tui.compat  # noqa: F401

    app = _OneWidgetToRemove()
    async with app.run_test(size=(40, 5)) as pilot:
        gone = app.query_one("#gone")
        await gone.remove()
        assert app.screen.get_widget_and_offset_at(2, 0) == (None, None)
        app.screen._forward_event(events.MouseDown(**mouse(2, 0)))
        await pilot.pause()
        assert app.is_running


if __name__ == "__main__":
    sys.exit(child_main(SCENARIOS, sys.argv[1:]))
