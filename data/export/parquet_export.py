"""The Parquet export: the whole mission as columns, for data tools (pandas, polars, DuckDB,
Spark) and to open again quickly.

Written by the columnar engine (`data.load.large.parquet_write`, the `large` extra): each field of
an event is a column, each time followed by its instant in UTC as a timestamp, its precision
and its zone; the mission's header is the file's metadata. `mission-timeline` opens the file
again through the loader's checks (`data.load.parquet`). Like JSON, it is the mission itself:
zones, relative times and filters do not apply. The bytes go to the output stream's binary
buffer.
"""

from __future__ import annotations

import json
from typing import TextIO

from msgspec import structs

from data.exit_codes import ExitCode
from data.export.columns import event_store
from data.export.json_export import to_data
from data.export.options import ExportOptions
from data.files.writing import OutputError
from data.i18n import _
from data.load.large import NEEDS_ENGINE, available
from data.model import Mission
from data.store import store_of


def write(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write `mission` as a Parquet file to `out`'s binary buffer; `options` cannot change
    it."""
    del options
    if not available():
        raise OutputError(_(NEEDS_ENGINE), ExitCode.UNAVAILABLE)
    from data.load.large.parquet_write import write_parquet

    out.flush()
    write_parquet(header_text(mission), event_store(mission), out.buffer)


def header_text(mission: Mission) -> str:
    """The mission's header as JSON: all of it but its events, as the JSON export writes it
    (a JSON Lines file's first line)."""
    empty = store_of((), [phase.id for phase in mission.phases], [p.id for p in mission.places])
    data = to_data(structs.replace(mission, events=empty))
    del data["events"]
    return json.dumps(data, ensure_ascii=False)
