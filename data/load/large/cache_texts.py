"""A store's text column as the cache keeps it, and back, checked: its chunks' joined texts
and where each string's separator is.

A store's `TextColumn` joins its strings in chunks of `TextColumn.CHUNK`, each followed by
`TextColumn.SEPARATOR` (a NUL, which mission text never holds). The cache keeps the chunks,
and the byte at which each string's separator stands in its chunk (`SEPARATORS`). Read back,
a column is refused (`None`) unless it has one chunk per `CHUNK` strings, the separators
named ascend, each chunk ends with its last string's, and the bytes named are the texts'
only NULs; each string's start and length (in characters, as the store keeps them) are then
worked out from them. All with numpy on the chunks' bytes, without a Python object per
string; the texts are UTF-8 (`validate(full=True)` of the cache's row has said so).
"""

from __future__ import annotations

from array import array

import numpy as np
import pyarrow as pa

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.store import TextColumn

TEXT_TYPE = pa.large_string()
"""The type of a text column's chunks in the cache."""
SEPARATORS = "{}_separators"
"""The name of the cache's column of a text column's separators (uint32, bytes into their
chunk)."""
_CONTINUATION, _CONTINUATION_MASK = 0x80, 0xC0
"""A UTF-8 byte that continues a character (not counted as one)."""
_WIDEST = 1 << 32
"""A separator's place in its chunk is kept as uint32 (so a chunk holds at most this many
bytes; its strings' starts and lengths, in characters, are no larger)."""


def text_columns(name: str, column: TextColumn) -> dict[str, pa.Array]:
    """A text column as the cache's columns: `name` (its chunks) and its separators (the
    store's only NULs)."""
    column.finish()
    chunks = pa.array(column.blobs, TEXT_TYPE)
    offsets = np.frombuffer(chunks.buffers()[1], np.int64, len(chunks) + 1)
    data = np.frombuffer(chunks.buffers()[2] or b"", np.uint8)[: offsets[-1]]
    chunk = np.arange(len(column)) >> TextColumn.SHIFT
    places = np.flatnonzero(data == 0)
    if len(places) != len(column) or (len(places) and int(np.diff(offsets).max()) > _WIDEST):
        raise ValueError(f"the {name} column cannot be cached")  # never for a loader's store
    places -= offsets[chunk]
    return {name: chunks, SEPARATORS.format(name): pa.array(places.astype(np.uint32))}


def text_column(texts: pa.Array, places: pa.Array, size: int) -> TextColumn | None:
    """The column of `size` strings whose chunks are `texts` and whose separators are at
    `places`, if those are where a store's column has them; else `None`."""
    chunks = -(-size // TextColumn.CHUNK)
    if len(texts) != chunks or len(places) != size or texts.null_count:
        return None
    column = TextColumn()
    if not size:
        return column
    offsets = np.frombuffer(texts.buffers()[1], np.int64, chunks + 1, texts.offset * 8)
    data = np.frombuffer(texts.buffers()[2] or b"", np.uint8)[offsets[0] : offsets[-1]]
    offsets = offsets - offsets[0]
    within = places.to_numpy()
    firsts = np.arange(0, size, TextColumn.CHUNK)
    if not _in_their_chunks(within, firsts, np.diff(offsets)):
        return None
    if len(data) >= _WIDEST:
        return None  # (a mission file's texts are never as long)
    # Each separator's byte in `data`, as int64 (numpy's index type: indexing with them
    # makes no converted copy).
    ends = np.repeat(offsets[:-1], TextColumn.CHUNK)[:size]
    ends += within
    if data[ends].any():
        return None  # a separator that is not a NUL
    if len(data) - np.count_nonzero(data) != size:
        return None  # a NUL that is not a separator
    column.blobs = texts.to_pylist()
    column.starts, column.lengths = array("I", [0]) * size, array("I", [0]) * size
    starts = np.frombuffer(column.starts, np.uint32)  # (written in place: views of the
    lengths = np.frombuffer(column.lengths, np.uint32)  # column's arrays, dropped below)
    np.subtract(within[1:], within[:-1], out=lengths[1:])  # in bytes, up to the separator
    lengths[1:] -= 1  # (at a chunk's first string, wrong: set just below)
    lengths[firsts] = within[firsts]
    if all(map(str.isascii, column.blobs)):  # a byte is a character (known, not counted)
        np.subtract(within, lengths, out=starts)
    else:
        lengths -= _continuing(data, ends - lengths).astype(np.uint32)
        steps = lengths + np.int64(1)
        begins = np.cumsum(steps) - steps
        begins -= np.repeat(begins[firsts], TextColumn.CHUNK)[:size]
        starts[:] = begins
    del starts, lengths  # (an array viewed cannot grow)
    return column


def _in_their_chunks(within: np.ndarray, firsts: np.ndarray, widths: np.ndarray) -> bool:
    """Whether the separators' places in their chunks (`within`; `firsts`: each chunk's
    first string; `widths`: each chunk's bytes) ascend in each chunk to its last byte."""
    lasts = np.append(firsts[1:], len(within)) - 1
    rising = within[1:] > within[:-1]
    rising[firsts[1:] - 1] = True  # from one chunk's last to the next one's first
    return bool(rising.all() and (within[lasts] == widths - 1).all())


def _continuing(data: np.ndarray, firsts: np.ndarray) -> np.ndarray:
    """How many bytes of each string (starting at `firsts`, each up to the next one) continue
    a character in UTF-8: its length in bytes less its length in characters."""
    continuing = (data & _CONTINUATION_MASK) == _CONTINUATION
    return np.asarray(np.add.reduceat(continuing, firsts, dtype=np.int64))
