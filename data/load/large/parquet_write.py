"""A mission as a Parquet file: its events as columns, its header as the file's metadata.

Each field of an event is a column (`arrow_schema.parquet_schema`, fields in the schema's
order; absent values null), each time written as in the mission and followed by its instant
in UTC as a timestamp (none for a date or a month), its precision and its zone. The header
(everything but the events, as a JSON Lines file's first line holds it, in the JSON export's
form: `data.export.parquet_export`) is the metadata `mission-timeline` of the file;
`data.load.large.parquet_read` reads it all back through the loader's checks. The columns come
from the store's own (no `Event` per event).
"""

from __future__ import annotations

from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.load.large.arrow_schema import parquet_schema, plain
from data.load.large.instants import time_forms
from data.load.schema import RECORDS
from data.store import CONFIDENCES, KINDS, EventStore, TextColumn
from data.store.columns import RARE_FIELDS

ROWS = 1 << 16
"""Events in a row group (a multiple of the store's chunks)."""
HEADER_KEY = b"mission-timeline"
"""The file metadata key of the mission's header (its JSON text)."""


def write_parquet(header: str, store: EventStore, out: BinaryIO) -> None:
    """Write a mission (its header as JSON, its events: `store`) as a Parquet file to
    `out`, a row group of `ROWS` events at a time (memory stays flat)."""
    metadata = {HEADER_KEY: header.encode("utf-8")}
    schema = parquet_schema().with_metadata(metadata)
    size = len(store)
    with pq.ParquetWriter(out, schema) as writer:
        for low in range(0, max(size, 1), ROWS):
            table = events_table(store, low, min(size, low + ROWS))
            writer.write_table(table.replace_schema_metadata(metadata))


def events_table(store: EventStore, low: int, high: int) -> pa.Table:
    """The store's events `low` to `high` as the columns of a Parquet mission (`low` a
    multiple of the store's chunks)."""
    c = store.columns
    size = high - low
    columns: dict[str, Any] = {
        "id": text_array(c.ids, low, high),
        "title": pa.array(c.titles[low:high], pa.string()),
        "kind": pc.take(pa.array([kind.value for kind in KINDS]), _codes(c.kinds, low, high)),
        "description": _none_if_empty(text_array(c.descriptions, low, high)),
        "phase": pc.take(pa.array(store.phase_ids, pa.string()), _codes(c.phases, low, high)),
        "place": pc.take(pa.array(store.place_ids, pa.string()), _codes(c.places, low, high)),
        "confidence": pc.take(
            pa.array([getattr(value, "value", None) for value in CONFIDENCES], pa.string()),
            _codes(c.confidences, low, high),
        ),
    }
    groups = pa.array([list(group) for group in store.groups], pa.list_(pa.string()))
    for name in ("vehicles", "people", "sources"):
        codes = _codes(getattr(c, name), low, high)
        columns[name] = pc.if_else(
            pc.equal(codes, 0), pa.nulls(size, groups.type), pc.take(groups, codes)
        )
    for name, column in (("at", c.at), ("planned", c.planned)):
        columns |= _time_columns(name, _none_if_empty(text_array(column, low, high)))
    ended = [row for row in sorted(c.ends) if low <= row < high]
    ends = pa.array([c.ends[row] for row in ended], pa.string())
    columns |= _time_columns("end", _scattered(size, [row - low for row in ended], ends))
    rows = [row for row in sorted(c.extras) if low <= row < high]
    places = [row - low for row in rows]
    event = RECORDS["event"]
    for name in RARE_FIELDS:
        values = [getattr(c.extras[row], name) for row in rows]
        given = [None if value in ("", ()) else plain(value, event[name].type) for value in values]
        kind = parquet_schema().field(name).type
        columns[name] = _scattered(size, places, pa.array(given, kind))
    schema = parquet_schema()
    return pa.Table.from_arrays([columns[name] for name in schema.names], schema=schema)


def text_array(column: TextColumn, low: int, high: int) -> pa.Array:
    """The strings `low` to `high` of a store's text column (`low` a multiple of its chunks)
    as a string array (Arrow cuts its chunks' texts apart)."""
    column.finish()
    blobs = column.blobs[low >> TextColumn.SHIFT : -(-high // TextColumn.CHUNK)]
    if not blobs or high <= low:
        return pa.array([], pa.string())
    joined = pa.array(blobs, pa.large_string())
    cut = pc.split_pattern(pc.utf8_slice_codeunits(joined, 0, -1), TextColumn.SEPARATOR)
    return cut.flatten().cast(pa.string())[: high - low]


def _time_columns(name: str, texts: pa.Array) -> dict[str, pa.Array]:
    """A time column and its forms (`arrow_schema.TIME_COLUMNS`), null where no time."""
    forms = time_forms(texts).columns()
    return {name: texts} | {f"{name}_{form}": column for form, column in forms.items()}


def _scattered(size: int, rows: Any, values: pa.Array) -> pa.Array:
    """An array of `size` nulls but at `rows`, which hold `values` in order."""
    indexes = np.zeros(size, np.int64)
    indexes[np.asarray(rows, np.int64)] = np.arange(1, len(values) + 1)
    return pc.take(pa.concat_arrays([pa.nulls(1, values.type), values]), pa.array(indexes))


def _none_if_empty(texts: pa.Array) -> pa.Array:
    """The strings, null where empty (a field not given)."""
    return pc.if_else(pc.equal(texts, ""), pa.scalar(None, pa.string()), texts)


def _codes(values: Any, low: int, high: int) -> pa.Array:
    """Codes `low` to `high` of a store's code column (a bytearray or an array) as an Arrow
    array."""
    typecode = "B" if isinstance(values, bytearray) else values.typecode
    return pa.array(np.frombuffer(values, np.dtype(typecode))[low:high])
