"""Wrapping lines to a width in terminal cells: the one wrap of the text and Markdown exports.

A line is broken at spaces (a run of spaces between two columns is a place to break too);
a word wider than the room left on a fresh line is cut between characters, never inside a
character, a combining mark kept with the character before it. Widths are cells
(`data.widths`): a CJK character or an emoji takes two, a combining mark none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from data.widths import cell_width

MIN_ROOM = 20
"""The fewest cells a continuation line keeps for its words: a hanging indent that would
leave less falls back to `FALLBACK`."""
FALLBACK = 2
"""The indent of a continuation line whose hanging indent leaves too little room: less than
the 4 of a detail line, so that a title continued there is not taken for one."""

_PIECES = re.compile(r"( *)([^ ]+)")
"""A line as (the spaces before a word, the word)."""


def fit(text: str, width: int, hang: int) -> str:
    """`text` (lines, each ending with a newline) with each line wider than `width` cells
    wrapped: an unindented line continues at `hang` cells (a row's title column), an
    indented one 2 cells further in than it starts (under its first word).

    Only the lines long enough to be too wide are looked at (found by a regular expression,
    in C), and `text` itself is returned when none is: a batch of a million-event export
    that fits costs no copy."""
    pieces: list[str] = []
    last = 0
    for match in _long_lines(width, ascii_only=text.isascii())(text):
        line = match.group()
        if cell_width(line) <= width:
            continue
        indent = len(line) - len(line.lstrip(" "))
        pieces += [
            text[last : match.start()],
            "\n".join(wrap_line(line, width, indent + 2 if indent else hang)),
        ]
        last = match.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


@cache
def _long_lines(width: int, *, ascii_only: bool) -> Callable[[str], Iterator[re.Match[str]]]:
    """Finds the lines that may be wider than `width` cells: more characters than `width`
    (in ASCII, a character is a cell), else more than half as many (no character takes
    more than two cells)."""
    least = width + 1 if ascii_only else width // 2 + 1
    return re.compile(f"[^\\n]{{{least},}}").finditer


def wrap_line(line: str, width: int, more: int, *, used: int = 0, cut: bool = True) -> list[str]:
    """`line` as lines of at most `width` cells, each after the first indented by `more`
    cells (or `FALLBACK` if that leaves less than `MIN_ROOM`); the first line starts with
    `used` cells already taken (a prefix the caller writes before it). Spaces at a break
    are dropped; a line is never left with spaces at its end. A word wider than a line is
    cut between characters, or with `cut` false left whole on a line of its own (Markdown,
    where a line break inside a word would show as a space)."""
    if more > width - MIN_ROOM:
        more = FALLBACK
    pad = " " * more
    lines: list[str] = []
    current, fresh = "", True
    for match in _PIECES.finditer(line):
        space, word = match.group(1), match.group(2)
        room = width - used - len(space)
        size = cell_width(word)
        if size > room and not fresh:
            lines.append(current)
            current, used, space, room = pad, more, "", width - more
        while cut and size > room:  # a fresh line has room for a character: MIN_ROOM >= 2
            head, word = _cut(word, room)
            lines.append(current + space + head)
            current, used, space, room = pad, more, "", width - more
            size = cell_width(word)
        current += space + word
        used += len(space) + size
        fresh = False
    lines.append(current)
    return [text.rstrip() for text in lines]


def _cut(word: str, room: int) -> tuple[str, str]:
    """The longest start of `word` that fits in `room` cells, and the rest; a combining mark
    (a character of no width) stays with the character before it."""
    used = 0
    for index, char in enumerate(word):
        size = cell_width(char)
        if size and used + size > room:
            return word[:index], word[index:]
        used += size
    return word, ""
