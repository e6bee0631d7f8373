"""Filling the event store's columns from Arrow arrays, without a Python object per value.

The columns of `data.large.event_checks.STORE_SCHEMA` become `data.store.Columns`: each text
column is joined in C (every string followed by the separator) and decoded once, then cut into
the store's chunks (`TextColumn.extend_joined`); codes and instants are copied from Arrow's
buffers into the store's arrays; titles are taken from the table's distinct titles, so each
appears once however many events share it.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping

import pyarrow as pa
import pyarrow.compute as pc

from data.store import Columns, Extras, TextColumn

_SEPARATOR = pa.scalar(TextColumn.SEPARATOR)
_NOTHING = pa.scalar("")


def fill(
    columns: Columns, table: pa.Table, extras: Mapping[int, Extras], titles: dict[str, str]
) -> None:
    """Add the events of `table` (`STORE_SCHEMA`) to `columns`, and their rare fields
    (`extras`, by row of the table); `titles` shares each title among all the columns'."""
    start = len(columns.ids)
    table = table.combine_chunks()
    for name in ("id", "description", "at", "planned"):
        _extend_text(_text_column(columns, name), table[name].chunk(0) if table.num_rows else None)
    _extend_titles(columns.titles, table["title"], titles)
    columns.kinds += _buffer(table["kind"])
    columns.phases.frombytes(_buffer(table["phase"]))
    columns.places.frombytes(_buffer(table["place"]))
    columns.vehicles.frombytes(_buffer(table["vehicles"]))
    columns.people.frombytes(_buffer(table["people"]))
    columns.sources.frombytes(_buffer(table["sources"]))
    columns.confidences += _buffer(table["confidence"])
    columns.instants.frombytes(_buffer(table["instant"]))
    columns.extras.update({start + row: value for row, value in extras.items()})


def _text_column(columns: Columns, name: str) -> TextColumn:
    """The store's text column for a field of `STORE_SCHEMA`."""
    return {
        "id": columns.ids,
        "description": columns.descriptions,
        "at": columns.at,
        "planned": columns.planned,
    }[name]


def _extend_text(column: TextColumn, values: pa.Array | None) -> None:
    """Add the strings of a string array (no nulls) to a text column."""
    if values is None or not len(values):
        return
    joined = pc.binary_join_element_wise(values, _NOTHING, _SEPARATOR)
    offsets = memoryview(joined.buffers()[1]).cast("i")
    first, last = offsets[joined.offset], offsets[joined.offset + len(joined)]
    text = str(memoryview(joined.buffers()[2])[first:last], "utf-8")
    lengths = pc.binary_length(values) if text.isascii() else pc.utf8_length(values)
    column.extend_joined(text, _array("I", lengths.cast(pa.uint32())))


def _extend_titles(titles: list[str], values: pa.ChunkedArray, shared: dict[str, str]) -> None:
    """Add the titles, each distinct title one string shared by all the events it names."""
    if not len(values):
        return
    encoded = pc.dictionary_encode(values.combine_chunks())
    distinct = [shared.setdefault(title, title) for title in encoded.dictionary.to_pylist()]
    indexes = _array("i", encoded.indices.cast(pa.int32()))
    titles += map(distinct.__getitem__, indexes)


def _array(typecode: str, values: pa.Array) -> array[int]:
    """The values of an integer array without nulls as a Python array of `typecode`."""
    result = array(typecode)
    result.frombytes(_buffer(values))
    return result


def _buffer(values: pa.Array | pa.ChunkedArray) -> memoryview:
    """The values of a fixed-width array without nulls, as bytes in Arrow's buffer."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    width = values.type.bit_width // 8
    data = memoryview(values.buffers()[1])
    return data[values.offset * width : (values.offset + len(values)) * width]
