"""Each problem names where it is: the line, the column and the field path, in TOML and JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_helpers import BASE_TOML, Run, event

from data.exit_codes import ExitCode
from data.opening import check_file


def test_syntax_error_messages_name_the_place(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    path = write("m.toml", 'format = 1\n[mission]\nid = "x\n')
    run = cli("check", path)
    assert run.lines[0].startswith(f"{path}:3:")


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


def test_json_problems_have_lines_of_their_records(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    data = event(2, title=7)
    path = write("m.json", data)  # indent=1: one key a line
    text = path.read_text()
    line = text.splitlines().index('   "title": 7,') + 1
    run = cli("check", path)
    assert run.lines[0] == f"{path}:{line}:4: events[2].title: expected a string, got an integer"


def test_duplicate_key_points_at_the_repeat_among_many_keys(write: Callable[..., Path]) -> None:
    text = '{"format": 1,\n "mission": {"id": "x",\n "title": "t",\n "id": "y"}}'
    problems = check_file(write("m.json", text)).problems
    assert (problems[0].path, problems[0].line) == ("mission.id", 4)


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


def test_check_file_never_raises_and_keeps_file_order(write: Callable[..., Path]) -> None:
    path = write(
        "m.toml", BASE_TOML.replace('kind = "orbit"', "kind = 3").replace('id = "pad"', "id = 4")
    )
    result = check_file(path)
    assert result.exit_code == ExitCode.DATA
    lines = [p.line for p in result.problems]
    assert lines == sorted(lines) and None not in lines
