"""Shared by the columnar engine's tests: loading a file with and without the engine, and
comparing what comes out, store and exports."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from data.export import FORMATS
from data.export.options import make_options
from data.load.large import ENGINE_VARIABLE, available
from data.model import Mission
from data.opening import MissionError, load_mission
from data.store import EventStore

COMPARED_EXPORTS = ("json", "csv", "text", "md", "ics", "mermaid", "timelinejs")
"""The exports compared byte for byte (the pictures draw what these show)."""
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
"""The export time (iCalendar's DTSTAMP) of both exports compared."""


@contextmanager
def engine(on: bool) -> Iterator[None]:
    """Read with the engine (`on`) or the general reader only, inside the block."""
    before = os.environ.get(ENGINE_VARIABLE)
    os.environ[ENGINE_VARIABLE] = "pyarrow" if on else "python"
    try:
        assert available() == on
        yield
    finally:
        if before is None:
            del os.environ[ENGINE_VARIABLE]
        else:
            os.environ[ENGINE_VARIABLE] = before


Outcome = Mission | list[str]
"""A loaded mission, or its problems as printed."""


def outcome(path: Path, *, on: bool) -> Outcome:
    """What loading `path` gives, with or without the engine."""
    with engine(on):
        try:
            return load_mission(path)
        except MissionError as error:
            return [str(problem) for problem in error.problems] + [f"exit {error.exit_code}"]


def both(path: Path) -> tuple[Outcome, Outcome]:
    """What loading `path` gives with the engine, and without it."""
    return outcome(path, on=True), outcome(path, on=False)


def columns(store: EventStore) -> dict[str, list[Any]]:
    """Every column of a store, reference lists as the ids they hold."""
    c = store.columns
    found: dict[str, list[Any]] = {
        name: list(getattr(c, name))
        for name in (
            "ids",
            "titles",
            "descriptions",
            "kinds",
            "phases",
            "places",
            "confidences",
            "at",
            "planned",
            "instants",
        )
    }
    for name in ("vehicles", "people", "sources"):
        found[name] = [store.groups[code] for code in getattr(c, name)]
    found["phase_ids"] = list(store.phase_ids)
    found["place_ids"] = list(store.place_ids)
    found["ends"] = sorted(c.ends.items())
    found["extras"] = [
        (index, e.note, e.stated, e.disputes, e.station_crew)
        for index, e in sorted(c.extras.items())
    ]
    return found


def exports(mission: Mission) -> dict[str, bytes]:
    """The mission written in each compared format."""
    written = {}
    for name in COMPARED_EXPORTS:
        out = io.StringIO(newline="")
        FORMATS[name].write(mission, make_options(mission, stamp=STAMP), out)
        written[name] = out.getvalue().encode("utf-8")
    return written


def assert_same(engine_outcome: Outcome, general: Outcome, *, compare_exports: bool = True) -> None:
    """The engine's outcome is the general reader's: the same problems, or the same mission
    (every column, every event, and each export byte for byte)."""
    if not isinstance(general, Mission):
        assert engine_outcome == general
        return
    assert isinstance(engine_outcome, Mission), engine_outcome
    a, b = engine_outcome.events, general.events
    assert isinstance(a, EventStore) and isinstance(b, EventStore)
    assert columns(a) == columns(b)
    assert list(a) == list(b)
    assert engine_outcome.info == general.info and engine_outcome.people == general.people
    if compare_exports:
        assert exports(engine_outcome) == exports(general)


def write_jsonl(path: Path, data: dict[str, Any], *, ascii_only: bool = False) -> Path:
    """Write a mission given as plain data (`json_export.to_data`) as JSON Lines: the header
    line, then one event a line, without the UTC forms the JSON export adds (so that the
    engine can read them)."""
    events = data["events"]
    header = {key: value for key, value in data.items() if key != "events"}
    lines = [json.dumps(header, ensure_ascii=ascii_only)]
    lines += [json.dumps(_without_forms(event), ensure_ascii=ascii_only) for event in events]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _without_forms(value: Any) -> Any:
    """A record without its `*_utc` and `*_precision` fields, inside too."""
    if isinstance(value, dict):
        return {
            key: _without_forms(item)
            for key, item in value.items()
            if not key.endswith(("_utc", "_precision"))
        }
    if isinstance(value, list):
        return [_without_forms(item) for item in value]
    return value
