"""Read a mission file (TOML or JSON) into a `Mission`, treating it as untrusted input.

Every problem becomes a `Problem` naming the file, the place (line and column where the format
gives them or the record can be found in the text, the field path always) and what is wrong;
the loader collects all of them and raises `MissionDataError` (exit 65) or, when the file
cannot be read at all, `MissionReadError` (exit 66). Nothing else escapes: any bytes in give a
`Mission` or a `MissionError` out (a property-based test holds this).

Limits: files up to `max_file_bytes()` (1 GiB, or the `MISSION_TIMELINE_MAX_BYTES`
environment variable), regular files only (not pipes, devices or directories), UTF-8 (a BOM
is accepted) without NUL characters, integers below 10^18 in magnitude, finite numbers only,
nesting as deep as Python's parsers allow (about 1000 levels), TOML dotted keys of at most
`MAX_KEY_PARTS` parts. Unknown fields and duplicate keys are errors.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any

from data.exit_codes import ExitCode
from data.load.lint import Problem, RecordPaths, Severity, check_references, lint
from data.load.schema import FORMAT_VERSION, ID_PATTERN, RECORDS, Field, ListOf, Scalar
from data.model import (
    Dispute,
    Event,
    Flight,
    Mission,
    MissionInfo,
    Names,
    Person,
    Phase,
    Place,
    Source,
    Stated,
    TimeInSpace,
    Vehicle,
    Version,
)
from data.sanitize import quote
from data.store import store_of
from data.times.parse import TimeFormatError, parse_date, parse_duration, parse_when, zone_info

__all__ = [
    "BUNDLED_MISSION",
    "MAX_FILE_BYTES",
    "MAX_INT_DIGITS",
    "FileCheck",
    "MissionDataError",
    "MissionError",
    "MissionReadError",
    "Problem",
    "Severity",
    "build_mission",
    "check_file",
    "check_references",
    "load_bundled",
    "load_mission",
    "max_file_bytes",
    "read_document",
]

BUNDLED_MISSION = Path(__file__).parent.parent / "missions" / "soyuz-ms-19.toml"
MAX_FILE_BYTES = 1 << 30
"""Larger files are refused before reading: 1 GiB holds about two million events (a
million-event JSON file is 300 to 500 MB). `MISSION_TIMELINE_MAX_BYTES` overrides it."""
MAX_BYTES_VARIABLE = "MISSION_TIMELINE_MAX_BYTES"
MAX_INT_DIGITS = 18
MAX_INT = 10**MAX_INT_DIGITS
"""Integers must be smaller than this in magnitude (JSON and TOML allow any size)."""
LOCATE_LIMIT = 64 << 20
"""TOML files larger than this get no line numbers for problems found after parsing
(locating them scans the text line by line in Python), and syntax errors further into a
file than this get no field path."""

MAX_KEY_PARTS = 100
"""TOML keys and table names with more dotted parts are refused before parsing: tomllib
takes time quadratic in the number of parts (a 1 MB key would take hours)."""

_ID = re.compile(ID_PATTERN)
# Runs of dotted key parts, matched whole (possessive, and starting only where a word starts),
# so finding them is linear however long the text and its words. Only lines with enough dots
# to hold a too-long key are searched.
_DOTTED_RUN = re.compile(
    r"(?<![A-Za-z0-9_-])"
    r"(?:(?:[A-Za-z0-9_-]++|\"[^\"\n]*+\"|'[^'\n]*+')[ \t]*+\.[ \t]*+)++",
    re.ASCII,
)
_MANY_DOTS = re.compile(f"^(?:[^.\\n]*+\\.){{{MAX_KEY_PARTS}}}", re.MULTILINE)
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)
_MODEL_TYPES: dict[str, Callable[..., Any]] = {
    "mission": MissionInfo,
    "source": Source,
    "place": Place,
    "vehicle": Vehicle,
    "phase": Phase,
    "person": Person,
    "names": Names,
    "time_in_space": TimeInSpace,
    "flight": Flight,
    "event": Event,
    "stated": Stated,
    "dispute": Dispute,
    "version": Version,
}
_DUPLICATE_KEY = "duplicate key"
_SUGGESTIONS = 100
"""Unknown fields get a did-you-mean hint, up to this many per file (difflib is slow)."""
_LISTS = ("sources", "places", "vehicles", "phases", "people", "events")
_RANGES = {"lat": 90.0, "lon": 180.0}


class MissionError(Exception):
    """A mission file that cannot be used; `exit_code` follows sysexits.h."""

    exit_code: int = ExitCode.DATA

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(str(problems[0]))
        self.problems = problems

    def __str__(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        return first if not more else f"{first} (and {more} more; see mission-timeline check)"


class MissionDataError(MissionError):
    """The file was read but its content is not a valid mission (EX_DATAERR)."""


class MissionReadError(MissionError):
    """The file could not be read at all (EX_NOINPUT)."""

    exit_code: int = ExitCode.NO_INPUT


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What `mission-timeline check` reports for one file."""

    problems: list[Problem]
    """Errors and warnings, in the order of the file where known."""
    exit_code: int
    """0 (no errors; warnings allowed), 65 (errors) or 66 (the file could not be read)."""

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)


def load_bundled() -> Mission:
    """The Soyuz MS-19 mission that ships with the app."""
    return load_mission(BUNDLED_MISSION)


def load_mission(path: str | os.PathLike[str]) -> Mission:
    """Read and validate a mission file; raise `MissionError` on any error (not warnings)."""
    name = os.fspath(path)
    if _is_jsonl(name):
        return _load_jsonl(name)
    document = _Document.read(name)
    mission, problems = _analyse(document.raw, name)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if mission is None or errors:
        raise MissionDataError(document.locate(errors or problems))
    return mission


def check_file(path: str | os.PathLike[str]) -> FileCheck:
    """Every problem in a file, errors and warnings, with their places; never raises."""
    name = os.fspath(path)
    if _is_jsonl(name):
        try:
            _load_jsonl(name)
        except MissionError as error:
            return FileCheck(error.problems, error.exit_code)
        return FileCheck([], 0)
    try:
        document = _Document.read(name)
    except MissionError as error:
        return FileCheck(error.problems, error.exit_code)
    _, problems = _analyse(document.raw, name)
    located = document.locate(problems)
    has_errors = any(p.severity is Severity.ERROR for p in located)
    return FileCheck(located, MissionDataError.exit_code if has_errors else ExitCode.OK)


def _is_jsonl(name: str) -> bool:
    return name.lower().endswith(".jsonl")


def _load_jsonl(name: str) -> Mission:
    """Stream a JSON Lines mission into compact storage (data.load.jsonl), for missions of
    millions of events; imported only when needed."""
    from data.load.jsonl import load_jsonl

    return load_jsonl(name)


def read_document(name: str) -> dict[str, Any]:
    """Read, decode and parse a mission file into plain data, without validating it."""
    return _Document.read(name).raw


def build_mission(raw: dict[str, Any], name: str) -> Mission:
    """Validate parsed data against the schema, the references and the lint rules."""
    mission, problems = _analyse(raw, name)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if mission is None or errors:
        raise MissionDataError(errors or problems)
    return mission


def max_file_bytes() -> int:
    """The size limit in force: `MISSION_TIMELINE_MAX_BYTES` if set to a number, else 1 GiB."""
    value = os.environ.get(MAX_BYTES_VARIABLE, "")
    return int(value) if value.isdigit() and len(value) < 19 else MAX_FILE_BYTES


def _analyse(raw: Any, name: str) -> tuple[Mission | None, list[Problem]]:
    """All problems in parsed data; the mission too when it has no errors."""
    converter = _Converter(name)
    fields = converter.record(raw, "file", "")
    problems = converter.problems
    if not isinstance(fields, dict):
        return None, problems
    if fields.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        problems.append(Problem(name, "format", f"unsupported format; expected {FORMAT_VERSION}"))
    info = fields.get("mission") or MissionInfo(id="-", title="-")
    in_file_order = Mission(
        info=info,
        events=tuple(fields.get("events", ())),
        sources=tuple(fields.get("sources", ())),
        places=tuple(fields.get("places", ())),
        vehicles=tuple(fields.get("vehicles", ())),
        phases=tuple(fields.get("phases", ())),
        people=tuple(fields.get("people", ())),
    )
    paths = RecordPaths(converter.indexes, converter.failed_ids, ids_checked=True)
    problems.extend(check_references(in_file_order, name, paths))
    # The lint rules skip what they cannot resolve, so they also run on the records that
    # passed when others failed: one run of `check` reports everything.
    problems.extend(lint(in_file_order, name, paths))
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    return replace(in_file_order, events=store_of(in_file_order)), problems


class _Rejected:
    """A parsed value the format allows but a mission does not (NaN, a 5000-digit integer).

    The parsers' hooks return one of these instead of raising, so the converter reports it
    with its field path and every other problem in the file is still found.
    """

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


class _Converter:
    """Turns parsed data into model records, field by field, collecting problems."""

    def __init__(self, name: str, problems: list[Problem] | None = None) -> None:
        self.name = name
        self.problems: list[Problem] = [] if problems is None else problems
        self.indexes: dict[str, list[int]] = {}
        self.failed_ids: dict[str, frozenset[str]] = {}
        self.suggestions = 0

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.name, path, message))

    def record(self, value: Any, record: str, path: str) -> Any:
        if not isinstance(value, dict):
            what = "a mission (a table of fields)" if record == "file" else "a table/object"
            self.problem(path, f"expected {what}, got {_type_name(value)}")
            return None
        fields = RECORDS[record]
        problems_before = len(self.problems)
        converted: dict[str, Any] = {}
        for key, item in value.items():
            field = fields.get(key)
            if field is None:
                self.suggestions += 1
                hint = self.suggestions <= _SUGGESTIONS
                self.problem(_key_path(path, key), _unknown_field(key, record, hint=hint))
                continue
            result = self.value(item, field, f"{path}.{key}" if path else key)
            if result is not None:
                converted[key] = result
        for key, field in fields.items():
            if field.required and key not in value:
                self.problem(_key_path(path, key), f"missing required field {key!r}")
        if record == "file":
            return converted
        if len(self.problems) > problems_before:
            return None
        return _MODEL_TYPES[record](**converted)

    def value(self, item: Any, field: Field, path: str) -> Any:
        if isinstance(item, _Rejected):
            self.problem(path, item.reason)
            return None
        value_type = field.type
        if isinstance(value_type, str):
            return self.record(item, value_type, path)
        if isinstance(value_type, ListOf):
            if not isinstance(item, list):
                self.problem(path, f"expected a list, got {_type_name(item)}")
                return None
            element = Field(value_type.item)
            items = [self.value(x, element, f"{path}[{i}]") for i, x in enumerate(item)]
            if path in _LISTS:
                self.note_positions(path, item, items)
            return tuple(x for x in items if x is not None)
        return self.scalar(item, value_type, path)

    def note_positions(self, path: str, raw: list[Any], items: list[Any]) -> None:
        """Remember which records of a top-level list were kept, and the ids of the rest."""
        self.indexes[path] = [i for i, x in enumerate(items) if x is not None]
        first: dict[str, int] = {}
        for index, record in enumerate(raw):
            record_id = record.get("id") if isinstance(record, dict) else None
            if not isinstance(record_id, str):
                continue
            if record_id in first:
                self.problem(
                    f"{path}[{index}].id",
                    f"duplicate id {quote(record_id)} (first at {path}[{first[record_id]}])",
                )
            else:
                first[record_id] = index
        self.failed_ids[path] = frozenset(
            r["id"]
            for r, x in zip(raw, items, strict=True)
            if x is None and isinstance(r, dict) and isinstance(r.get("id"), str)
        )

    def scalar(self, item: Any, scalar: Scalar, path: str) -> Any:
        kind = scalar.kind
        if kind == "bool":
            return item if isinstance(item, bool) else self.wrong(path, "true or false", item)
        if kind in ("int", "float"):
            return self.number(item, kind, path)
        if not isinstance(item, str):
            if kind in ("time", "date") and hasattr(item, "isoformat"):
                return self.wrong(path, "a quoted string (write times in quotes)", item)
            return self.wrong(path, "a string", item)
        if not item.isascii() and _has_surrogates(item):
            self.problem(path, "text contains a lone surrogate (not valid Unicode)")
            return None
        if "\x00" in item:
            self.problem(path, "text contains a NUL character")
            return None
        try:
            return self.parse_string(item, scalar, path)
        except TimeFormatError as error:
            self.problem(path, str(error))
            return None

    def number(self, item: Any, kind: str, path: str) -> Any:
        if isinstance(item, bool) or not isinstance(item, int | float):
            return self.wrong(path, "an integer" if kind == "int" else "a number", item)
        if isinstance(item, float) and kind == "int":
            return self.wrong(path, "an integer", item)
        if isinstance(item, int) and not -MAX_INT < item < MAX_INT:
            self.problem(path, "integer out of range (at most 18 digits)")
            return None
        if kind == "int":
            return item
        value = float(item)
        bound = _RANGES.get(path.rpartition(".")[2])
        if bound is not None and not -bound <= value <= bound:
            self.problem(path, f"{value:g} is out of range (-{bound:g} to {bound:g})")
            return None
        return value

    def parse_string(self, item: str, scalar: Scalar, path: str) -> Any:
        kind = scalar.kind
        if kind in ("id", "ref") and not _ID.fullmatch(item):
            self.problem(path, f"not a valid id: {quote(item)} (a-z, 0-9, '-', '_')")
            return None
        if scalar.choices is not None:
            try:
                return scalar.choices(item)
            except ValueError:
                allowed = ", ".join(choice.value for choice in scalar.choices)
                self.problem(path, f"unknown value {quote(item)}; expected one of: {allowed}")
                return None
        if kind == "time":
            return parse_when(item)
        if kind == "date":
            return parse_date(item)
        if kind == "duration":
            return parse_duration(item)
        if kind == "zone":
            zone_info(item)
        return item

    def wrong(self, path: str, expected: str, item: Any) -> None:
        self.problem(path, f"expected {expected}, got {_type_name(item)}")


@dataclass(frozen=True, slots=True)
class _Document:
    """A mission file read and parsed, with its text kept to find problems' lines."""

    name: str
    text: str
    is_json: bool
    raw: dict[str, Any]

    @classmethod
    def read(cls, name: str) -> _Document:
        buffer, size = _read_bytes(name)
        text = _decode(buffer, size, name)
        del buffer
        if not text.strip():
            raise MissionDataError([Problem(name, "", "the file is empty")])
        is_json = _is_json(name, text)
        raw = _parse_json(text, name) if is_json else _parse_toml(text, name)
        return cls(name, text, is_json, raw)

    def locate(self, problems: list[Problem]) -> list[Problem]:
        """Give each problem the line and column of its field (or record) in the text."""
        wanted = {p.path for p in problems if p.line is None and p.path}
        if not wanted:
            return problems
        try:
            repeated = {p.path for p in problems if p.message.startswith(_DUPLICATE_KEY)}
            offsets = _json_offsets(self.text, wanted, repeated) if self.is_json else {}
            lines = {} if self.is_json else _toml_lines(self.text, wanted)
        except (ValueError, IndexError, RecursionError):
            return problems  # a best effort: the field path is always there
        if offsets:
            lines = _offsets_to_lines(self.text, offsets)
        located = [
            replace(p, line=place[0], column=place[1])
            if p.line is None and (place := _nearest(lines, p.path)) is not None
            else p
            for p in problems
        ]
        return sorted(located, key=lambda p: p.line if p.line is not None else 1 << 62)


def _read_bytes(name: str) -> tuple[bytearray, int]:
    """Read a regular file of bounded size without blocking on FIFOs or devices."""

    def fail(message: str) -> MissionReadError:
        return MissionReadError([Problem(name, "", message)])

    try:
        descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail("is a directory, not a mission file") from None
    except PermissionError:
        raise fail("permission denied") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the name
        raise fail(f"cannot open: {getattr(error, 'strerror', None) or error}") from None
    limit = max_file_bytes()
    before = os.fstat(descriptor)
    problem = None
    if stat.S_ISDIR(before.st_mode):
        problem = "is a directory, not a mission file"
    elif not stat.S_ISREG(before.st_mode):
        problem = "not a regular file (a pipe or a device cannot be loaded)"
    elif before.st_size > limit:
        problem = f"too large ({before.st_size} bytes; the limit is {limit})"
    if problem is not None:
        os.close(descriptor)
        raise fail(problem)
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        # One spare byte shows a file that grew while it was read.
        buffer = bytearray(before.st_size + 1)
        view = memoryview(buffer)
        size = 0
        try:
            while size < len(buffer) and (count := _read_into(handle, view[size:])):
                size += count
        except OSError as error:
            raise fail(f"cannot read: {error.strerror or error}") from None
        finally:
            view.release()
        after = os.fstat(descriptor)
    if before.st_size == 0 and size > 0:
        raise fail("the file does not report its size (a /proc or /sys file?); copy it first")
    if after.st_nlink == 0:
        raise fail("the file was deleted while it was being read")
    if size != before.st_size or (after.st_size, after.st_mtime_ns) != (
        before.st_size,
        before.st_mtime_ns,
    ):
        raise fail("the file changed while it was being read; try again")
    return buffer, size


def _read_into(handle: Any, view: memoryview) -> int:
    """One read into `view`; a seam for tests that change the file while it is read."""
    return int(handle.readinto(view) or 0)


def _decode(buffer: bytearray, size: int, name: str) -> str:
    with memoryview(buffer)[:size] as content:
        try:
            text = str(content, "utf-8-sig")
        except UnicodeDecodeError as error:
            line = buffer.count(b"\n", 0, error.start) + 1
            column = error.start - (buffer.rfind(b"\n", 0, error.start) + 1) + 1
            raise MissionDataError(
                [Problem(name, "", f"not valid UTF-8 (byte {error.start})", line, column)]
            ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _offsets_to_lines(text, {"": nul})[""]
        raise MissionDataError([Problem(name, "", "contains a NUL byte", line, column)])
    return text


def _is_json(name: str, text: str) -> bool:
    suffix = Path(name).suffix.lower()
    if suffix in (".json", ".toml"):
        return suffix == ".json"
    return text.lstrip()[:1] in ("{", "[")


def _parse_json(text: str, name: str) -> dict[str, Any]:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) < len(items):
            # The value of a repeated key is replaced by the problem itself, so that it is
            # reported with its field path, and survives copies of the dict.
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    result[key] = _Rejected(f"{_DUPLICATE_KEY} {quote(key)}")
                seen.add(key)
        return result

    def bounded_int(digits: str) -> int | _Rejected:
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            return _Rejected(f"integer with {len(digits.lstrip('-'))} digits is out of range")
        return int(digits)

    def finite_float(digits: str) -> float | _Rejected:
        value = float(digits)
        if math.isfinite(value):
            return value
        return _Rejected(f"number {digits[:20]} is out of range")

    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_constant=lambda constant: _Rejected(f"{constant} is not allowed"),
            parse_int=bounded_int,
            parse_float=finite_float,
        )
    except json.JSONDecodeError as error:
        try:
            path = _json_path_at(text, error.pos)
        except (ValueError, IndexError, RecursionError):
            path = ""
        message = f"JSON syntax error: {error.msg}"
        raise MissionDataError([Problem(name, path, message, error.lineno, error.colno)]) from None
    except RecursionError:
        raise MissionDataError([Problem(name, "", "nested too deeply")]) from None
    if not isinstance(data, dict):
        raise MissionDataError(
            [Problem(name, "", f"the top level must be an object, not {_type_name(data)}")]
        )
    return data


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    def finite_float(digits: str) -> float | _Rejected:
        value = float(digits)
        if math.isfinite(value):
            return value
        return _Rejected(f"{digits[:20]} is not allowed (numbers must be finite)")

    long_key = _long_dotted_key(text)
    if long_key is not None:
        place = _offsets_to_lines(text, {"": long_key})[""]
        message = f"a dotted key with more than {MAX_KEY_PARTS} parts"
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
        path = _toml_path_at(text, line) if line is not None else ""
        raise MissionDataError(
            [Problem(name, path, f"TOML syntax error: {message}", line, column)]
        ) from None
    except ValueError:
        # tomllib converts integers itself; Python refuses those over 4300 digits.
        huge = re.search(r"[0-9_]{4000,}", text)
        message = "integer out of range (at most 18 digits)"
        if huge is None:
            raise MissionDataError([Problem(name, "", message)]) from None
        line, column = _offsets_to_lines(text, {"": huge.start()})[""]
        raise MissionDataError([Problem(name, "", message, line, column)]) from None
    except RecursionError:
        raise MissionDataError([Problem(name, "", "nested too deeply")]) from None


def _long_dotted_key(text: str) -> int | None:
    """The offset of a dotted key (or table name) of more than `MAX_KEY_PARTS` parts."""
    for line in _MANY_DOTS.finditer(text):
        end = text.find("\n", line.start())
        for run in _DOTTED_RUN.finditer(text, line.start(), end if end >= 0 else len(text)):
            if run.group().count(".") >= MAX_KEY_PARTS:
                return run.start()
    return None


# Finding a field path in the text -----------------------------------------------------------

_Segment = str | int
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_PATH_PART = re.compile(r"\.?([A-Za-z0-9_-]+)|\[(\d+)\]|\[(\"(?:[^\"\\]|\\.)*\")\]", re.ASCII)


def _split_path(path: str) -> tuple[_Segment, ...]:
    """`events[3].at` -> ("events", 3, "at"); the inverse of `_key_path`."""
    parts: list[_Segment] = []
    position = 0
    while position < len(path):
        match = _PATH_PART.match(path, position)
        if match is None:
            break
        name, index, quoted = match.groups()
        parts.append(name if name is not None else int(index) if index else json.loads(quoted))
        position = match.end()
    return tuple(parts)


def _key_path(path: str, key: str) -> str:
    if _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key[:64], ensure_ascii=True)}]"


def _nearest(
    places: dict[tuple[_Segment, ...], tuple[int, int]], path: str
) -> tuple[int, int] | None:
    """The place of `path`, or of its closest enclosing field or record that was found."""
    parts = _split_path(path)
    for end in range(len(parts), 0, -1):
        found = places.get(parts[:end])
        if found is not None:
            return found
    return None


def _offsets_to_lines(text: str, offsets: dict[Any, int]) -> dict[Any, tuple[int, int]]:
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


def _json_offsets(
    text: str, wanted: Iterable[str], repeated: Iterable[str] = ()
) -> dict[tuple[_Segment, ...], int]:
    """Offsets of the keys (or array items) on the way to each wanted path.

    Walks only the wanted branches, and leaves an object as soon as its wanted keys are
    found; everything else is skipped with the C decoder, so this costs at most about one
    parse of the file. For the `repeated` paths (duplicate keys) the last occurrence is
    found, so their objects are read to the end.
    """
    tree: dict[_Segment, Any] = {}
    for path in wanted:
        node = tree
        for part in _split_path(path):
            node = node.setdefault(part, {})
    read_whole = {_split_path(path)[:-1] for path in repeated}
    skipper = _json_skipper()
    found: dict[tuple[_Segment, ...], int] = {}

    def walk(position: int, node: dict[_Segment, Any], prefix: tuple[_Segment, ...]) -> None:
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


def _json_path_at(text: str, offset: int) -> str:
    """The field path being read at `offset`, where a syntax error was found.

    Every complete value before the error is skipped with the C decoder; the one that fails
    to decode holds the error, so the walk goes down into it: about one parse of the text.
    """
    if offset > LOCATE_LIMIT:
        return ""
    skipper = _json_skipper()
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
                    return _key_path(path, key)
                position = _skip_space(text, position + 1)
            try:
                _, end = skipper.raw_decode(text, position)
            except ValueError:
                end = None
            if end is None or end > offset:
                path = _key_path(path, key) if key is not None else f"{path}[{index}]"
                break  # the error is inside this value: go down into it
            position = _skip_space(text, end)
            if text[position : position + 1] != ",":
                return path
            position += 1
            index += 1
    return path


def _json_skipper() -> json.JSONDecoder:
    """A decoder that reads any valid JSON value quickly, to skip it (numbers become 0)."""
    return json.JSONDecoder(
        parse_int=lambda _: 0, parse_float=lambda _: 0, parse_constant=lambda _: 0
    )


def _toml_path_at(text: str, line: int) -> str:
    """The table or key at or above `line`, for a syntax error (best effort, bounded)."""
    try:
        places = _toml_lines(text[: sum(len(x) + 1 for x in text.split("\n")[:line])], ())
    except (ValueError, IndexError):
        return ""
    before = [(found[0], len(path), path) for path, found in places.items() if found[0] <= line]
    if not before:
        return ""
    return _join_path(max(before)[2])


def _join_path(parts: tuple[_Segment, ...]) -> str:
    path = ""
    for part in parts:
        path = f"{path}[{part}]" if isinstance(part, int) else _key_path(path, part)
    return path


_TOML_HEADER = re.compile(
    r"[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*\]", re.ASCII
)
_TOML_KEY = re.compile(r"[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*=", re.ASCII)
_TOML_TOKEN = re.compile(r"\"\"\"|'''|\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|[\[\]{}]|#")


def _toml_lines(text: str, wanted: Iterable[str]) -> dict[tuple[_Segment, ...], tuple[int, int]]:
    """Lines of the table headers and top-level keys of a TOML text, by field path.

    Tracks `[[array]]` tables to number their records as the loader does; keys inside inline
    tables and multi-line arrays resolve to the key that holds them.
    """
    del wanted  # every header and key is indexed: one pass serves all problems
    if len(text) > LOCATE_LIMIT:
        return {}
    places: dict[tuple[_Segment, ...], tuple[int, int]] = {}
    last_item: dict[tuple[_Segment, ...], int] = {}
    table: tuple[_Segment, ...] = ()
    depth = 0
    open_string: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        start = 0
        if open_string is not None:
            close = line.find(open_string)
            if close < 0:
                continue
            start, open_string = close + 3, None
        elif depth == 0:
            if header := _TOML_HEADER.match(line):
                table = _toml_table(header, last_item)
                places.setdefault(table, (number, header.start(1) + 1))
                continue
            if key := _TOML_KEY.match(line):
                parts = tuple(part.strip() for part in key[1].split("."))
                places.setdefault((*table, *parts), (number, key.start(1) + 1))
        for token in _TOML_TOKEN.finditer(line, start):
            symbol = token.group()
            if symbol == "#":
                break
            if symbol in ('"""', "'''"):
                if line.find(symbol, token.end()) < 0:
                    open_string = symbol
                    break
                continue  # a one-line multi-line string holds nothing we count
            if symbol in "[{":
                depth += 1
            elif symbol in "]}":
                depth = max(0, depth - 1)
    return places


def _toml_table(
    header: re.Match[str], last_item: dict[tuple[_Segment, ...], int]
) -> tuple[_Segment, ...]:
    """The field path of a `[table]` or `[[array.of.tables]]` header."""
    keys = [part.strip() for part in header[2].split(".")]
    path: tuple[_Segment, ...] = ()
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


# Small helpers -------------------------------------------------------------------------------


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _type_name(value: Any) -> str:
    names = {dict: "a table", list: "a list", str: "a string", bool: "a boolean"}
    names |= {int: "an integer", float: "a number", type(None): "null"}
    if isinstance(value, _Rejected):
        return "a value out of range"
    names |= {datetime: "a date-time", date: "a date", time: "a time of day"}
    return names.get(type(value), type(value).__name__)


def _unknown_field(key: str, record: str, *, hint: bool) -> str:
    """`unknown field 'titel' in event (did you mean 'title'?)`: unknown fields are errors."""
    close = _closest(key, record) if hint and len(key) <= 40 else None
    suggestion = f" (did you mean {close!r}?)" if close else ""
    return f"unknown field {quote(key)} in {record}{suggestion}"


@lru_cache(maxsize=1024)
def _closest(key: str, record: str) -> str | None:
    matches = difflib.get_close_matches(key, list(RECORDS[record]), n=1)
    return matches[0] if matches else None
