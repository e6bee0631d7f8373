"""The event store's columns as the cache keeps them, and back, checked.

One row of list columns (`CACHE_SCHEMA`): each text column as the store holds it (its chunks'
joined texts, each string's start and length), the distinct titles and each event's, the
codes, the instants, the reference lists, and the rare fields: each event's end as written,
and the rest as a JSON Lines event line, which is read back as the JSON Lines reader reads
one (`data.load.jsonl_bulk.rare_fields`, with its msgspec checks). So a store comes back in a
few copies of memory, without a Python object per event but the titles'.

A cache is never trusted: it is refused (`store_of` gives `None`) unless every code is within
its table (kinds, confidences, the header's phases and places, the reference lists, whose ids
must be the header's), each text column's layout is whole (the lengths and starts of each
chunk add up to its text, with a separator after each string and nowhere else), the instants
are numbers in time order, every end and the header's references to events are good.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import msgspec
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.load.jsonl_bulk import rare_fields
from data.load.jsonl_decode import nested_times
from data.load.large.arrow_schema import plain
from data.load.large.instants import instants
from data.load.large.store_columns import copy_into
from data.load.schema import RECORDS
from data.model import Mission
from data.store import CONFIDENCES, KINDS, Columns, EventStore, Extras, TextColumn
from data.store.columns import RARE_FIELDS
from data.times.parse import TimeFormatError

Decode = Callable[[bytes], list[Any]]
"""The mission's JSON Lines decoder's `decode_lines`."""
TEXT_COLUMNS = ("ids", "descriptions", "at", "planned")
_END_ONLY = partial(Extras, "", (), (), None)
"""The `Extras` of an event with an end and no other rare field, given the end."""
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
                (f"{name}_texts", pa.list_(pa.large_string())),
                (f"{name}_starts", pa.list_(pa.uint32())),
                (f"{name}_lengths", pa.list_(pa.uint32())),
            )
        ),
        ("titles", pa.list_(pa.string())),
        ("title_of", pa.list_(pa.uint32())),
        *((name, pa.list_(kind)) for name, kind in _CODES.items()),
        ("groups", pa.list_(pa.list_(pa.string()))),
        ("extras", pa.list_(pa.uint32())),
        ("ends", pa.list_(pa.string())),
        ("rare", pa.list_(pa.large_binary())),
    ]
)
"""The cache's one row."""


def table_of(store: EventStore) -> pa.Table:
    """The store as the cache's one row."""
    c = store.columns
    row: dict[str, Any] = {}
    for name in TEXT_COLUMNS:
        column: TextColumn = getattr(c, name)
        column.finish()
        row[f"{name}_texts"] = pa.array(column.blobs, pa.large_string())
        row[f"{name}_starts"] = pa.array(np.frombuffer(column.starts, np.uint32))
        row[f"{name}_lengths"] = pa.array(np.frombuffer(column.lengths, np.uint32))
    titles = pc.dictionary_encode(pa.array(c.titles, pa.string()))
    row["titles"] = titles.dictionary
    row["title_of"] = titles.indices.cast(pa.uint32())
    for name, kind in _CODES.items():
        row[name] = pa.array(np.frombuffer(getattr(c, name), kind.to_pandas_dtype()))
    row["groups"] = pa.array([list(group) for group in store.groups], pa.list_(pa.string()))
    rows = sorted(c.extras)
    row["extras"] = pa.array(rows, pa.uint32())
    row["ends"] = pa.array([c.extras[index].end for index in rows], pa.string())
    rare = [_rare_line(store, index, c.extras[index]) for index in rows]
    row["rare"] = pa.array(rare, pa.large_binary())
    arrays = [
        pa.ListArray.from_arrays(pa.array([0, len(row[field.name])], pa.int32()), row[field.name])
        for field in CACHE_SCHEMA
    ]
    return pa.Table.from_arrays(arrays, schema=CACHE_SCHEMA)


def _rare_line(store: EventStore, index: int, extras: Extras) -> bytes | None:
    """An event's rare fields as a JSON Lines event line (with its id, title and kind, which
    every line has); `None` if it has none."""
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


def store_of(row: pa.RecordBatch, header: Mission, decode: Decode) -> EventStore | None:
    """The store the cache's row holds, if it passes every check; else `None`."""
    values = {name: row.column(name).flatten() for name in CACHE_SCHEMA.names}
    size = len(values["instants"])
    groups = [tuple(group) for group in values["groups"].to_pylist()]
    if not _codes_fit(values, size, header, groups):
        return None
    columns = Columns()
    layout = _Layout(size)
    for name in TEXT_COLUMNS:
        column = _text_column(values, name, layout)
        if column is None:
            return None
        setattr(columns, name, column)
    titles = values["titles"].to_pylist()
    columns.titles = list(map(titles.__getitem__, values["title_of"].to_numpy().tolist()))
    for name in _CODES:
        copy_into(getattr(columns, name), values[name])
    extras = _extras(values, size, decode)
    if extras is None:
        return None
    columns.extras = extras
    return EventStore(
        columns,
        [phase.id for phase in header.phases],
        [place.id for place in header.places],
        groups,
    )


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
        used = np.unique(values[name].to_numpy()) if size else np.zeros(0, np.uint32)
        if len(used) and int(used[-1]) >= len(groups):
            return False
        if not all(ids.issuperset(groups[code]) for code in used.tolist()):
            return False
    times = values["instants"].to_numpy()
    return bool(np.isfinite(times).all() and (times[1:] >= times[:-1]).all())


class _Layout:
    """Where the chunks of a store's text columns of `size` strings begin and end."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.chunks = -(-size // TextColumn.CHUNK)
        self.chunk = np.arange(size) >> TextColumn.SHIFT
        """The chunk of each string."""
        self.first = np.arange(size) % TextColumn.CHUNK == 0
        self.last = np.concatenate([self.first[1:], [True]])
        self.counts = np.bincount(self.chunk, minlength=self.chunks)


def _text_column(values: dict[str, Any], name: str, layout: _Layout) -> TextColumn | None:
    """A text column as the cache holds it, if its layout is whole: in each chunk the
    strings follow one another from its start to its end, each followed by the separator,
    which is nowhere else."""
    texts = values[f"{name}_texts"]
    starts = values[f"{name}_starts"].to_numpy()
    lengths = values[f"{name}_lengths"].to_numpy()
    size, chunks = layout.size, layout.chunks
    if len(texts) != chunks or len(starts) != size or len(lengths) != size or texts.null_count:
        return None
    offsets = np.frombuffer(texts.buffers()[1], np.int64, chunks + 1, texts.offset * 8)
    data = np.frombuffer(texts.buffers()[2] or b"", np.uint8)[offsets[0] : offsets[-1]]
    offsets = offsets - offsets[0]
    separators = np.flatnonzero(data == 0)
    chunk, first, last = layout.chunk, layout.first, layout.last
    ends = starts.astype(np.int64) + lengths + 1
    following = np.concatenate([starts[1:].astype(np.int64), [0]])
    if (
        len(separators) != size
        or (starts[first] != 0).any()
        or (ends[~last] != following[~last]).any()
    ):
        return None
    if (data < 128).all():  # places in characters are places in bytes
        if (separators != offsets[chunk] + ends - 1).any():
            return None
    else:
        counts = np.diff(np.searchsorted(separators, offsets))
        chars = pc.utf8_length(texts).to_numpy()
        if (counts != layout.counts).any() or (ends[last] != chars).any():
            return None
    column = TextColumn()
    column.blobs = texts.to_pylist()
    column.starts.frombytes(starts.tobytes())
    column.lengths.frombytes(lengths.tobytes())
    return column


def _extras(values: dict[str, Any], size: int, decode: Decode) -> dict[int, Extras] | None:
    """The rare fields by event, read back as the JSON Lines reader reads them."""
    rows = values["extras"].to_numpy()
    if len(rows) and ((rows[1:] <= rows[:-1]).any() or rows[-1] >= size):
        return None
    ends = values["ends"]
    rare = values["rare"]
    lines = rare.drop_null().to_pylist()
    try:
        decoded = decode(b"\n".join(lines)) if lines else []
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    nested = nested_times(decoded)
    times = pa.concat_arrays([ends.drop_null(), pa.array(nested, pa.string())])
    if len(decoded) != len(lines) or pc.any(pc.and_(ends.is_null(), rare.is_null())).as_py():
        return None
    try:
        instants(times)
    except TimeFormatError:
        return None
    found = [rare_fields(raw) for raw in decoded]
    if None in found:
        return None
    has_rare = rare.is_valid()
    extras = dict(
        zip(
            rows[~has_rare.to_numpy(zero_copy_only=False)].tolist(),
            map(_END_ONLY, ends.filter(pc.invert(has_rare)).to_pylist()),
            strict=True,
        )
    )
    for row, extra, end in zip(
        rows[has_rare.to_numpy(zero_copy_only=False)].tolist(),
        found,
        ends.filter(has_rare).to_pylist(),
        strict=True,
    ):
        assert extra is not None
        extra.end = end
        extras[row] = extra
    return extras
