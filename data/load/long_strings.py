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
from data.i18n import _

LONGEST_ESCAPE = 12
"""The most characters one character can be written in: an escaped surrogate pair in JSON
(`\\ud83d\\ude00`); TOML's longest, `\\U0001F600`, is 10. A string written in more than this
many times the limit is too long whatever its escapes."""

Measured = tuple[int, int | None]
"""A place in the text (an offset) and the length in characters of the string there (`None`:
written so long that it was not counted)."""

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
    if length is None:
        return _("string too long (the limit is {limit} characters)").format(limit=limit)
    message = _("string too long ({length} characters; the limit is {limit} characters)")
    return message.format(length=length, limit=limit)


def long_string(text: str, is_json: bool, limit: int = MAX_STRING_CHARS) -> Measured | None:
    """The first string (a value or a key) of more than `limit` characters in the text of a
    JSON or TOML mission: where it starts (its opening quote), and its length."""
    if len(text) <= limit:
        return None
    plain, short = _plain(text), _short(is_json, limit)
    measure = _json_string if is_json else _toml_string
    position = 0
    while (position := _end(short, plain, position)) < len(plain):
        string = measure(text, plain, position, limit)
        if string is None:
            return None  # a string left open: a syntax error, which the parser reports
        end, length = string
        if length is None or length > limit:
            return position, length
        position = end
    return None


def _json_string(text: str, plain: str, start: int, limit: int) -> Measured | None:
    """The JSON string that opens at `start`: where it ends (after its closing quote), and
    its length."""
    close = plain.find('"', start + 1)
    if close < 0:
        return None
    written = close - start - 1
    if text.find("\\", start, close) < 0:
        return close + 1, written
    if written > LONGEST_ESCAPE * limit:
        return close + 1, None
    try:
        return close + 1, len(json.loads(text[start : close + 1], strict=False))
    except ValueError:
        return close + 1, 0  # a bad escape: the parser reports it


def _toml_string(text: str, plain: str, start: int, limit: int) -> Measured | None:
    """The TOML string (of any of its four kinds) that opens at `start`: where it ends (after
    its closing quotes), and its length."""
    quote = plain[start]
    delimiter = quote * 3
    multiline = plain.startswith(delimiter, start)
    if multiline:
        close = plain.find(delimiter, start + 3)
        if close < 0:
            return None
        end = close + 3
        while end < min(len(plain), close + 5) and plain[end] == quote:
            end += 1  # up to two quotes before the closing three belong to the string
        body = text[start + 3 : end - 3].removeprefix("\n")
    else:
        close = plain.find(quote, start + 1)
        if close < 0 or plain.find("\n", start + 1, close) >= 0:
            return None
        end = close + 1
        body = text[start + 1 : close]
    if len(body) <= limit:
        return end, len(body)
    return end, _toml_length(body, quote, multiline, limit)


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
