"""Recurrence expansion against `dateutil` itself: the 400-year shift that bounds a hostile
rule gives exactly the occurrences a plain expansion gives, and the limits hold."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st

from data.imports.ics_lines import ContentLine
from data.imports.ics_recur import MAX_OCCURRENCES, MAX_PERIODS, Budget, occurrences

PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}
LAST = datetime(2200, 12, 31, 23, 59, 59)
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

rules = st.builds(
    lambda freq, interval, days, monthdays, months, count: ";".join(
        [f"FREQ={freq}", f"INTERVAL={interval}", f"COUNT={count}"]
        + ([f"BYDAY={','.join(days)}"] if days else [])
        + ([f"BYMONTHDAY={','.join(map(str, monthdays))}"] if monthdays else [])
        + ([f"BYMONTH={','.join(map(str, months))}"] if months else [])
    ),
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
    st.integers(1, 4),
    st.lists(st.sampled_from(DAYS), max_size=3, unique=True),
    st.lists(st.integers(-31, 31).filter(bool), max_size=2, unique=True),
    st.lists(st.integers(1, 12), max_size=2, unique=True),
    st.integers(1, 30),
)
starts = st.datetimes(datetime(1990, 1, 1), datetime(2030, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0)
)


@given(rules, starts, st.sampled_from([None, "Europe/Moscow", "America/New_York"]))
def test_the_shifted_expansion_is_the_plain_one(
    rule: str, start: datetime, zone: str | None
) -> None:
    aware = start.replace(tzinfo=ZoneInfo(zone)) if zone else start
    found, _ = occurrences("c.ics", ContentLine(1, "RRULE", {}, rule), aware, Budget("c.ics"))
    plain = list(islice(rrulestr(rule, dtstart=start), MAX_OCCURRENCES))
    period = PERIOD_DAYS[rule.split(";")[0][5:]] * int(rule.split(";")[1][9:])
    window = timedelta(days=period * MAX_PERIODS)
    limit = start + window if window < LAST - start else LAST
    assert [m.replace(tzinfo=None) for m in found] == [m for m in plain if m <= limit]
    assert all(m.tzinfo == aware.tzinfo for m in found)


def test_until_in_utc_is_read_on_the_starts_wall_clock() -> None:
    start = datetime(2012, 10, 1, 9, 0, tzinfo=ZoneInfo("Europe/Moscow"))  # +04:00 in 2012
    line = ContentLine(1, "RRULE", {}, "FREQ=WEEKLY;UNTIL=20121015T050000Z")
    found, note = occurrences("c.ics", line, start, Budget("c.ics"))
    assert [m.day for m in found] == [1, 8, 15] and note is None
