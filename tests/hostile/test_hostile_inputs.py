"""Every class of hostile input in issue 5: one clear line, the right exit code, no traceback.

Each case runs twice: through `mission-timeline check FILE` and through opening the file in the
app (`mission-timeline FILE`, which exits before the TUI starts when the file is bad).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile_helpers import BASE_TOML, Run, event, mission

import data.files.reading
import data.load.loader
from data.exit_codes import ExitCode
from data.load.loader import MissionDataError, MissionReadError, check_file, load_mission

DATA, NO_INPUT = ExitCode.DATA, ExitCode.NO_INPUT

# (id, file name, content, expected message fragment, expected line or None)
Case = tuple[str, str, Any, str, int | None]

TOML_SYNTAX: list[Case] = [
    ("unterminated-string", "m.toml", 'format = 1\n[mission]\nid = "x\n', "TOML syntax error", 3),
    ("missing-equals", "m.toml", "format = 1\nmission\n", "TOML syntax error", 2),
    ("unclosed-header", "m.toml", "format = 1\n[mission\nid = 1\n", "TOML syntax error", 2),
    ("duplicate-key", "m.toml", "format = 1\nformat = 2\n", "TOML syntax error", 2),
    ("duplicate-table", "m.toml", "[mission]\n[mission]\n", "TOML syntax error", 2),
    ("bad-escape", "m.toml", 'a = "\\q"\n', "TOML syntax error", 1),
    ("unclosed-array", "m.toml", "a = [1, 2\n", "TOML syntax error", 2),
    ("control-character", "m.toml", 'a = "\x1b]52;c;aGk=\x07"\n', "TOML syntax error", 1),
    ("bad-date", "m.toml", "a = 2021-13-45T00:00Z\n", "TOML syntax error", 1),
    ("surrogate-escape", "m.toml", 'a = "\\ud800"\n', "TOML syntax error", 1),
]
JSON_SYNTAX: list[Case] = [
    ("trailing-comma", "m.json", '{"format": 1,}', "JSON syntax error", 1),
    ("single-quotes", "m.json", "{'format': 1}", "JSON syntax error", 1),
    ("unterminated", "m.json", '{\n"format": "1', "JSON syntax error", 2),
    ("extra-data", "m.json", "{}\n{}", "JSON syntax error", 2),
    ("comment", "m.json", "{// note\n}", "JSON syntax error", 1),
    ("bad-unicode-escape", "m.json", '{"a": "\\uZZZZ"}', "JSON syntax error", 1),
    ("raw-control-character", "m.json", '{"a": "\x1b[2J"}', "JSON syntax error", 1),
    ("top-level-array", "m.json", "[1, 2]", "top level must be an object", None),
    ("empty", "m.json", "  \n", "the file is empty", None),
    ("empty-toml", "m.toml", "", "the file is empty", None),
]
TYPES_AND_FIELDS: list[Case] = [
    ("format-as-string", "m.json", mission(format="1"), "format: expected an integer", 2),
    ("events-as-table", "m.json", mission(events={}), "events: expected a list", None),
    ("title-as-number", "m.json", event(0, title=5), "events[0].title: expected a string", None),
    ("bool-as-int", "m.json", event(0, station_crew=True), "expected an integer", None),
    ("float-as-int", "m.json", event(0, station_crew=1.5), "expected an integer", None),
    (
        "unquoted-time",
        "m.toml",
        BASE_TOML.replace('at = "2021-10-05T09:04Z"', "at = 2021-10-05T09:04:00Z"),
        "write times in quotes",
        30,
    ),
    ("missing-field", "m.json", event(1, title=None), "events[1].title: missing", None),
    (
        "missing-mission",
        "m.toml",
        BASE_TOML.replace("[mission]", "[elsewhere]"),
        "mission: missing",
        None,
    ),
    ("unknown-field", "m.json", event(2, colour="red"), "events[2].colour: unknown field", None),
    (
        "unknown-field-toml",
        "m.toml",
        BASE_TOML.replace('kind = "orbit"', 'kind = "orbit"\ntitel = "x"'),
        "events[1].titel: unknown field 'titel' in event (did you mean 'title'?)",
        30,
    ),
    ("bad-enum", "m.json", event(0, kind="lunch"), "unknown value 'lunch'", None),
    ("bad-id", "m.json", event(0, id="Launch Pad"), "not a valid id", None),
    (
        "latitude-range",
        "m.json",
        mission(places=[{"id": "p", "name": "P", "zone": "UTC", "lat": 91}]),
        "out of range",
        None,
    ),
]
DUPLICATES_AND_NUMBERS: list[Case] = [
    (
        "json-duplicate-key",
        "m.json",
        '{"format": 1,\n "format": 1}',
        "format: duplicate key 'format'",
        2,
    ),
    ("duplicate-id", "m.json", event(3, id="launch"), "events[3].id: duplicate id 'launch'", None),
    (
        "duplicate-id-toml",
        "m.toml",
        BASE_TOML.replace('id = "orbit"', 'id = "launch"'),
        "events[1].id: duplicate id 'launch' (first at events[0])",
        27,
    ),
    ("json-nan", "m.json", '{"format": NaN}', "format: NaN is not allowed", 1),
    ("json-infinity", "m.json", '{"format": Infinity}', "Infinity is not allowed", 1),
    ("json-minus-infinity", "m.json", '{"format": -Infinity}', "-Infinity is not allowed", 1),
    ("json-overflow", "m.json", '{"format": 1e999}', "out of range", 1),
    ("json-huge-int", "m.json", '{"format": 1' + "0" * 5000 + "}", "5001 digits", 1),
    ("json-long-int", "m.json", '{"format": 1' + "0" * 30 + "}", "out of range", 1),
    (
        "toml-nan",
        "m.toml",
        BASE_TOML.replace('zone = "Asia', 'lat = nan\nzone = "Asia'),
        "nan is not allowed",
        10,
    ),
    (
        "toml-inf",
        "m.toml",
        BASE_TOML.replace('zone = "Asia', 'lon = -inf\nzone = "Asia'),
        "-inf is not allowed",
        10,
    ),
    (
        "toml-huge-int",
        "m.toml",
        BASE_TOML.replace("format = 1", "format = 1" + "0" * 5000),
        "integer out of range",
        1,
    ),
    (
        "toml-long-int",
        "m.toml",
        BASE_TOML.replace("format = 1", "format = 1" + "0" * 40),
        "integer out of range",
        1,
    ),
]
TIMES: list[Case] = [
    ("naive-time", "m.json", event(0, at="2021-10-05T08:55:02"), "needs an offset", None),
    ("naive-date", "m.json", event(0, at="2021-10-05"), "a date needs a zone", None),
    ("dst-gap", "m.json", event(0, at="2021-03-28T02:30[Europe/Brussels]"), "does not exist", None),
    ("dst-fold", "m.json", event(0, at="2021-10-31T02:30[Europe/Brussels]"), "ambiguous", None),
    (
        "wrong-offset",
        "m.json",
        event(0, at="2021-10-31T02:30+03:00[Europe/Brussels]"),
        "not in force",
        None,
    ),
    ("leap-second", "m.json", event(0, at="2016-12-31T23:59:60Z"), "leap seconds", None),
    (
        "year-1-with-offset",
        "m.json",
        event(0, at="0001-01-01T00:00+14:00"),
        "years 1900 to 2200",
        None,
    ),
    (
        "year-9999-with-offset",
        "m.json",
        event(0, at="9999-12-31T23:59-12:00"),
        "years 1900 to 2200",
        None,
    ),
    ("year-1899", "m.json", event(0, at="1899-12-31T23:59Z"), "years 1900 to 2200", None),
    ("month-13", "m.json", event(0, at="2021-13-01T00:00Z"), "month must be in 1..12", None),
    ("hour-24", "m.json", event(0, at="2021-10-05T24:00Z"), "hour must be in 0..23", None),
    ("offset-25h", "m.json", event(0, at="2021-10-05T08:00+25:00"), "offset out of range", None),
    ("non-ascii-digits", "m.json", event(0, at="٢٠٢١-10-05T08:55Z"), "not a time", None),
    (
        "unknown-zone",
        "m.json",
        event(0, at="2021-10-05T08:55Z[Mars/Olympus]"),
        "unknown IANA zone 'Mars/Olympus'",
        None,
    ),
    (
        "zone-path",
        "m.json",
        event(0, at="2021-10-05T08:55Z[../../etc/passwd]"),
        "not a valid IANA zone",
        None,
    ),
    (
        "zone-absolute",
        "m.json",
        mission(places=[{"id": "p", "name": "P", "zone": "/etc/localtime"}]),
        "not a valid IANA zone",
        None,
    ),
    (
        "zone-directory",
        "m.json",
        mission(places=[{"id": "p", "name": "P", "zone": "Europe"}]),
        "unknown IANA zone 'Europe'",
        None,
    ),
    ("zone-control", "m.json", event(0, at="2021-10-05T08:55Z[Europe/\x1b[2JMoscow]"), "␛", None),
    (
        "duration",
        "m.json",
        mission(people=[{"id": "p", "name": "P", "time_in_space": {"before": "P٣D"}}]),
        "not a duration",
        None,
    ),
]
ENCODINGS: list[Case] = [
    ("invalid-utf8", "m.toml", b'format = 1\ntitle = "\xff\xfe"\n', "not valid UTF-8", 2),
    ("latin-1", "m.json", '{"title": "Peresild é"}'.encode("latin-1"), "not valid UTF-8", 1),
    ("nul-byte", "m.toml", b"format = 1\n\x00\n", "contains a NUL byte", 2),
    ("json-nul-escape", "m.json", event(0, title="a\x00b"), "NUL character", None),
    ("lone-surrogate", "m.json", event(0, title="\ud800"), "lone surrogate", None),
    ("surrogate-key", "m.json", event(0, **{"\udfff": 1}), "unknown field", None),
    ("utf16", "m.json", json.dumps(mission()).encode("utf-16"), "not valid UTF-8", 1),
]
NESTING: list[Case] = [
    (
        "deep-json",
        "m.json",
        '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "nested too deeply",
        None,
    ),
    (
        "deep-toml-array",
        "m.toml",
        "a = " + "[" * 100_000 + "]" * 100_000,
        "nested too deeply",
        None,
    ),
    (
        "deep-toml-table",
        "m.toml",
        "a = " + "{b = " * 5_000 + "1" + "}" * 5_000,
        "nested too deeply",
        None,
    ),
]

DATA_CASES = TOML_SYNTAX + JSON_SYNTAX + TYPES_AND_FIELDS + DUPLICATES_AND_NUMBERS + TIMES
DATA_CASES += ENCODINGS + NESTING


def _one_line_each(run: Run, path: Path) -> None:
    assert "Traceback" not in run.out + run.err
    for line in run.lines:
        assert line.startswith(str(path)) or line.startswith("checked "), line
        assert "\x1b" not in line and "\x07" not in line


@pytest.mark.parametrize(
    ("name", "content", "fragment", "line"),
    [c[1:] for c in DATA_CASES],
    ids=[c[0] for c in DATA_CASES],
)
def test_bad_data_through_check(
    cli: Callable[..., Run],
    write: Callable[..., Path],
    name: str,
    content: Any,
    fragment: str,
    line: int | None,
) -> None:
    path = write(name, content)
    run = cli("check", path)
    assert run.code == DATA
    _one_line_each(run, path)
    assert run.lines[-1].startswith("checked 1 file: ")
    problems = run.lines[:-1]
    assert problems
    assert any(fragment in problem for problem in problems), problems
    if line is not None:
        matching = next(p for p in problems if fragment in p)
        assert matching.startswith(f"{path}:{line}:"), matching


@pytest.mark.parametrize(
    ("name", "content", "fragment"), [c[1:4] for c in DATA_CASES], ids=[c[0] for c in DATA_CASES]
)
def test_bad_data_through_the_app(
    cli: Callable[..., Run], write: Callable[..., Path], name: str, content: Any, fragment: str
) -> None:
    path = write(name, content)
    run = cli(path)
    assert run.code == DATA
    assert run.out == ""
    assert run.err.count("\n") == 1, run.err
    assert run.err.startswith(f"mission-timeline: {path}")
    assert "Traceback" not in run.err
    with pytest.raises(MissionDataError):
        load_mission(path)


def test_syntax_error_messages_name_the_place(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    path = write("m.toml", 'format = 1\n[mission]\nid = "x\n')
    run = cli("check", path)
    assert run.lines[0].startswith(f"{path}:3:")


def test_every_problem_is_reported_in_one_run(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    data = event(0, at="2021-10-05T08:55:02", colour="red")
    data = event(1, data, kind="lunch")
    data["events"][2]["phase"] = "nowhere"
    data["events"].append(dict(data["events"][3]))
    path = write("m.json", data)
    run = cli("check", path)
    assert run.code == DATA
    text = run.out
    assert "events[0].at:" in text and "events[0].colour:" in text
    assert "events[1].kind:" in text and "events[4].id: duplicate id 'landing'" in text
    # events[2] converted fine, so its reference is checked too, by its index in the file.
    assert "events[2].phase: unknown phase 'nowhere'" in text
    assert run.lines[-1] == "checked 1 file: 5 errors, 0 warnings"


def test_json_problems_have_lines_of_their_records(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    data = event(2, title=7)
    path = write("m.json", data)  # indent=1: one key a line
    text = path.read_text()
    line = text.splitlines().index('   "title": 7,') + 1
    run = cli("check", path)
    assert run.lines[0] == f"{path}:{line}:4: events[2].title: expected a string, got an integer"


def test_references_to_records_that_failed_are_not_reported_twice(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    path = write("m.json", event(0, title=None))  # the launch fails; the flight refers to it
    run = cli("check", path)
    assert run.lines[:-1] == [next(line for line in run.lines if "events[0].title" in line)]


def test_bom_is_accepted(cli: Callable[..., Run], write: Callable[..., Path]) -> None:
    toml = write("m.toml", b"\xef\xbb\xbf" + BASE_TOML.encode())
    as_json = write("m.json", b"\xef\xbb\xbf" + json.dumps(mission()).encode())
    assert cli("check", toml, as_json).code == 0
    assert load_mission(toml).info.id == "demo"
    assert len(load_mission(as_json).events) == 4


def test_text_with_controls_loads_exactly(write: Callable[..., Path]) -> None:
    """Control characters in text fields are data, kept exactly (the views sanitise them)."""
    title = "\x1b]52;c;aGk=\x07 \x9b2J \u202eevil"
    loaded = load_mission(write("m.json", event(0, title=title)))
    assert loaded.event_by_id["launch"].title == title


# Files that cannot be read ----------------------------------------------------------------


def _unreadable_cases(tmp_path: Path, suffix: str) -> dict[str, tuple[Path, str]]:
    """Files no reader can read, named with `suffix` (the reader is chosen by it)."""
    fifo = tmp_path / f"fifo.{suffix}"
    os.mkfifo(fifo)
    folder = tmp_path / f"folder.{suffix}"
    folder.mkdir()
    return {
        "directory": (folder, "is a directory"),
        "fifo": (fifo, "not a regular file"),
        "dev-zero": (_link(tmp_path, f"zero.{suffix}", Path("/dev/zero")), "not a regular file"),
        "missing": (tmp_path / f"nothing.{suffix}", "no such file"),
        "nul-in-name": (Path(f"a\x00b.{suffix}"), "cannot open"),
        "proc-file": (
            _link(tmp_path, f"status.{suffix}", Path("/proc/self/status")),
            "does not report its size",
        ),
        "symlink-loop": (_link(tmp_path, f"loop.{suffix}", None), "cannot open"),
    }


def _link(tmp_path: Path, name: str, target: Path | None) -> Path:
    """A symlink `name` to `target`, or to itself."""
    link = tmp_path / name
    link.symlink_to(link if target is None else target)
    return link


@pytest.mark.parametrize("suffix", ["toml", "json", "jsonl"])
@pytest.mark.parametrize(
    "case", ["directory", "fifo", "dev-zero", "missing", "nul-in-name", "proc-file", "symlink-loop"]
)
def test_unreadable_inputs(cli: Callable[..., Run], tmp_path: Path, case: str, suffix: str) -> None:
    path, fragment = _unreadable_cases(tmp_path, suffix)[case]
    run = cli("check", path)
    assert run.code == NO_INPUT
    assert fragment in run.lines[0] and len(run.lines) == 2
    assert run.lines[-1] == "checked 1 file: 1 error, 0 warnings (1 could not be read)"
    app = cli(path)
    assert app.code == NO_INPUT
    assert fragment in app.err and app.err.count("\n") == 1
    assert app.err.startswith(f"mission-timeline: {str(path).replace(chr(0), '␀')}: ")
    with pytest.raises(MissionReadError) as caught:
        load_mission(path)
    assert caught.value.exit_code == NO_INPUT


@pytest.mark.parametrize("name", ["m.toml", "m.jsonl"])
def test_size_limit(
    cli: Callable[..., Run],
    write: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    content = BASE_TOML if name.endswith(".toml") else _jsonl(mission())
    path = write(name, content)
    size = len(content.encode())
    monkeypatch.setenv("MISSION_TIMELINE_MAX_BYTES", str(size - 1))
    run = cli("check", path)
    assert run.code == NO_INPUT
    assert f"too large ({size} bytes; the limit is {size - 1})" in run.out
    assert cli(path).code == NO_INPUT
    monkeypatch.setenv("MISSION_TIMELINE_MAX_BYTES", str(size))
    assert cli("check", path).code == 0


def _jsonl(document: dict[str, Any]) -> str:
    """A mission in the JSON Lines form: the header, then an event a line."""
    header = {key: value for key, value in document.items() if key != "events"}
    return "\n".join(json.dumps(line) for line in [header, *document["events"]]) + "\n"


def test_default_size_limit_fits_a_million_events() -> None:
    assert data.files.reading.max_file_bytes() == data.files.reading.MAX_FILE_BYTES >= 500 * 10**6


def _change_during_read(
    monkeypatch: pytest.MonkeyPatch, path: Path, change: Callable[[Path], None]
) -> None:
    real = data.files.reading._read_into
    calls = []

    def read_and_change(handle: Any, view: memoryview) -> int:
        if not calls:
            change(path)
        calls.append(1)
        return real(handle, view)

    monkeypatch.setattr(data.files.reading, "_read_into", read_and_change)


def test_file_that_changes_while_read(
    cli: Callable[..., Run], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("m.toml", BASE_TOML)

    def grow(target: Path) -> None:
        with target.open("a") as handle:
            handle.write("# appended while being read\n")

    _change_during_read(monkeypatch, path, grow)
    run = cli("check", path)
    assert run.code == NO_INPUT
    assert "changed while it was being read" in run.lines[0]


def test_file_that_shrinks_while_read(
    cli: Callable[..., Run], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("m.toml", BASE_TOML)
    _change_during_read(monkeypatch, path, lambda target: target.write_text("format = 1\n"))
    run = cli(path)
    assert run.code == NO_INPUT
    assert "changed while it was being read" in run.err


def test_file_that_disappears_while_read(
    cli: Callable[..., Run], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("m.toml", BASE_TOML)
    _change_during_read(monkeypatch, path, Path.unlink)
    run = cli("check", path)
    assert run.code == NO_INPUT
    assert "deleted while it was being read" in run.lines[0]


def test_several_files_exit_with_the_worst(
    cli: Callable[..., Run], write: Callable[..., Path], tmp_path: Path
) -> None:
    good = write("good.toml", BASE_TOML)
    bad = write("bad.json", event(0, at="2021-10-05T08:55:02"))
    run = cli("check", good, bad)
    assert run.code == DATA
    assert run.lines[-1] == "checked 2 files: 1 error, 0 warnings"
    run = cli("check", good, bad, tmp_path / "gone.toml")
    assert run.code == NO_INPUT
    assert run.lines[-1] == "checked 3 files: 2 errors, 0 warnings (1 could not be read)"
    assert cli("check", good).code == 0


def test_usage_errors(cli: Callable[..., Run]) -> None:
    run = cli("check")
    assert run.code == 64
    assert "usage: mission-timeline check" in run.err
    assert cli("check", "--frobnicate", "x.toml").code == 64


def test_check_file_never_raises_and_keeps_file_order(write: Callable[..., Path]) -> None:
    path = write(
        "m.toml", BASE_TOML.replace('kind = "orbit"', "kind = 3").replace('id = "pad"', "id = 4")
    )
    result = check_file(path)
    assert result.exit_code == DATA
    lines = [p.line for p in result.problems]
    assert lines == sorted(lines) and None not in lines


def test_messages_are_one_line_and_bounded(write: Callable[..., Path]) -> None:
    long_zone = "A" * 10_000 + "\n\x1b[31m"
    path = write("m.json", event(0, at=f"2021-10-05T08:55Z[{long_zone}]", kind="x" * 10_000))
    result = check_file(path)
    for problem in result.problems:
        text = str(problem)
        assert "\n" not in text and "\x1b" not in text
        assert len(text) < 600, text


def test_file_names_are_sanitised(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b]0;pwned\x07.toml"
    path.write_text("format = ")
    run = cli("check", path)
    assert run.code == DATA
    assert "\x1b" not in run.out and "\x07" not in run.out
    assert "evil␛]0;pwned␇.toml" in run.out
    assert re.search(r"evil.*\.toml:1:\d+: format: TOML syntax error", run.out)


LOCATOR_TOML = '''\
format = 1
[mission]
id = "demo"
title = "Demo"
summary = """
[[events]]
not = "a real table"
"""

[[people]]
id = "ada"
name = "Ada"
flights = [
  { up = 5, down = "x", launch = "a", landing = "a" },  # [ a comment ] {
]
[people.names]
ru = 5

[[events]]
id = "a"
title = 'a [[events]] "b"'
kind = "launch"
at = "2021-10-05T08:55Z"

[[events.stated]]
text = "T-0"
source = 7

[[events]]
id = "b"
title = "B"
kind = "nonsense"
at = "2021-10-05T08:55Z"
'''


def test_toml_locator_follows_tables_strings_and_arrays(write: Callable[..., Path]) -> None:
    path = write("m.toml", LOCATOR_TOML)
    lines = LOCATOR_TOML.splitlines()
    result = check_file(path)
    found = {p.path: p.line for p in result.problems}
    assert found["people[0].names.ru"] == lines.index("ru = 5") + 1
    assert found["events[0].stated[0].source"] == lines.index("source = 7") + 1
    assert found["events[1].kind"] == lines.index('kind = "nonsense"') + 1
    # A problem inside an inline table resolves to the key that holds it.
    assert found["people[0].flights[0].up"] == lines.index("flights = [") + 1


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "m.json",
            '{"format": 1, "mission": {"id": "x"},\n "events": [{"id": "a"}, {"id": "b",}]}',
            ":2:37: events[1]: JSON syntax error:",
        ),
        (
            "m.json",
            '{"mission": {"id": "x", "title": \n',
            ":2:1: mission.title: JSON syntax error:",
        ),
        ("m.json", '{"a": [1, 2, {"b\\"c": [}', ':1:24: a[2]["b\\"c"][0]: JSON syntax error:'),
        (
            "m.toml",
            'format = 1\n[[events]]\nid = "a"\n[[events]]\nid = "b"\ntitle = "x\n',
            ":6:11: events[1].title: TOML syntax error:",
        ),
        ("m.toml", "[mission]\nid = \n", ":2:6: mission.id: TOML syntax error:"),
    ],
)
def test_syntax_errors_name_the_field_being_read(
    cli: Callable[..., Run], write: Callable[..., Path], name: str, content: str, expected: str
) -> None:
    path = write(name, content)
    first = cli("check", path).lines[0]
    assert first.startswith(f"{path}{expected} "), first


@pytest.mark.parametrize("name", ["mission", "mission.JSON", "mission.txt"])
def test_format_is_sniffed_without_a_known_suffix(write: Callable[..., Path], name: str) -> None:
    assert load_mission(write(name, mission())).info.id == "demo"
    assert load_mission(write(name + "-toml", BASE_TOML)).info.id == "demo"


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("format = 1\n" + "a." * 500_000 + "b = 1\n", 2),  # tomllib: quadratic, hours
        ("format = 1\n[" + "a . " * 200 + "b]\n", 2),
        ('x = {"' + '"."'.join("k" * 300) + '" = 1}\n', 1),
    ],
)
def test_long_dotted_keys_are_refused_before_parsing(
    cli: Callable[..., Run], write: Callable[..., Path], content: str, line: int
) -> None:
    path = write("m.toml", content)
    run = cli("check", path)
    assert run.code == DATA
    assert run.lines[0].startswith(f"{path}:{line}:")
    assert "a dotted key with more than 100 parts" in run.lines[0]


def test_dotted_keys_within_the_limit_and_dots_in_text_are_fine(write: Callable[..., Path]) -> None:
    keys = ".".join(["names"] + ["x"] * 98)  # 99 parts: parsed, then refused as unknown
    text = BASE_TOML + f'description = "{". " * 500}{"a." * 90}"\n'
    assert load_mission(write("ok.toml", text)).event_by_id["orbit"].description.startswith(". ")
    problems = check_file(write("m.toml", BASE_TOML + f"{keys} = 1\n")).problems
    assert "unknown field 'names' in event" in str(problems[0])


def test_did_you_mean_hints_are_bounded(write: Callable[..., Path]) -> None:
    data = mission()
    for event_data in data["events"]:
        event_data.update({f"titel{i}": 1 for i in range(40)})
    problems = check_file(write("m.json", data)).problems
    hinted = [p for p in problems if "did you mean 'title'" in p.message]
    assert len(problems) == 160 and len(hinted) == 100


def test_duplicate_key_points_at_the_repeat_among_many_keys(write: Callable[..., Path]) -> None:
    text = '{"format": 1,\n "mission": {"id": "x",\n "title": "t",\n "id": "y"}}'
    problems = check_file(write("m.json", text)).problems
    assert (problems[0].path, problems[0].line) == ("mission.id", 4)


def test_check_interrupted(
    cli: Callable[..., Run], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(name: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(data.load.loader, "check_file", interrupted)
    assert cli("check", write("m.toml", BASE_TOML)).code == 130
