"""Checking a table of events in bulk and coding it as the event store keeps it.

A table of events (columns as `data.load.large.arrow_schema.event_schema`, absent values null)
passes only if every event would pass the general checks: an id of the id pattern, a title, a
kind of the list, a confidence of the list, a phase, place, vehicles, people and sources the
header defines, text no longer than `MAX_STRING_CHARS`, and an `at` or `planned`, each time (and
`end`) a valid mission time. The few events with rare fields (a note, stated times, disputes, a
station crew) are converted by msgspec to the JSON Lines structs, which check them field by
field, and taken as the JSON Lines loader takes them (`data.load.jsonl_bulk.rare_fields`). Any
failure takes nothing: the caller then reads the events the general way, which words the
problem and places it.

The result is the store's columns as Arrow arrays (`data.load.large.store_columns.STORE_SCHEMA`)
and the rare fields by row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import msgspec
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.files.reading import MAX_STRING_CHARS
from data.load.jsonl_bulk import rare_fields
from data.load.jsonl_decode import nested_times
from data.load.large.instants import EventTimes, event_times, instants
from data.load.large.reference_groups import ReferenceGroups
from data.load.large.store_columns import STORE_SCHEMA
from data.load.schema import ID_PATTERN
from data.store import CONFIDENCES, KINDS, Extras, StoreBuilder
from data.store.columns import RARE_FIELDS
from data.times.parse import TimeFormatError

REFERENCE_LISTS = ("vehicles", "people", "sources")
_KINDS = pa.array([kind.value for kind in KINDS])
_CONFIDENCES = pa.array([getattr(confidence, "value", "") for confidence in CONFIDENCES[1:]])
_TEXTS = ("title", "description", "at", "planned", "end", "note")


Decoded = Callable[[list[int]], list[Any]]
"""The JSON Lines structs of some rows of a table (`msgspec` raises on a bad one)."""


@dataclass(frozen=True)
class Taken:
    """Events that passed every check: the store's columns (`STORE_SCHEMA`), the ends and
    the other rare fields of those that have them, by row."""

    columns: pa.Table
    ends: dict[int, str]
    extras: dict[int, Extras]


class EventChecks:
    """Checks and codes tables of one mission's events (its header's ids); reference lists
    are coded in `builder`'s groups."""

    def __init__(
        self, builder: StoreBuilder, ids: Mapping[str, Sequence[str]], struct: Any
    ) -> None:
        self.builder = builder
        self.struct = struct
        """The JSON Lines struct of an event (`data.load.jsonl_decode.event_decoder`)."""
        self.known = {
            "kind": _KINDS,
            "phase": pa.array(builder.phase_ids, pa.string()),
            "place": pa.array(builder.place_ids, pa.string()),
            "confidence": _CONFIDENCES,
        }
        self.groups = {
            name: ReferenceGroups(builder, pa.array(ids[name], pa.string()))
            for name in REFERENCE_LISTS
        }

    def take(
        self, events: pa.Table, decoded: Decoded | None = None, times: EventTimes | None = None
    ) -> Taken | None:
        """The events coded as the store keeps them, if every one passes every check.
        `decoded` gives the structs of the rows with rare fields from their text (by
        default, they are converted from the table's values); `times`, the forms of their
        times (by default, read here)."""
        codes = self._codes(events)
        if codes is None:
            return None
        instant = _instants(events, times)
        if instant is None:
            return None
        extras = self._extras(events, decoded or partial(self._converted, events))
        if extras is None:
            return None
        columns = [
            events["id"],
            events["title"],
            pc.fill_null(events["description"], ""),
            *codes[:3],
            *codes[3:6],
            codes[6],
            pc.fill_null(events["at"], ""),
            pc.fill_null(events["planned"], ""),
            instant,
        ]
        table = pa.Table.from_arrays(columns, schema=STORE_SCHEMA)
        return Taken(table, _ends(events["end"]), extras)

    def _codes(self, events: pa.Table) -> list[pa.Array] | None:
        """The codes of each event's kind, phase, place, vehicles, people, sources and
        confidence (`STORE_SCHEMA`'s order), if its id, title and texts pass and it names
        only what the header defines."""
        if not _texts_fit(events) or not _ids_fit(events):
            return None
        codes = []
        for name in ("kind", "phase", "place"):
            code = _code(events[name], self.known[name], required=name == "kind")
            if code.null_count:
                return None
            codes.append(code)
        for name in REFERENCE_LISTS:
            group = self.groups[name].codes(events[name])
            if group is None:
                return None
            codes.append(group)
        confidence = _code(events["confidence"], self.known["confidence"], required=False)
        if confidence.null_count:
            return None
        return [*codes, confidence]

    def _extras(self, events: pa.Table, decoded: Decoded) -> dict[int, Extras] | None:
        """The rare fields but the end, by row; `None` if an event with rare fields fails
        the JSON Lines checks."""
        rare = pc.is_valid(events[RARE_FIELDS[0]])
        for name in RARE_FIELDS[1:]:
            rare = pc.or_(rare, pc.is_valid(events[name]))
        extras: dict[int, Extras] = {}
        rows = pc.indices_nonzero(rare.combine_chunks()).to_pylist()
        if rows:
            try:
                raws = decoded(rows)
            except (msgspec.ValidationError, msgspec.DecodeError):
                return None
            if len(raws) != len(rows):
                return None
            for row, raw in zip(rows, raws, strict=True):
                taken = rare_fields(raw)
                if taken is None:
                    return None
                extras[row] = taken
            if not _times_valid(nested_times(raws)):
                return None
        return extras

    def _converted(self, events: pa.Table, rows: list[int]) -> list[Any]:
        """The JSON Lines structs of some rows, converted from the table's values (those of
        the fields every struct needs, the end and the rare fields: what `rare_fields`
        reads)."""
        fields = events.select(["id", "title", "kind", "end", *RARE_FIELDS]).take(rows)
        return [msgspec.convert(given(values), self.struct) for values in fields.to_pylist()]


def given(value: Any) -> Any:
    """A row as plain data with its absent (null) fields left out, as JSON would have it."""
    if isinstance(value, dict):
        return {key: given(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [given(item) for item in value]
    return value


def _code(values: pa.ChunkedArray, known: pa.Array, *, required: bool) -> pa.Array:
    """The index of each value in `known` (1 + it, 0 for none, if not `required`); null
    where a value is not known (or missing, if `required`)."""
    index = pc.index_in(values, value_set=known).combine_chunks()
    if required:
        return index
    unknown = pc.and_(values.is_valid(), index.is_null())
    return pc.if_else(unknown, None, pc.fill_null(pc.add(index, 1), 0)).combine_chunks()


def _ends(ends: pa.ChunkedArray) -> dict[int, str]:
    """The end as written of each row that has one (checked with the other times)."""
    if ends.null_count == len(ends):
        return {}
    given = pc.indices_nonzero(ends.is_valid().combine_chunks()).to_pylist()
    return dict(zip(given, ends.take(given).to_pylist(), strict=True))


def _times_valid(texts: list[str]) -> bool:
    """Whether each of these mission times is valid."""
    try:
        instants(pa.array(texts, pa.string()))
    except TimeFormatError:
        return False
    return True


def _instants(events: pa.Table, times: EventTimes | None) -> pa.Array | None:
    """The instant of each event (of its `at`, else its `planned`) if every event has one
    and each of its times (`times`, or read here) is valid; else `None`."""
    at, planned = events["at"], events["planned"]
    if not pc.all(pc.or_(at.is_valid(), planned.is_valid())).as_py():
        return None
    read = event_times(events) if times is None else times
    at_forms, planned_forms = read["at"], read["planned"]
    if at_forms is None or planned_forms is None or read["end"] is None:
        return None
    given = at_forms.precisions > 0
    return pa.array(np.where(given, at_forms.millis, planned_forms.millis) / 1000.0)


def _texts_fit(events: pa.Table) -> bool:
    """Whether every text and time is at most `MAX_STRING_CHARS` characters (cheaply: its
    bytes first)."""
    for name in _TEXTS:
        column = events[name]
        longest = pc.max(pc.binary_length(column)).as_py()
        if longest is not None and longest > MAX_STRING_CHARS:
            chars = pc.max(pc.utf8_length(column)).as_py()
            if chars is not None and chars > MAX_STRING_CHARS:
                return False
    return True


def _ids_fit(events: pa.Table) -> bool:
    """Whether every event has an id of the id pattern, a title and a kind."""
    ids = events["id"]
    if any(events[name].null_count for name in ("id", "title", "kind")):
        return False
    return bool(pc.all(pc.match_substring_regex(ids, ID_PATTERN)).as_py())
