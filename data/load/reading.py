"""A large mission read in the background: a JSON Lines or Parquet file, its header read at
once (the app shows the title and the header's lists), its events by `finish` (in the app's
loading line's thread, with progress), as `data.load.jsonl.JsonlReading` and
`data.load.large.parquet_read.ParquetReading` do it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from data.load.parquet import is_parquet
from data.load.syntax import is_jsonl
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


def open_reading(name: str) -> MissionReading | None:
    """The JSON Lines or Parquet mission `name` opened, its header read and checked (raise
    `MissionError` if it is wrong), its events to be read by `finish`; `None` for a mission
    of another format (read whole, in milliseconds)."""
    if is_jsonl(name):
        from data.load.jsonl import open_jsonl  # msgspec: only for such a file

        return open_jsonl(name)
    if is_parquet(name):
        from data.load.parquet import open_parquet

        return open_parquet(name)
    return None
