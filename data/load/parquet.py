"""Opening a Parquet mission (`.parquet`): a mission's events as columns, its header as the
file's metadata, as `mission-timeline export --format parquet` writes it.

Read by the columnar engine (`data.load.large.parquet_read`, the `large` extra), through the same
checks as any mission file; without the extra, such a file cannot be opened (and says how).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.i18n import _
from data.model import Mission
from data.problems import unreadable, within_memory
from data.steps import Check, go_on

if TYPE_CHECKING:
    from data.load.large.parquet_read import ParquetReading  # needs the large extra

SUFFIX = ".parquet"


def is_parquet(name: str) -> bool:
    """Whether a file is a Parquet mission, by its name."""
    return name.lower().endswith(SUFFIX)


def load_parquet(name: str, check: Check = go_on) -> Mission:
    """Read and validate a Parquet mission; raise `MissionError` on any problem."""
    return open_parquet(name).finish(check=check)


def open_parquet(name: str) -> ParquetReading:
    """Open a Parquet mission and read its header; raise `MissionError` if the file cannot
    be read, is not a Parquet mission or the extra is missing. The events are read by
    `finish`."""
    from data.load.large import NEEDS_ENGINE, available

    if not available():
        raise unreadable(name, _(NEEDS_ENGINE))
    try:
        from data.load.large.parquet_read import ParquetReading
    except (ImportError, MemoryError, OSError):
        raise unreadable(name, _(NEEDS_ENGINE)) from None
    return within_memory(name, lambda: ParquetReading(name))
