"""The JSON Schema as editors use it: an `$id`, a title, a description for every record and
every property, shipped beside the bundled mission (which points to it with Taplo's
`#:schema` directive) and never stale; the bundled mission and the JSON exports validate
against that file with the `jsonschema` package."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from export_helpers import DEMO, validate

from data.export import export, make_options
from data.load.schema import RECORDS, TIME_FORMS, json_schema
from data.opening import BUNDLED_MISSION, load_mission, read_document
from tui.cli import main

SHIPPED = BUNDLED_MISSION.parent / "mission.schema.json"
HOSTILE = Path(__file__).parents[1] / "hostile"


def shipped() -> dict[str, Any]:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def properties(schema: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property of every object in `schema`, at every level, with its path."""
    for key, item in schema.get("properties", {}).items():
        yield f"{where}.{key}", item
        yield from properties(item, f"{where}.{key}")
    if isinstance(schema.get("items"), dict):
        yield from properties(schema["items"], f"{where}[]")
    for name, definition in schema.get("$defs", {}).items():
        yield from properties(definition, f"$defs.{name}")


def test_the_shipped_schema_is_what_the_schema_command_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Regenerate with `mission-timeline schema > data/missions/mission.schema.json`."""
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert SHIPPED.read_text(encoding="utf-8") == printed, "the shipped schema is stale"
    assert json.loads(printed) == json_schema()


def test_the_schema_names_itself_and_describes_every_property() -> None:
    schema = shipped()
    assert schema["$id"].startswith("urn:mission-timeline:")
    assert schema["title"] and schema["description"]
    found = list(properties(schema, "$"))
    expected = sum(len(fields) + len(TIME_FORMS[name]) for name, fields in RECORDS.items())
    assert len(found) == expected + 1  # and `$schema`
    missing = [path for path, item in found if not item.get("description", "").strip()]
    assert missing == []
    undescribed = [name for name, d in schema["$defs"].items() if not d.get("description")]
    assert undescribed == []


def test_the_bundled_mission_points_to_the_shipped_schema() -> None:
    first = BUNDLED_MISSION.read_text(encoding="utf-8").splitlines()[0]
    assert first == "#:schema ./mission.schema.json"  # Taplo / Even Better TOML
    assert (BUNDLED_MISSION.parent / first.removeprefix("#:schema ./")).is_file()


def test_the_bundled_mission_validates_against_the_shipped_schema() -> None:
    assert validate(read_document(str(BUNDLED_MISSION)), shipped()) == []


@pytest.mark.parametrize(
    "source",
    [BUNDLED_MISSION, DEMO, HOSTILE / "hostile-mission.toml", HOSTILE / "hostile-mission.json"],
    ids=["bundled", "demo", "hostile-toml", "hostile-json"],
)
def test_json_exports_validate_against_the_shipped_schema(source: Path) -> None:
    mission = load_mission(source)
    out = io.StringIO(newline="")
    export(mission, "json", make_options(mission), out)
    assert validate(json.loads(out.getvalue()), shipped()) == []


def test_the_schema_refuses_a_utc_form_without_its_precision() -> None:
    mission = load_mission(DEMO)
    out = io.StringIO(newline="")
    export(mission, "json", make_options(mission), out)
    document = json.loads(out.getvalue())
    launch = next(e for e in document["events"] if e["id"] == "launch")
    del launch["at_precision"]
    launch["planned_utc"] = "2021-10-05T08:55:02"
    errors = validate(document, shipped())
    assert len(errors) == 4, errors  # at_precision, planned, planned_precision missing; no Z
