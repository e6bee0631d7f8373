"""Opening any mission file: the reader chosen by the file's suffix, and the bundled mission.

A `.jsonl` file is streamed by `data.load.jsonl` (imported only then: it needs msgspec); any
other is read whole by `data.load.document` as JSON (`.json`, or text that starts with `{`)
or TOML. Both open the file through `data.files.reading`, so the same limits hold for every
format: regular files only, at most `MISSION_TIMELINE_MAX_BYTES` (1 GiB), UTF-8 without NUL
characters. Anything wrong raises a `MissionError` naming the file and the place: any bytes
in, a `Mission` or a `MissionError` out (a property-based test holds this).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from data.exit_codes import ExitCode
from data.load.document import build_mission, check_document, load_document, read_document
from data.load.syntax import is_jsonl
from data.model import Mission
from data.problems import MissionDataError, MissionError, MissionReadError, Problem, Severity

__all__ = [
    "BUNDLED_MISSION",
    "FileCheck",
    "MissionDataError",
    "MissionError",
    "MissionReadError",
    "build_mission",
    "check_file",
    "load_bundled",
    "load_mission",
    "read_document",
]

BUNDLED_MISSION = Path(__file__).parent.parent / "missions" / "soyuz-ms-19.toml"


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What `mission-timeline check` reports for one file."""

    problems: list[Problem]
    """Errors and warnings, in the order of the file where known."""
    exit_code: int
    """`ExitCode.OK` (no errors; warnings allowed), `DATA` (errors) or `NO_INPUT` (the file
    could not be read)."""

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
    if is_jsonl(name):
        from data.load.jsonl import load_jsonl

        return load_jsonl(name)
    return load_document(name)


def check_file(path: str | os.PathLike[str]) -> FileCheck:
    """Every problem in a file, errors and warnings, with their places; never raises."""
    name = os.fspath(path)
    problems: list[Problem] = []
    try:
        if is_jsonl(name):
            load_mission(name)  # JSON Lines has no warnings: its problems are all errors
        else:
            problems = check_document(name)
    except MissionError as error:
        return FileCheck(error.problems, error.exit_code)
    has_errors = any(p.severity is Severity.ERROR for p in problems)
    return FileCheck(problems, ExitCode.DATA if has_errors else ExitCode.OK)
