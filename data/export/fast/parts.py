"""Rows put together from parts, for the engine's writers (`data.export.fast`): a part is a
column of its own, a text every row shares, or a text looked up in a few (`Looked`), and a
row's parts are joined in C++ (`assemble`) after the fixed texts and looked-up parts side by
side have been made one where that saves work. `Table` and `Keyed` look up what many events
share, made once by a writer's own function; `sparse` and `spread` place the few values some
events have.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


class Looked:
    """Part of each row's text looked up in a few texts: `texts[codes[i]]` in row `i` (the
    empty text where a code is null), or the one text `texts[0]` in every row when `codes`
    is `None`. A row's separators and fixed texts are joined to these few texts, and parts
    side by side looked up together, rather than each row's joined in C++."""

    __slots__ = ("codes", "texts")

    def __init__(self, texts: list[str] | pa.StringArray, codes: pa.Array | None = None) -> None:
        if codes is not None and codes.null_count:
            texts = _with_nothing(texts)
            codes = pc.fill_null(pc.cast(codes, pa.int32()), len(texts) - 1)
        self.texts = texts
        self.codes = codes

    def around(self, before: str, after: str) -> Looked:
        """The same part with `before` and `after` added to each of its texts."""
        texts = self.texts
        if isinstance(texts, list):
            return Looked([before + text + after for text in texts], self.codes)
        return Looked(pc.binary_join_element_wise(before, texts, after, ""), self.codes)

    def then(self, other: Looked, most: int) -> Looked | None:
        """This part and `other` after it as one, if the pairs of their texts are at most
        `most` (or they are looked up by the same codes); else `None`."""
        if other.codes is None:
            return self.around("", str(other.texts[0]))
        if self.codes is None:
            return other.around(str(self.texts[0]), "")
        if self.codes is not other.codes and len(self.texts) * len(other.texts) > most:
            return None
        mine, theirs = _listed(self.texts), _listed(other.texts)
        if self.codes is other.codes:
            return Looked([a + b for a, b in zip(mine, theirs, strict=True)], self.codes)
        codes = pc.add(
            pc.multiply(pc.cast(self.codes, pa.int32()), len(theirs)),
            pc.cast(other.codes, pa.int32()),
        )
        return Looked([a + b for a in mine for b in theirs], codes)

    def array(self) -> pa.Array | str:
        """Each row's text (or the one text of every row)."""
        texts = pa.array(self.texts, pa.string()) if isinstance(self.texts, list) else self.texts
        if self.codes is None:
            return str(texts[0])
        return texts.take(self.codes)


_NOTHING = pa.array([""], pa.string())


def _with_nothing(texts: list[str] | pa.StringArray) -> list[str] | pa.StringArray:
    """`texts` and the empty text after them."""
    return [*texts, ""] if isinstance(texts, list) else pa.concat_arrays([texts, _NOTHING])


def _listed(texts: list[str] | pa.StringArray) -> list[str]:
    return texts if isinstance(texts, list) else texts.to_pylist()


Part: TypeAlias = "Looked | pa.Array | str"
"""Part of each row: looked up, a column of its own (a text per row), or the same text."""


def assemble(fields: Sequence[Sequence[Part]], separator: str = "", end: str = "") -> pa.Array:
    """Each row's fields (each a sequence of parts) joined by `separator`, followed by
    `end`; fixed texts and looked-up parts side by side are looked up together where
    they can be (`Looked.then`)."""
    parts: list[Part] = []
    for number, field in enumerate(fields):
        if number:
            parts.append(separator)
        parts += field
    parts.append(end)
    rows = next((_rows(part) for part in parts if not isinstance(part, str)), 0)
    merged = _merged(parts, max(_FEWEST_PAIRS, rows // _ROWS_A_PAIR))
    columns = [part.array() if isinstance(part, Looked) else part for part in merged]
    if len(columns) == 1:
        columns.append("")
    return pc.binary_join_element_wise(*columns, "", null_handling="replace", null_replacement="")


_ROWS_A_PAIR = 32
"""Two parts are looked up together if they have at most a pair of texts for this many
rows (each pair is made in Python, for about what C++ takes to join a part of this many
rows)."""
_FEWEST_PAIRS = 16


def _rows(part: Looked | pa.Array) -> int:
    """The number of rows of a part (0 for the same text in every row)."""
    if isinstance(part, Looked):
        return 0 if part.codes is None else len(part.codes)
    return len(part)


def _merged(parts: list[Part], most: int) -> list[Part]:
    """`parts` with looked-up parts and fixed texts side by side made one where they can
    (at most `most` pairs of texts)."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, Looked):
            part = _constant(part)
        if isinstance(part, str):
            if not part:
                continue
            part = Looked([part])
        last = out[-1] if out else None
        if isinstance(last, Looked) and isinstance(part, Looked):
            both = last.then(part, most)
            if both is not None:
                out[-1] = both
                continue
        out.append(part)
    return out


def _constant(part: Looked) -> Looked | str:
    """The one text of a part looked up in a few texts that are all the same (the empty
    text where the clock of a date would be, say), else the part: a fixed text is joined
    to the parts beside it rather than looked up for each row."""
    texts = part.texts
    if part.codes is None or len(texts) > _FEW_TEXTS:
        return part
    listed = _listed(texts)
    return listed[0] if listed.count(listed[0]) == len(listed) else part


_FEW_TEXTS = 8
"""The most texts a part may have to be checked for being all the same."""


def widest(parts: Sequence[Part]) -> int | None:
    """The length of the longest row made of `parts` (a row's parts joined), if every text
    of every part is printable ASCII (a cell a character); else `None`."""
    total: pa.Array | int = 0
    for part in parts:
        if isinstance(part, str):
            if not printable(part.encode("utf-8")):
                return None
            lengths: pa.Array | int = len(part)
        elif isinstance(part, Looked):
            texts = part.array() if part.codes is None else part.texts
            texts = pa.array([texts], pa.string()) if isinstance(texts, str) else texts
            texts = pa.array(texts, pa.string()) if isinstance(texts, list) else texts
            if not printable(texts.buffers()[2]):
                return None
            sizes = pc.utf8_length(texts)
            lengths = sizes[0].as_py() if part.codes is None else sizes.take(part.codes)
        else:
            if not printable(part.buffers()[2]):
                return None
            lengths = pc.utf8_length(part)
        total = pc.add(total, lengths) if not isinstance(total, int) or total else lengths
    if isinstance(total, int):
        return total
    found = pc.max(total).as_py()
    return int(found) if found is not None else 0


def printable(data: bytes | pa.Buffer | None) -> bool:
    """Whether every byte is printable ASCII (numpy reads them in place, without Python's
    lock: a batch's columns are megabytes)."""
    if data is None or not len(data):
        return True
    codes = np.frombuffer(data, np.uint8)
    return int(codes.min()) >= 0x20 and int(codes.max()) <= 0x7E


class Table:
    """Code -> text, made by `make` on first sight of a code and looked up in C++: what
    many events share is made once, by the writer's own function.

    Batches made on two threads share a table (`data.export.fast.ahead`): each call reads
    the texts made so far and their array as one pair and replaces the pair whole, so it
    never looks its codes up in an array made before their texts were."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        self.make = make
        self._made: tuple[dict[int, str], pa.StringArray] = ({}, pa.array([], pa.string()))

    def part(self, codes: pa.Array) -> Looked:
        """The text of each code."""
        made, texts = self._made
        new = [code for code in pc.unique(codes).to_pylist() if code not in made]
        if new:
            made = {**made, **{code: self.make(code) for code in new}}
            listed = [made.get(code, "") for code in range(max(made) + 1)]
            texts = pa.array(listed, pa.string())
            self._made = made, texts
        return Looked(texts, codes)


class Keyed:
    """Key -> text, for keys too many to list (several codes in one): made by `make` on
    first sight of a key, the batch's own keys looked up."""

    def __init__(self, make: Callable[[int], str]) -> None:
        self.make = make
        self.made: dict[int, str] = {}

    def part(self, keys: pa.Array) -> Looked:
        """The text of each key."""
        encoded = pc.dictionary_encode(keys)
        made, make = self.made, self.make
        texts = []
        for key in encoded.dictionary.to_pylist():
            text = made.get(key)
            if text is None:
                text = made[key] = make(key)
            texts.append(text)
        return Looked(texts, encoded.indices)


def sparse(size: int, texts: Mapping[int, str] | Iterable[tuple[int, str]]) -> Looked:
    """A column of `size` texts: the given ones at their indexes, empty elsewhere."""
    pairs = texts.items() if isinstance(texts, Mapping) else texts
    indexes = array("I", bytes(4 * size))
    values = [""]
    for n, text in pairs:
        if text:
            indexes[n] = len(values)
            values.append(text)
    if len(values) == 1:
        return Looked(values)
    return Looked(values, pa.Array.from_buffers(pa.uint32(), size, [None, pa.py_buffer(indexes)]))


def spread(size: int, listed: pa.Array, values: pa.StringArray, default: str = "") -> Looked:
    """A column of `size` texts: `values` at the indexes `listed` (increasing), `default`
    elsewhere."""
    indexes = np.zeros(size, np.uint32)
    indexes[listed.to_numpy()] = np.arange(1, len(listed) + 1, dtype=np.uint32)
    codes = pa.Array.from_buffers(pa.uint32(), size, [None, pa.py_buffer(indexes)])
    return Looked(pa.concat_arrays([pa.array([default], pa.string()), values]), codes)
