"""JSON Lines missions: the same mission as the JSON form, and every problem reported."""

import io
import json
from pathlib import Path
from typing import Any

import pytest

from data.opening import MissionDataError, MissionReadError, load_mission
from tests.generated import HEADER, both_forms, generate, write_mission

LAUNCH = (
    '{"id":"launch","title":"Launch","kind":"launch","at":"2021-10-05T08:55:02Z","place":"pad",'
    '"people":["ada"],"vehicles":["capsule"],"sources":["press"],"phase":"ascent"}'
)
LANDING = (
    '{"id":"landing","title":"Landing","kind":"landing",'
    '"planned":"2021-10-05T14:30+03:00[Europe/Moscow]"}'
)


def write(tmp_path: Path, *lines: str, header: dict[str, Any] | None = None) -> Path:
    path = tmp_path / "mission.jsonl"
    text = json.dumps(header or HEADER) + "\n" + "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(MissionDataError) as caught:
        load_mission(path)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("count", [300, 1200])
def test_jsonl_loads_the_same_mission_as_json(tmp_path: Path, count: int) -> None:
    streamed, reference = both_forms(tmp_path, count, seed=7)
    assert list(streamed.events) == list(reference.events)
    assert streamed.people == reference.people
    assert streamed.phases == reference.phases
    assert streamed.info == reference.info
    assert any(event.disputes for event in streamed.events) or count < 1000
    assert streamed.reference_event is not None
    assert streamed.reference_event.id == reference.info.reference
    assert streamed.reference_event in reference.events


def test_generated_mission_is_deterministic() -> None:
    first, second = io.StringIO(), io.StringIO()
    generate.write_mission(first, 200, "jsonl", seed=3)
    generate.write_mission(second, 200, "jsonl", seed=3)
    assert first.getvalue() == second.getvalue()


def test_valid_small_mission(tmp_path: Path) -> None:
    mission = load_mission(write(tmp_path, LANDING, LAUNCH))
    assert [event.id for event in mission.events] == ["launch", "landing"]
    assert mission.event_by_id["landing"].planned is not None
    assert "launch" in mission.event_by_id and "nope" not in mission.event_by_id


def test_unusual_but_valid_lines_take_the_general_path(tmp_path: Path) -> None:
    escaped = json.dumps(
        {"id": "launch", "title": "Пуск: старт", "kind": "launch", "at": "2021-10-05T08:55Z"},
        ensure_ascii=True,
    )
    spaced = (
        '{ "id" : "landing" , "title" : "a: b" , "kind" : "landing" , '
        '"at" : "2021-10-05T11:55:02.442+03:00[Europe/Moscow]" , "note" : "x:y" }'
    )
    mission = load_mission(write(tmp_path, escaped, spaced))
    assert mission.events[0].title == "Пуск: старт"
    assert mission.events[1].note == "x:y"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z","colour":"red"}',
            "events[2].colour: unknown field 'colour' in event",
        ),
        (
            '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z","title":"Y"}',
            "duplicate key 'title'",
        ),
        (
            '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55"}',
            "events[2].at: '2021-10-05T08:55': a time needs an offset",
        ),
        (
            '{"id":"x","title":"X","kind":"walk","at":"2021-10-05T08:55Z"}',
            "events[2].kind: unknown value 'walk'",
        ),
        (
            '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z","phase":"nope"}',
            "events[2].phase: unknown phase 'nope'",
        ),
        (
            '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z","people":["ada","bob"]}',
            "events[2].people[1]: unknown person 'bob'",
        ),
        (
            '{"id":"launch","title":"X","kind":"launch","at":"2021-10-05T08:55Z"}',
            "events[2].id: duplicate id 'launch'",
        ),
        (
            '{"id":"X","title":"X","kind":"launch","at":"2021-10-05T08:55Z"}',
            "events[2].id: not a valid id",
        ),
        (
            '{"id":"x","title":"X\\u0000","kind":"launch","at":"2021-10-05T08:55Z"}',
            "events[2].title: text contains a NUL character",
        ),
        ('{"id":"x","title":"X","kind":"launch"}', "event 'x' needs 'at' or 'planned'"),
        (
            '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z","station_crew":-1}',
            "events[2].station_crew: must not be negative",
        ),
        (
            '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z","station_crew":1e400}',
            "out of range",
        ),
        (
            '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z",'
            '"stated":[{"text":"t","source":"nope"}]}',
            "events[2].stated[0].source: unknown source 'nope'",
        ),
        (
            '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z",'
            '"disputes":[{"topic":"t","versions":[{"claim":"c","at":"2021-13-01T00:00Z"}]}]}',
            "events[2].disputes[0].versions[0].at",
        ),
        (
            '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z",'
            '"stated":[{"text":"t: 1","source":"press","text":"u"}]}',
            "duplicate key 'text'",
        ),
        (
            '{"id":"x","title":"a\\u003ab","kind":"launch","at":"2021-10-05T08:55Z","title":"c"}',
            "duplicate key 'title'",
        ),
        (
            '{"id":"x","title":"a\\\\u003ab","kind":"launch","at":"2021-10-05T08:55Z","title":"c"}',
            "duplicate key 'title'",
        ),
        (
            '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z",'
            '"disputes":[{"topic":"t","versions":[]}]}',
            "events[2].disputes[0].versions: a dispute needs versions",
        ),
        ('{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z"', "JSON syntax error"),
        ("[1, 2]", "the top level must be an object"),
    ],
)
def test_bad_event_lines_are_reported_with_line_and_path(
    tmp_path: Path, line: str, expected: str
) -> None:
    found = problems(write(tmp_path, LAUNCH, LANDING, line))
    assert any(expected in problem for problem in found), found
    assert all(":4:" in problem for problem in found), found


def test_ascii_escaped_lines_load_the_same(tmp_path: Path) -> None:
    """Lines written with json.dumps' default ensure_ascii (\\uXXXX for every non-ASCII
    character, even for a colon) load exactly as the same lines written plainly."""
    events = [
        {
            "id": "launch",
            "title": "Пуск: старт",
            "kind": "launch",
            "at": "2021-10-05T08:55Z",
            "description": "Шкаплеров \u2014 a\\u003ab",
            "note": "x:y",
        },
        {"id": "landing", "title": "Посадка", "kind": "landing", "at": "2021-10-05T11:55Z"},
    ]
    plain = tmp_path / "plain.jsonl"
    plain.write_text(
        json.dumps(HEADER) + "\n" + "\n".join(json.dumps(e, ensure_ascii=False) for e in events)
    )
    lines = [json.dumps(e).replace("\\u043a: ", "\\u043a\\u003a ") for e in events]
    assert "\\u003a" in lines[0]
    escaped = write(tmp_path, *lines)
    assert list(load_mission(escaped).events) == list(load_mission(plain).events)


def test_every_bad_line_is_reported(tmp_path: Path) -> None:
    bad = '{"id":"x%d","title":"X","kind":"launch","at":"2021-10-05T08:55"}'
    lines = [LAUNCH, LANDING] + [bad % n for n in range(5000)]
    found = problems(write(tmp_path, *lines))
    assert len(found) >= 1000
    column = (bad % 0).index('"at"') + 1  # placed at the key, as in a JSON mission file
    assert f"mission.jsonl:4:{column}: events[2].at:" in found[0]


def test_bad_utf8_line(tmp_path: Path) -> None:
    path = write(tmp_path, LAUNCH, LANDING)
    path.write_bytes(path.read_bytes() + b'{"id":"x","title":"\xff","kind":"launch"}\n')
    assert any("events[2]: not valid UTF-8" in p for p in problems(path))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"mission": {"id": "demo", "title": "Demo", "reference": "nope"}},
            "mission.reference: unknown event 'nope'",
        ),
        ({"format": 2}, "unsupported format 2"),
        ({"events": []}, "events follow the header line"),
        (
            {"places": [{"id": "pad", "name": "Pad", "zone": "Mars/Olympus"}]},
            "places[0].zone: unknown IANA zone",
        ),
    ],
)
def test_bad_headers(tmp_path: Path, change: dict[str, Any], expected: str) -> None:
    found = problems(write(tmp_path, LAUNCH, LANDING, header={**HEADER, **change}))
    assert any(expected in problem for problem in found), found


def test_flight_events_must_exist(tmp_path: Path) -> None:
    found = problems(write(tmp_path, LAUNCH))
    assert any("people[0].flights[0].landing: unknown event 'landing'" in p for p in found)


def test_unreadable_inputs(tmp_path: Path) -> None:
    with pytest.raises(MissionReadError, match="no such file"):
        load_mission(tmp_path / "missing.jsonl")
    (tmp_path / "dir.jsonl").mkdir()
    with pytest.raises(MissionReadError, match="directory"):
        load_mission(tmp_path / "dir.jsonl")
    (tmp_path / "empty.jsonl").write_text("")
    with pytest.raises(MissionDataError, match="empty file"):
        load_mission(tmp_path / "empty.jsonl")


def test_progress_is_reported_per_batch(tmp_path: Path) -> None:
    from data.load.jsonl import load_jsonl

    path = write_mission(tmp_path / "m.jsonl", 9000, seed=5)
    seen: list[tuple[int, int]] = []
    mission = load_jsonl(str(path), progress=lambda events, done: seen.append((events, done)))
    assert len(seen) >= 2
    assert seen == sorted(seen)
    assert seen[-1] == (len(mission.events), path.stat().st_size)


@pytest.mark.parametrize("key", ["phase", "place"])
def test_references_to_an_empty_list(tmp_path: Path, key: str) -> None:
    header = {**HEADER, "phases": [], "places": []}
    launch = json.loads(LAUNCH) | {"phase": None, "place": None}
    del launch["phase"], launch["place"]
    for value in ("", "nope"):
        line = json.dumps(launch | {key: value})
        found = problems(write(tmp_path, line, LANDING, header=header))
        assert any(f"events[0].{key}: " in problem for problem in found), found


def test_blank_lines_crlf_and_no_final_newline_keep_line_numbers(tmp_path: Path) -> None:
    bad = '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55"}'
    path = tmp_path / "mission.jsonl"
    body = "\r\n".join([json.dumps(HEADER), LAUNCH, "", "   ", LANDING, bad])
    path.write_bytes(body.encode())
    found = problems(path)
    column = bad.index('"at"') + 1
    assert len(found) == 1 and f"mission.jsonl:6:{column}: events[4].at:" in found[0], found
    path.write_bytes(body.rpartition("\r\n")[0].encode())  # without the bad line
    assert [e.id for e in load_mission(path).events] == ["launch", "landing"]


def test_a_large_file_in_blocks_matches_line_by_line(tmp_path: Path) -> None:
    """A file read in blocks of lines gives the same events as one whose lines carry
    escapes (checked with the raw bytes), and the header can be read on its own."""
    from data.load.jsonl import open_jsonl

    path = write_mission(tmp_path / "m.jsonl", 6000, seed=11)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert '"title":"Launch' in lines[1]
    lines[1] = lines[1].replace('"title":"Launch', '"title":"L\\u0061unch')  # the same title
    escaped = tmp_path / "e.jsonl"
    escaped.write_text("\n".join(lines), encoding="utf-8")
    reading = open_jsonl(str(path))
    assert reading.header.info.title.startswith("Synthetic") and not reading.header.events
    fast = reading.finish()
    slow = load_mission(escaped)
    assert len(fast.events) == len(slow.events) == 6000
    assert list(fast.events) == list(slow.events)


FULL_EVENT: dict[str, Any] = {
    "id": "full",
    "title": "Every field: one",
    "kind": "docking",
    "description": "Docked at 11:12",
    "phase": "ascent",
    "at": "2021-10-05T12:22:58+03:00[Europe/Moscow]",
    "planned": "2021-10-05T12:12Z",
    "end": "2021-10-05T13:00Z",
    "place": "pad",
    "vehicles": ["capsule"],
    "people": ["ada"],
    "sources": ["press"],
    "confidence": "C1",
    "note": "a note: with a colon",
    "stated": [{"text": "about 12:22", "source": "press"}],
    "disputes": [
        {
            "topic": "time",
            "versions": [
                {"claim": "12:22:58", "at": "2021-10-05T09:22:58Z", "sources": ["press"]},
                {"claim": "12:23"},
            ],
        }
    ],
    "station_crew": 6,
}


def test_every_field_of_the_schema_loads_from_json_lines_as_from_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulk reader takes every field an event may have (its structs come from the
    schema), and keeps each as the general reader does."""
    import data.load.jsonl
    from data.load.schema import RECORDS

    def general(*args: object) -> None:
        raise AssertionError(f"a valid line went the general way: {args}")

    assert set(FULL_EVENT) == set(RECORDS["event"])  # a new field needs a value here
    path = write(tmp_path, LAUNCH, json.dumps(FULL_EVENT), LANDING)
    with monkeypatch.context() as patch:
        patch.setattr(data.load.jsonl._Reader, "_general", general)
        streamed = load_mission(path)
    as_json = tmp_path / "mission.json"
    events = [json.loads(LAUNCH), FULL_EVENT, json.loads(LANDING)]
    as_json.write_text(json.dumps({**HEADER, "events": events}), encoding="utf-8")
    expected = load_mission(as_json)
    assert list(streamed.events) == list(expected.events)
    full = streamed.event_by_id["full"]
    assert full.note == FULL_EVENT["note"] and full.station_crew == 6
    assert full.end is not None and full.disputes[0].versions[0].at is not None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"station_crew": -1}, "events[1].station_crew: must not be negative"),
        ({"disputes": [{"topic": "t", "versions": []}]}, "a dispute needs versions"),
        ({"stated": [{"text": "t", "source": "press"}]}, "duplicate key 'text'"),
    ],
)
def test_rare_fields_are_checked_like_any_event(
    tmp_path: Path, change: dict[str, Any], expected: str
) -> None:
    line = json.dumps(FULL_EVENT | change)
    if "stated" in change:  # json.dumps cannot repeat a key: write it by hand
        line = line.replace('"source": "press"}]', '"source": "press", "text": "u"}]', 1)
    found = problems(write(tmp_path, LAUNCH, line, LANDING))
    assert any(expected in problem and ":3:" in problem for problem in found), found


def test_a_file_that_grows_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import data.load.jsonl

    path = write_mission(tmp_path / "m.jsonl", 3000, seed=5)
    monkeypatch.setattr(data.load.jsonl, "_BLOCK", 1 << 14)  # many blocks

    def grow(events: int, done: int) -> None:
        with path.open("a", encoding="utf-8") as out:
            out.write("\n")

    with pytest.raises(MissionReadError, match="changed while it was being read"):
        data.load.jsonl.load_jsonl(str(path), progress=grow)
