"""A mission kept in parts (a JSON Lines file: its first line, then a line per event; a
Parquet file: its metadata, then its columns): the header, and each event read apart,
converted and checked like any mission file's.

The header is everything but the events: `format`, `mission`, `sources`, `places`,
`vehicles`, `phases`, `people` (docs/format.md). Problems name their field paths; the
caller places them (in a JSON Lines file, on their line).
"""

from __future__ import annotations

from typing import Any

from data.i18n import _
from data.load.convert import Converter, convert_file
from data.load.references import References
from data.model import Mission
from data.problems import MissionDataError, Problem
from data.records import Event


def header_of(raw: Any, name: str, where: str) -> Mission:
    """The mission without its events from the header's parsed JSON `raw`; raise
    `MissionDataError` on any problem. `where` says where the events are instead (for the
    problem of a header that holds them)."""
    if not isinstance(raw, dict):
        raise MissionDataError([Problem(name, "", _("not a mission"))])
    if "events" in raw:
        raise MissionDataError([Problem(name, "events", where)])
    converter = Converter(name)
    converted = convert_file({**raw, "events": []}, converter)
    if converted is None or converter.problems:
        raise MissionDataError(converter.problems or [Problem(name, "", _("not a mission"))])
    return converted[0]


def event_of(raw: Any, path: str, references: References) -> tuple[Event | None, list[Problem]]:
    """One event's plain data as a record, and every problem of it (its fields, its
    references), named with `path` (`events[12]`)."""
    converter = Converter(references.name)
    event = converter.record(raw, "event", path)
    problems = converter.problems
    if event is not None and not problems:
        problems = references.event(event, path)
    return (None if problems else event), problems
