"""The JSON export is the mission in the loader's own schema: it round-trips byte for byte
and validates against `mission-timeline schema`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from export_helpers import DEMO, validate

from data.export import export, make_options
from data.export.json_export import dumps, to_data
from data.load.schema import json_schema
from data.model import Mission
from data.opening import BUNDLED_MISSION, load_mission, read_document
from tests.generated import with_event_tuple


def to_json(mission: Mission) -> str:
    out = io.StringIO(newline="")
    export(mission, "json", make_options(mission), out)
    return out.getvalue()


@pytest.mark.parametrize("source", [BUNDLED_MISSION, DEMO], ids=["bundled", "demo"])
def test_export_load_export_gives_identical_bytes(source: Path, tmp_path: Path) -> None:
    first = to_json(load_mission(source))
    path = tmp_path / "again.json"
    path.write_text(first, encoding="utf-8", newline="")
    second = to_json(load_mission(path))
    assert second.encode() == first.encode()


@pytest.mark.parametrize("source", [BUNDLED_MISSION, DEMO], ids=["bundled", "demo"])
def test_export_keeps_every_value_of_the_source_file(source: Path) -> None:
    """Loading the export gives the same mission as loading the original file."""
    mission = load_mission(source)
    exported = io.StringIO(to_json(mission))
    path = Path(source).with_suffix(".roundtrip.json")
    try:
        path.write_text(exported.getvalue(), encoding="utf-8")
        assert with_event_tuple(load_mission(path)) == with_event_tuple(mission)
    finally:
        path.unlink()


def test_streamed_layout_is_json_dumps_layout(demo: Mission) -> None:
    """Writing event by event gives exactly what one json.dumps of the whole would."""
    whole = dumps(to_data(demo)) + "\n"
    assert to_json(demo) == whole
    assert json.loads(whole) == json.loads(json.dumps(to_data(demo)))


def test_fields_follow_the_schema_order(demo: Mission) -> None:
    data = json.loads(to_json(demo))
    assert list(data) == [
        "format",
        "mission",
        "sources",
        "places",
        "vehicles",
        "phases",
        "people",
        "events",
    ]
    launch = next(event for event in data["events"] if event["id"] == "launch")
    assert list(launch) == [
        "id", "title", "kind", "phase", "at", "at_utc", "at_precision", "place", "vehicles",
        "people", "sources", "confidence", "stated",
    ]  # fmt: skip


def test_times_and_durations_are_written_as_given(demo: Mission) -> None:
    data = json.loads(to_json(demo))
    events = {event["id"]: event for event in data["events"]}
    assert events["launch"]["at"] == "2021-10-05T11:55:02.442+03:00[Europe/Moscow]"
    assert events["orbit"]["at"] == "~2021-10-05T09:04Z"
    assert events["casting"]["at"] == "2020-11[Europe/Moscow]"
    ada = data["people"][0]
    assert ada["time_in_space"] == {"before": "P533DT5H31M", "after": "P0DT5H"}
    assert ada["born"] == "1980-01-31"


def test_strings_are_kept_exactly_and_escaped(demo: Mission) -> None:
    text = to_json(demo)
    hostile = demo.event_by_id["hostile"]
    reloaded = {event["id"]: event for event in json.loads(text)["events"]}["hostile"]
    assert reloaded["title"] == hostile.title
    assert reloaded["description"] == hostile.description
    # Nothing that could drive a terminal is written raw: ESC, BEL, CR, bidi overrides.
    for char in ("\x1b", "\x07", "\r", "\u202e"):
        assert char not in text
    assert "\\u202e" in text and "\\u001b" in text


def test_bundled_mission_validates_against_the_schema() -> None:
    document = read_document(str(BUNDLED_MISSION))
    assert validate(document, json_schema()) == []


@pytest.mark.parametrize("source", [BUNDLED_MISSION, DEMO], ids=["bundled", "demo"])
def test_json_export_validates_against_the_printed_schema(source: Path) -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "tui", "schema"], capture_output=True, text=True, check=True
    )
    schema = json.loads(printed.stdout)
    assert validate(json.loads(to_json(load_mission(source))), schema) == []


def test_the_validator_can_fail() -> None:
    schema = json_schema()
    good = json.loads(to_json(load_mission(DEMO)))
    bad = json.loads(json.dumps(good))
    bad["events"][0]["kind"] = "party"
    bad["events"][1]["colour"] = "red"
    del bad["mission"]["id"]
    bad["events"][2]["at"] = "tomorrow"
    errors = validate(bad, schema)
    assert len(errors) == 4, errors
