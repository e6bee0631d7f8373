"""Keys handled one at a time, in the order they were typed: each waits for the one before.

Textual gives each key, as it arrives, to the widget that has the focus at that moment, and
runs the bindings only once the key has travelled up from that widget to the app. Keys
typed with no pause between them (a paste without bracketed paste, a script, a fast
typist) were all given to the timeline before the `/` among them had opened the search
field: the letters after `/` ran the timeline's keys (`o` opened a dialog, `q` quit). A key
typed while a widget or a dialog was being mounted never reached it either.

`KeysInOrder` holds each key the terminal sends, and each paste, until the one before it is
done: every node on its way (the widget it was given to, each parent, the app) has handled
it, then the screen on top (a dialog the key opened has mounted and taken the focus), and
then every message the key caused has been handled (neither the app nor a node of the
screen on top has one waiting: `enter` in the search field posts `Submitted`, whose handler
closes the field and moves the focus back to the timeline). Only then is the next key given
to whatever has the focus now. Each wait is a callback queued behind what a node was sent
(`call_later`), so nothing is timed; a node that can no longer take one (closed, or the app
closing) is not waited for.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App, ScreenStackError
from textual.message_pump import MessagePump
from textual.screen import Screen

MAX_ROUNDS = 50
"""At most this many waits for nodes with messages after a key: a key is done once the
messages it caused are handled, and a node that is never without one (an animation, a
stream of progress messages) must not hold the keys back for long."""
Path = tuple[MessagePump | None, ...]
"""The nodes to wait for in turn; None stands for the screen on top when it comes to it."""


class KeysInOrder:
    """Hands the app's keys and pastes on one at a time, each once the one before is done."""

    def __init__(self, app: App[Any], handle: Callable[[events.Event], Awaitable[None]]) -> None:
        """`handle` gives a key to the app as Textual does (`App.on_event`)."""
        self._app = app
        self._handle = handle
        self._held: deque[events.Key | events.Paste] = deque()
        self._busy = False
        """Whether a key has been handed on and is not yet done."""

    @property
    def pending(self) -> int:
        """How many keys and pastes received are not yet done (0: the app has caught up)."""
        return len(self._held) + self._busy

    async def receive(self, event: events.Key | events.Paste) -> None:
        """A key or a paste from the terminal: handed on now, or once those before it are
        done."""
        self._held.append(event)
        await self._next()

    async def _next(self) -> None:
        """Hand the held keys on, in order, until one is still being handled; once the app
        has stopped (a key quit it), the rest are dropped."""
        if not self._app.is_running:
            self._held.clear()
            return
        while self._held and not self._busy:
            event = self._held.popleft()
            target = self._app.focused or self._app.screen  # where Textual gives it
            self._busy = True
            await self._handle(event)
            self._busy = self._wait((*target.ancestors_with_self, None, self._app))

    def _wait(self, path: Path, rounds: int = 0) -> bool:
        """Queue `_step` behind what the first node of `path` that can take it was sent; False
        if none can (nothing is left to wait for)."""
        for position, node in enumerate(path):
            node = node or self._top_screen()
            if node is not None and node.call_later(self._step, path[position + 1 :], rounds):
                return True
        return False

    async def _step(self, path: Path, rounds: int = 0) -> None:
        """Run by a node once it has handled what it was sent before: wait for the rest of
        `path`; at its end (on the app), for each node still with messages waiting, up to
        `MAX_ROUNDS` times; then hand the next key on."""
        if self._wait(path, rounds):
            return
        if rounds < MAX_ROUNDS and self._wait_for_messages(rounds + 1):
            return
        self._busy = False
        await self._next()

    def _wait_for_messages(self, rounds: int) -> bool:
        """Queue `_step` behind the messages of a node of the app or of the screen on top
        that has some waiting (then back on the app); False if none has."""
        top = self._top_screen()
        nodes = [self._app, *([] if top is None else top.walk_children(with_self=True))]
        for node in nodes:
            waiting = node.message_queue_size and node.is_running
            if waiting and node.call_later(self._step, (self._app,), rounds):
                return True
        return False

    def _top_screen(self) -> Screen[Any] | None:
        try:
            return self._app.screen
        except ScreenStackError:  # the app is closing
            return None
