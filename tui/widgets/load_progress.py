"""Reads a large mission's events in a worker thread, and shows how far it got on one line.

The events of a JSON Lines mission are read after the first frame, which shows its header.
This widget runs the reading and counts what it read (`loading 412,000 events ████░░ 41%`);
the screen above it hears of the events so far (`Progressed`, while they are in time order),
of a file found out of order (`Unordered`) and of the end (`Finished`), and shows them.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from time import monotonic
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import RenderResult
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from data.exit_codes import ExitCode
from data.i18n import N_, _, ngettext
from data.model import Mission
from data.opening import MissionError
from tui.text import LABEL_STYLE, number

if TYPE_CHECKING:
    from data.load.reading import MissionReading

BAR_WIDTH = 20
PROGRESS_INTERVAL = 0.1
"""Seconds between two progress reports of the worker (they coalesce as well)."""
UNORDERED_NOTE = N_("not in time order: the list appears once all are read")
"""Why the list does not grow (translated where it is shown)."""


class _CancelledError(Exception):
    """Raised in the worker's progress callback and checks to stop reading."""


class LoadProgress(Widget):
    """Reads `reading`'s events once mounted; the line under the header meanwhile.

    The bar is drawn with block characters and the percentage is written out, so the state
    never rests on colour. `note` says why the list does not grow (a file out of time order
    is shown once it is read and sorted)."""

    DEFAULT_CSS = """
    LoadProgress { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    @dataclass
    class Progressed(Message):
        """More events were read (newer reports replace older ones)."""

        reading: MissionReading
        events: int
        done: int
        """Bytes read."""
        partial: Mission | None
        """The events read so far, when they are in time order."""
        ordered: bool = True
        """Whether they are (else the list appears once all are read and sorted)."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, LoadProgress.Progressed) and (
                message.reading is self.reading
            )

    @dataclass
    class Unordered(Message):
        """The events turned out not to be in time order: the events reported so far are
        to be dropped (the columns will be sorted in place)."""

        reading: MissionReading

    @dataclass
    class Finished(Message):
        """The reading ended: the mission, or the problem and its exit code."""

        reading: MissionReading
        mission: Mission | None
        problem: str = ""
        exit_code: int = 0

    events_read: reactive[int] = reactive(0)
    bytes_read: reactive[int] = reactive(0)
    total_bytes: reactive[int] = reactive(0)
    note: reactive[str] = reactive("")

    def __init__(self, reading: MissionReading, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading = reading
        self.total_bytes = reading.size
        self._thread: threading.Thread | None = None
        """The thread that reads the events, once started."""
        self._stop = threading.Event()
        """Set when the reading is no longer wanted: the thread stops at its next block."""
        self._ended = asyncio.Event()
        """Set when the thread has reported the end of the reading."""

    def on_mount(self) -> None:
        # After the next frame: the worker holds the GIL most of the time, and the first
        # frame (header, this line, empty list) should not wait for it.
        self.call_after_refresh(self._read_events)

    @property
    def fraction(self) -> float:
        """How much of the file has been read, from 0 to 1."""
        return min(1.0, self.bytes_read / self.total_bytes) if self.total_bytes else 0.0

    def render(self) -> RenderResult:
        filled = round(self.fraction * BAR_WIDTH)
        count = self.events_read
        events = ngettext("{count} event", "{count} events", count).format(count=number(count))
        parts: list[str | tuple[str, str]] = [
            (_("loading") + " ", LABEL_STYLE),
            events + " ",
            "█" * filled + "░" * (BAR_WIDTH - filled),
            f" {self.fraction:.0%}",
        ]
        if self.note:
            parts += [("  │ ", LABEL_STYLE), _(self.note)]
        return Content.assemble(*parts)

    @on(Progressed)
    def _count(self, message: Progressed) -> None:
        self.events_read, self.bytes_read = message.events, message.done
        if not message.ordered:
            self.note = UNORDERED_NOTE

    @on(Unordered)
    def _unordered(self) -> None:
        self.note = UNORDERED_NOTE

    @work(exclusive=True, group="load")
    async def _read_events(self) -> None:
        """Read the events in a thread of this line's own until they are read or the line
        goes (the app quits, the reading is replaced). Then the thread is told to stop at
        its next block or step (the end of a reading, sorting and checking every event, is
        done in steps of a few milliseconds: `data.steps`) and left to end alone:
        quitting never waits for it (a thread of Textual's worker pool would be joined as
        the app closes)."""
        if self._stop.is_set():  # removed before it began
            return
        self._thread = threading.Thread(target=self._read, name="load", daemon=True)
        self._thread.start()
        try:
            await self._ended.wait()
        finally:
            self._stop.set()

    def on_unmount(self) -> None:
        self._stop.set()
        if self._thread is None:  # the app closed before the reading began
            self.reading.close()

    @on(Finished)
    def _finished(self) -> None:
        self._ended.set()

    def _read(self) -> None:
        """Read the events (in the thread), reporting progress at most ten times a second;
        once the events turn out not to be in time order, the events reported are dropped
        (the columns will be sorted in place) and the list appears when done."""
        reading, stop = self.reading, self._stop
        last = 0.0
        shown = False

        def check() -> None:
            if stop.is_set():
                raise _CancelledError

        def progress(events: int, done: int) -> None:
            nonlocal last, shown
            check()
            if shown and not reading.in_order():
                shown = False
                self.post_message(self.Unordered(reading))
            now = monotonic()
            if now - last < PROGRESS_INTERVAL and done < reading.size:
                return  # (the last report is always made: 100% while the store is built)
            last = now
            ordered = reading.in_order()
            partial = reading.snapshot() if ordered else None
            shown = shown or partial is not None
            self.post_message(self.Progressed(reading, events, done, partial, ordered))

        try:
            mission = reading.finish(progress, check)
        except _CancelledError:
            return
        except MissionError as error:
            self.post_message(self.Finished(reading, None, str(error), error.exit_code))
        except Exception as error:  # a loader bug must not take the app down with it
            problem = _("{path}: cannot be read ({error})").format(
                path=reading.name, error=f"{type(error).__name__}: {error}"
            )
            self.post_message(self.Finished(reading, None, problem, ExitCode.IO_ERROR))
        else:
            self.post_message(self.Finished(reading, mission))
