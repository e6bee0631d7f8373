"""What a terminal sends an app, posted as events: keys, clicks and resizes; and q at the end.

Shared by the monkey (tests/tui/test_monkey.py) and the resize tests (test_stays_up.py). Unlike
`Pilot.press` and `Pilot.resize_terminal`, these only post the event and do not wait for the
app to handle it, so many can be queued at once, as a fast typist or a window manager does.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual import events
from textual.app import App
from textual.geometry import Size
from textual.pilot import Pilot

from tui.app import MissionTimelineApp

from .waiting import keys_done, until

CHARACTERS = {"space": " ", "full_stop": ".", "minus": "-"}
"""The character of each named key that has one (besides single letters and digits)."""


def resize(app: App[Any], width: int, height: int) -> None:
    """What a terminal's SIGWINCH does: the driver learns the size, the app gets a Resize.

    (`Pilot.resize_terminal` does the same, then waits for the app to go idle.)"""
    size = Size(width, height)
    app._driver._size = size  # type: ignore[union-attr]  # the headless driver's size
    app.post_message(events.Resize(size, size))


def key(app: App[Any], name: str) -> str:
    """Post the key `name` (a Textual key name such as `ctrl+p` or `a`); says what it was."""
    character = CHARACTERS.get(name)
    if character is None and len(name) == 1:
        character = name
    app.post_message(events.Key(name, character))
    return f"key {name}"


def mouse(x: int, y: int) -> dict[str, Any]:
    """The arguments of a left-button mouse event at (x, y) on the screen."""
    return {
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


def click(app: App[Any], x: int, y: int) -> str:
    """Post a mouse down and up at (x, y) (the app makes the Click); says what it was."""
    app.post_message(events.MouseDown(**mouse(x, y)))
    app.post_message(events.MouseUp(**mouse(x, y)))
    return f"click {x},{y}"


async def quit_with_q(app: MissionTimelineApp, pilot: Pilot[None]) -> None:
    """Back to 120x40, close whatever is open (dialogs, help, the palette, the query bar), then
    q quits with exit code 0."""
    await keys_done(pilot)
    await app.workers.wait_for_complete()
    await pilot.resize_terminal(120, 40)
    for _ in range(10):
        if len(app.screen_stack) == 1 and not app.main_screen.query_bar.display:
            break
        key(app, "escape")
        await keys_done(pilot)
    assert len(app.screen_stack) == 1, f"still open: {app.screen_stack[1:]}"
    app.main_screen.timeline.focus()
    await pilot.pause()
    key(app, "q")
    await until(pilot, lambda: not app.is_running, "q quits")
    assert app.return_code == 0
