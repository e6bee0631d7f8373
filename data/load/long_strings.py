"""Finding a string too long to load in the text of a TOML or JSON mission, before parsing it.

A string (a value or a quoted key) may hold at most `MAX_STRING_CHARS` characters. The text
is scanned once by a possessive regular expression that passes over everything else and every
string written in at most that many characters, all in C; it stops only at a string written
longer, whose characters are then counted once escapes are read (a title of a million
characters written as `\\u001b` escapes still loads). A 60 MiB string is refused in the time of
one scan, before tomllib, which reads a string a character at a time in Python, spends seconds
on it. On text that is not valid the scan may stop early or find nothing: the parser then
reports the syntax error.
"""

from __future__ import annotations

import json
import re
from functools import cache

from data.files.reading import MAX_STRING_CHARS

LONGEST_ESCAPE = 12
"""The most characters one character can be written in: an escaped surrogate pair in JSON
(`\\ud83d\\ude00`); TOML's longest, `\\U0001F600`, is 10. A string written in more than this
many times the limit is too long whatever its escapes."""

Found = tuple[int, int | None]
"""Where a string too long starts (the offset of its opening quote), and its length in
characters (`None`: written so long that it was not counted)."""

_TOML_TRIMMED = re.compile(r"\\[ \t]*+\r?\n[ \t\r\n]*+")
"""A backslash ending a line of a multi-line string: it and the blanks after it are dropped."""
_TOML_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)


@cache
def _short(is_json: bool, limit: int) -> re.Pattern[str]:
    """Everything but a string written in more than `limit` characters (or left open), on the
    text made `_plain`: there every double quote opens or closes a string."""
    if is_json:
        return re.compile(f'(?:[^"]++|"[^"]{{0,{limit}}}+")*+')
    return re.compile(
        f"(?:[^\"'#]++|#[^\\n]*+"  # anything else; a comment
        f"|\"(?!\"\")[^\"\\n]{{0,{limit}}}+\"|'(?!'')[^'\\n]{{0,{limit}}}+')*+"
    )


def too_long(length: int | None, limit: int = MAX_STRING_CHARS) -> str:
    """The problem of a string longer than the limit (`length`: its characters, if counted)."""
    known = "" if length is None else f"{length} characters; "
    return f"string too long ({known}the limit is {limit} characters)"


def long_json_string(text: str, limit: int = MAX_STRING_CHARS) -> Found | None:
    """The first JSON string (a value or a key) of more than `limit` characters."""
    if len(text) <= limit:
        return None
    plain, short = _plain(text), _short(True, limit)
    position = 0
    while (position := _end(short, plain, position)) < len(plain):
        close = plain.find('"', position + 1)
        if close < 0:
            return None  # a string left open: a syntax error
        written = close - position - 1
        if text.find("\\", position, close) < 0:
            length = written
        elif written > LONGEST_ESCAPE * limit:
            return position, None
        else:
            length = _json_length(text[position : close + 1])
        if length > limit:
            return position, length
        position = close + 1
    return None


def long_toml_string(text: str, limit: int = MAX_STRING_CHARS) -> Found | None:
    """The first TOML string (a value or a quoted key) of more than `limit` characters."""
    if len(text) <= limit:
        return None
    plain, short = _plain(text), _short(False, limit)
    position = 0
    while (position := _end(short, plain, position)) < len(plain):
        quote = plain[position]
        delimiter = quote * 3
        multiline = plain.startswith(delimiter, position)
        if multiline:
            close = plain.find(delimiter, position + 3)
            if close < 0:
                return None
            end = close + 3
            while end < min(len(plain), close + 5) and plain[end] == quote:
                end += 1  # up to two quotes before the closing three belong to the string
            body = text[position + 3 : end - 3].removeprefix("\n")
        else:
            close = plain.find(quote, position + 1)
            if close < 0 or plain.find("\n", position + 1, close) >= 0:
                return None
            end = close + 1
            body = text[position + 1 : close]
        if len(body) > limit:
            length = _toml_length(body, quote, multiline, limit)
            if length is None or length > limit:
                return position, length
        position = end
    return None


def _json_length(written: str) -> int:
    """The characters of a JSON string written with escapes (0 if one is not valid: the
    parser reports it)."""
    try:
        return len(json.loads(written, strict=False))
    except ValueError:
        return 0


def _toml_length(body: str, quote: str, multiline: bool, limit: int) -> int | None:
    """The characters of a TOML string written as `body` between its quotes."""
    if quote == "'" or "\\" not in body:
        return len(body)
    if multiline:
        body = _TOML_TRIMMED.sub("", body)
    elif len(body) > LONGEST_ESCAPE * limit:
        return None
    return len(_TOML_ESCAPE.sub("_", body))


def _end(pattern: re.Pattern[str], text: str, position: int) -> int:
    """Where `pattern`, which also matches nothing, stops matching from `position`."""
    match = pattern.match(text, position)
    return position if match is None else match.end()


def _plain(text: str) -> str:
    """The text with each escaped backslash and escaped double quote written as two plain
    characters (the same length): every double quote left is a string's own."""
    if "\\" not in text:
        return text
    return text.replace("\\\\", "__").replace('\\"', "__")
