"""The event records of the mission schema as Arrow types, and what a parsed table of them
accounts for in its JSON text.

`arrow_type` follows `data.load.schema.RECORDS` (as `data.load.jsonl_decode` does for msgspec):
texts, ids, references, times and choices are strings, integers are int64, lists are lists
and records are structs, fields in the schema's order. `Tally` counts what a table's values
need in their JSON text (a colon per key, two quotes per key and per string, and the colons
and quotes inside the strings, counted in their bytes by numpy): the fast reader compares it
with the colons and quotes of the text it parsed, so a key given twice, a `null`, a value of
another type that a reader turned into a string, or a field a reader ignored, cannot pass
unseen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.load.schema import RECORDS, TIME, Field, ListOf, Scalar
from data.times.parse import When

STRING_KINDS = frozenset({"text", "id", "ref", "time", "enum"})
"""The scalar kinds written as JSON strings."""


def arrow_type(declared: Scalar | ListOf | str) -> pa.DataType:
    """The Arrow type of a schema type; `TypeError` for one events never hold."""
    if isinstance(declared, str):
        return record_type(declared)
    if isinstance(declared, ListOf):
        return pa.list_(arrow_type(declared.item))
    if declared.kind in STRING_KINDS or declared.choices is not None:
        return pa.string()
    if declared.kind == "int":
        return pa.int64()
    raise TypeError(f"no Arrow type for {declared.kind} fields")


@cache
def record_type(record: str) -> pa.StructType:
    """A record of the schema as an Arrow struct, its fields in the schema's order."""
    return pa.struct([(name, arrow_type(field.type)) for name, field in RECORDS[record].items()])


@cache
def event_schema() -> pa.Schema:
    """The schema of a table of events, one column per field of an event."""
    return pa.schema(list(record_type("event")))


TIME_COLUMNS = (
    ("utc", pa.timestamp("ms", tz="UTC")),
    ("precision", pa.string()),
    ("zone", pa.string()),
)
"""Beside each time of an event in a Parquet file: its instant in UTC (none for a date or a
month), its precision (`data.times.utc.PRECISION_NAMES`) and the zone written."""


@cache
def parquet_schema() -> pa.Schema:
    """The columns of a Parquet mission: each field of an event, each time followed by its
    forms for programs (`TIME_COLUMNS`: `at_utc`, `at_precision`, `at_zone`)."""
    fields = []
    for name, field in RECORDS["event"].items():
        fields.append(pa.field(name, arrow_type(field.type)))
        if field.type == TIME:
            fields += [pa.field(f"{name}_{form}", kind) for form, kind in TIME_COLUMNS]
    return pa.schema(fields)


def plain(value: Any, declared: Scalar | ListOf | str) -> Any:
    """A value of the schema as JSON holds it (records as objects, times as written, the
    fields of a record at their default left out)."""
    if isinstance(declared, ListOf):
        return [plain(item, declared.item) for item in value]
    if isinstance(declared, str):
        return {
            name: plain(getattr(value, name), field.type)
            for name, field in RECORDS[declared].items()
            if field.required or getattr(value, name) not in ("", (), None)
        }
    return value.text if isinstance(value, When) else value


@dataclass(slots=True)
class Tally:
    """What a table of records needs in its JSON text; `nulls`: values that are `null`
    inside a list (JSON `null` is never a mission value)."""

    keys: int = 0
    strings: int = 0
    colons: int = 0
    quotes: int = 0
    nulls: int = 0

    @property
    def colons_written(self) -> int:
        """The colons of the JSON text: one per key, and those inside strings."""
        return self.keys + self.colons

    @property
    def quotes_written(self) -> int:
        """The quotes of the JSON text: around each key and string, and escaped inside."""
        return 2 * (self.keys + self.strings) + self.quotes

    def add_records(self, columns: dict[str, Any], record: str) -> None:
        """Count the records given as columns (arrays of one length, by field name)."""
        for name, field in RECORDS[record].items():
            column = columns[name]
            self.keys += len(column) - column.null_count
            self.add_values(column, field)

    def add_values(self, column: Any, field: Field) -> None:
        """Count the values of one field (the nulls, its absences, count nothing)."""
        declared = field.type
        if isinstance(declared, ListOf):
            items = column.flatten()
            self.nulls += items.null_count
            self.add_values(items, Field(declared.item))
        elif isinstance(declared, str):
            fields = RECORDS[declared]
            self.add_records(dict(zip(fields, column.flatten(), strict=True)), declared)
        elif column.type == pa.string():
            self.strings += len(column) - column.null_count
            text = string_bytes(column)
            self.colons += int(np.count_nonzero(text == COLON))
            self.quotes += int(np.count_nonzero(text == QUOTE))


COLON, QUOTE = ord(":"), ord('"')


def string_bytes(column: pa.Array) -> np.ndarray:
    """The bytes of all the strings of a string array, one after the other (nulls hold
    none), without a copy."""
    size = len(column)
    data = column.buffers()[2]
    if not size or data is None:
        return np.zeros(0, np.uint8)
    offsets = np.frombuffer(column.buffers()[1], np.int32, size + 1, column.offset * 4)
    return np.frombuffer(data, np.uint8)[offsets[0] : offsets[-1]]
