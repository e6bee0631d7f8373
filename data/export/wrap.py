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
    for start, end in _long_lines(text, width):
        line = text[start:end]
        plain = line.isascii() and line.isprintable()  # a cell a character
        if (len(line) if plain else cell_width(line)) <= width:
            continue
        indent = len(line) - len(line.lstrip(" "))
        more = indent + 2 if indent else hang
        if more > width - MIN_ROOM:
            more = FALLBACK
        wrap = _wrap_ascii if plain else _wrap_cells
        pieces += [text[last:start], "\n".join(wrap(line, width, more, 0, True))]
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _long_lines(text: str, width: int) -> Iterator[tuple[int, int]]:
    """Where the lines are that may be wider than `width` cells: those of more characters
    than `width`, or, in a text with characters that can take two cells, more than half as
    many. Each is searched for from a line's end (a quick search for a newline); a search
    that could start anywhere would go over each short line again from every character."""
    first, others = _patterns(width + 1 if _narrow(text) else width // 2 + 1)
    match = first(text)
    if match is not None:
        yield match.span()
    for match in others(text):
        yield match.span(1)


@cache
def _patterns(least: int) -> tuple[Callable[[str], re.Match[str] | None], _Finder]:
    """A line of at least `least` characters at the start of a text, and after a newline."""
    return (
        re.compile(f"[^\\n]{{{least},}}").match,
        re.compile(f"\\n([^\\n]{{{least},}})").finditer,
    )


_Finder = Callable[[str], Iterator[re.Match[str]]]
_WIDE = re.compile("[\u1100-\U0010ffff]").search
"""A character that may take two cells: none before U+1100, where Hangul's wide letters
start (a test checks every code point against `data.widths`)."""


def _narrow(text: str) -> bool:
    """Whether no character of `text` takes two cells; at C speed for text that is all
    Latin-1 (encoding it only copies it), the common case."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return _WIDE(text) is None
    return True


def wrap_line(line: str, width: int, more: int, *, used: int = 0, cut: bool = True) -> list[str]:
    """`line` as lines of at most `width` cells, each after the first indented by `more`
    cells (or `FALLBACK` if that leaves less than `MIN_ROOM`); the first line starts with
    `used` cells already taken (a prefix the caller writes before it). Spaces at a break
    are dropped; a line is never left with spaces at its end. A word wider than a line is
    cut between characters, or with `cut` false left whole on a line of its own (Markdown,
    where a line break inside a word would show as a space).

    A line of printable ASCII (a cell a character) is wrapped a line at a time
    (`_wrap_ascii`), any other a word at a time (`_wrap_cells`): the same lines."""
    if more > width - MIN_ROOM:
        more = FALLBACK
    if line.isascii() and line.isprintable():
        return _wrap_ascii(line, width, more, used, cut)
    return _wrap_cells(line, width, more, used, cut)


def _wrap_ascii(line: str, width: int, more: int, used: int, cut: bool) -> list[str]:
    """`_wrap_cells` for a line whose every character takes one cell: each line is found
    by one search for the last space that fits (`str.rfind`), not word by word."""
    pad = " " * more
    end = len(line.rstrip(" "))
    lines: list[str] = []
    start, prefix, room = 0, "", width - used
    word = len(line) - len(line.lstrip(" "))
    """Where the first word of the line being made starts."""
    while word < end and end - start > room:
        limit = start + max(room, 0)
        space = line.rfind(" ", word, limit + 1)
        if space > word:  # a word ends within the room: break at the last space that fits
            lines.append(prefix + line[start:space].rstrip(" "))
            start = word = _word_at(line, space + 1)
        elif cut:  # the first word is wider than the room: cut it at the room's end
            lines.append((prefix + line[start:limit]).rstrip(" "))
            start = word = max(limit, word)
        else:  # left whole, on a line of its own
            after = line.find(" ", word)
            if after < 0 or after >= end:
                break
            lines.append(prefix + line[start:after])
            start = word = _word_at(line, after + 1)
        prefix, room = pad, width - more
    lines.append((prefix + line[start:end]).rstrip(" "))
    return lines


def _word_at(line: str, at: int) -> int:
    """Where the next word of `line` starts, from `at` (a single space before it, the
    common case, is skipped without a copy)."""
    if at < len(line) and line[at] != " ":
        return at
    return len(line) - len(line[at:].lstrip(" "))


def _wrap_cells(line: str, width: int, more: int, used: int, cut: bool) -> list[str]:
    """`wrap_line` a word at a time, each measured in cells (`data.widths`)."""
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
