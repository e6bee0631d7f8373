"""Dates never seem to go backwards: a date-only event is ordered at its last second in its
own zone, and where the zone shown is at another day by then, its row names its own zone
(`2021-10-05 MSK` among Tokyo's 6 October rows). No time of day is ever added."""

from __future__ import annotations

import pytest

from data.model import Mission
from data.opening import load_bundled
from data.times.bulk import fast_when
from data.times.display import STATED, show


@pytest.fixture(scope="module")
def mission() -> Mission:
    return load_bundled()


def test_the_issue_s_case_in_tokyo(mission: Mission) -> None:
    hatch = show(mission.event_by_id["hatch-open"].when, "Asia/Tokyo")
    filming = show(mission.event_by_id["filming"].when, "Asia/Tokyo")
    assert str(hatch) == "2021-10-06 00:00 JST"
    assert str(filming) == "2021-10-05 MSK" and filming.with_offset == "2021-10-05 MSK (+03:00)"
    assert filming.clock == ""


@pytest.mark.parametrize(
    ("text", "zone", "shown"),
    [
        ("2021-10-05[Europe/Moscow]", "Europe/Moscow", "2021-10-05"),
        ("2021-10-05[Europe/Moscow]", "UTC", "2021-10-05"),  # 5 Oct ends 20:59:59 UTC
        ("2021-10-05[Europe/Moscow]", "Asia/Tokyo", "2021-10-05 MSK (+03:00)"),
        ("2021-10-05[America/New_York]", "UTC", "2021-10-05 EDT (-04:00)"),
        ("2021-10-05[Pacific/Kiritimati]", "Pacific/Pago_Pago", "2021-10-05 +14"),
        ("~2021-10[Europe/Moscow]", "Asia/Tokyo", "~2021-10 MSK (+03:00)"),
        ("2021-10[Europe/Moscow]", "UTC", "2021-10"),
        ("2021-10-05[America/New_York]", STATED, "2021-10-05"),
    ],
)
def test_a_date_names_its_zone_only_where_the_day_differs(text: str, zone: str, shown: str) -> None:
    assert show(fast_when(text), zone).with_offset == shown


@pytest.mark.parametrize(
    ("zone", "marks"),
    [("Asia/Tokyo", 12), ("Pacific/Kiritimati", 12), ("UTC", 2), ("Pacific/Pago_Pago", 0)],
)
def test_unmarked_dates_never_go_backwards(mission: Mission, zone: str, marks: int) -> None:
    previous = ""
    marked = 0
    for event in mission.events:
        shown = show(event.when, zone)
        if event.when.is_date and shown.abbrev:
            marked += 1  # names its own zone: its day is that zone's, said so in the row
            continue
        common = min(len(shown.date), len(previous))  # a month is compared as a month
        assert shown.date[:common] >= previous[:common], (event.id, shown.date, previous)
        previous = shown.date
    assert marked == marks
