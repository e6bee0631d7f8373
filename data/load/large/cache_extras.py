"""The rare fields of a store's events as the cache keeps them, and back, checked as the
JSON Lines reader checks them.

Two pairs of columns: the rows of the events with an end, and their ends as written (the
store's `Columns.ends`); the rows of the events with other rare fields (`Extras`), and those
fields as a JSON Lines event line, which is read back as the reader reads one
(`data.load.jsonl_bulk.rare_fields`, with its msgspec checks), its stated times and disputes
made into records only when first read. Refused (`None`) unless each pair is as long, without
nulls, its rows ascending within the store, every line decodes, and every end and every time
inside the lines is a valid mission time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec
import numpy as np
import pyarrow as pa

from data.load.jsonl_bulk import rare_fields
from data.load.jsonl_decode import nested_times
from data.load.large.arrow_schema import plain
from data.load.large.instants import instants
from data.load.schema import RECORDS
from data.store import KINDS, EventStore, Extras
from data.store.columns import RARE_FIELDS
from data.times.parse import TimeFormatError

Decode = Callable[[bytes], list[Any]]
"""The mission's JSON Lines decoder's `decode_lines`."""
EXTRAS_FIELDS = (
    ("ends_at", pa.list_(pa.uint32())),
    ("ends", pa.list_(pa.string())),
    ("rare_at", pa.list_(pa.uint32())),
    ("rare", pa.list_(pa.large_binary())),
)
"""The cache's columns of the rare fields: the rows with an end, their ends; the rows with
other rare fields, their lines."""


def extras_columns(store: EventStore) -> dict[str, pa.Array]:
    """The store's ends and other rare fields as the cache's columns."""
    c = store.columns
    ended, rare = sorted(c.ends), sorted(c.extras)
    return {
        "ends_at": pa.array(ended, pa.uint32()),
        "ends": pa.array([c.ends[row] for row in ended], pa.string()),
        "rare_at": pa.array(rare, pa.uint32()),
        "rare": pa.array([_rare_line(store, row) for row in rare], pa.large_binary()),
    }


def _rare_line(store: EventStore, index: int) -> bytes:
    """An event's rare fields but its end as a JSON Lines event line (with its id, title and
    kind, which every line has)."""
    extras = store.columns.extras[index]
    c = store.columns
    fields: dict[str, Any] = {"id": c.ids[index], "title": c.titles[index]}
    fields["kind"] = KINDS[c.kinds[index]].value
    stated, disputes = extras.records()  # made for this line only, not kept
    values = (extras.note, stated, disputes, extras.station_crew)
    for name, value in zip(RARE_FIELDS, values, strict=True):
        if value not in ("", (), None):
            fields[name] = plain(value, RECORDS["event"][name].type)
    return msgspec.json.encode(fields)


def extras_of(
    values: dict[str, pa.Array], size: int, decode: Decode
) -> tuple[dict[int, str], dict[int, Extras]] | None:
    """The ends and the other rare fields by event of a store of `size` events, from the
    cache's columns (`values`, flattened), if they pass the reader's checks; else `None`."""
    ended, rare = values["ends_at"].to_numpy(), values["rare_at"].to_numpy()
    ends, lines = values["ends"], values["rare"]
    if not (_pair(ended, ends, size) and _pair(rare, lines, size)):
        return None
    written = lines.to_pylist()
    try:
        decoded = decode(b"\n".join(written)) if written else []
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    found = [rare_fields(raw) for raw in decoded]
    if len(found) != len(written) or None in found:
        return None
    try:
        instants(pa.concat_arrays([ends, pa.array(nested_times(decoded), pa.string())]))
    except TimeFormatError:
        return None
    by_row = dict(zip(ended.tolist(), ends.to_pylist(), strict=True))
    return by_row, dict(zip(rare.tolist(), found, strict=True))


def _pair(rows: np.ndarray, values: pa.Array, size: int) -> bool:
    """Whether `values` are one each for `rows`, none null, and the rows ascend within a
    store of `size` events."""
    if len(values) != len(rows) or values.null_count:
        return False
    return not len(rows) or bool((rows[1:] > rows[:-1]).all() and rows[-1] < size)
