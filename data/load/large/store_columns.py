"""The event store's columns as Arrow arrays, and filling the store from them without a Python
object per value.

`STORE_SCHEMA` is `data.store.Columns` as Arrow sees it. Each text column is joined in C
(every string followed by the separator) and decoded once, then cut into the store's chunks
(`TextColumn.extend_joined`); codes and instants are copied from Arrow's buffers into the
store's arrays; titles are taken from the distinct titles, so each appears once however many
events share it. A column can be filled alone (`extend`), so that a million sorted events
need only one sorted column at a time.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from typing import Any

import pyarrow as pa

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.store import Columns, Extras, TextColumn

STORE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("title", pa.string()),
        ("description", pa.string()),
        ("kind", pa.uint8()),
        ("phase", pa.uint16()),
        ("place", pa.uint16()),
        ("vehicles", pa.uint32()),
        ("people", pa.uint32()),
        ("sources", pa.uint32()),
        ("confidence", pa.uint8()),
        ("at", pa.string()),
        ("planned", pa.string()),
        ("instant", pa.float64()),
    ]
)
"""The event store's columns as Arrow arrays (`data.store.Columns`): texts as strings (`""`
for none), kinds, phases, places, reference lists and confidences as the store's codes, and
the instant the timeline sorts on."""
ATTRIBUTES = {
    "id": "ids",
    "title": "titles",
    "description": "descriptions",
    "kind": "kinds",
    "phase": "phases",
    "place": "places",
    "vehicles": "vehicles",
    "people": "people",
    "sources": "sources",
    "confidence": "confidences",
    "at": "at",
    "planned": "planned",
    "instant": "instants",
}
"""The `Columns` attribute of each column of `STORE_SCHEMA`."""
_SEPARATOR = pa.scalar(TextColumn.SEPARATOR)
_NOTHING = pa.scalar("")


def fill(
    columns: Columns,
    table: pa.Table,
    ends: Mapping[int, str],
    extras: Mapping[int, Extras],
    titles: dict[str, str],
) -> None:
    """Add the events of `table` (`STORE_SCHEMA`) to `columns`, and their ends and other
    rare fields (`extras`), by row of the table; `titles` shares each title among all the
    columns'."""
    start = len(columns.ids)
    for name in STORE_SCHEMA.names:
        extend(columns, name, table[name].combine_chunks(), titles)
    columns.ends.update({start + row: value for row, value in ends.items()})
    columns.extras.update({start + row: value for row, value in extras.items()})


def extend(columns: Columns, name: str, values: pa.Array, titles: dict[str, str]) -> None:
    """Add the values of one column of `STORE_SCHEMA` (no nulls) to `columns`."""
    if not len(values):
        return
    target = getattr(columns, ATTRIBUTES[name])
    if isinstance(target, TextColumn):
        _extend_text(target, values)
    elif name == "title":
        _extend_titles(target, values, titles)
    else:
        copy_into(target, values)


def _extend_text(column: TextColumn, values: pa.Array) -> None:
    """Add the strings of a string array (no nulls) to a text column."""
    import pyarrow.compute as pc  # (imported on a first reading, not by the cache's `copy_into`)

    joined = pc.binary_join_element_wise(values, _NOTHING, _SEPARATOR)
    offsets = memoryview(joined.buffers()[1]).cast("i")
    first, last = offsets[joined.offset], offsets[joined.offset + len(joined)]
    text = str(memoryview(joined.buffers()[2])[first:last], "utf-8")
    lengths = pc.binary_length(values) if text.isascii() else pc.utf8_length(values)
    column.extend_joined(text, _array("I", lengths.cast(pa.uint32())))


def _extend_titles(titles: list[str], values: pa.Array, shared: dict[str, str]) -> None:
    """Add the titles, each distinct title one string shared by all the events it names."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(values)
    distinct = [shared.setdefault(title, title) for title in encoded.dictionary.to_pylist()]
    indexes = _array("i", encoded.indices.cast(pa.int32()))
    titles += map(distinct.__getitem__, indexes)


def copy_into(target: bytearray | array[Any], values: pa.Array) -> None:
    """Add the values of a fixed-width array without nulls to a bytearray or an array of
    their width."""
    if isinstance(target, bytearray):
        target += values_bytes(values)
    else:
        target.frombytes(values_bytes(values))


def _array(typecode: str, values: pa.Array) -> array[int]:
    """The values of an integer array without nulls as a Python array of `typecode`."""
    result = array(typecode)
    result.frombytes(values_bytes(values))
    return result


def values_bytes(values: pa.Array) -> memoryview:
    """The values of a fixed-width array without nulls, as bytes in Arrow's buffer."""
    width = values.type.bit_width // 8
    data = memoryview(values.buffers()[1])
    return data[values.offset * width : (values.offset + len(values)) * width]
