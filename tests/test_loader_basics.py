"""Loading: the bundled mission, the JSON form of the same schema, and problems with places."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data.opening import (
    MissionDataError,
    build_mission,
    load_bundled,
    load_mission,
    read_document,
)
from tests.generated import with_event_tuple

DEMO = """
format = 1
[mission]
id = "demo"
title = "Demo"
[[events]]
id = "launch"
title = "Launch"
kind = "launch"
at = "2021-10-05T08:55:02Z"
"""


def test_bundled_mission_loads_in_time_order() -> None:
    mission = load_bundled()
    instants = [event.when.instant for event in mission.events]
    assert instants == sorted(instants)
    assert mission.reference_event is not None
    assert mission.reference_event.id == "launch"


def test_same_schema_loads_from_json(tmp_path: Path) -> None:
    toml_path = tmp_path / "demo.toml"
    toml_path.write_text(DEMO)
    json_path = tmp_path / "demo.json"
    json_path.write_text(json.dumps(read_document(str(toml_path))))
    assert with_event_tuple(load_mission(json_path)) == with_event_tuple(load_mission(toml_path))


def test_problems_name_the_field_path(tmp_path: Path) -> None:
    raw = read_document(str(_write(tmp_path, DEMO)))
    raw["events"][0]["at"] = "2021-10-05T08:55:02"
    raw["events"][0]["colour"] = "red"
    with pytest.raises(MissionDataError) as caught:
        build_mission(raw, "demo.toml")
    messages = [str(problem) for problem in caught.value.problems]
    assert any("events[0].at:" in m and "needs an offset" in m for m in messages)
    assert any("events[0].colour:" in m and "unknown field" in m for m in messages)


def test_unknown_reference_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, DEMO + 'phase = "nowhere"\n')
    with pytest.raises(MissionDataError, match=r"events\[0\]\.phase: unknown phase 'nowhere'"):
        load_mission(path)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "demo.toml"
    path.write_text(text)
    return path
