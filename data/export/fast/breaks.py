"""The text export's description lines that need one break, broken at once: what
`wrap.fit` makes of them, for the common case of a long description, so that the wrap in
Python is left the few lines that need more.

A description line is the indent and the text. `wrap.fit` breaks a line of printable ASCII
too wide for its width at the last space that fits (`wrap._wrap_ascii`): the text before it,
without the spaces at its end, then the rest, from its first word on, on a line of its own
indented further. Where that rest fits, the line needs that one break, which is found here
for a whole batch from its bytes in numpy (each text's last space within the width, and the
run of spaces around it: a regular expression with its groups took four times as long);
every other line is left as it is, for `wrap.fit`.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data.export.fast.parts import printable
from data.export.wrap import FALLBACK, MIN_ROOM


def broken(texts: pa.StringArray, indent: str, width: int) -> pa.StringArray:
    """The texts of lines `indent` + text, with those that need one break to fit `width`
    cells broken there (`wrap.fit`'s lines, after the indent: the break, then the
    continuation's indent); the others as they are (and all of them where a text starts or
    ends with a space)."""
    if not printable(texts.buffers()[2]):  # a cell a character: else `wrap.fit` alone
        return texts
    if pc.any(pc.or_(pc.starts_with(texts, " "), pc.ends_with(texts, " "))).as_py():
        return texts  # another indent, or spaces to strip: `wrap.fit` alone
    more = len(indent) + 2
    if more > width - MIN_ROOM:
        more = FALLBACK
    room = width - len(indent)
    long = pc.greater(pc.binary_length(texts), room)
    if room < 1 or not long.true_count:
        return texts
    some = texts.filter(long)
    lines = _broken_once(some, room, "\n" + " " * more, width - more)
    if lines is None:
        return texts
    return pc.replace_with_mask(texts, long, lines)


def _broken_once(
    texts: pa.StringArray, room: int, between: str, rest_room: int
) -> pa.StringArray | None:
    """The texts (printable ASCII, no space at either end), each broken where `wrap.fit`
    breaks it if then what follows fits `rest_room`: the text before the last run of
    spaces that starts within `room` characters (after the first: a word first), `between`,
    and the text after the run; the others as they are. `None` if none is broken.

    Worked out on the texts' bytes at once (a character is a byte): each text's last space
    within `room` by sorted search, and the run of spaces around it."""
    offsets = np.frombuffer(texts.buffers()[1], np.int32, len(texts) + 1, 4 * texts.offset)
    data = np.frombuffer(texts.buffers()[2], np.uint8)
    starts = offsets[:-1].astype(np.int64)
    ends = offsets[1:].astype(np.int64)
    spaces = np.flatnonzero(data == _SPACE)
    last = np.searchsorted(spaces, starts + room, side="right") - 1
    at = spaces[np.maximum(last, 0)] if len(spaces) else starts
    found = (last >= 0) & (at > starts)
    # The run of spaces around it, a text's neither first nor last byte: its first space
    # and the byte after it, found a space at a time (runs are short).
    head = np.where(found, at, ends)
    rest = head.copy()
    _spread(head, data, -1)
    _spread(rest, data, 1)
    rest += found
    one = found & (ends - rest <= rest_room)
    if not one.any():
        return None
    # Each text cut in three pieces (for a text left as it is: the whole text, and two
    # empty ones), the middle one the run of spaces; `between` put in its place by one take.
    cuts = np.empty(3 * len(texts) + 1, np.int32)
    cuts[0:-1:3] = starts
    cuts[1:-1:3] = np.where(one, head, ends)
    cuts[2:-1:3] = np.where(one, rest, ends)
    cuts[-1] = offsets[-1]
    pieces = pa.StringArray.from_buffers(3 * len(texts), pa.py_buffer(cuts), texts.buffers()[2])
    pieces = pa.concat_arrays([pieces, pa.array([between], pa.string())])
    picks = np.arange(3 * len(texts), dtype=np.int32)
    picks[1::3] = np.where(one, 3 * len(texts), picks[1::3])
    joined = pieces.take(pa.array(picks))
    ends_of = np.frombuffer(joined.buffers()[1], np.int32, len(picks) + 1, 4 * joined.offset)
    return pa.StringArray.from_buffers(
        len(texts), pa.py_buffer(np.ascontiguousarray(ends_of[::3])), joined.buffers()[2]
    )


def _spread(places: np.ndarray, data: np.ndarray, step: int) -> None:
    """Move each place in `places` by `step` while the byte there is a space and so is the
    next one that way (a place that is not a space stays)."""
    moving = np.flatnonzero(data[np.minimum(places, len(data) - 1)] == _SPACE)
    while len(moving):
        ahead = places[moving] + step
        moving = moving[data[ahead] == _SPACE]
        places[moving] += step


_SPACE = ord(" ")
