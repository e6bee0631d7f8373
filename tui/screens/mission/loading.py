"""The mission screen while a large mission's events are read: its header at once, the list
growing as the events arrive (when they are in time order), the whole mission at the end.

The reading runs in the worker of the `LoadProgress` line, mounted for as long as it lasts;
this part of the screen shows what it reports (by handler names, so that the line's module
is imported only when a large mission is read, not for the first frame).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from data.i18n import ngettext
from data.model import Mission
from tui.screens.mission.state import MissionState
from tui.text import number

if TYPE_CHECKING:
    from data.load.reading import MissionReading
    from tui.widgets.load_progress import LoadProgress


class LargeMissionLoading(MissionState):
    """Shows a large mission while its events are read, and when they are."""

    class LoadFailed(Message):
        """A large mission's events could not be read to the end."""

        def __init__(self, problem: str, exit_code: int, kept: bool) -> None:
            super().__init__()
            self.problem = problem
            self.exit_code = exit_code
            self.kept = kept
            """Whether the mission shown before is back (else there is none: the file
            was the one the app was started with)."""

    _before_reading: tuple[Mission, Path | None] | None = None
    """The mission to show again if the one being read turns out bad."""

    async def read_mission(self, reading: MissionReading, path: Path) -> None:
        """Show a mission whose events are still to be read (its header), and read them; if
        they turn out bad, the mission shown before comes back."""
        self._before_reading = (self.mission, self.mission_path)
        await self.replace_mission(reading.header, path, notice="")
        self.reading = reading
        self._read(reading)

    def _read(self, reading: MissionReading) -> None:
        """Show the progress line, which reads the events."""
        from tui.widgets.load_progress import LoadProgress  # not needed for the first frame

        self.mount(LoadProgress(reading, id="loading"), after=self.header)
        self.crew.disabled = True  # a person's details need their flights' events
        self.refresh_bindings()

    def _wanted(self, reading: MissionReading) -> bool:
        """Whether a report of this reading is still wanted: it was not replaced by another,
        and the app is not closing."""
        return reading is self.reading and bool(self.app.screen_stack)

    def on_load_progress_progressed(self, message: LoadProgress.Progressed) -> None:
        if not self._wanted(message.reading) or message.partial is None:
            return
        timeline = self.timeline
        first = not timeline.shown_events
        timeline.grow(message.partial)
        if first:
            timeline.select_position(0)
        self._sync_axis()

    def on_load_progress_unordered(self, message: LoadProgress.Unordered) -> None:
        """The events are not in time order: stop showing them until they are sorted."""
        if self._wanted(message.reading):
            self.timeline.grow(message.reading.header)
            self.selected = None
            self._sync_axis()

    async def on_load_progress_finished(self, message: LoadProgress.Finished) -> None:
        if not self._wanted(message.reading):
            return
        self.reading = None
        before, self._before_reading = self._before_reading, None
        await self.query("#loading").remove()
        self.refresh_bindings()
        if message.mission is None:
            if before is not None:
                await self.replace_mission(*before, notice="")
            kept = before is not None
            self.post_message(self.LoadFailed(message.problem, message.exit_code, kept))
            return
        timeline = self.timeline
        keep = timeline.selected if timeline.cursor_position > 0 else None
        count = len(message.mission.events)
        loaded = ngettext("Loaded {count} event", "Loaded {count} events", count)
        await self.replace_mission(
            message.mission, self.mission_path, notice=loaded.format(count=number(count))
        )
        if keep is not None:
            self.timeline.select_event(keep.id)
            self.app.call_after_refresh(self.timeline.center_cursor)
