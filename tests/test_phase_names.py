"""A phase's names in other languages (`names = { nl = "…" }`): loaded from every format,
written back by the JSON export, refused with a placed problem when they are not names."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from data.export import export, make_options
from data.facts.names import phase_name
from data.opening import MissionDataError, check_file, load_bundled, load_mission

DUTCH = {
    "run-up": "Aanloop",
    "launch-docking": "Lancering en koppeling",
    "film-crew-aboard": "Filmploeg aan boord",
    "expedition-66": "Expeditie 66",
    "return": "Terugkeer",
    "the-film": "De film",
}

TOML = """\
format = 1

[mission]
id = "m"
title = "M"

[[phases]]
id = "ascent"
name = "Ascent"
{names}
start = "2021-10-05T08:00Z"
end = "2021-10-05T10:00Z"

[[events]]
id = "launch"
title = "Launch"
kind = "launch"
phase = "ascent"
at = "2021-10-05T08:55Z"
"""


def _toml(tmp_path: Path, names: str) -> Path:
    path = tmp_path / "m.toml"
    path.write_text(TOML.format(names=names), encoding="utf-8")
    return path


def test_the_bundled_mission_names_every_phase_in_dutch(request: pytest.FixtureRequest) -> None:
    mission = load_bundled()
    assert {phase.id: phase.names for phase in mission.phases} == {
        key: (("nl", name),) for key, name in DUTCH.items()
    }
    assert [phase_name(phase) for phase in mission.phases] == [p.name for p in mission.phases]
    request.getfixturevalue("in_dutch")
    assert [phase_name(phase) for phase in mission.phases] == list(DUTCH.values())


@pytest.mark.parametrize(
    "names",
    ['names = { nl = "Opstijgen" }', 'names.nl = "Opstijgen"'],
    ids=["inline-table", "dotted-key"],
)
def test_every_format_loads_the_names(tmp_path: Path, names: str) -> None:
    toml = load_mission(_toml(tmp_path, names))
    assert toml.phases[0].names == (("nl", "Opstijgen"),)
    out = io.StringIO(newline="")
    export(toml, "json", make_options(toml), out)
    document = json.loads(out.getvalue())
    assert document["phases"][0]["names"] == {"nl": "Opstijgen"}
    as_json = tmp_path / "m.json"
    as_json.write_text(out.getvalue(), encoding="utf-8")
    assert load_mission(as_json).phases == toml.phases
    as_jsonl = tmp_path / "m.jsonl"
    header = {key: value for key, value in document.items() if key != "events"}
    lines = [json.dumps(header), *(json.dumps(event) for event in document["events"])]
    as_jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_mission(as_jsonl).phases == toml.phases


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            'names = { fr = "Montée" }',
            "10:1: phases[0].names.fr: unknown language code 'fr'; expected one of: nl",
        ),
        (
            'names = { en = "Ascent" }',
            "10:1: phases[0].names.en: unknown language code 'en'; expected one of: nl",
        ),
        ('names = "Opstijgen"', "10:1: phases[0].names: expected a table/object, got a string"),
        ("names = { nl = 1 }", "10:1: phases[0].names.nl: expected a string, got an integer"),
        (
            'names = { nl = ["Opstijgen"] }',
            "10:1: phases[0].names.nl: expected a string, got a list",
        ),
    ],
    ids=["unknown-code", "english", "not-a-table", "an-integer", "a-list"],
)
def test_names_that_are_not_names_are_placed_errors(
    tmp_path: Path, names: str, expected: str
) -> None:
    path = _toml(tmp_path, names)
    result = check_file(path)
    assert [str(problem) for problem in result.problems] == [f"{path}:{expected}"]
    with pytest.raises(MissionDataError) as caught:
        load_mission(path)
    assert str(caught.value) == f"{path}:{expected}"
