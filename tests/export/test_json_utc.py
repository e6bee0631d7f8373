"""The JSON export's UTC forms (`at_utc`, `at_precision`: `data.times.utc`): what they say,
that programs read them (Python, jq, JavaScript's `Date`), that the CSV's `utc` column says
the same instants, that the round trip keeps every byte (hostile files too), and that the
loader refuses a UTC form that disagrees with its time, naming its line and column."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from export_helpers import DEMO

from data.export import export, make_options
from data.load.schema import RFC3339_PATTERN, TIME_FORMS
from data.model import Mission
from data.opening import BUNDLED_MISSION, load_mission
from data.problems import MissionDataError
from data.times.parse import parse_when

HOSTILE = Path(__file__).parents[1] / "hostile"
SOURCES = [
    BUNDLED_MISSION,
    DEMO,
    HOSTILE / "hostile-mission.toml",
    HOSTILE / "hostile-mission.json",
]
IDS = ["bundled", "demo", "hostile-toml", "hostile-json"]


def to_text(mission: Mission, format_name: str = "json") -> str:
    out = io.StringIO(newline="")
    export(mission, format_name, make_options(mission), out)
    return out.getvalue()


def utc_pairs(value: Any) -> list[tuple[dict[str, Any], str]]:
    """Every (record, time key) of an exported document whose time has a UTC form."""
    found: list[tuple[dict[str, Any], str]] = []
    if isinstance(value, dict):
        found += [(value, key[:-4]) for key in value if key.endswith("_utc")]
        for item in value.values():
            found += utc_pairs(item)
    elif isinstance(value, list):
        for item in value:
            found += utc_pairs(item)
    return found


def test_each_time_of_day_has_its_instant_in_utc_and_its_precision(demo: Mission) -> None:
    events = {e["id"]: e for e in json.loads(to_text(demo))["events"]}
    launch, orbit, casting = events["launch"], events["orbit"], events["casting"]
    assert launch["at"] == "2021-10-05T11:55:02.442+03:00[Europe/Moscow]"
    assert (launch["at_utc"], launch["at_precision"]) == ("2021-10-05T08:55:02.442Z", "millisecond")
    # Known to the minute: RFC 3339 needs seconds, so `:00`, always with its precision.
    assert orbit["at"] == "~2021-10-05T09:04Z"
    assert (orbit["at_utc"], orbit["at_precision"]) == ("2021-10-05T09:04:00Z", "minute")
    # A date has no instant: no UTC form, nothing invented.
    assert casting["at"] == "2020-11[Europe/Moscow]"
    assert "at_utc" not in casting and "at_precision" not in casting
    # The fields follow their time, in the schema's order.
    keys = list(launch)
    assert keys[keys.index("at") : keys.index("at") + 3] == ["at", "at_utc", "at_precision"]


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_every_utc_form_is_the_instant_of_its_time(source: Path) -> None:
    """Every `_utc` of every record (events, phases, disputes' versions) is RFC 3339 and is
    the written time's instant; every time of day has one."""
    mission = load_mission(source)
    document = json.loads(to_text(mission))
    pairs = utc_pairs(document)
    assert pairs
    for record, key in pairs:
        written, utc = record[key], record[f"{key}_utc"]
        assert re.fullmatch(RFC3339_PATTERN, utc), utc
        when = parse_when(written)
        assert datetime.fromisoformat(utc) == when.instant, (written, utc)
        assert record[f"{key}_precision"] == when.precision.name.lower()
    timed = [
        (record, key)
        for record, key in _times(document)
        if "T" in record[key].partition("[")[0]  # a time of day (not `[UTC]`)
    ]
    assert len(timed) == len(pairs)


def _times(value: Any) -> list[tuple[dict[str, Any], str]]:
    """Every (record, time key) of a document, by the schema's time fields."""
    found: list[tuple[dict[str, Any], str]] = []
    time_keys = {key for forms in TIME_FORMS.values() for key, _ in forms.values()}
    if isinstance(value, dict):
        found += [(value, k) for k in value if k in time_keys and isinstance(value[k], str)]
        for item in value.values():
            found += _times(item)
    elif isinstance(value, list):
        for item in value:
            found += _times(item)
    return found


def test_the_csv_utc_column_gives_the_same_instants(bundled: Mission) -> None:
    """One conversion: the CSV's `utc` cell and the JSON's `at_utc` (or `planned_utc`) of
    every timed event are the same instant, to the millisecond."""
    rows = list(csv.DictReader(io.StringIO(to_text(bundled, "csv").lstrip("\ufeff"))))
    events = {e["id"]: e for e in json.loads(to_text(bundled))["events"]}
    compared = 0
    for row in rows:
        event = events[row["id"]]
        key = "at" if "at" in event else "planned"
        if f"{key}_utc" not in event:
            assert row["precision"] in ("day", "month")
            continue
        assert row["precision"] == event[f"{key}_precision"]
        sheet = datetime.fromisoformat(row["utc"]).replace(tzinfo=UTC)
        assert sheet == datetime.fromisoformat(event[f"{key}_utc"])
        compared += 1
    assert compared >= 25


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_date_reads_every_utc_form(bundled: Mission) -> None:
    document = json.loads(to_text(bundled))
    texts = [record[f"{key}_utc"] for record, key in utc_pairs(document)]
    script = (
        "const t = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(t.map(s => new Date(s).getTime())));"
    )
    result = subprocess.run(
        ["node", "-e", script], input=json.dumps(texts), capture_output=True, text=True, check=True
    )
    millis = json.loads(result.stdout)
    assert None not in millis  # NaN (an unreadable date) becomes null
    assert millis == [round(datetime.fromisoformat(t).timestamp() * 1000) for t in texts]


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_jq_reads_every_utc_form(bundled: Mission) -> None:
    text = to_text(bundled)
    # jq's fromdateiso8601 takes whole seconds only: drop the milliseconds first.
    query = '[.events[] | select(.at_utc) | .at_utc | sub("\\\\.[0-9]+Z$"; "Z") | fromdate]'
    # jq 1.6's `fromdate` adds an hour for an instant in summer time in the local zone
    # (jqlang/jq#2490, fixed in 1.7): the tests' TZ has summer time, so jq runs in UTC.
    result = subprocess.run(
        ["jq", "-c", query],
        input=text,
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "UTC"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seconds = json.loads(result.stdout)
    expected = [
        int(datetime.fromisoformat(e["at_utc"]).timestamp())
        for e in json.loads(text)["events"]
        if "at_utc" in e
    ]
    assert seconds == expected and len(seconds) >= 25


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_export_load_export_gives_identical_bytes(source: Path, tmp_path: Path) -> None:
    first = to_text(load_mission(source))
    path = tmp_path / "again.json"
    path.write_text(first, encoding="utf-8", newline="")
    assert to_text(load_mission(path)).encode() == first.encode()


def _exported(tmp_path: Path, change: Any) -> Path:
    """The demo's JSON export with `change(document)` applied, written with one key a line."""
    document = json.loads(to_text(load_mission(DEMO)))
    change(document)
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def _event(document: dict[str, Any], event_id: str) -> dict[str, Any]:
    return next(e for e in document["events"] if e["id"] == event_id)


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "at_utc",
            "2021-10-05T08:55:02Z",
            "'2021-10-05T08:55:02Z' does not agree with at "
            "'2021-10-05T11:55:02.442+03:00[Europe/Moscow]': expected '2021-10-05T08:55:02.442Z'",
        ),
        ("at_precision", "second", "'second' does not agree with at"),
    ],
)
def test_a_utc_form_that_disagrees_is_one_error_at_its_place(
    tmp_path: Path, key: str, value: str, message: str
) -> None:
    path = _exported(tmp_path, lambda d: _event(d, "launch").update({key: value}))
    with pytest.raises(MissionDataError) as caught:
        load_mission(path)
    problems = caught.value.problems
    assert len(problems) == 1
    line = _line_of(path, f'"{key}": "{value}"')
    text = str(problems[0])
    assert text.startswith(f"{path}:{line}:")
    assert f"events[2].{key}: {message}" in text
    assert "\n" not in text


@pytest.mark.parametrize(
    ("event_id", "change", "message"),
    [
        ("casting", {"at_utc": "2020-11-01T00:00:00Z", "at_precision": "month"}, "is a date"),
        ("launch", {"at_precision": None}, "at_utc goes with at_precision, which is missing"),
        ("launch", {"at_utc": 1633424102}, "expected a string, got an integer"),
        ("launch", {"planned_utc": "2021-10-05T08:55:02Z", "planned_precision": "second"}, ""),
    ],
    ids=["date", "alone", "number", "without-time"],
)
def test_misplaced_utc_forms_are_refused(
    tmp_path: Path, event_id: str, change: dict[str, Any], message: str
) -> None:
    def apply(document: dict[str, Any]) -> None:
        event = _event(document, event_id)
        for key, value in change.items():
            if value is None:
                del event[key]
            else:
                event[key] = value

    with pytest.raises(MissionDataError) as caught:
        load_mission(_exported(tmp_path, apply))
    text = str(caught.value.problems[0])
    assert (message or "planned_utc without planned") in text


def test_a_schema_pointer_is_accepted_and_not_written_back(tmp_path: Path) -> None:
    path = _exported(tmp_path, lambda d: d.update({"$schema": "./mission.schema.json"}))
    mission = load_mission(path)
    assert to_text(mission) == to_text(load_mission(DEMO))
    bad = _exported(tmp_path, lambda d: d.update({"$schema": 3}))
    with pytest.raises(MissionDataError, match=r'\["\$schema"\]: expected a string'):
        load_mission(bad)


def test_json_lines_events_may_carry_utc_forms_too(tmp_path: Path) -> None:
    head = '{"format": 1, "mission": {"id": "m", "title": "M"}}\n'
    event = {"id": "launch", "title": "Launch", "kind": "launch", "at": "2021-10-05T11:55+03:00"}
    good = event | {"at_utc": "2021-10-05T08:55:00Z", "at_precision": "minute"}
    path = tmp_path / "m.jsonl"
    path.write_text(head + json.dumps(good) + "\n", encoding="utf-8")
    assert load_mission(path).event_by_id["launch"].at == parse_when(event["at"])
    path.write_text(head + json.dumps(good | {"at_precision": "second"}) + "\n", encoding="utf-8")
    with pytest.raises(MissionDataError, match=r"m\.jsonl:2:\d+: events\[0\]\.at_precision: "):
        load_mission(path)
