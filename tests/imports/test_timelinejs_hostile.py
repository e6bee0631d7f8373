"""Hostile TimelineJS JSON: every class `check` handles gives one placed line, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data.exit_codes import ExitCode
from data.imports import import_text
from data.load.long_strings import MAX_STRING_CHARS
from data.problems import MissionDataError
from tui.cli import main


def timeline_text(start_date: str, headline: str = '"A"') -> str:
    """A one-slide timeline, its parts given as JSON text (so that they can be hostile)."""
    return (
        '{\n"events": [\n  {\n    "text": {"headline": ' + headline + "},\n"
        '    "start_date": ' + start_date + "\n  }\n]\n}\n"
    )


def error_of(text: str) -> str:
    with pytest.raises(MissionDataError) as raised:
        import_text("h.json", text, "timelinejs")
    message = str(raised.value)
    assert "\n" not in message and "Traceback" not in message
    return message


@pytest.mark.parametrize(
    ("start_date", "expected"),
    [
        (
            '{"year": 2021, "month": 13}',
            "h.json:5:34: events[0].start_date.month: month 13 is out of range (1 to 12)",
        ),
        (
            '{"year": 2021, "month": 2, "day": 0}',
            "h.json:5:46: events[0].start_date.day: day 0 is out of range (1 to 28)",
        ),
        ('{"year": 100000000000000000000}', "h.json:5:20: events[0].start_date.year: integer"),
        ('{"year": "100000000000000000000"}', "h.json:5:20: events[0].start_date.year: year"),
        ('{"year": 1e400}', "h.json:5:20: events[0].start_date.year: number 1e400 is out"),
        ('{"year": 2021.5}', "h.json:5:20: events[0].start_date.year: year 2021.5 is not"),
        ('{"year": "MMXXI"}', "h.json:5:20: events[0].start_date.year: year 'MMXXI' is not"),
        ('{"year": 2021, "year": 2022}', "h.json:5:34: events[0].start_date.year: duplicate key"),
        ('{"month": 3}', "h.json:5:20: events[0].start_date.month: month given without year"),
        ("{}", "h.json:5:5: events[0].start_date.year: a date needs a year"),
        ("[2021]", "h.json:5:5: events[0].start_date: a date must be an object"),
        ('{"year": true}', "h.json:5:20: events[0].start_date.year: year must be a whole"),
    ],
)
def test_bad_dates(start_date: str, expected: str) -> None:
    assert error_of(timeline_text(start_date)).startswith(expected)


def test_deep_nesting_is_refused_in_one_line() -> None:
    depth = 1_000_000
    text = timeline_text("[" * depth + "]" * depth)
    assert error_of(text) == "h.json: nested too deeply"


def test_a_string_over_the_limit_is_refused_before_parsing() -> None:
    text = timeline_text('{"year": 2021}', headline='"' + "a" * (MAX_STRING_CHARS + 1) + '"')
    assert error_of(text).startswith(
        "h.json:4:26: events[0].text.headline: string too long (1048577"
    )


def test_a_duplicate_headline_is_an_error() -> None:
    text = timeline_text('{"year": 2021}', headline='"a", "headline": "b"')
    assert "events[0].text.headline: duplicate key 'headline'" in error_of(text)


def test_not_a_timeline_at_all() -> None:
    assert error_of("[]").startswith("h.json: the top level must be an object")
    assert error_of('{"events": {}}').startswith("h.json:1:2: events: must be a list")
    assert error_of('{"events": [3]}').startswith("h.json:1:13: events[0]: must be an object")
    assert error_of('{"title": {}}').startswith("h.json: a TimelineJS timeline needs")
    assert error_of('{"events": [').startswith("h.json:1:13: events[0]: JSON syntax error")


def test_escape_characters_are_kept_exactly_and_never_printed_raw() -> None:
    osc = "\x1b]52;c;aGk=\x07\u202e"
    text = json.dumps(
        {"events": [{"text": {"headline": osc}, "group": osc, "start_date": {"year": 2021}}]}
    )
    result = import_text("e.json", text, "timelinejs")
    event = result.document["events"][0]
    assert event["title"] == osc  # the document is data, exact as in a JSON mission file
    printed = "".join(str(problem) for problem in result.unmapped)
    assert "group '␛]52;c;aGk=␇<U+202E>'" in printed
    assert "\x1b" not in printed and "\u202e" not in printed


def test_the_import_command_prints_one_line_and_exits_65(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = tmp_path / "hostile.json"
    hostile.write_text(timeline_text('{"year": 2021, "month": 13}'))
    assert main(["import", str(hostile)]) == ExitCode.DATA == 65
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"mission-timeline import: {hostile}:5:34: events[0].start_date.month: month 13 is out of "
        "range (1 to 12)\n"
    )


def test_an_end_date_without_a_year_is_an_error_and_an_empty_one_is_no_end() -> None:
    text = timeline_text('{"year": 2021}, "end_date": {"month": 3}')
    assert error_of(text).startswith("h.json:5:48: events[0].end_date.month: month given without")
    empty = timeline_text('{"year": 2021, "month": 3}, "end_date": {"year": "", "month": ""}')
    assert "end" not in import_text("e.json", empty, "timelinejs").document["events"][0]
