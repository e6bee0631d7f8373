"""The rare fields of a store's events as the cache keeps them, and back, checked as the
JSON Lines reader checks them.

Three columns of the events that have any (`Extras`): their rows, each one's end as written
(null: none), and its other rare fields as a JSON Lines event line (null: none), which is read
back as the reader reads one (`data.load.jsonl_bulk.rare_fields`, with its msgspec checks),
its stated times and disputes made into records only when first read. Refused (`None`) unless
the rows ascend within the store, each has an end or a line, every line decodes, and every
end and every time inside the lines is a valid mission time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import msgspec
import pyarrow as pa

from data.load.jsonl_bulk import rare_fields
from data.load.jsonl_decode import nested_times
from data.load.large.arrow_schema import plain
from data.load.large.engine import kernel  # (with the system allocator, no pandas)
from data.load.large.instants import instants
from data.load.schema import RECORDS
from data.store import KINDS, EventStore, Extras
from data.store.columns import RARE_FIELDS
from data.times.parse import TimeFormatError

Decode = Callable[[bytes], list[Any]]
"""The mission's JSON Lines decoder's `decode_lines`."""
EXTRAS_FIELDS = (
    ("extras", pa.list_(pa.uint32())),
    ("ends", pa.list_(pa.string())),
    ("rare", pa.list_(pa.large_binary())),
)
"""The cache's columns of the rare fields: the rows, their ends, their other fields."""
_END_ONLY = partial(Extras, "", (), (), None)
"""The `Extras` of an event with an end and no other rare field, given the end."""


def extras_columns(store: EventStore) -> dict[str, pa.Array]:
    """The store's rare fields as the cache's columns."""
    extras = store.columns.extras
    rows = sorted(extras)
    return {
        "extras": pa.array(rows, pa.uint32()),
        "ends": pa.array([extras[row].end for row in rows], pa.string()),
        "rare": pa.array([_rare_line(store, row) for row in rows], pa.large_binary()),
    }


def _rare_line(store: EventStore, index: int) -> bytes | None:
    """An event's rare fields but its end as a JSON Lines event line (with its id, title and
    kind, which every line has); `None` if it has none."""
    extras = store.columns.extras[index]
    if not (extras.note or extras.stated or extras.disputes or extras.station_crew is not None):
        return None
    c = store.columns
    fields: dict[str, Any] = {"id": c.ids[index], "title": c.titles[index]}
    fields["kind"] = KINDS[c.kinds[index]].value
    for name in RARE_FIELDS:
        value = getattr(extras, name)
        if value not in ("", (), None):
            fields[name] = plain(value, RECORDS["event"][name].type)
    return msgspec.json.encode(fields)


def extras_of(values: dict[str, pa.Array], size: int, decode: Decode) -> dict[int, Extras] | None:
    """The rare fields by event of a store of `size` events, from the cache's columns
    (`values`, flattened), if they pass the reader's checks; else `None`."""
    rows = values["extras"].to_numpy()
    if len(rows) and ((rows[1:] <= rows[:-1]).any() or rows[-1] >= size):
        return None
    ends, lines = values["ends"].to_pylist(), values["rare"].to_pylist()
    if len(ends) != len(rows) or len(lines) != len(rows):
        return None
    written = [line for line in lines if line is not None]
    try:
        decoded = decode(b"\n".join(written)) if written else []
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    found = [rare_fields(raw) for raw in decoded]
    if len(found) != len(written) or None in found:
        return None
    given = kernel("drop_null", [values["ends"]])
    try:
        instants(pa.concat_arrays([given, pa.array(nested_times(decoded), pa.string())]))
    except TimeFormatError:
        return None
    return _joined(rows.tolist(), ends, lines, found)


def _joined(
    rows: list[int], ends: list[str | None], lines: list[bytes | None], found: list[Any]
) -> dict[int, Extras] | None:
    """Each row's `Extras`: its end, with the fields `found` in its line if it has one."""
    extras: dict[int, Extras] = {}
    rare = iter(found)
    for row, end, line in zip(rows, ends, lines, strict=True):
        if line is None:
            if end is None:
                return None  # a row with nothing rare
            extras[row] = _END_ONLY(end)
        else:
            extra = next(rare)
            extra.end = end
            extras[row] = extra
    return extras
