"""A mission's header kept apart from its events (a JSON Lines file's first line, a Parquet
file's metadata), converted and checked like the rest of any mission file.

The header is everything but the events: `format`, `mission`, `sources`, `places`,
`vehicles`, `phases`, `people` (docs/format.md). Its problems name their field paths; the
caller places them (in a JSON Lines file, on its first line).
"""

from __future__ import annotations

from typing import Any

from data.load.convert import Converter, convert_file
from data.model import Mission
from data.problems import MissionDataError, Problem


def header_of(raw: Any, name: str, where: str) -> Mission:
    """The mission without its events from the header's parsed JSON `raw`; raise
    `MissionDataError` on any problem. `where` says where the events are instead (for the
    problem of a header that holds them)."""
    if not isinstance(raw, dict):
        raise MissionDataError([Problem(name, "", "not a mission")])
    if "events" in raw:
        raise MissionDataError([Problem(name, "events", where)])
    converter = Converter(name)
    converted = convert_file({**raw, "events": []}, converter)
    if converted is None or converter.problems:
        raise MissionDataError(converter.problems or [Problem(name, "", "not a mission")])
    return converted[0]
