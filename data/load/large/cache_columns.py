"""The event store's columns as the cache keeps them, and back, checked.

One row of list columns (`CACHE_SCHEMA`): each text column's chunks
(`data.load.large.cache_texts`), the distinct titles and each event's, the codes, the
instants, the reference lists, the rare fields (`data.load.large.cache_extras`), the zones'
changes of offset their times were checked with (`data.load.large.cache_zones`), and the ids
looked up when the file was read (the header's references to events) with where they are. So
a store comes back in a few copies of memory, without a Python object per event but the
titles'.

A cache is never trusted: it is refused (`store_of` gives `None`) unless every code is within
its table (kinds, confidences, the header's phases and places, the reference lists, whose ids
must be the header's), each text column is whole, no title holds the separator, the instants
are numbers in time order, the zones' changes hold, the rare fields pass the reader's checks
and each id looked up is where the cache says.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.load.large.arrow_schema import string_bytes
from data.load.large.cache_extras import EXTRAS_FIELDS, Decode, extras_columns, extras_of
from data.load.large.cache_texts import SEPARATORS, TEXT_TYPE, text_column, text_columns
from data.load.large.cache_zones import ZONE_FIELDS, taught, zones_columns
from data.load.large.store_columns import copy_into
from data.model import Mission
from data.store import CONFIDENCES, KINDS, Columns, EventStore, TextColumn

TEXT_COLUMNS = ("ids", "descriptions", "at", "planned")
_CODES = {
    "kinds": pa.uint8(),
    "phases": pa.uint16(),
    "places": pa.uint16(),
    "vehicles": pa.uint32(),
    "people": pa.uint32(),
    "sources": pa.uint32(),
    "confidences": pa.uint8(),
    "instants": pa.float64(),
}
CACHE_SCHEMA = pa.schema(
    [
        *(
            field
            for name in TEXT_COLUMNS
            for field in (
                (name, pa.list_(TEXT_TYPE)),
                (SEPARATORS.format(name), pa.list_(pa.uint32())),
            )
        ),
        ("titles", pa.list_(pa.string())),
        ("title_of", pa.list_(pa.uint32())),
        *((name, pa.list_(kind)) for name, kind in _CODES.items()),
        ("groups", pa.list_(pa.list_(pa.string()))),
        *EXTRAS_FIELDS,
        *ZONE_FIELDS,
        ("known_ids", pa.list_(pa.string())),
        ("known_at", pa.list_(pa.uint32())),
    ]
)
"""The cache's one row."""


def table_of(store: EventStore) -> pa.Table:
    """The store as the cache's one row."""
    import pyarrow.compute as pc  # only to write (a reading spares its import)

    c = store.columns
    row: dict[str, Any] = {}
    for name in TEXT_COLUMNS:
        row |= text_columns(name, getattr(c, name))
    titles = pc.dictionary_encode(pa.array(c.titles, pa.string()))
    row["titles"] = titles.dictionary
    row["title_of"] = titles.indices.cast(pa.uint32())
    for name, kind in _CODES.items():
        row[name] = pa.array(np.frombuffer(getattr(c, name), kind.to_pandas_dtype()))
    row["groups"] = pa.array([list(group) for group in store.groups], pa.list_(pa.string()))
    row |= extras_columns(store)
    row |= zones_columns()
    known = store.by_id.known
    row["known_ids"] = pa.array(list(known), pa.string())
    row["known_at"] = pa.array(list(known.values()), pa.uint32())
    arrays = [
        pa.ListArray.from_arrays(pa.array([0, len(row[field.name])], pa.int32()), row[field.name])
        for field in CACHE_SCHEMA
    ]
    return pa.Table.from_arrays(arrays, schema=CACHE_SCHEMA)


def store_of(row: pa.RecordBatch, header: Mission, decode: Decode) -> EventStore | None:
    """The store the cache's row holds, if it passes every check; else `None`."""
    values = _values(row)
    if values is None:
        return None
    size = len(values["instants"])
    if values["groups"].null_count:
        return None
    groups = [tuple(group) for group in values["groups"].to_pylist()]
    if not _codes_fit(values, size, header, groups) or not _titles_fit(values["titles"]):
        return None
    columns = Columns()
    for name in TEXT_COLUMNS:
        column = text_column(values[name], values[SEPARATORS.format(name)], size)
        if column is None:
            return None
        setattr(columns, name, column)
    titles = np.array(values["titles"].to_pylist(), object)
    columns.titles = titles[values["title_of"].to_numpy()].tolist()
    for name in _CODES:
        copy_into(getattr(columns, name), values[name])
    if not taught(values):
        return None
    rare = extras_of(values, size, decode)
    if rare is None:
        return None
    columns.ends, columns.extras = rare
    store = EventStore(
        columns,
        [phase.id for phase in header.phases],
        [place.id for place in header.places],
        groups,
    )
    known = _known(values, store)
    if known is None:
        return None
    store.by_id.remember(known)
    return store


def _values(row: pa.RecordBatch) -> dict[str, pa.Array] | None:
    """The values of each column's one list, if each holds exactly its list's values (as
    written); else `None`. (Not `flatten`, which imports `pyarrow.compute`: 30 ms.)"""
    values: dict[str, pa.Array] = {}
    for name in CACHE_SCHEMA.names:
        column = row.column(name)
        ends = column.offsets.to_numpy()
        if column.null_count or ends.tolist() != [0, len(column.values)]:
            return None
        values[name] = column.values
    return values


def _codes_fit(
    values: dict[str, Any], size: int, header: Mission, groups: list[tuple[str, ...]]
) -> bool:
    """Whether every per-event column has `size` values, every code is within its table,
    each reference list names the header's ids, and the instants are in time order."""
    if any(len(values[name]) != size for name in (*_CODES, "title_of")):
        return False
    limits = {
        "kinds": len(KINDS),
        "confidences": len(CONFIDENCES),
        "phases": len(header.phases) + 1,
        "places": len(header.places) + 1,
        "title_of": len(values["titles"]),
        "vehicles": len(groups),
        "people": len(groups),
        "sources": len(groups),
    }
    for name, limit in limits.items():
        if size and int(values[name].to_numpy().max()) >= limit:
            return False
    known = {
        "vehicles": set(header.vehicle_by_id),
        "people": set(header.person_by_id),
        "sources": set(header.source_by_id),
    }
    for name, ids in known.items():
        used = np.flatnonzero(np.bincount(values[name].to_numpy(), minlength=len(groups)))
        if not all(ids.issuperset(groups[code]) for code in used.tolist()):
            return False
    times = values["instants"].to_numpy()
    return bool(np.isfinite(times).all() and (times[1:] >= times[:-1]).all())


def _titles_fit(titles: pa.Array) -> bool:
    """Whether no title holds the separator (a chunk of titles is searched as one text)."""
    return titles.null_count == 0 and not (string_bytes(titles) == _NUL).any()


_NUL = ord(TextColumn.SEPARATOR)


def _known(values: dict[str, Any], store: EventStore) -> dict[str, int] | None:
    """The ids looked up when the file was read, and where they are, if each is there."""
    ids, places = values["known_ids"].to_pylist(), values["known_at"].to_numpy().tolist()
    if len(ids) != len(places) or any(place >= len(store) for place in places):
        return None
    column = store.columns.ids
    if any(column[place] != event_id for event_id, place in zip(ids, places, strict=True)):
        return None
    return dict(zip(ids, places, strict=True))
