"""The zone's calendar steps: every local clock multiple, and only those, right across
changes of offset (a repeated hour, a skipped hour, Lord Howe's half-hour change), and the
local midnights of days, months and years. Checked against a minute-by-minute walk."""

from __future__ import annotations

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from data.axis.calendar import clock_starts, day_starts, month_starts, year_starts
from tests.axis.conftest import utc

ZONES = ["Europe/Brussels", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]
CHANGES = [  # instants of changes of offset, UTC
    utc("2021-10-31T01:00"),  # Brussels: CEST to CET
    utc("2022-03-27T01:00"),  # Brussels: CET to CEST
    utc("2021-11-07T06:00"),  # New York: EDT to EST
    utc("2021-10-02T15:30"),  # Lord Howe: +10:30 to +11 (02:00 local)
    utc("2022-04-02T15:00"),  # Lord Howe: +11 to +10:30
]


def local_seconds(instant: float, zone: ZoneInfo) -> int:
    local = datetime.fromtimestamp(instant, zone)
    return local.hour * 3600 + local.minute * 60 + local.second


@given(
    st.sampled_from(ZONES),
    st.sampled_from(CHANGES),
    st.integers(min_value=-30 * 3600, max_value=30 * 3600),
    st.integers(min_value=60, max_value=40 * 3600),
    st.sampled_from([60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600]),
)
# A second before Brussels puts its clocks forward (02:00 CET is 03:00 CEST): the 3-hour step
# at 03:00 CEST is a minute away, though 03:00 at the old offset is an hour past the end.
@example("Europe/Brussels", utc("2022-03-27T01:00"), -1, 60, 3 * 3600)
def test_clock_steps_are_every_local_multiple(
    zone_name: str, change: float, shift: int, length: int, step: int
) -> None:
    zone = ZoneInfo(zone_name)
    start = change + shift
    found = list(clock_starts(step, zone, start, start + length))
    first_minute = -(-int(start) // 60) * 60
    expected = [
        minute
        for minute in range(first_minute, int(start + length), 60)
        if minute < start + length and local_seconds(minute, zone) % step == 0
    ]
    assert found == expected


def test_brussels_hours_on_31_october_2021() -> None:
    zone = ZoneInfo("Europe/Brussels")
    found = list(clock_starts(3600, zone, utc("2021-10-30T22:00"), utc("2021-10-31T03:00")))
    shown = [datetime.fromtimestamp(t, zone).strftime("%H:%M %Z") for t in found]
    assert shown == ["00:00 CEST", "01:00 CEST", "02:00 CEST", "02:00 CET", "03:00 CET"]


@given(
    st.sampled_from(ZONES),
    st.floats(min_value=utc("2000-01-01T00:00"), max_value=utc("2040-01-01T00:00")),
    st.integers(min_value=3600, max_value=400 * 86_400),
    st.sampled_from([1, 2, 5, 10, 15]),
)
def test_day_steps_are_local_midnights_from_the_first_of_each_month(
    zone_name: str, start: float, length: int, count: int
) -> None:
    zone = ZoneInfo(zone_name)
    found = list(day_starts(count, zone, start, start + length))
    assert found == sorted(set(found))
    for instant in found:
        local = datetime.fromtimestamp(instant, zone)
        assert (local.hour, local.minute) == (0, 0) and (local.day - 1) % count == 0
        assert start <= instant < start + length
    for before, after in itertools.pairwise(found):
        assert after - before >= count * 86_400 - 3600  # a change of offset at most


@given(
    st.sampled_from(ZONES),
    st.floats(min_value=utc("1950-01-01T00:00"), max_value=utc("2150-01-01T00:00")),
    st.integers(min_value=86_400, max_value=80 * 365 * 86_400),
    st.sampled_from([1, 3, 6]),
    st.sampled_from([1, 2, 5, 10]),
)
def test_months_and_years_start_at_local_midnight(
    zone_name: str, start: float, length: int, months: int, years: int
) -> None:
    zone = ZoneInfo(zone_name)
    for instant in month_starts(months, zone, start, start + length):
        local = datetime.fromtimestamp(instant, zone)
        assert (local.day, local.hour, (local.month - 1) % months) == (1, 0, 0)
    found = list(year_starts(years, zone, start, start + length))
    for instant in found:
        local = datetime.fromtimestamp(instant, zone)
        assert (local.month, local.day, local.hour, local.year % years) == (1, 1, 0, 0)
    first, last = (datetime.fromtimestamp(t, zone).year for t in (start, start + length))
    assert len(found) >= (last - first) // years - 1
