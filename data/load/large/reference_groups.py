"""Coding a column of reference lists (an event's vehicles, people or sources) as the event
store keeps them: the code of each distinct list in the builder's groups.

Every id of every list must be one the header defines (else nothing is coded). A list of up to
`SHORT` ids is packed by numpy into one integer (each id's number in `BITS` bits), so Arrow
finds the distinct lists among a million by hashing integers; a longer list is joined into one
string instead. Each distinct list becomes a tuple once, and its code is remembered.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.store import StoreBuilder

SHORT, BITS = 4, 16
"""Lists of up to `SHORT` ids are packed into an integer key, `BITS` bits an id."""
_MASK = (1 << BITS) - 1
_SEPARATOR = "\x00"
"""Joins a long list into one string (ids never hold it)."""


class ReferenceGroups:
    """Codes columns of lists of the ids `known` in `builder`'s groups."""

    def __init__(self, builder: StoreBuilder, known: pa.Array) -> None:
        self.builder = builder
        self.known = known
        self.ids: list[str] = known.to_pylist()
        self.coded: dict[int, int] = {}
        """The group code of each packed list met so far."""

    def codes(self, lists: pa.ChunkedArray) -> pa.Array | None:
        """The group code of each list; `None` if one names an id not known."""
        array = lists.combine_chunks()
        numbers = pc.index_in(array.flatten(), value_set=self.known)
        if numbers.null_count:
            return None
        offsets = array.offsets.to_numpy()
        offsets = offsets - offsets[0]
        lengths = np.diff(offsets)
        if (len(lengths) and lengths.max() > SHORT) or len(self.ids) >= _MASK:
            return self._joined(array)
        keys = np.zeros(len(array), np.uint64)
        packed = numbers.to_numpy().astype(np.uint64) + 1
        for place in range(SHORT):
            has = lengths > place
            keys[has] |= packed[offsets[:-1][has] + place] << np.uint64(BITS * place)
        encoded = pc.dictionary_encode(pa.array(keys))
        distinct = encoded.dictionary.to_pylist()
        table = [self.coded.get(key) for key in distinct]
        for position, key in enumerate(distinct):
            if table[position] is None:
                refs = tuple(self.ids[number - 1] for number in _numbers(key))
                table[position] = self.coded[key] = self.builder.group(refs)
        return pc.take(pa.array(table, pa.uint32()), encoded.indices)

    def _joined(self, lists: pa.Array) -> pa.Array:
        """`codes` of lists of any length, each joined into one string."""
        joined = pc.fill_null(pc.binary_join(lists, _SEPARATOR), "")
        encoded = pc.dictionary_encode(joined)
        group = self.builder.group
        table = [
            group(tuple(text.split(_SEPARATOR)) if text else ())
            for text in encoded.dictionary.to_pylist()
        ]
        return pc.take(pa.array(table, pa.uint32()), encoded.indices)


def _numbers(key: int) -> list[int]:
    """The 1 + index of each id of a list packed in a key (`BITS` bits each)."""
    numbers = []
    while key:
        numbers.append(key & _MASK)
        key >>= BITS
    return numbers
