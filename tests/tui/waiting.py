"""Waiting for the state or screen a test expects, never for a fixed time.

Each wait has a generous deadline that only ever fails a test (a busy machine makes the wait
longer, never the test wrong): the condition is checked after each turn of the app's event
loop, and the test goes on as soon as it holds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

DEADLINE = 30.0
"""Seconds a wait may take before it fails: far more than anything takes on a busy machine."""


async def until(
    pilot: Pilot[Any], condition: Callable[[], bool], what: str, deadline: float = DEADLINE
) -> None:
    """Let the app run until `condition()` holds; fail naming `what` after `deadline` s."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"after {deadline:.0f} s, still not: {what}")
        await pilot.pause()


def palette_options(pilot: Pilot[Any]) -> list[str]:
    """The options the open command palette lists, as plain text, first (highlighted) first."""
    screen = pilot.app.screen
    if not isinstance(screen, CommandPalette):
        return []
    commands = screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def palette_shows(pilot: Pilot[Any], text: str, *, first: bool = True) -> None:
    """Wait until the palette's search has finished and its list holds an option containing
    `text` (with `first`: the first, highlighted one, so that enter picks it)."""

    def shown() -> bool:
        options = palette_options(pilot)
        if first:
            return bool(options) and text in options[0]
        return any(text in option for option in options)

    await until(pilot, shown, f"the palette lists {text!r}")
    await pilot.app.workers.wait_for_complete()
    await until(pilot, shown, f"the palette still lists {text!r} once its search ended")


async def settled(pilot: Pilot[Any]) -> None:
    """Wait until the app has done what it queued: its workers have finished, and the screen
    has no layout to redo and no after-refresh callback left to run (such as the first
    frame's scrolling of the timeline to the selected event)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    await until(
        pilot,
        lambda: not screen._callbacks and not screen._layout_required,
        "the screen's queued refresh work done",
    )


async def keys_done(pilot: Pilot[Any]) -> None:
    """Wait until the app has handled every key and paste posted to it: none is waiting in
    its queue, and `tui.key_order`, which hands them on one at a time, has none left (a
    burst can still be in progress after `Pilot.pause`)."""
    app = pilot.app
    await until(
        pilot,
        lambda: not app.message_queue_size and not app.keys_in_order.pending,
        "every key posted handled",
    )
