"""Ticks: labels never overlap, steps adapt from years to seconds, absolute ticks follow the
zone's calendar across a change of offset, relative ticks read as the list's relative column.

Times and offsets are the fact sheet's (/work/shared/facts/soyuz-ms-19.md, section 3c):
Brussels is CEST (UTC+2) until 2021-10-31 01:00 UTC and from 2022-03-27 01:00 UTC, CET (UTC+1)
between; Tokyo is JST (UTC+9)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.axis.scale import Scale
from data.axis.ticks import Tick, ticks
from data.facts.derived import TimeMode, flight_day, middle, relative
from data.model import Mission
from data.times.parse import Precision, When, parse_when
from tests.axis.conftest import BUNDLED, utc

BRUSSELS = "Europe/Brussels"
ZONES = ["Europe/Brussels", "Asia/Tokyo", "UTC", "America/New_York", "Asia/Kolkata"]
ZONES += ["Australia/Lord_Howe", "Asia/Qyzylorda", "stated"]  # half-hour DST; no DST; UTC


def fitted(start: str, end: str, width: int) -> Scale:
    return Scale.fit(utc(start), utc(end), width)


def labels(found: tuple[Tick, ...]) -> list[str]:
    return [tick.label for tick in found]


def label_at(found: tuple[Tick, ...], position: int) -> str:
    return next(tick.label for tick in found if tick.position == position)


def assert_apart(
    found: tuple[Tick, ...], width: int, measure: Callable[[str], float], gap: float
) -> None:
    """Every label inside the width, each ending `gap` before the next tick."""
    for tick, after in itertools.pairwise(found):
        assert tick.position + measure(tick.label) + gap <= after.position, (tick, after)
    for tick in found:
        assert tick.position >= 0 and tick.position + measure(tick.label) <= width, tick


measures = st.sampled_from([len, lambda text: 7.2 * len(text), lambda text: 0.6 * len(text) + 3])


@given(
    start=st.floats(min_value=-2.2e9, max_value=7.2e9),
    per_unit=st.floats(min_value=1.0, max_value=3e8),
    width=st.integers(min_value=20, max_value=400),
    zone=st.sampled_from(ZONES),
    mode=st.sampled_from(list(TimeMode)),
    anchor=st.sampled_from(
        ["launch", "docking", "ms18-landing", "pesquet-command", "casting-opens"]
    ),
    measure=measures,
    gap=st.sampled_from([0, 1, 2, 3.5]),
)
def test_labels_never_overlap(
    start: float,
    per_unit: float,
    width: int,
    zone: str,
    mode: TimeMode,
    anchor: str,
    measure: Callable[[str], float],
    gap: float,
) -> None:
    scale = Scale(start, per_unit)
    found = ticks(scale, width, zone, mode, BUNDLED.event_by_id[anchor].when, measure, gap)
    assert_apart(found, width, measure, gap)
    if per_unit <= 86_400 * 30 and measure is len:  # months at most a unit: always a tick
        assert found


@pytest.mark.parametrize(
    ("start", "end", "width", "form"),
    [
        ("2020-05-05T00:00", "2023-04-20T00:00", 80, r"([A-Z][a-z]{2}( \d{4})?|\d{4})"),
        ("2021-09-01T00:00", "2022-04-01T00:00", 80, r"([A-Z][a-z]{2}( \d{4})?)"),
        ("2021-10-01T00:00", "2021-11-01T00:00", 160, r"\d{1,2}( [A-Z][a-z]{2}( \d{4})?)?"),
        ("2021-10-05T06:00", "2021-10-05T18:00", 80, r"(\d+ Oct (2021 )?)?\d\d:00( CEST)?"),
        ("2021-10-05T12:20", "2021-10-05T12:25", 80, r"(\d+ Oct (2021 )?)?\d\d:\d\d( CEST)?"),
        ("2021-10-05T12:22:00", "2021-10-05T12:23:10", 80, r"(\d+ Oct )?(2021 )?[\d:]{8}( CEST)?"),
    ],
)
def test_steps_adapt_from_years_to_seconds(start: str, end: str, width: int, form: str) -> None:
    found = ticks(fitted(start, end, width), width, BRUSSELS)
    assert len(found) >= 3
    assert all(re.fullmatch(form, label) for label in labels(found)), labels(found)


def test_fact_sheet_times_in_brussels_at_a_second_a_unit() -> None:
    scale = Scale(utc("2021-10-05T12:22:00"), 1.0)  # docking 12:22:31 UTC = 14:22:31 CEST
    found = ticks(scale, 80, BRUSSELS)
    assert label_at(found, 30) == "14:22:30"
    assert found[0].label.endswith("14:22:00 CEST")
    scale = Scale(utc("2021-11-26T15:19:00"), 1.0)  # Prichal 15:19:39 UTC = 16:19:39 CET
    assert label_at(ticks(scale, 80, BRUSSELS), 30) == "16:19:30"


def test_brussels_repeats_two_oclock_on_31_october_2021() -> None:
    scale = fitted("2021-10-30T21:00", "2021-10-31T04:00", 120)
    found = ticks(scale, 120, BRUSSELS)
    assert labels(found)[:7] == [
        "23:00 CEST",
        "31 Oct",
        "01:00",
        "02:00",
        "02:00 CET",
        "03:00",
        "04:00",
    ]
    assert label_at(found, scale.column(utc("2021-10-31T00:00"))) == "02:00"
    assert label_at(found, scale.column(utc("2021-10-31T01:00"))) == "02:00 CET"


def test_brussels_skips_two_oclock_on_27_march_2022() -> None:
    scale = fitted("2022-03-26T22:00", "2022-03-27T04:00", 120)
    found = ticks(scale, 120, BRUSSELS)
    assert labels(found)[:5] == ["26 Mar 23:00 CET", "27 Mar", "01:00", "03:00 CEST", "04:00"]
    assert "02:00" not in labels(found)
    assert label_at(found, scale.column(utc("2022-03-27T01:00"))) == "03:00 CEST"


def test_three_hour_steps_follow_the_local_clock_across_the_change() -> None:
    scale = fitted("2021-10-30T20:00", "2021-10-31T12:00", 160)
    found = ticks(scale, 160, BRUSSELS)
    assert labels(found) == ["31 Oct 2021 00:00 CEST", "03:00 CET", "06:00", "09:00", "12:00"]
    assert label_at(found, scale.column(utc("2021-10-30T22:00"))) == "31 Oct 2021 00:00 CEST"
    assert label_at(found, scale.column(utc("2021-10-31T02:00"))) == "03:00 CET"  # 4 h on


def test_tokyo_days_start_at_15_utc() -> None:
    scale = fitted("2021-10-05T00:00", "2021-10-06T00:00", 80)
    found = ticks(scale, 80, "Asia/Tokyo")
    assert label_at(found, scale.column(utc("2021-10-05T15:00"))) == "6 Oct"
    assert found[0].label.endswith(" JST") and found[0].label.startswith("5 Oct")
    assert next(t for t in found if t.label == "6 Oct").major


def test_utc_and_the_stated_pseudo_zone_tick_in_utc() -> None:
    scale = fitted("2021-10-05T00:00", "2021-10-06T00:00", 80)
    assert ticks(scale, 80, "UTC") == ticks(scale, 80, "stated")
    found = ticks(scale, 80, "UTC")
    assert found[0].label.endswith(" UTC")
    assert label_at(found, scale.column(utc("2021-10-05T12:00"))) == "12:00"


def test_majors_name_the_unit_they_start() -> None:
    months = ticks(fitted("2021-09-01T00:00", "2022-04-01T00:00", 80), 80, "UTC")
    assert [t.label for t in months if t.major] == ["Jan 2022"]
    days = ticks(fitted("2021-10-20T00:00", "2021-11-10T00:00", 120), 120, "UTC")
    assert [t.label for t in days if t.major] == ["1 Nov"]


# -- relative modes: the list's words ---------------------------------------------------------


def row_at(instant: float, precision: Precision) -> When:
    """A time of the list whose unit's middle is `instant`, or falls within its unit."""
    if precision is Precision.SECOND:
        return parse_when(datetime.fromtimestamp(instant - 0.5, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    if precision is Precision.MINUTE:
        return parse_when(datetime.fromtimestamp(instant, UTC).strftime("%Y-%m-%dT%H:%MZ"))
    return parse_when(datetime.fromtimestamp(instant, UTC).strftime("%Y-%m-%d[UTC]"))


@pytest.mark.parametrize("mode", [TimeMode.T_MINUS, TimeMode.MET])
@pytest.mark.parametrize(
    ("anchor_id", "per_unit", "width", "precision"),
    [
        ("docking", 1.0, 100, Precision.SECOND),  # known to the second: second steps
        ("docking", 60.0, 100, Precision.MINUTE),  # minute and hour steps
        ("docking", 3_600.0, 200, Precision.MINUTE),
        ("pesquet-command", 86_400.0, 200, Precision.DAY),  # a date: day steps
    ],
)
def test_relative_ticks_read_as_the_list_s_column(
    bundled: Mission,
    mode: TimeMode,
    anchor_id: str,
    per_unit: float,
    width: int,
    precision: Precision,
) -> None:
    """Each tick reads as the list's relative column would for an event at the tick, known
    to the unit the tick's step is in (MET day ticks give the hour: `005/00:00`, not
    `005/--:--`, which would say the hour is unknown)."""
    anchor = bundled.event_by_id[anchor_id].when
    origin = middle(anchor).timestamp()  # T-0: the middle of the anchor's unit
    scale = Scale(origin - 37 * per_unit, per_unit)  # each tick's instant starts its unit
    found = ticks(scale, width, BRUSSELS, mode, anchor)
    assert len(found) >= 3
    assert any(tick.major and tick.position == 37 for tick in found)
    if mode is TimeMode.MET and precision is Precision.DAY:
        precision = Precision.MINUTE
        anchor = parse_when("2021-10-04T12:00Z")  # the middle of the date, to the minute
    for tick in found:
        row = row_at(scale.instant(tick.position), precision)
        assert tick.label == relative(row, anchor, mode)


def test_met_day_ticks_give_the_hour_not_dashes(bundled: Mission) -> None:
    anchor = bundled.event_by_id["pesquet-command"].when
    scale = Scale(anchor.instant.timestamp(), 86_400.0 / 4)
    assert "005/00:00" in labels(ticks(scale, 200, BRUSSELS, TimeMode.MET, anchor))


def test_flight_days_are_the_list_s(bundled: Mission) -> None:
    anchor = bundled.event_by_id["launch"].when
    scale = fitted("2021-10-01T00:00", "2021-11-01T00:00", 120)
    found = ticks(scale, 120, BRUSSELS, TimeMode.FLIGHT_DAY, anchor)
    assert len(found) >= 3
    for tick in found:
        day = datetime.fromtimestamp(scale.instant(tick.position + 1), UTC).strftime("%Y-%m-%d")
        assert tick.label == flight_day(parse_when(f"{day}[UTC]"), anchor)
    assert label_at(found, scale.column(utc("2021-10-05T00:00"))) == "FD1"


def test_flight_day_hours_are_utc_with_days_named(bundled: Mission) -> None:
    anchor = bundled.event_by_id["launch"].when
    scale = fitted("2021-10-05T18:00", "2021-10-06T06:00", 80)
    found = ticks(scale, 80, BRUSSELS, TimeMode.FLIGHT_DAY, anchor)
    assert found[0].label == "FD1 18:00 UTC"
    assert label_at(found, scale.column(utc("2021-10-06T00:00"))) == "FD2"


def test_a_relative_mode_without_an_anchor_ticks_the_calendar() -> None:
    scale = fitted("2021-10-05T00:00", "2021-10-06T00:00", 80)
    assert ticks(scale, 80, "UTC", TimeMode.MET, None) == ticks(scale, 80, "UTC")


def test_no_width_no_ticks() -> None:
    assert ticks(Scale(0.0, 1.0), 0, "UTC") == ()


def test_a_dated_anchor_s_flight_day_is_its_stated_date() -> None:
    """A date far east of UTC: its middle is the day before in UTC, its flight day 1 is not."""
    anchor = parse_when("2021-10-05[Pacific/Kiritimati]")
    scale = fitted("2021-10-01T00:00", "2021-10-11T00:00", 100)
    found = ticks(scale, 100, "UTC", TimeMode.FLIGHT_DAY, anchor)
    assert label_at(found, scale.column(utc("2021-10-05T00:00"))) == "FD1"
    assert label_at(found, scale.column(utc("2021-10-04T00:00"))) == "L-1"


def test_new_york_repeats_one_oclock_on_7_november_2021() -> None:
    """EDT (UTC-4) until 2021-11-07 06:00 UTC, EST (UTC-5) after (fact sheet, 3c)."""
    scale = fitted("2021-11-07T03:00", "2021-11-07T09:00", 120)
    found = ticks(scale, 120, "America/New_York")
    assert label_at(found, scale.column(utc("2021-11-07T05:00"))) == "01:00"
    assert label_at(found, scale.column(utc("2021-11-07T06:00"))) == "01:00 EST"


def test_a_first_tick_at_midnight_keeps_its_day_where_room_is_short(bundled: Mission) -> None:
    # an hour is 12 units: "6 Oct 00:00 CEST" does not fit before 01:00, "6 Oct CEST" does
    found = ticks(Scale(utc("2021-10-05T22:00"), 300.0), 80, BRUSSELS)
    assert found[0].label == "6 Oct CEST" and found[0].major and found[1].label == "01:00"
    anchor = bundled.event_by_id["launch"].when
    flight = ticks(Scale(utc("2021-10-06T00:00"), 300.0), 80, "UTC", TimeMode.FLIGHT_DAY, anchor)
    assert flight[0].label == "FD2" and flight[1].label == "01:00"
