"""Finding where a field path is in the text of a TOML or JSON mission: its line and column.

A problem found after parsing names a field path (`events[3].at`); `locate` gives it the
line and column of that field, or of the closest enclosing one that can be found. For syntax
errors, `json_path_at` and `toml_path_at` go the other way: the field being read at a place.
Each is about one pass over the text, and gives up (leaving the path alone) past
`LOCATE_LIMIT`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from itertools import count
from typing import Any

from msgspec import structs

from data.load.paths import Segment, join_path, key_path, split_path
from data.problems import Problem

LOCATE_LIMIT = 64 << 20
"""TOML files larger than this get no line numbers for problems found after parsing
(locating them scans the text line by line in Python), and syntax errors further into a
file than this get no field path."""

# Every pattern here is possessive (`*+`, `++`): each character is looked at once and no place
# to go back to is kept, so a 60 MiB line costs one pass and no memory (`(?:[^"\\]|\\.)*`
# kept a place for every character: gigabytes, and most of a minute).
_JSON_SPACE = re.compile(r"[ \t\n\r]*+")
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)


def locate(
    text: str, is_json: bool, problems: list[Problem], repeated: Iterable[str] = ()
) -> list[Problem]:
    """Give each problem the line and column of its field (or record) in the text, in the
    order of the text. `repeated`: the paths of duplicate keys (their last use is found)."""
    wanted = {p.path for p in problems if p.line is None and p.path}
    if not wanted:
        return problems
    try:
        if is_json:
            lines = offsets_to_lines(text, json_offsets(text, wanted, repeated))
        else:
            lines = toml_lines(text)
    except (ValueError, IndexError, RecursionError):
        return problems  # a best effort: the field path is always there
    located = [
        structs.replace(p, line=place[0], column=place[1])
        if p.line is None and (place := nearest(lines, p.path)) is not None
        else p
        for p in problems
    ]
    return sorted(located, key=lambda p: p.line if p.line is not None else 1 << 62)


def nearest(
    places: dict[tuple[Segment, ...], tuple[int, int]], path: str
) -> tuple[int, int] | None:
    """The place of `path`, or of its closest enclosing field or record that was found."""
    parts = split_path(path)
    for end in range(len(parts), 0, -1):
        found = places.get(parts[:end])
        if found is not None:
            return found
    return None


def offsets_to_lines(text: str, offsets: dict[Any, int]) -> dict[Any, tuple[int, int]]:
    """Line and column (from 1) of each offset, counting newlines once for all of them."""
    result: dict[Any, tuple[int, int]] = {}
    line, counted, line_start = 1, 0, 0
    for key, offset in sorted(offsets.items(), key=lambda item: item[1]):
        line += text.count("\n", counted, offset)
        line_start = max(line_start, text.rfind("\n", counted, offset) + 1)
        counted = offset
        result[key] = (line, offset - line_start + 1)
    return result


def _skip_space(text: str, position: int) -> int:
    match = _JSON_SPACE.match(text, position)
    return match.end() if match is not None else position


def json_offsets(
    text: str, wanted: Iterable[str], repeated: Iterable[str] = ()
) -> dict[tuple[Segment, ...], int]:
    """Offsets of the keys (or array items) on the way to each wanted path.

    Walks only the wanted branches, and leaves an object as soon as its wanted keys are
    found; everything else is skipped with the C decoder, so this costs at most about one
    parse of the file. For the `repeated` paths (duplicate keys) the last occurrence is
    found, so their objects are read to the end.
    """
    tree: dict[Segment, Any] = {}
    for path in wanted:
        node = tree
        for part in split_path(path):
            node = node.setdefault(part, {})
    read_whole = {split_path(path)[:-1] for path in repeated}
    skipper = json_skipper()
    found: dict[tuple[Segment, ...], int] = {}

    def walk(position: int, node: dict[Segment, Any], prefix: tuple[Segment, ...]) -> None:
        position = _skip_space(text, position)
        if text[position] == "{":
            position += 1
            missing = len(node) if prefix not in read_whole else -1
            while missing:
                position = _skip_space(text, position)
                if text[position] != '"':
                    return
                quoted = _JSON_STRING.match(text, position)
                if quoted is None:
                    return
                raw_key = quoted.group()
                key = raw_key[1:-1] if "\\" not in raw_key else json.loads(raw_key)
                key_start = position
                position = _skip_space(text, quoted.end()) + 1
                position = _skip_space(text, position)
                if key in node:
                    missing -= (*prefix, key) not in found
                    found[(*prefix, key)] = key_start
                    if node[key]:
                        walk(position, node[key], (*prefix, key))
                _, position = skipper.raw_decode(text, position)
                position = _skip_space(text, position)
                if text[position] != ",":
                    return
                position += 1
        elif text[position] == "[":
            last = max((k for k in node if isinstance(k, int)), default=-1)
            position += 1
            for index in range(last + 1):
                position = _skip_space(text, position)
                if text[position] == "]":
                    return
                if index in node:
                    found[(*prefix, index)] = position
                    if node[index]:
                        walk(position, node[index], (*prefix, index))
                _, position = skipper.raw_decode(text, position)
                position = _skip_space(text, position)
                if text[position] == ",":
                    position += 1

    walk(0, tree, ())
    return found


def json_path_at(text: str, offset: int) -> str:
    """The field path being read at `offset`, where a syntax error was found.

    Every complete value before the error is skipped with the C decoder; the one that fails
    to decode holds the error, so the walk goes down into it: about one parse of the text.
    """
    if offset > LOCATE_LIMIT:
        return ""
    skipper = json_skipper()
    path = ""
    position = _skip_space(text, 0)
    while position < offset and text[position] in "{[":
        is_object = text[position] == "{"
        position += 1
        index = 0
        while True:
            position = _skip_space(text, position)
            key = None
            if is_object:
                quoted = _JSON_STRING.match(text, position)
                if quoted is None or quoted.end() > offset:
                    return path
                key = json.loads(quoted.group())
                position = _skip_space(text, quoted.end())
                if text[position : position + 1] != ":":
                    return key_path(path, key)
                position = _skip_space(text, position + 1)
            try:
                _, end = skipper.raw_decode(text, position)
            except ValueError:
                end = None
            if end is None or end > offset:
                path = key_path(path, key) if key is not None else f"{path}[{index}]"
                break  # the error is inside this value: go down into it
            position = _skip_space(text, end)
            if text[position : position + 1] != ",":
                return path
            position += 1
            index += 1
    return path


def json_skipper() -> json.JSONDecoder:
    """A decoder that reads any valid JSON value quickly, to skip it (numbers become 0)."""
    return json.JSONDecoder(
        parse_int=lambda _: 0, parse_float=lambda _: 0, parse_constant=lambda _: 0
    )


def toml_path_at(text: str, line: int) -> str:
    """The table or key at or above `line`, for a syntax error (best effort, bounded)."""
    try:
        places = toml_lines(text, last=line)
    except (ValueError, IndexError):
        return ""
    before = [(found[0], len(path), path) for path, found in places.items()]
    if not before:
        return ""
    return join_path(max(before)[2])


_BARE_KEY = r"([A-Za-z0-9_-]++(?:[ \t]*+\.[ \t]*+[A-Za-z0-9_-]++)*+)"
_TOML_HEADER = re.compile(rf"[ \t]*+(\[\[?+)[ \t]*+{_BARE_KEY}[ \t]*+\]", re.ASCII)
_TOML_KEY = re.compile(rf"[ \t]*+{_BARE_KEY}[ \t]*+=", re.ASCII)
# A string left open runs to the end of its line (the parser has said so already): the scan
# goes on after it, rather than from each quote inside it again.
_TOML_TOKEN = re.compile(r"\"\"\"|'''|\"(?:[^\"\\\n]++|\\.)*+\"?+|'[^'\n]*+'?+|[\[\]{}]|#")
_TRIPLE_QUOTES = ('"""', "'''")


def toml_lines(text: str, last: int | None = None) -> dict[tuple[Segment, ...], tuple[int, int]]:
    """Lines of the table headers and top-level keys of a TOML text (up to line `last`), by
    field path.

    Tracks `[[array]]` tables to number their records as the loader does; keys inside inline
    tables and multi-line arrays resolve to the key that holds them. The text is matched in
    place, line by line, never copied (a line may be 60 MiB long).
    """
    if last is None and len(text) > LOCATE_LIMIT:
        return {}
    places: dict[tuple[Segment, ...], tuple[int, int]] = {}
    last_item: dict[tuple[Segment, ...], int] = {}
    table: tuple[Segment, ...] = ()
    depth = 0
    open_string: str | None = None
    for number, start, end in _line_spans(text):
        if end > LOCATE_LIMIT:
            return {}
        if last is not None and number > last:
            break
        position = start
        if open_string is not None:
            close = text.find(open_string, start, end)
            if close < 0:
                continue
            position, open_string = close + 3, None
        elif depth == 0:
            if header := _TOML_HEADER.match(text, start, end):
                table = _toml_table(header, last_item)
                places.setdefault(table, (number, header.start(1) - start + 1))
                continue
            if key := _TOML_KEY.match(text, start, end):
                parts = tuple(part.strip() for part in key[1].split("."))
                places.setdefault((*table, *parts), (number, key.start(1) - start + 1))
        if number == last:
            break  # what the last line holds changes nothing above it
        for token in _TOML_TOKEN.finditer(text, position, end):
            first = text[token.start()]
            if first == "#":
                break
            if text.startswith(_TRIPLE_QUOTES, token.start()):
                if text.find(text[token.start() : token.end()], token.end(), end) < 0:
                    open_string = text[token.start() : token.end()]
                    break
                continue  # a one-line multi-line string holds nothing we count
            if first in "[{":
                depth += 1
            elif first in "]}":
                depth = max(0, depth - 1)
    return places


def _line_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """Each line's number (from 1), and where it starts and ends (before its newline)."""
    start = 0
    for number in count(1):
        end = text.find("\n", start)
        if end < 0:
            yield number, start, len(text)
            return
        yield number, start, end
        start = end + 1


def _toml_table(
    header: re.Match[str], last_item: dict[tuple[Segment, ...], int]
) -> tuple[Segment, ...]:
    """The field path of a `[table]` or `[[array.of.tables]]` header."""
    keys = [part.strip() for part in header[2].split(".")]
    path: tuple[Segment, ...] = ()
    for key in keys[:-1]:
        path = (*path, key)
        if path in last_item:
            path = (*path, last_item[path])
    path = (*path, keys[-1])
    if header[1] == "[[":
        index = last_item.get(path, -1) + 1
        last_item[path] = index
        path = (*path, index)
    return path
