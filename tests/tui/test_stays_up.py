"""The app stays up: any terminal size, rapid resizes, and a seeded monkey of keys, clicks and
resizes on the hostile mission (issue 5)."""

from __future__ import annotations

import asyncio
import random
import string
from pathlib import Path

import pytest
from rich.style import Style
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets._footer import FooterKey

from data.loader import load_mission
from data.model import Mission
from tui.app import MissionTimelineApp, make_app
from tui.screens.too_small import TooSmallScreen
from tui.widgets.crew_pane import CrewList
from tui.widgets.query_bar import QueryBar
from tui.widgets.timeline import Timeline

from .hostile import HOSTILE

SEEDS = range(20)
ACTIONS = 500
SETTLE_EVERY = 50
"""The monkey lets the app catch up (a full pause) after this many actions."""


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


def _keys() -> list[str]:
    """Every key the app and its widgets bind, plus letters, digits and editing keys.

    `q` is left out (it quits, which is checked at the end); so are ctrl+q and ctrl+c.
    The command palette is left out too: random text and enter in it can run Textual's own
    "Quit the application" command.
    """
    keys: set[str] = set()
    for owner in (MissionTimelineApp, Timeline, CrewList, QueryBar):
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding):
                keys.update(key.strip() for key in binding.key.split(","))
    keys.update(string.ascii_letters + string.digits)
    keys.update(["enter", "escape", "backspace", "delete", "space", "left", "right", "home", "end"])
    keys.update(["tab", "shift+tab", "pageup", "pagedown", "f1", "full_stop", "minus"])
    return sorted(keys - {"q", "ctrl+q", "ctrl+c", "ctrl+p"})


KEYS = _keys()


def _click(app: App[None], rng: random.Random) -> None:
    """A click anywhere on the screen, except footer keys that quit or open the palette."""
    width, height = app.size
    x, y = rng.randrange(max(1, width)), rng.randrange(max(1, height))
    try:
        widget, _ = app.get_widget_at(x, y)
    except Exception:  # nothing there (a screen smaller than its content)
        widget = None
    if isinstance(widget, FooterKey) and widget.action in ("app.quit", "quit", "command_palette"):
        return
    arguments = {
        "widget": None,
        "x": x,
        "y": y,
        "delta_x": 0,
        "delta_y": 0,
        "button": 1,
        "shift": False,
        "meta": False,
        "ctrl": False,
        "screen_x": x,
        "screen_y": y,
        "style": Style(),
    }
    app.post_message(events.MouseDown(**arguments))  # type: ignore[arg-type]
    app.post_message(events.MouseUp(**arguments))  # type: ignore[arg-type]


def _key(app: App[None], key: str) -> None:
    character = {"space": " ", "full_stop": ".", "minus": "-"}.get(key)
    if character is None and len(key) == 1:
        character = key
    app.post_message(events.Key(key, character))


@pytest.mark.parametrize("seed", SEEDS)
async def test_monkey(
    hostile: Mission, seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # `e` then enter writes an export here
    rng = random.Random(seed)
    app = make_app(hostile, save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for number in range(1, ACTIONS + 1):
            roll = rng.random()
            if roll < 0.8:
                _key(app, rng.choice(KEYS))
            elif roll < 0.95:
                _click(app, rng)
            else:
                _resize(app, rng.randint(1, 300), rng.randint(1, 100))
            await asyncio.sleep(0)
            if number % SETTLE_EVERY == 0:
                await pilot.pause()
                assert app.is_running, f"seed {seed}: the app stopped after {number} actions"
        await app.workers.wait_for_complete()
        await pilot.resize_terminal(120, 40)
        # Close whatever is open (dialogs, help, the palette), then quit with q.
        for _ in range(10):
            if len(app.screen_stack) == 1 and not app.query_bar.display:
                break
            await pilot.press("escape")
        assert len(app.screen_stack) == 1, f"seed {seed}: {app.screen} is still open"
        app.timeline.focus()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


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
