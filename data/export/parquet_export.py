"""The Parquet export: the whole mission as columns, for data tools (pandas, polars, DuckDB,
Spark) and to open again quickly.

Written by the columnar engine (`data.large.parquet_write`, the `large` extra): each field of
an event is a column, each time followed by its instant in UTC as a timestamp, its precision
and its zone; the mission's header is the file's metadata. `mission-timeline` opens the file
again through the loader's checks (`data.load.parquet`). Like JSON, it is the mission itself:
zones, relative times and filters do not apply. The bytes go to the output stream's binary
buffer.
"""

from __future__ import annotations

from typing import TextIO

from data.exit_codes import ExitCode
from data.export.columns import event_store
from data.export.options import ExportOptions
from data.files.writing import OutputError
from data.large import available
from data.model import Mission

NEEDS_ENGINE = "the parquet format needs the large extra (pip install 'mission-timeline[large]')"


def write(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write `mission` as a Parquet file to `out`'s binary buffer; `options` cannot change
    it."""
    del options
    if not available():
        raise OutputError(NEEDS_ENGINE, ExitCode.UNAVAILABLE)
    from data.large.parquet_write import write_parquet

    out.flush()
    write_parquet(mission, event_store(mission), out.buffer)
