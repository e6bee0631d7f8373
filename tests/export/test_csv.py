"""The CSV export parses back with the csv module, one row per event, formulas neutralised."""

from __future__ import annotations

import csv
import io

import pytest

from data.export import export, make_options
from data.export.csv_export import BOM, neutralise
from data.model import Mission


def rows(mission: Mission, **options: object) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    export(mission, "csv", make_options(mission, **options), out)  # type: ignore[arg-type]
    text = out.getvalue()
    assert text.startswith(BOM + "id,utc,")
    assert text.endswith("\r\n")
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline="")))


def test_one_row_per_event_in_time_order(bundled: Mission) -> None:
    parsed = rows(bundled)
    assert [row["id"] for row in parsed] == [event.id for event in bundled.events]


def test_instant_in_utc_and_two_columns_per_zone(bundled: Mission) -> None:
    """Each zone: the local date-time in the UTC column's form, and its offset beside it."""
    parsed = rows(bundled, zones=["Europe/Brussels", "America/New_York", "stated"])
    by_id = {row["id"]: row for row in parsed}
    launch = by_id["launch"]
    assert launch["utc"] == "2021-10-05 08:55:02.442"
    assert launch["Europe/Brussels"] == "2021-10-05 10:55:02.442"
    assert launch["Europe/Brussels offset"] == "CEST (+02:00)"
    assert launch["America/New_York"] == "2021-10-05 04:55:02.442"
    assert launch["America/New_York offset"] == "EDT (-04:00)"
    assert launch["as stated"] == "2021-10-05 11:55:02.442"
    assert launch["as stated offset"] == "MSK (+03:00)"
    docking = by_id["docking"]
    assert docking["utc"] == "2021-10-05 12:22:31.000"
    assert docking["precision"] == "second"
    assert docking["planned_utc"] == "2021-10-05 12:12:00.000"
    assert docking["planned Europe/Brussels"] == "2021-10-05 14:12:00.000"
    assert docking["planned Europe/Brussels offset"] == "CEST (+02:00)"
    undock = by_id["ms18-undocking"]
    assert undock["America/New_York"] == "2021-10-16 21:14:00.000"
    assert undock["America/New_York offset"] == "EDT (-04:00)"


def test_dates_keep_their_precision(demo: Mission) -> None:
    by_id = {row["id"]: row for row in rows(demo, zones=["UTC"])}
    assert by_id["casting"]["precision"] == "month"
    assert by_id["casting"]["utc"] == "2020-11-01 00:00:00.000"
    assert by_id["casting"]["UTC"] == "2020-11-01 00:00:00.000"
    assert by_id["casting"]["UTC offset"] == ""
    assert by_id["selected"]["precision"] == "day"
    assert by_id["selected"]["utc"] == "2021-05-13 00:00:00.000"
    assert by_id["selected"]["UTC"] == "2021-05-13 00:00:00.000"
    assert by_id["orbit"]["precision"] == "minute"
    assert by_id["orbit"]["utc"] == "2021-10-05 09:04:00.000"


def test_flags_are_true_or_false(demo: Mission) -> None:
    by_id = {row["id"]: row for row in rows(demo)}
    assert (by_id["premiere"]["planned_only"], by_id["premiere"]["approximate"]) == (
        "true",
        "false",
    )
    assert (by_id["orbit"]["planned_only"], by_id["orbit"]["approximate"]) == ("false", "true")
    for row in by_id.values():
        assert {row["approximate"], row["planned_only"]} <= {"true", "false"}


def test_relative_column(demo: Mission) -> None:
    by_id = {row["id"]: row for row in rows(demo, relative_to="launch")}
    assert by_id["docking"]["T-/T+ launch"] == "T+03:27:29"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("  =cmd", "'  =cmd"),
        ("Launch", "Launch"),
        ("T-0d", "T-0d"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_formula_cells_are_neutralised_and_newlines_quoted(demo: Mission) -> None:
    by_id = {row["id"]: row for row in rows(demo)}
    assert by_id["selected"]["description"] == '\'=HYPERLINK("http://evil","click")'
    assert by_id["filming"]["note"].startswith("'-minus")
    # A newline inside a cell survives the round trip (it was quoted).
    assert by_id["filming"]["description"] == (
        "Twelve days of filming.\n\tCamera, light and sound by the director."
    )
    hostile = by_id["hostile"]
    assert "\x1b" not in hostile["title"] and "\r" not in hostile["title"]
    assert hostile["title"].startswith("Evil \u241b]52")
    for row in by_id.values():
        for value in row.values():
            assert not value.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))


def test_filter_selects_rows(bundled: Mission) -> None:
    parsed = rows(bundled, filter_text="kind:docking,undocking")
    assert parsed
    assert {row["kind"] for row in parsed} == {"docking", "undocking"}
