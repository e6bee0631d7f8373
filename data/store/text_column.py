"""A column of many strings kept as a few long ones, to store and search mission text.

About a byte per character instead of ~60 bytes of object per string; a chunk of strings can
be searched as one string (see `data.query.search`).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate, compress, pairwise, repeat
from operator import add, and_, ne, not_
from typing import overload

from data.steps import Check, go_on


class TextColumn(Sequence[str]):
    """Many strings kept as a few long ones: about a byte per character instead of ~60
    bytes of object per string. Strings are joined in chunks of `CHUNK`, each string
    followed by `SEPARATOR` (which mission text never contains: the loader refuses it), so
    a chunk can also be searched as it is."""

    SHIFT = 12
    CHUNK = 1 << SHIFT
    SEPARATOR = "\x00"

    def __init__(self, values: Iterable[str] = ()) -> None:
        self.blobs: list[str] = []
        self.starts = array("I")
        """Where each string starts in its chunk's blob."""
        self.lengths = array("I")
        self._pending: list[str] = []
        self.extend(values)

    def __len__(self) -> int:
        return len(self.starts) + len(self._pending)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        done = len(self.starts)
        if index >= done:
            return self._pending[index - done]
        start = self.starts[index]
        return self.blobs[index >> self.SHIFT][start : start + self.lengths[index]]

    def append(self, value: str) -> None:
        self._pending.append(value)
        if len(self._pending) >= self.CHUNK - len(self.starts) % self.CHUNK:
            self._flush()

    def extend(self, values: Iterable[str]) -> None:
        for value in values:
            self.append(value)

    def extend_list(self, values: list[str]) -> None:
        """`extend` for a list, a chunk at a time."""
        position = 0
        while position < len(values):
            room = self.CHUNK - (len(self.starts) + len(self._pending)) % self.CHUNK
            self._pending += values[position : position + room]
            position += room
            if len(self._pending) + len(self.starts) % self.CHUNK >= self.CHUNK:
                self._flush()

    def extend_joined(self, joined: str, lengths: array[int]) -> None:
        """`extend` for strings given as one text, each followed by `SEPARATOR`, and their
        lengths (what a columnar engine makes of a column without a string per value)."""
        self.finish()
        starts = self._starts_of(lengths)
        position = 0
        done = 0
        while done < len(lengths):
            room = self.CHUNK - len(self.starts) % self.CHUNK
            taken = lengths[done : done + room]
            placed = starts[done : done + room]
            blob = self.blobs.pop() if len(self.starts) % self.CHUNK else ""
            width = placed[-1] + taken[-1] + 1 - len(blob)
            self.blobs.append(blob + joined[position : position + width])
            self.starts += placed
            self.lengths += taken
            position += width
            done += len(taken)

    def _starts_of(self, lengths: array[int]) -> array[int]:
        """Where each string of `lengths` will start in its chunk's blob once added after
        the strings joined so far, each followed by `SEPARATOR`: summed by numpy in place,
        not a Python number per string (a million strings: 5 ms, not 75, and 16 bytes a
        string meanwhile)."""
        import numpy as np  # (only a columnar engine, which has it loaded, joins strings so)

        given = np.frombuffer(lengths, np.uint32)
        begins = given.astype(np.int64)
        begins += 1
        np.cumsum(begins, out=begins)
        begins -= given
        begins -= 1  # where each string starts in all of them
        room = self.CHUNK - len(self.starts) % self.CHUNK
        if room < self.CHUNK:
            begins[:room] += len(self.blobs[-1])  # after the strings of the chunk begun
        later = begins[room:]  # the strings of the chunks begun here: from each one's start
        whole = len(later) - len(later) % self.CHUNK
        chunks = later[:whole].reshape(-1, self.CHUNK)
        chunks -= chunks[:, :1].copy()
        if whole < len(later):
            later[whole:] -= later[whole]
        starts = array("I")
        starts.frombytes(begins.astype(np.uint32).data.cast("B"))
        return starts

    def finish(self) -> None:
        """Join what is still pending (after the last value)."""
        if self._pending:
            self._flush()

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        lengths = array("I", map(len, pending))
        blob = self.blobs.pop() if len(self.starts) % self.CHUNK else ""
        offset = len(blob)
        starts = array("I", accumulate(map(add, lengths, repeat(1)), initial=offset))
        starts.pop()
        self.blobs.append(blob + self.SEPARATOR.join(pending) + self.SEPARATOR)
        self.starts += starts
        self.lengths += lengths

    @classmethod
    def runs(cls, order: Sequence[int], check: Check = go_on) -> list[list[int]]:
        """For each chunk of `order`, where its runs of consecutive indexes within one
        chunk of a column start (and its length, last): what `gathered` copies as slices.
        The same for every column, so worked out once (`check` after each chunk)."""
        edges = []
        mask = cls.CHUNK - 1
        for low in range(0, len(order), cls.CHUNK):
            part = order[low : low + cls.CHUNK]
            size = len(part)
            after = part[1:]
            breaks = set(compress(range(1, size), map(ne, after, map(add, part, repeat(1)))))
            breaks.update(compress(range(1, size), map(not_, map(and_, after, repeat(mask)))))
            edges.append([0, *sorted(breaks), size])
            check()
        return edges

    def gathered(
        self, order: Sequence[int], runs: list[list[int]] | None = None, check: Check = go_on
    ) -> TextColumn:
        """A new column with the strings in `order` (indexes into this one).

        Events out of time order are few, so `order` is mostly runs of consecutive indexes:
        each run is copied as one slice of its blob, and only the runs are walked in Python
        (`runs`: `TextColumn.runs(order)`, shared by the columns gathered in one order).
        `check` is called after each chunk."""
        self.finish()
        if runs is None:
            runs = self.runs(order, check)
        column = TextColumn()
        blobs, starts, lengths = self.blobs, self.starts, self.lengths
        shift = self.SHIFT
        for number, edges in enumerate(runs):
            low = number << shift
            part = order[low : low + self.CHUNK]
            pieces = []
            for first, stop in pairwise(edges):
                head, last = part[first], part[stop - 1]
                end = starts[last] + lengths[last] + 1
                pieces.append(blobs[head >> shift][starts[head] : end])
            new_lengths = array("I", map(lengths.__getitem__, part))
            new_starts = array("I", accumulate(map(add, new_lengths, repeat(1)), initial=0))
            new_starts.pop()
            column.blobs.append("".join(pieces))
            column.starts += new_starts
            column.lengths += new_lengths
            check()
        return column

    def text(self, low: int, high: int) -> str:
        """The strings `low:high`, each followed by `SEPARATOR`, as one string."""
        if high > len(self.starts):
            self.finish()
        parts = []
        while low < high:
            chunk = low >> self.SHIFT
            stop = min(high, (chunk + 1) << self.SHIFT)
            blob = self.blobs[chunk]
            start = self.starts[low]
            end = self.starts[stop - 1] + self.lengths[stop - 1] + 1
            parts.append(blob[start:end])
            low = stop
        return "".join(parts)

    def find_all(self, values: Iterable[str], limit: int | None = None) -> dict[str, int]:
        """The index of the first string equal to each of `values` that is there, in one
        pass over the column (a million short strings in about a tenth of a second).
        `limit` (a multiple of `CHUNK`): look only below it, without touching the rest
        (another thread may be adding to it)."""
        blobs = self._complete(limit)
        wanted = set(values)
        found: dict[str, int] = {}
        for chunk, blob in enumerate(blobs):
            texts = blob.split(self.SEPARATOR)
            texts.pop()
            first = chunk << self.SHIFT
            for position in compress(
                range(first, first + len(texts)), map(wanted.__contains__, texts)
            ):
                found.setdefault(texts[position - first], position)
        return found

    def find(self, value: str, limit: int | None = None) -> int | None:
        """The index of the first string equal to `value`, or `None` (`limit`: as for
        `find_all`)."""
        blobs = self._complete(limit)
        if self.SEPARATOR in value:
            return None
        wanted = value + self.SEPARATOR
        for chunk, blob in enumerate(blobs):
            position = blob.find(wanted)
            while position >= 0:
                if position == 0 or blob[position - 1] == self.SEPARATOR:
                    first = chunk << self.SHIFT
                    starts = self.starts[first : first + self.CHUNK]
                    return first + bisect_left(starts, position)
                position = blob.find(wanted, position + 1)
        return None

    def _complete(self, limit: int | None) -> list[str]:
        """The blobs to search: all (joining what is pending), or those below `limit`."""
        if limit is None:
            self.finish()
            return self.blobs
        return self.blobs[: limit >> self.SHIFT]
