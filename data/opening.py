"""Opening any mission file: the reader chosen by the file's suffix, and the bundled mission.

A `.jsonl` file is streamed by `data.load.jsonl` (imported only then: it needs msgspec); a
`.parquet` file is read by the columnar engine (`data.load.parquet`, the `large` extra); any
other is read whole, once: a file another tool made (`data.imports.import_format`: by suffix,
then by sniffing its text; a `.json` is a mission unless an importer sniffs it) is imported
and its document checked like a mission's; any other file is read by `data.load.document` as
JSON (`.json`, or text that starts with `{`) or TOML. All open the file through
`data.files.reading`, so the same limits hold for every format: regular files only, at most
`MISSION_TIMELINE_MAX_BYTES` (1 GiB), UTF-8 without NUL characters. Anything wrong raises a
`MissionError` naming the file and the place: any bytes in, a `Mission` or a `MissionError`
out (a property-based test holds this).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from data.bundled import BUNDLED_MISSION, load_bundled
from data.exit_codes import ExitCode
from data.files.reading import read_text
from data.i18n import _, ngettext
from data.load.document import analyse, build_mission, check_text, load_text, read_document
from data.load.parquet import is_parquet, load_parquet, open_parquet
from data.load.reading import MissionReading
from data.load.syntax import is_jsonl
from data.model import Mission
from data.problems import (
    MissionDataError,
    MissionError,
    MissionReadError,
    Problem,
    Severity,
    within_memory,
)

if TYPE_CHECKING:
    from data.imports import ImportFormat  # imported only for a file to import (`_chosen`)

__all__ = [
    "BUNDLED_MISSION",
    "FileCheck",
    "MissionDataError",
    "MissionError",
    "MissionReadError",
    "Opened",
    "build_mission",
    "check_file",
    "load_bundled",
    "load_mission",
    "open_file",
    "open_reading",
    "read_document",
]


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


@dataclass(frozen=True, slots=True)
class Opened:
    """A mission opened from a file, and how: a mission file, or another tool's file
    imported."""

    mission: Mission
    imported_from: ImportFormat | None = None
    """The format the file was imported from; None for a mission file."""
    unmapped: tuple[Problem, ...] = ()
    """What the import could not map (warnings naming their places)."""

    @property
    def notice(self) -> str | None:
        """What to tell the user on opening an imported file (None for a mission file):
        the format, and how many items could not be mapped."""
        if self.imported_from is None:
            return None
        count = len(self.unmapped)
        label = self.imported_from.label
        if not count:
            return _("Imported from {format}: all mapped").format(format=label)
        return ngettext(
            "Imported from {format}: {count} item could not be mapped",
            "Imported from {format}: {count} items could not be mapped",
            count,
        ).format(format=label, count=count)


def load_mission(path: str | os.PathLike[str]) -> Mission:
    """Read and validate a mission file (or import another tool's file, `open_file`); raise
    `MissionError` on any error (not warnings)."""
    return open_file(path).mission


def open_file(path: str | os.PathLike[str]) -> Opened:
    """Read and validate a mission file, or import another tool's file; raise
    `MissionError` on any error (not warnings, nor what an import could not map)."""
    name = os.fspath(path)
    if is_jsonl(name):
        from data.load.jsonl import load_jsonl

        return Opened(load_jsonl(name))
    if is_parquet(name):
        return Opened(load_parquet(name))
    return within_memory(name, lambda: _open_whole(name))


def open_reading(name: str) -> MissionReading | None:
    """The JSON Lines or Parquet mission `name` opened, its header read and checked (raise
    `MissionError` if it is wrong), its events to be read by `finish`; `None` for a mission
    of another format (read whole, in milliseconds)."""
    if is_jsonl(name):
        from data.load.jsonl import open_jsonl  # msgspec: only for such a file

        return open_jsonl(name)
    if is_parquet(name):
        return open_parquet(name)
    return None


def _open_whole(name: str) -> Opened:
    text = read_text(name)
    chosen = _chosen(name, text)
    if chosen is None:
        return Opened(load_text(name, text))
    imported = chosen.read(name, text)
    return Opened(build_mission(imported.document, name), chosen, tuple(imported.unmapped))


def _chosen(name: str, text: str) -> ImportFormat | None:
    """The other tool's format the whole-read file `name` is in (`import_format`); None for
    a mission file. The importers are imported only here: a JSON Lines or Parquet mission
    never needs them."""
    from data.imports import import_format

    return import_format(name, text)


def check_file(path: str | os.PathLike[str]) -> FileCheck:
    """Every problem in a file, errors and warnings, with their places; never raises."""
    name = os.fspath(path)
    problems: list[Problem] = []
    try:
        if is_jsonl(name) or is_parquet(name):
            load_mission(name)  # JSON Lines and Parquet have no warnings: all are errors
        else:
            problems = within_memory(name, lambda: _check_whole(name))
    except MissionError as error:
        return FileCheck(error.problems, error.exit_code)
    has_errors = any(p.severity is Severity.ERROR for p in problems)
    return FileCheck(problems, ExitCode.DATA if has_errors else ExitCode.OK)


def _check_whole(name: str) -> list[Problem]:
    """The problems of a whole-read file: a mission's, or an imported file's (what could not
    be mapped, then its document's)."""
    text = read_text(name)
    chosen = _chosen(name, text)
    if chosen is None:
        return check_text(name, text)
    imported = chosen.read(name, text)
    return imported.unmapped + analyse(imported.document, name)[1]
