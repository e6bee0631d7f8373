"""A large mission read in the background: a JSON Lines or Parquet file, its header read at
once (the app shows the title and the header's lists), its events by `finish` (in the app's
loading line's thread, with progress), as `data.load.jsonl.JsonlReading` and
`data.load.large.parquet_read.ParquetReading` do it (`data.opening.open_reading` opens
either)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from data.model import Mission
from data.steps import Check, go_on

Progress = Callable[[int, int], None]
"""Called with (events read so far, bytes of the file they stand for) as the events are read."""


class MissionReading(Protocol):
    """A mission file opened and its header checked, its events still to be read."""

    name: str
    header: Mission
    """The mission without its events (its store is empty)."""
    size: int
    """The file's size in bytes."""

    def in_order(self) -> bool:
        """Whether the events read so far are good and in time order."""
        ...

    def snapshot(self) -> Mission | None:
        """The events read so far as a mission, while they are good and in time order."""
        ...

    def finish(self, progress: Progress | None = None, check: Check = go_on) -> Mission:
        """Read and check the events, close the file; raise `MissionError` on any problem."""
        ...

    def close(self) -> None:
        """Stop reading (when `finish` will not be called)."""
        ...
