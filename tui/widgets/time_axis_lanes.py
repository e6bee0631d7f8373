"""The lanes of the mission the time-axis view shows, worked out once per mission: at once for
a small one, in a daemon thread for a large one (a million events take seconds), so that a key
never waits for them; none while a large file is still being read (a flight's events may not
have arrived yet).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import partial

from textual.dom import DOMNode

from data.axis.lanes import Lane, lanes
from data.model import Mission
from tui.detached import in_daemon_thread

IN_THREAD = 20_000
"""From this many events on, the lanes are worked out in a thread."""


class MissionLanes:
    """A mission's lanes as far as known: () until worked out, then `ready` is called."""

    def __init__(self, owner: DOMNode, ready: Callable[[], None]) -> None:
        """`owner` runs the worker that awaits the thread; `ready` is called once lanes
        worked out in a thread have arrived."""
        self._owner = owner
        self._ready = ready
        self._mission: Mission | None = None
        self._lanes: tuple[Lane, ...] | None = None

    def forget(self) -> None:
        """Work the lanes out again when next asked (another mission)."""
        self._mission = self._lanes = None

    def of(self, mission: Mission, *, complete: bool) -> tuple[Lane, ...]:
        """The lanes of `mission` if known, else () (and they are worked out: at once for a
        small mission, in a thread for a large one). `complete`: whether the mission is
        whole; if not, it has no lanes yet."""
        if not complete:
            return ()
        if mission is not self._mission:
            self._mission, self._lanes = mission, None
            if len(mission.events) < IN_THREAD:
                self._lanes = lanes(mission)
            else:
                self._owner.run_worker(self._in_thread(mission), group="lanes")
        return self._lanes or ()

    async def _in_thread(self, mission: Mission) -> None:
        found = await in_daemon_thread(partial(lanes, mission), name="lanes")
        if mission is self._mission:
            self._lanes = found
            # The lanes, and what working them out built to last (the store's index of a
            # million ids), live as long as the mission: out of the cyclic collector's way,
            # as the screen puts what it shows (`MissionState._show_mission`). Left to it,
            # each full collection walked them: 0.3-0.8 s, now and then, after a key.
            gc.freeze()
            self._ready()
