"""TimelineJS spreadsheet (CSV template) import: the documented example, and row by row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from data.imports import IMPORT_FORMATS, import_file, import_format, import_text
from data.load.document import build_mission
from data.problems import MissionDataError

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"
HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background"
)


def row(**cells: str) -> str:
    """A row of the template with these cells (by header, spaces for underscores)."""
    named = {key.replace("_", " "): value for key, value in cells.items()}
    return ",".join(named.get(column, "") for column in HEADER.split(","))


def sheet(*rows: str) -> dict[str, Any]:
    result = import_text("s.csv", "\r\n".join((HEADER, *rows)) + "\r\n")
    build_mission(result.document, "s.csv")
    return result.document


def test_women_in_computing_example() -> None:
    result = import_file(FIXTURES / "women_in_computing.csv")
    build_mission(result.document, "women_in_computing.csv")
    assert result.document["mission"]["title"] == "Women in Computing"  # the `title` row
    events = {event["title"]: event for event in result.document["events"]}
    assert "Ada Lovelace" not in events  # 1815: outside the years a mission holds
    assert events["Edith Clarke: Bucking the Trend"]["at"] == "1948-03-14[UTC]"
    ENIAC = events["...And the women who made it work"]  # noqa: N806
    assert (ENIAC["at"], ENIAC["end"]) == ("1943-07[UTC]", "1946-12[UTC]")
    assert ENIAC["sources"]  # the YouTube media, credited
    places = {(p.line, p.path) for p in result.unmapped}
    assert (3, "") in places  # Ada Lovelace's row, dropped
    assert (4, "Media") in places  # a blockquote in the Media cell is no address


def test_the_sheet_is_found_by_its_header() -> None:
    text = (FIXTURES / "women_in_computing.csv").read_text()
    assert import_format("women.csv", text) is IMPORT_FORMATS["timelinejs-csv"]
    assert import_format("women.txt", text) is IMPORT_FORMATS["timelinejs-csv"]


@pytest.mark.parametrize(
    ("time", "at"),
    [
        ("08:05", "2021-10-05T08:05Z"),
        ("8:05:09", "2021-10-05T08:05:09Z"),
        ("08:05:09.5", "2021-10-05T08:05:09.500Z"),
        ("0805", "2021-10-05T08:05Z"),
        ("12:30 AM", "2021-10-05T00:30Z"),
        ("1:30 p.m.", "2021-10-05T13:30Z"),
    ],
)
def test_time_cells(time: str, at: str) -> None:
    document = sheet(row(Year="2021", Month="10", Day="5", Time=time, Headline="x"))
    assert document["events"][0]["at"] == at


def test_title_and_era_rows_as_timelinejs_treats_them() -> None:
    document = sheet(
        row(Headline="First title", Text="About", Type="title"),
        row(Year="2021", Month="10", End_Year="2021", End_Month="11", Headline="Autumn",
            Type="era"),
        row(Year="2021", Month="10", Day="5", Headline="Second title", Type="title"),
        row(Year="2021", Month="10", Day="6", Headline="Day", Group="docking"),
    )  # fmt: skip
    assert document["mission"]["title"] == "First title"
    assert [p["name"] for p in document["phases"]] == ["Autumn"]
    titles = [(e["title"], e["kind"], e.get("phase")) for e in document["events"]]
    assert titles == [("Second title", "milestone", "autumn"), ("Day", "docking", "autumn")]


@pytest.mark.parametrize(
    ("cells", "place"),
    [
        ({"Year": "2021", "Month": "13"}, "s.csv:2:1: Month: month 13 is out of range"),
        ({"Year": "2021", "Month": "2", "Day": "30"}, "s.csv:2:1: Day: day 30 is out of range"),
        ({"Year": "1" + "0" * 20}, "s.csv:2:1: Year: year with 21 digits is out of range"),
        ({"Year": "2021", "Day": "3"}, "s.csv:2:1: Day: day given without month"),
        ({"Year": "2021", "Month": "1", "Day": "1", "Time": "25:00"}, "s.csv:2:1: Time: hour 25"),
        ({"Time": "10:00"}, "s.csv:2:1: Time: Time given without Year"),
        ({"Year": "2021", "Month": "1", "Day": "1", "Time": "noon"}, "s.csv:2:1: Time: 'noon'"),
        ({"Year": "2022", "End_Year": "2021"}, "s.csv:2:1: End Year: ends before it starts"),
    ],
)
def test_bad_dates_are_one_line_errors_at_the_row_and_column(
    cells: dict[str, str], place: str
) -> None:
    with pytest.raises(MissionDataError) as raised:
        sheet(row(Headline="x", **cells))
    assert str(raised.value).startswith(place)
    assert "\n" not in str(raised.value)


def test_ragged_rows_and_bad_quoting_are_errors_naming_the_line() -> None:
    for text, start in [
        (f"{HEADER}\n{row(Year='2021', Headline='x')}\n2021,1\n", "r.csv:3:1: a row of 2 cells"),
        (f"{HEADER}\n{row(Year='2021', Headline='x')},extra\n", "r.csv:2:1: a row of 19 cells"),
        (f'{HEADER}\n2021,"a"b\n', "r.csv:2:1: CSV: "),
    ]:
        with pytest.raises(MissionDataError) as raised:
            import_text("r.csv", text, "timelinejs-csv")
        assert str(raised.value).startswith(start)


def test_a_giant_field_is_an_error_not_a_traceback() -> None:
    giant = '"' + "x" * 200_000 + '"'
    with pytest.raises(MissionDataError) as raised:
        import_text("g.csv", f"{HEADER}\n2021,,,,,,,,,{giant}\n", "timelinejs-csv")
    assert str(raised.value).startswith("g.csv:2:1: CSV: field larger than field limit")
