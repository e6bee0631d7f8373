"""The app stays up: any terminal size and rapid resizes on the hostile mission (issue 5).

The seeded monkey of issue 5 is not here: it hangs the app inside Textual's layout after a
screen resize on several seeds, so it cannot run in CI until that is fixed (see issue 5)."""

from __future__ import annotations

import asyncio
import random

import pytest
from textual import events
from textual.app import App
from textual.geometry import Size
from textual.widgets import OptionList

from data.loader import load_mission
from data.model import Mission
from tui.app import MissionTimelineApp, make_app
from tui.screens.too_small import TooSmallScreen

from .hostile import HOSTILE


@pytest.fixture(scope="module")
def hostile() -> Mission:
    return load_mission(HOSTILE)


def _resize(app: App[None], width: int, height: int) -> None:
    """What a terminal's SIGWINCH does: the driver learns the size, the app gets a Resize.

    (`Pilot.resize_terminal` does the same, then waits for the app to go idle.)"""
    size = Size(width, height)
    app._driver._size = size  # type: ignore[union-attr]  # the headless driver's size
    app.post_message(events.Resize(size, size))


async def _assert_normal(app: MissionTimelineApp, pilot: object, event_id: str) -> None:
    """The main screen is back and working at 120x40."""
    assert not isinstance(app.screen, TooSmallScreen)
    assert app.timeline.has_focus
    await pilot.press("down", "up")  # type: ignore[attr-defined]
    assert app.selected is not None and app.selected.id == event_id
    assert app.timeline.scrollable_content_region.height > 0


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
        app.timeline.select_event("docking")
        await pilot.resize_terminal(120, 40)
        await _assert_normal(app, pilot, "docking")


async def test_every_width_and_height_in_turn(hostile: Mission) -> None:
    app = make_app(hostile, save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.timeline.select_event("filming")
        for width in range(1, 301, 7):
            _resize(app, width, 40)
            await asyncio.sleep(0)
        for height in range(1, 101, 3):
            _resize(app, 120, height)
            await asyncio.sleep(0)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await _assert_normal(app, pilot, "filming")


async def test_rapid_resizes_with_dialogs_open(hostile: Mission) -> None:
    app = make_app(hostile, save_settings=False)
    rng = random.Random(5)
    async with app.run_test(size=(120, 40)) as pilot:
        app.timeline.select_event("docking")
        for opener in ("question_mark", "e", "o", "slash", "c"):
            await pilot.press(opener)
            for _ in range(60):
                _resize(app, rng.randint(1, 300), rng.randint(1, 100))
            await pilot.pause()
            await pilot.resize_terminal(120, 40)
            await pilot.press("escape")
            assert app.is_running
        await pilot.resize_terminal(120, 40)
        app.timeline.focus()
        await pilot.pause()
        await _assert_normal(app, pilot, "docking")


# ----------------------------------------------------------------- monkey


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
