"""Parsing the text of a TOML or JSON mission into plain data, every syntax error placed.

A syntax error becomes a `MissionDataError` with the line, column and (found in the text) the
field path where it is. What the formats allow but a mission does not (NaN, a 5000-digit
integer, a duplicate JSON key) is kept as a `Rejected` value, so the converter reports it with
its field path beside every other problem of the file. Strings of more than
`MAX_STRING_CHARS` characters (`data.load.long_strings`) and TOML keys of more than
`MAX_KEY_PARTS` dotted parts are refused before parsing.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from data.i18n import _
from data.load import library_words
from data.load.locate import json_path_at, offsets_to_lines, toml_path_at
from data.load.long_strings import long_string, too_long
from data.problems import MissionDataError, Problem
from data.sanitize import quote

MAX_INT_DIGITS = 18
"""Integers may have at most this many digits (JSON and TOML allow any size)."""
MAX_KEY_PARTS = 100
"""TOML keys and table names with more dotted parts are refused before parsing: tomllib
takes time quadratic in the number of parts (a 1 MB key would take hours)."""

# Runs of dotted key parts, matched whole (possessive, and starting only where a word starts),
# so finding them is linear however long the text and its words. Only lines with enough dots
# to hold a too-long key are searched.
_DOTTED_RUN = re.compile(
    r"(?<![A-Za-z0-9_-])"
    r"(?:(?:[A-Za-z0-9_-]++|\"[^\"\n]*+\"|'[^'\n]*+')[ \t]*+\.[ \t]*+)++",
    re.ASCII,
)
_MANY_DOTS = re.compile(f"^(?:[^.\\n]*+\\.){{{MAX_KEY_PARTS}}}", re.MULTILINE)
# A run of digits only from where it starts: a search from every digit of a shorter run would
# read each run again and again (quadratic in its length).
_LONG_DIGITS = re.compile(r"(?<![0-9_])[0-9_]{4000,}")


def parse(text: str, name: str) -> tuple[dict[str, Any], bool]:
    """The plain data of a mission's text, and whether it was read as JSON (by the file's
    suffix, else by its first character)."""
    if not text.strip():
        raise MissionDataError([Problem(name, "", _("the file is empty"))])
    as_json = is_json(name, text)
    return (parse_json(text, name) if as_json else parse_toml(text, name)), as_json


class Rejected:
    """A parsed value the format allows but a mission does not (NaN, a 5000-digit integer).

    The parsers' hooks return one of these instead of raising, so the converter reports it
    with its field path and every other problem in the file is still found.
    """

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason
        """What is wrong, in the interface's language."""


def is_jsonl(name: str) -> bool:
    """Whether a file is read as JSON Lines (by its suffix, `.jsonl`)."""
    return name.lower().endswith(".jsonl")


def is_json(name: str, text: str) -> bool:
    """Whether a file that is not JSON Lines is read as JSON, else as TOML: by its suffix, or
    for other suffixes by its first character."""
    suffix = Path(name).suffix.lower()
    if suffix in (".json", ".toml"):
        return suffix == ".json"
    return text.lstrip()[:1] in ("{", "[")


def duplicate_key(key: str) -> str:
    """The problem of a key written twice in one JSON object: `duplicate key 'at'`. It is
    placed at the key's last use (`data.load.document.located` knows it by this wording)."""
    return _("duplicate key {key}").format(key=quote(key))


def parse_json(text: str, name: str) -> dict[str, Any]:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) < len(items):
            # The value of a repeated key is replaced by the problem itself, so that it is
            # reported with its field path, and survives copies of the dict.
            seen: set[str] = set()
            for key, _value in items:
                if key in seen:
                    result[key] = Rejected(duplicate_key(key))
                seen.add(key)
        return result

    def bounded_int(digits: str) -> int | Rejected:
        length = len(digits.lstrip("-"))
        if length > MAX_INT_DIGITS:
            return Rejected(_("integer with {count} digits is out of range").format(count=length))
        return int(digits)

    def finite_float(digits: str) -> float | Rejected:
        value = float(digits)
        if math.isfinite(value):
            return value
        return Rejected(_("number {number} is out of range").format(number=digits[:20]))

    found = long_string(text, is_json=True)
    if found is not None:
        _refuse_long_string(text, name, *found, is_json=True)
    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_constant=lambda constant: Rejected(
                _("{constant} is not allowed").format(constant=constant)
            ),
            parse_int=bounded_int,
            parse_float=finite_float,
        )
    except json.JSONDecodeError as error:
        try:
            path = json_path_at(text, error.pos)
        except (ValueError, IndexError, RecursionError):
            path = ""
        message = _("JSON syntax error: {reason}").format(reason=library_words.JSON(error.msg))
        raise MissionDataError([Problem(name, path, message, error.lineno, error.colno)]) from None
    except RecursionError:
        raise MissionDataError([Problem(name, "", _("nested too deeply"))]) from None
    if not isinstance(data, dict):
        message = _("the top level must be an object, not {type}").format(type=type_name(data))
        raise MissionDataError([Problem(name, "", message)])
    return data


def parse_toml(text: str, name: str) -> dict[str, Any]:
    def finite_float(digits: str) -> float | Rejected:
        value = float(digits)
        if math.isfinite(value):
            return value
        return Rejected(
            _("{number} is not allowed (numbers must be finite)").format(number=digits[:20])
        )

    found = long_string(text, is_json=False)
    if found is not None:
        _refuse_long_string(text, name, *found, is_json=False)
    long_key = long_dotted_key(text)
    if long_key is not None:
        place = offsets_to_lines(text, {"": long_key})[""]
        message = _("a dotted key with more than {count} parts").format(count=MAX_KEY_PARTS)
        raise MissionDataError([Problem(name, "", message, *place)])
    try:
        data: dict[str, Any] = tomllib.loads(text, parse_float=finite_float)
        return data
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        line, column = (int(match[1]), int(match[2])) if match else (None, None)
        message = message[: match.start()] if match else message
        if message.endswith("(at end of document)"):
            message = message.removesuffix("(at end of document)").rstrip()
            line, column = text.count("\n") + 1, 1
        path = toml_path_at(text, line) if line is not None else ""
        raise MissionDataError(
            [
                Problem(
                    name,
                    path,
                    _("TOML syntax error: {reason}").format(reason=library_words.TOML(message)),
                    line,
                    column,
                )
            ]
        ) from None
    except ValueError:
        # tomllib converts integers itself; Python refuses those over 4300 digits.
        huge = _LONG_DIGITS.search(text)
        message = _("integer out of range (at most {count} digits)").format(count=MAX_INT_DIGITS)
        if huge is None:
            raise MissionDataError([Problem(name, "", message)]) from None
        line, column = offsets_to_lines(text, {"": huge.start()})[""]
        raise MissionDataError([Problem(name, "", message, line, column)]) from None
    except RecursionError:
        raise MissionDataError([Problem(name, "", _("nested too deeply"))]) from None


def _refuse_long_string(
    text: str, name: str, offset: int, length: int | None, is_json: bool
) -> None:
    """Raise the problem of the string at `offset` that is too long, placed in the text."""
    line, column = offsets_to_lines(text, {"": offset})[""]
    try:
        path = json_path_at(text, offset) if is_json else toml_path_at(text, line)
    except (ValueError, IndexError, RecursionError):
        path = ""
    raise MissionDataError([Problem(name, path, too_long(length), line, column)])


def long_dotted_key(text: str) -> int | None:
    """The offset of a dotted key (or table name) of more than `MAX_KEY_PARTS` parts."""
    if text.count(".") < MAX_KEY_PARTS:
        return None  # the usual case, found in C at once (the search tries every line start)
    for line in _MANY_DOTS.finditer(text):
        end = text.find("\n", line.start())
        for run in _DOTTED_RUN.finditer(text, line.start(), end if end >= 0 else len(text)):
            if run.group().count(".") >= MAX_KEY_PARTS:
                return run.start()
    return None


def type_name(value: Any) -> str:
    """What sort of value `value` is, for "expected X, got Y": `a table`, `an integer`."""
    if isinstance(value, Rejected):
        return _("a value out of range")
    names = {
        dict: _("a table"),
        list: _("a list"),
        str: _("a string"),
        bool: _("a boolean"),
        int: _("an integer"),
        float: _("a number"),
        type(None): "null",
        datetime: _("a date-time"),
        date: _("a date"),
        time: _("a time of day"),
    }
    return names.get(type(value), type(value).__name__)
