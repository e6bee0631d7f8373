"""Bad and hostile mission files, in Dutch: the same problems at the same places as in English.

Every file of `bad_data_cases`, a JSON Lines file with bad lines, and files that cannot be
read give, with the interface in Dutch, the problems they give in English: the same file,
line, column and field path, each one line, the same exit code, and no traceback. What the
loader's own checks say is in Dutch; field names, keys and values quoted from the file stay
as they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bad_data_cases import DATA_CASES, TIMES
from hostile_helpers import BASE, Run, mission

from data.exit_codes import ExitCode
from data.load.references import UNKNOWN
from data.load.schema import RECORDS, ListOf
from data.opening import check_file
from data.problems import Problem

Place = tuple[str, str, int | None, int | None, str]


def _places(problems: list[Problem]) -> list[Place]:
    """Where each problem is, and how bad: everything but its words."""
    return [(p.file, p.path, p.line, p.column, p.severity) for p in problems]


def _in_both_languages(
    cli: Callable[..., Run], request: pytest.FixtureRequest, *args: str | Path
) -> tuple[Run, Run]:
    """`mission-timeline ARGS` in English, then in Dutch."""
    english = cli(*args)
    request.getfixturevalue("in_dutch")
    return english, cli(*args)


def _named(names: Any) -> dict[str, Any]:
    """The small mission with its first phase's `names` as given."""
    return mission(phases=[{**BASE["phases"][0], "names": names}, BASE["phases"][1]])


def _one_placed_line_each(run: Run, path: Path) -> None:
    assert "Traceback" not in run.out + run.err
    for line in run.lines:
        assert line.startswith(str(path)) or line.startswith("1 bestand gecontroleerd: "), line
        assert "\x1b" not in line and "\x07" not in line


@pytest.mark.parametrize(
    ("case", "name", "content"),
    [(c[0], c[1], c[2]) for c in DATA_CASES],
    ids=[c[0] for c in DATA_CASES],
)
def test_bad_data_in_dutch(
    cli: Callable[..., Run],
    write: Callable[..., Path],
    request: pytest.FixtureRequest,
    case: str,
    name: str,
    content: Any,
) -> None:
    path = write(name, content)
    english_problems = check_file(path).problems
    english, dutch = _in_both_languages(cli, request, "check", path)
    dutch_problems = check_file(path).problems
    assert dutch.code == english.code == ExitCode.DATA
    _one_placed_line_each(dutch, path)
    assert _places(dutch_problems) == _places(english_problems)
    assert dutch.lines[:-1] == [str(problem) for problem in dutch_problems]
    assert dutch.lines[-1].startswith("1 bestand gecontroleerd: ")
    if case not in {c[0] for c in TIMES}:  # times are worded by data.times
        for in_dutch, in_english in zip(dutch.lines, english.lines, strict=True):
            assert in_dutch != in_english, in_dutch


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '{"format": 1,\n "format": 1}',
            "{path}:2:2: format: dubbele sleutel 'format'",
        ),
        (
            _named("Opstijgen"),
            "{path}:39:4: phases[0].names: een tabel/object verwacht, maar tekst gekregen",
        ),
        (
            _named({"nl": ["Opstijgen"]}),
            "{path}:40:5: phases[0].names.nl: tekst verwacht, maar een lijst gekregen",
        ),
        (
            _named({"en": "Ascent", "nl": "Opstijgen"}),
            "{path}:40:5: phases[0].names.en: onbekende taalcode 'en'; verwacht een van: nl",
        ),
        (
            mission(events=[{**BASE["events"][0], "phase": "nope"}, *BASE["events"][1:]]),
            "{path}:69:4: events[0].phase: onbekende fase 'nope'",
        ),
        (
            '{"format": 1, "mission": {"id": "m", "title": "M"}, "events": [',
            "{path}:1:64: events[0]: JSON-syntaxfout: Waarde verwacht",
        ),
    ],
    ids=[
        "duplicate-key",
        "names-not-a-table",
        "name-not-a-string",
        "names-in-english",
        "ref",
        "json",
    ],
)
def test_dutch_problems_word_by_word(
    cli: Callable[..., Run],
    write: Callable[..., Path],
    request: pytest.FixtureRequest,
    content: Any,
    expected: str,
) -> None:
    path = write("m.json", content)
    request.getfixturevalue("in_dutch")
    run = cli("check", path)
    assert run.code == ExitCode.DATA
    assert expected.format(path=path) in run.lines, run.lines


def test_the_app_names_the_first_problem_and_counts_the_rest(
    cli: Callable[..., Run], write: Callable[..., Path], request: pytest.FixtureRequest
) -> None:
    events = [{**event, "phase": "nope"} for event in BASE["events"]]
    path = write("m.json", mission(events=events))
    english, dutch = _in_both_languages(cli, request, path)
    assert dutch.code == english.code == ExitCode.DATA
    assert dutch.out == ""
    assert dutch.err == (
        f"mission-timeline: {path}:69:4: events[0].phase: onbekende fase 'nope' "
        "(en nog 3 andere problemen; zie mission-timeline check)\n"
    )


HEADER = {key: value for key, value in BASE.items() if key != "events"}


def test_bad_json_lines_in_dutch(
    cli: Callable[..., Run], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    lines = [json.dumps(HEADER), *(json.dumps(event) for event in BASE["events"])]
    lines += [
        '{"id":"x","title":"X","kind":"launch","at":"2021-10-05T08:55Z","title":"Y"}',
        '{"id":"launch","title":"X","kind":"launch","at":"2021-10-05T08:55Z"}',
        '{"id":"y","title":"X","kind":"walk","at":"2021-10-05T08:55Z"}',
        '{"id":"z","title":"X","kind":"launch"',
    ]
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    english_problems = check_file(path).problems
    english, dutch = _in_both_languages(cli, request, "check", path)
    assert dutch.code == english.code == ExitCode.DATA
    _one_placed_line_each(dutch, path)
    assert _places(check_file(path).problems) == _places(english_problems)
    assert dutch.lines == [
        f"{path}:6:64: events[4].title: dubbele sleutel 'title'",
        f"{path}:8:23: events[6].kind: onbekende waarde 'walk'; verwacht een van: "
        "announcement, training, launch, orbit, rendezvous, docking, undocking, relocation, "
        "hatch, burn, landing, eva, command, crew, anomaly, milestone, media, film",
        f"{path}:9:38: events[7]: JSON-syntaxfout: Scheidingsteken ',' verwacht",
        f"{path}:7:1: events[5].id: dubbele id 'launch'",
        "1 bestand gecontroleerd: 4 fouten, 0 waarschuwingen",
    ]


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        (
            "m.jsonl",
            lambda path: path.write_text(""),
            "{path}: leeg bestand: de eerste regel moet de kop van de missie zijn",
        ),
        (
            "m.jsonl",
            lambda path: path.write_text(json.dumps({**HEADER, "events": []}) + "\n"),
            "{path}:1:",
        ),
        (
            "m.toml",
            lambda path: path.write_bytes(b"format = 1\n\xff\n"),
            "{path}:2:1: geen geldige UTF-8 (byte 11)",
        ),
        ("folder", lambda path: path.mkdir(), "{path}: is een map, geen bestand"),
        ("missing.toml", lambda path: None, "{path}: bestand bestaat niet"),
    ],
    ids=["empty-jsonl", "events-in-header", "not-utf8", "folder", "missing"],
)
def test_files_that_cannot_be_used_in_dutch(
    cli: Callable[..., Run],
    tmp_path: Path,
    request: pytest.FixtureRequest,
    name: str,
    make: Callable[[Path], object],
    expected: str,
) -> None:
    path = tmp_path / name
    make(path)
    english, dutch = _in_both_languages(cli, request, "check", path)
    assert dutch.code == english.code
    _one_placed_line_each(dutch, path)
    assert len(dutch.lines) == len(english.lines) == 2
    assert dutch.lines[0].startswith(expected.format(path=path)), dutch.lines
    assert dutch.lines[0] != english.lines[0]


def test_every_list_a_reference_names_has_its_own_sentence() -> None:
    targets = {
        declared.refers_to
        for fields in RECORDS.values()
        for field in fields.values()
        for declared in [field.type.item if isinstance(field.type, ListOf) else field.type]
        if not isinstance(declared, str) and declared.refers_to is not None
    }
    assert targets == set(UNKNOWN)
