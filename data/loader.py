"""Read a mission file (TOML or JSON) into a `Mission`, treating it as untrusted input.

Every problem becomes a `Problem` naming the file, the place (line and column where the format
gives them, the field path always) and what is wrong; the loader collects all of them and
raises `MissionDataError` (exit 65) or, when the file cannot be read at all, `MissionReadError`
(exit 66). Nothing else escapes.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
from data.sanitize import sanitize
from data.schema import FORMAT_VERSION, ID_PATTERN, RECORDS, Field, ListOf, Scalar
from data.times import TimeFormatError, parse_date, parse_duration, parse_when, zone_info

BUNDLED_MISSION = Path(__file__).parent / "missions" / "soyuz-ms-19.toml"
MAX_FILE_BYTES = 1 << 30
"""Larger files are refused before reading: 1 GiB holds about two million events."""
MAX_INT_DIGITS = 18

_ID = re.compile(ID_PATTERN)
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


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a mission file."""

    file: str
    path: str
    message: str
    line: int | None = None
    column: int | None = None
    severity: str = "error"

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}:{self.column or 1}"
        field = f" {self.path}:" if self.path else ""
        return f"{place}:{field} {self.message}"


class MissionError(Exception):
    """A mission file that cannot be used; `exit_code` follows sysexits.h."""

    exit_code = 65

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

    exit_code = 66


def load_bundled() -> Mission:
    """The Soyuz MS-19 mission that ships with the app."""
    return load_mission(BUNDLED_MISSION)


def load_mission(path: str | os.PathLike[str]) -> Mission:
    """Read and validate a mission file; raise `MissionError` on any problem."""
    name = os.fspath(path)
    if name.lower().endswith(".jsonl"):
        # Streamed line by line into compact storage, for missions of millions of events.
        from data.fastload import load_jsonl

        return load_jsonl(name)
    raw = read_document(name)
    return build_mission(raw, name)


def read_document(name: str) -> dict[str, Any]:
    """Read, decode and parse a mission file into plain data, without validating it."""
    content = _read_bytes(name)
    text = _decode(content, name)
    if _is_json(name, text):
        return _parse_json(text, name)
    return _parse_toml(text, name)


def build_mission(raw: dict[str, Any], name: str) -> Mission:
    """Validate parsed data against the schema and the references between records."""
    problems: list[Problem] = []
    fields = _Converter(name, problems).record(raw, "file", "")
    if fields is None or problems:
        raise MissionDataError(problems or [Problem(name, "", "not a mission")])
    if fields["format"] != FORMAT_VERSION:
        raise MissionDataError(
            [Problem(name, "format", f"unsupported format {fields['format']}; expected 1")]
        )
    events = tuple(sorted(fields.get("events", ()), key=lambda e: e.when.instant))
    mission = Mission(
        info=fields["mission"],
        events=events,
        sources=tuple(fields.get("sources", ())),
        places=tuple(fields.get("places", ())),
        vehicles=tuple(fields.get("vehicles", ())),
        phases=tuple(fields.get("phases", ())),
        people=tuple(fields.get("people", ())),
    )
    problems.extend(check_references(mission, name))
    if problems:
        raise MissionDataError(problems)
    return mission


def check_references(mission: Mission, name: str) -> list[Problem]:
    """Unique ids and resolvable references: what the app needs to be safe to run."""
    problems: list[Problem] = []

    def problem(path: str, message: str) -> None:
        problems.append(Problem(name, path, message))

    lists: dict[str, Iterable[Any]] = {
        "sources": mission.sources,
        "places": mission.places,
        "vehicles": mission.vehicles,
        "phases": mission.phases,
        "people": mission.people,
        "events": mission.events,
    }
    for list_name, records in lists.items():
        seen: set[str] = set()
        for index, record in enumerate(records):
            if record.id in seen:
                problem(f"{list_name}[{index}].id", f"duplicate id {record.id!r}")
            seen.add(record.id)

    def refer(path: str, value: str | None, table: Mapping[str, Any], what: str) -> None:
        if value is not None and value not in table:
            problem(path, f"unknown {what} {value!r}")

    def refer_all(path: str, values: Iterable[str], table: Mapping[str, Any], what: str) -> None:
        for index, value in enumerate(values):
            refer(f"{path}[{index}]", value, table, what)

    refer("mission.reference", mission.info.reference, mission.event_by_id, "event")
    for index, vehicle in enumerate(mission.vehicles):
        path = f"vehicles[{index}]"
        refer(f"{path}.part_of", vehicle.part_of, mission.vehicle_by_id, "vehicle")
        refer_all(f"{path}.sources", vehicle.sources, mission.source_by_id, "source")
    for index, person in enumerate(mission.people):
        path = f"people[{index}]"
        refer_all(f"{path}.sources", person.sources, mission.source_by_id, "source")
        for number, flight in enumerate(person.flights):
            where = f"{path}.flights[{number}]"
            for key in ("up", "down", "station"):
                refer(f"{where}.{key}", getattr(flight, key), mission.vehicle_by_id, "vehicle")
            for key in ("launch", "docking", "undocking", "landing"):
                refer(f"{where}.{key}", getattr(flight, key), mission.event_by_id, "event")
    for index, event in enumerate(mission.events):
        path = f"events[{index}]"
        if event.at is None and event.planned is None:
            problem(path, f"event {event.id!r} needs 'at' or 'planned'")
        refer(f"{path}.phase", event.phase, mission.phase_by_id, "phase")
        refer(f"{path}.place", event.place, mission.place_by_id, "place")
        refer_all(f"{path}.vehicles", event.vehicles, mission.vehicle_by_id, "vehicle")
        refer_all(f"{path}.people", event.people, mission.person_by_id, "person")
        refer_all(f"{path}.sources", event.sources, mission.source_by_id, "source")
        for number, stated in enumerate(event.stated):
            refer(f"{path}.stated[{number}].source", stated.source, mission.source_by_id, "source")
        for number, dispute in enumerate(event.disputes):
            if not dispute.versions:
                problem(f"{path}.disputes[{number}].versions", "a dispute needs versions")
            for v_number, version in enumerate(dispute.versions):
                where = f"{path}.disputes[{number}].versions[{v_number}].sources"
                refer_all(where, version.sources, mission.source_by_id, "source")
        if event.station_crew is not None and event.station_crew < 0:
            problem(f"{path}.station_crew", "must not be negative")
    return problems


class _Converter:
    """Turns parsed data into model records, field by field, collecting problems."""

    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.name = name
        self.problems = problems

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.name, path, message))

    def record(self, value: Any, record: str, path: str) -> Any:
        if not isinstance(value, dict):
            self.problem(path, f"expected a table/object, got {_type_name(value)}")
            return None
        fields = RECORDS[record]
        problems_before = len(self.problems)
        converted: dict[str, Any] = {}
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if key not in fields:
                self.problem(where, f"unknown field {_shown(key)} in {record}")
                continue
            result = self.value(item, fields[key], where)
            if result is not None:
                converted[key] = result
        for key, field in fields.items():
            if field.required and key not in value:
                self.problem(path or record, f"missing required field {key!r}")
        if record == "file":
            return converted
        if len(self.problems) > problems_before:
            return None
        return _MODEL_TYPES[record](**converted)

    def value(self, item: Any, field: Field, path: str) -> Any:
        value_type = field.type
        if isinstance(value_type, str):
            return self.record(item, value_type, path)
        if isinstance(value_type, ListOf):
            if not isinstance(item, list):
                self.problem(path, f"expected a list, got {_type_name(item)}")
                return None
            element = Field(value_type.item)
            items = [self.value(x, element, f"{path}[{i}]") for i, x in enumerate(item)]
            return tuple(x for x in items if x is not None)
        return self.scalar(item, value_type, path)

    def scalar(self, item: Any, scalar: Scalar, path: str) -> Any:
        kind = scalar.kind
        if kind == "bool":
            return item if isinstance(item, bool) else self.wrong(path, "true or false", item)
        if kind == "int":
            if isinstance(item, int) and not isinstance(item, bool):
                return item
            return self.wrong(path, "an integer", item)
        if kind == "float":
            if isinstance(item, int | float) and not isinstance(item, bool):
                return float(item)
            return self.wrong(path, "a number", item)
        if not isinstance(item, str):
            if kind in ("time", "date") and hasattr(item, "isoformat"):
                return self.wrong(path, "a quoted string (write times in quotes)", item)
            return self.wrong(path, "a string", item)
        if _has_surrogates(item):
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

    def parse_string(self, item: str, scalar: Scalar, path: str) -> Any:
        kind = scalar.kind
        if kind in ("id", "ref") and not _ID.fullmatch(item):
            self.problem(path, f"not a valid id: {_shown(item)} (a-z, 0-9, '-', '_')")
            return None
        if scalar.choices is not None:
            try:
                return scalar.choices(item)
            except ValueError:
                allowed = ", ".join(choice.value for choice in scalar.choices)
                self.problem(path, f"unknown value {_shown(item)}; expected one of: {allowed}")
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


def _read_bytes(name: str) -> bytes:
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
    except OSError as error:
        raise fail(f"cannot open: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as handle:
        before = os.fstat(descriptor)
        if stat.S_ISDIR(before.st_mode):
            raise fail("is a directory, not a mission file")
        if not stat.S_ISREG(before.st_mode):
            raise fail("not a regular file (a pipe or a device cannot be loaded)")
        if before.st_size > MAX_FILE_BYTES:
            raise fail(f"too large ({before.st_size} bytes; the limit is {MAX_FILE_BYTES})")
        try:
            content = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise fail(f"cannot read: {error.strerror or error}") from None
        after = os.fstat(descriptor)
    if len(content) > MAX_FILE_BYTES:
        raise fail(f"too large (the limit is {MAX_FILE_BYTES} bytes)")
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or len(
        content
    ) != after.st_size:
        raise fail("the file changed while it was being read; try again")
    return content


def _decode(content: bytes, name: str) -> str:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_column(content, error.start)
        raise MissionDataError(
            [Problem(name, "", f"not valid UTF-8 (byte {error.start})", line, column)]
        ) from None
    if "\x00" in text:
        line, column = _line_column(text, text.index("\x00"))
        raise MissionDataError([Problem(name, "", "contains a NUL byte", line, column)])
    return text


def _is_json(name: str, text: str) -> bool:
    suffix = Path(name).suffix.lower()
    if suffix in (".json", ".toml"):
        return suffix == ".json"
    return text.lstrip()[:1] in ("{", "[")


def _parse_json(text: str, name: str) -> dict[str, Any]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _JsonValueError(f"duplicate key {_shown(key)}")
            result[key] = value
        return result

    def no_constant(constant: str) -> None:
        raise _JsonValueError(f"{constant} is not allowed")

    def bounded_int(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            raise _JsonValueError(f"integer with {len(digits)} digits is too large")
        return int(digits)

    def finite_float(digits: str) -> float:
        value = float(digits)
        if not math.isfinite(value):
            raise _JsonValueError(f"number {digits[:20]} is out of range")
        return value

    try:
        data = json.loads(
            text,
            object_pairs_hook=no_duplicates,
            parse_constant=no_constant,
            parse_int=bounded_int,
            parse_float=finite_float,
        )
    except json.JSONDecodeError as error:
        raise MissionDataError(
            [Problem(name, "", f"JSON syntax error: {error.msg}", error.lineno, error.colno)]
        ) from None
    except _JsonValueError as error:
        raise MissionDataError([Problem(name, "", str(error))]) from None
    except RecursionError:
        raise MissionDataError([Problem(name, "", "nested too deeply")]) from None
    if not isinstance(data, dict):
        raise MissionDataError([Problem(name, "", "the top level must be an object")])
    return data


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    def finite_float(digits: str) -> float:
        value = float(digits)
        if not math.isfinite(value):
            raise ValueError(f"number {digits[:20]} is not allowed")
        return value

    try:
        return tomllib.loads(text, parse_float=finite_float)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        line, column = (int(match[1]), int(match[2])) if match else (None, None)
        message = message[: match.start()] if match else message
        raise MissionDataError(
            [Problem(name, "", f"TOML syntax error: {message}", line, column)]
        ) from None
    except ValueError as error:
        raise MissionDataError([Problem(name, "", f"TOML value error: {error}")]) from None
    except RecursionError:
        raise MissionDataError([Problem(name, "", "nested too deeply")]) from None


class _JsonValueError(ValueError):
    pass


def _line_column(content: bytes | str, offset: int) -> tuple[int, int]:
    before = content[:offset]
    newline: Any = b"\n" if isinstance(before, bytes) else "\n"
    line = before.count(newline) + 1
    return line, offset - (before.rfind(newline) + 1) + 1


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _type_name(value: Any) -> str:
    names = {dict: "a table", list: "a list", str: "a string", bool: "a boolean"}
    names |= {int: "an integer", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _shown(text: str) -> str:
    """Quote untrusted text for an error message without letting controls through."""
    shown = sanitize(text[:80]) + ("…" if len(text) > 80 else "")
    return repr(shown)
