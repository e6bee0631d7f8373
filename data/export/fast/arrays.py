"""A batch of a store's events as Arrow arrays, and a batch's text written out: what the
engine's writers (`data.export.fast`) read and write.

A batch is up to `SPAN` events (four chunks of the store's text columns), read once per
column: a text column as one joined string split in C++, a code column straight from its
array's memory. The batch's rows (`data.export.fast.parts`) are read back in one piece and
written as the bytes they are (`write`).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import TextIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data.export.columns import CHUNK, SEPARATOR, Batch, _Ranges
from data.export.stream import write_utf8
from data.load.large.instants import instants
from data.store import EventStore, TextColumn

SPAN = 4 * CHUNK
"""Events per batch: enough that each C++ call does much work, few enough that memory stays
flat: measured on a million events, the peak while writing was about 100 MiB above the
loaded mission at this size (most of it pyarrow's own code and memory pool), 200-370 MiB
at four times it, for 5-20% more speed."""
_WIDEST = 4
"""The most store positions a batch of a filtered view spans (it reads them all), in
`SPAN`s."""


def spans(positions: Sequence[int]) -> Iterator[Sequence[int]]:
    """The positions (increasing) in batches of at most `SPAN`, each within `_WIDEST` of
    the store: slices of a range, else lists (a filter's positions, a phase's runs)."""
    if isinstance(positions, range) and positions.step == 1:
        for low in range(positions.start, positions.stop, SPAN):
            yield range(low, min(low + SPAN, positions.stop))
        return
    runs = positions.spans if isinstance(positions, _Ranges) else [positions]
    batch: list[int] = []
    for run in runs:
        low = 0
        while low < len(run):
            first = batch[0] if batch else run[low]
            high = min(len(run), low + SPAN - len(batch))
            high = min(high, bisect_left(run, first + _WIDEST * SPAN, low))
            batch += run[low:high]
            low = high
            if len(batch) == SPAN or low < len(run):
                yield batch
                batch = []
    if batch:
        yield batch


class Columns:
    """The events of one batch, each field read once as an Arrow array (`Batch`, the
    pure-Python reader of the same events, gives what the writers make in Python)."""

    def __init__(self, store: EventStore, where: Sequence[int]) -> None:
        self.store = store
        self.batch = Batch(store, where, listed_instants)
        self.size = len(where)
        self.span = self.batch.span
        self._picks: pa.Array | None = None
        self._joined: dict[int, str] = {}
        if not self.batch.whole:
            first = self.span.start
            self._picks = pa.array([i - first for i in where], pa.int32())

    def _pick(self, values: pa.Array) -> pa.Array:
        return values if self._picks is None else values.take(self._picks)

    def joined(self, column: TextColumn) -> str:
        """The texts of a column over the batch's span, each followed by `SEPARATOR` (those
        of the batch, or more around them for a filter's batch): what a writer checks in
        one go before it makes a column in C++."""
        found = self._joined.get(id(column))
        if found is None:
            found = self._joined[id(column)] = column.text(self.span.start, self.span.stop)
        return found

    def texts(self, column: TextColumn) -> pa.StringArray:
        """A text column of the batch."""
        return self._pick(split(self.joined(column)))

    def codes(self, column: Sequence[int]) -> pa.Array:
        """A code column (an `array`, or a `bytearray` of bytes) of the batch, read in
        place."""
        part = column[self.span.start : self.span.stop]
        kind = _CODE_TYPES[part.typecode] if isinstance(part, array) else pa.uint8()
        values = pa.Array.from_buffers(kind, len(part), [None, pa.py_buffer(part)])
        return self._pick(values)

    @cached_property
    def ids(self) -> pa.StringArray:
        return self.texts(self.store.columns.ids)

    @cached_property
    def titles(self) -> pa.StringArray:
        return pa.array(self.batch.titles, pa.string())

    @cached_property
    def descriptions(self) -> pa.StringArray:
        return self.texts(self.store.columns.descriptions)

    @cached_property
    def at(self) -> pa.StringArray:
        return self.texts(self.store.columns.at)

    @cached_property
    def planned(self) -> pa.StringArray:
        return self.texts(self.store.columns.planned)

    @cached_property
    def whens(self) -> pa.StringArray:
        """Each event's time: the actual one, else the planned one."""
        at = self.at
        return pc.if_else(pc.equal(at, ""), self.planned, at)

    @cached_property
    def instants(self) -> pa.DoubleArray:
        return self.codes(self.store.columns.instants)  # type: ignore[arg-type]


_CODE_TYPES = {
    "B": pa.uint8(),
    "H": pa.uint16(),
    "I": pa.uint32(),
    "L": pa.uint64(),
    "q": pa.int64(),
    "d": pa.float64(),
}


def split(joined: str) -> pa.StringArray:
    """The texts of a column's joined string (each followed by `SEPARATOR`)."""
    parts = pc.split_pattern(pa.array([joined], pa.string()), SEPARATOR).flatten()
    return parts.slice(0, len(parts) - 1)


def from_list(texts: list[str]) -> pa.StringArray:
    """A column made in Python (a rare field, a batch that needed sanitising)."""
    return pa.array(texts, pa.string())


def listed_instants(texts: list[str]) -> list[float]:
    """The instants of valid time strings, read from an Arrow column's bytes at once
    (`data.load.large.instants`: a fifth of the time of `instants_of`, the same values):
    the engine's batches read the times that its writers' Python rows show this way."""
    found: list[float] = instants(pa.array(texts, pa.string())).to_pylist()
    return found


def write(rows: pa.StringArray, out: TextIO) -> None:
    """Write the texts of `rows` one after the other to `out`, as the bytes they are."""
    write_utf8(content(rows), out)


def text_of(rows: pa.StringArray) -> str:
    """The texts of `rows` one after the other, as one string (decoded in place)."""
    return str(content(rows), "utf-8")


def fits(data: memoryview, width: int) -> bool:
    """Whether every line of UTF-8 `data` is at most `width` bytes: then none is wider than
    `width` cells (no character takes more cells than bytes), and `data.export.wrap.fit`
    would leave it as it is. numpy reads the bytes in place, without Python's lock, where
    `fit` searches the text holding it."""
    codes = np.frombuffer(data, np.uint8)
    ends = np.append(np.flatnonzero(codes == ord("\n")), len(codes))
    return int(np.diff(ends, prepend=-1).max()) - 1 <= width


def content(rows: pa.StringArray) -> memoryview:
    """The bytes of the texts of `rows` one after the other, read in place (no copy: a
    batch's rows are megabytes, and a copy is made holding Python's lock)."""
    if isinstance(rows, pa.ChunkedArray):
        rows = rows.combine_chunks()
    if rows.null_count:
        rows = rows.fill_null("")
    data = rows.buffers()[2]
    if not len(rows) or data is None:
        return memoryview(b"")
    positions = memoryview(rows.buffers()[1]).cast("i")
    return memoryview(data)[positions[rows.offset] : positions[rows.offset + len(rows)]]
