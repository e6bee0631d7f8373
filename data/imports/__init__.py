"""Importing timelines from other tools' files: the formats, and the one way to import a file.

An importer reads another tool's file (a calendar, a TimelineJS sheet, ...) and maps it onto
the mission format: the result is an `Imported`, a mission document exactly as a `.json`
mission file holds it (docs/format.md), checked afterwards by the one mission checker like any
mission file, and the list of what could not be mapped (one `Problem` of severity WARNING
each). The text is read once, by `data.files.reading` (the limits of mission files); no
importer opens files itself. Its input is untrusted exactly as a mission file is: whatever the
text, an importer returns an `Imported` or raises a `MissionDataError` naming the file and the
place, never anything else.

`IMPORT_FORMATS` holds one `ImportFormat` per format, by name; `import_format` picks the
format of a file (by suffix, then by sniffing its text); `import_file` reads and imports one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from data.files.reading import read_text
from data.i18n import _
from data.imports import ics, timelinejs, timelinejs_csv
from data.imports.base import Imported, ImportFormat
from data.problems import MissionDataError, Problem, within_memory

__all__ = [
    "IMPORT_FORMATS",
    "ImportFormat",
    "Imported",
    "import_file",
    "import_format",
    "import_text",
]


def _by_name(formats: Iterable[ImportFormat]) -> dict[str, ImportFormat]:
    """The formats keyed by their names."""
    return {f.name: f for f in formats}


IMPORT_FORMATS: dict[str, ImportFormat] = _by_name(
    [
        # One line per format, each a module's `FORMAT` (import the module above).
        ics.FORMAT,
        timelinejs.FORMAT,
        timelinejs_csv.FORMAT,
    ]
)
"""Every import format by name. Each importer module defines its `ImportFormat`s and imports
`Imported` and `ImportFormat` from `data.imports.base` (not from here: no import cycle)."""

MISSION_SUFFIXES = (".toml", ".json", ".jsonl")
"""Suffixes of mission files: a file with one of them is a mission unless a format sniffs it."""


def importable_formats() -> str:
    """Every import format with its suffixes, for a prompt: `iCalendar .ics/.ical,
    TimelineJS JSON .json, TimelineJS sheet (CSV) .csv`."""
    return ", ".join(f"{f.label} {'/'.join(f.suffixes)}" for f in IMPORT_FORMATS.values())


def import_format(path: str | os.PathLike[str], text: str) -> ImportFormat | None:
    """The import format of a file, or None if it is a mission file (or unknown).

    By suffix first: the one format claiming the suffix (if several claim it, the one whose
    `sniff` accepts the text). A mission suffix (`.json`, ...) is a mission unless a format
    claiming that suffix sniffs the text. Any other suffix: the first format that sniffs the
    text.
    """
    suffix = Path(path).suffix.lower()
    claiming = [f for f in IMPORT_FORMATS.values() if suffix in f.suffixes]
    if len(claiming) == 1 and suffix not in MISSION_SUFFIXES:
        return claiming[0]
    candidates = claiming if claiming or suffix in MISSION_SUFFIXES else IMPORT_FORMATS.values()
    return next((f for f in candidates if f.sniff(text)), None)


def import_file(path: str | os.PathLike[str], format_name: str | None = None) -> Imported:
    """Read a file through `data.files.reading` (the limits of mission files) and import it;
    see `import_text`. Raise `MissionError` if it cannot be read or imported."""
    name = os.fspath(path)
    return within_memory(name, lambda: import_text(name, read_text(name), format_name))


def import_text(name: str, text: str, format_name: str | None = None) -> Imported:
    """Import the text of the file `name` with the format named (or the one `import_format`
    picks); raise `MissionDataError` if there is no such format or the text cannot be read."""
    chosen = IMPORT_FORMATS.get(format_name) if format_name else import_format(name, text)
    if chosen is None:
        known = ", ".join(IMPORT_FORMATS)
        if format_name:
            message = _("unknown import format {name!r} (formats: {known})")
        else:
            message = _("no import format (formats: {known})")
        raise MissionDataError([Problem(name, "", message.format(name=format_name, known=known))])
    return chosen.read(name, text)
