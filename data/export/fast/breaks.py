"""The text export's description lines that need one break, broken in C++: what
`wrap.fit` makes of them, for the common case of a long description, so that the wrap in
Python is left the few lines that need more.

A description line is the indent and the text. `wrap.fit` breaks a line of printable ASCII
too wide for its width at the last space that fits (`wrap._wrap_ascii`): the text before it,
without the spaces at its end, then the rest, from its first word on, on a line of its own
indented further. Where that rest fits, the line needs that one break, which is found here
by one regular expression for a whole batch (the longest start of the text followed by a
space within the width); every other line is left as it is, for `wrap.fit`.
"""

from __future__ import annotations

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
    # The last space within the width (after the first character: a word first) and the
    # text after the spaces there, of the texts too long (printable ASCII: a character is
    # a byte, which RE2 matches quicker than a character of UTF-8).
    room = width - len(indent)
    long = pc.greater(pc.binary_length(texts), room)
    if room < 1 or not long.true_count:
        return texts
    some = texts.filter(long)
    found = pc.extract_regex(some, pattern=f"^(?P<head>[ -~]{{1,{room}}}) +(?P<rest>[ -~]*)$")
    rest = found.field("rest")
    one = pc.fill_null(
        pc.and_(found.is_valid(), pc.less_equal(pc.binary_length(rest), width - more)), False
    )
    if not one.true_count:
        return texts
    lines = pc.binary_join_element_wise(
        pc.utf8_rtrim(found.field("head"), characters=" "), "\n" + " " * more, rest, ""
    )
    return pc.replace_with_mask(texts, long, pc.if_else(one, lines, some))
