"""Parsing time strings: precision, zones, and every way a time can be wrong."""

from datetime import UTC, datetime, timedelta

import pytest

from data.times.parse import Precision, TimeFormatError, parse_duration, parse_when


@pytest.mark.parametrize(
    ("text", "instant", "precision"),
    [
        ("2021-10-05T11:55:02.442+03:00[Europe/Moscow]", "2021-10-05T08:55:02.442", "MILLISECOND"),
        ("2021-10-05T15:22:31+03:00", "2021-10-05T12:22:31", "SECOND"),
        ("2021-10-05T12:12Z", "2021-10-05T12:12:00", "MINUTE"),
        ("2021-10-16T21:14[America/New_York]", "2021-10-17T01:14:00", "MINUTE"),
        ("2021-11-06[Europe/Moscow]", "2021-11-06T20:59:59", "DAY"),
        ("2020-11[Europe/Moscow]", "2020-11-30T20:59:59", "MONTH"),
    ],
)
def test_parse_when(text: str, instant: str, precision: str) -> None:
    when = parse_when(text)
    assert when.instant == datetime.fromisoformat(instant).replace(tzinfo=UTC)
    assert when.precision is Precision[precision]
    assert when.text == text


def test_approximate_marker() -> None:
    assert parse_when("~2021-10-05T09:04Z").approximate
    assert not parse_when("2021-10-05T09:04Z").approximate


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-10-05T08:55:02", "needs an offset"),
        ("2021-11-06", "a date needs a zone"),
        ("2021-11-06Z", "not an offset"),
        ("2021-10-05T08:55:60Z", "leap seconds"),
        ("2021-10-05T08:55:02.4Z", "exactly 3 digits"),
        ("2021-10-05T11:55+02:00[Europe/Moscow]", "not in force"),
        ("2021-03-28T02:30[Europe/Brussels]", "does not exist"),
        ("2021-10-31T02:30[Europe/Brussels]", "ambiguous"),
        ("2021-10-05T08:55Z[Mars/Olympus]", "unknown IANA zone"),
        ("2021-10-05T08:55Z[../../etc/passwd]", "not a valid IANA zone"),
        ("9999-10-05T08:55Z", "years 1900 to 2200"),
        ("2021-02-30T08:55Z", "day is out of range"),
        ("12:00", "not a time"),
    ],
)
def test_bad_times_are_refused(text: str, message: str) -> None:
    with pytest.raises(TimeFormatError, match=message):
        parse_when(text)


def test_ambiguous_time_resolved_by_offset() -> None:
    summer = parse_when("2021-10-31T02:30+02:00[Europe/Brussels]")
    winter = parse_when("2021-10-31T02:30+01:00[Europe/Brussels]")
    assert winter.instant - summer.instant == timedelta(hours=1)


def test_parse_duration() -> None:
    assert parse_duration("P533DT5H31M") == timedelta(days=533, hours=5, minutes=31)
    with pytest.raises(TimeFormatError):
        parse_duration("P")


@pytest.mark.parametrize("year", [1900, 2000, 2021, 2024, 2200])
def test_a_month_is_placed_at_its_last_second(year: int) -> None:
    """Whatever its length: February of leap and common years, December's turn of the year."""
    import calendar

    for month in range(1, 13):
        last = calendar.monthrange(year, month)[1]
        when = parse_when(f"{year}-{month:02d}[UTC]")
        assert when.instant == datetime(year, month, last, 23, 59, 59, tzinfo=UTC)
