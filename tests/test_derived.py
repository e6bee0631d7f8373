"""Time arithmetic that knows precision: relative times in each mode, differences and
durations at the coarser precision of their two times, rounded to the nearest unit (never
cut, and never with a second that neither time has), and delays against a plan."""

from __future__ import annotations

from datetime import timedelta

import pytest

from data.facts.derived import (
    TimeMode,
    between,
    between_timed,
    format_duration,
    humanize,
    middle,
    relative,
)
from data.facts.event import delay
from data.times.parse import Precision, parse_when

LAUNCH = parse_when("2021-10-05T08:55:02Z")
LAUNCH_MS = parse_when("2021-10-05T08:55:02.442Z")


@pytest.mark.parametrize(
    ("text", "mode", "expected"),
    [
        ("2021-10-05T12:22:31Z", TimeMode.T_MINUS, "T+03:27:29"),
        # 12:22 stands for 12:22:00-12:22:59: 3 h 27 min 27.5 s from its middle, so 03:27.
        ("2021-10-05T12:22Z", TimeMode.T_MINUS, "T+03:27"),
        ("2021-10-01T02:30Z", TimeMode.T_MINUS, "T-4d 06:25"),
        ("2022-03-30T11:28:26Z", TimeMode.MET, "176/02:33:24"),
        ("2022-03-30T11:28Z", TimeMode.MET, "176/02:33"),
        ("2021-10-01T02:30Z", TimeMode.MET, "-004/06:25"),
        ("2021-10-05T23:59Z", TimeMode.FLIGHT_DAY, "FD1"),
        ("2021-10-06T00:00Z", TimeMode.FLIGHT_DAY, "FD2"),
        ("2021-10-04T23:59Z", TimeMode.FLIGHT_DAY, "L-1"),
        ("2021-11-06[Europe/Moscow]", TimeMode.T_MINUS, "T+32d"),
        ("2021-10-04[UTC]", TimeMode.T_MINUS, "T-1d"),
        ("2021-11-06[Europe/Moscow]", TimeMode.MET, "032/--:--"),
        ("2021-11-06[Europe/Moscow]", TimeMode.FLIGHT_DAY, "FD33"),
        # Known to the month: counted in months, never from an invented day.
        ("2020-11[Europe/Moscow]", TimeMode.T_MINUS, "T-11mo"),
        ("2020-11[Europe/Moscow]", TimeMode.MET, "-11mo"),
        ("2020-11[Europe/Moscow]", TimeMode.FLIGHT_DAY, "L-11mo"),
        ("2023-04[Europe/Moscow]", TimeMode.T_MINUS, "T+18mo"),
    ],
)
def test_relative(text: str, mode: TimeMode, expected: str) -> None:
    assert relative(parse_when(text), LAUNCH, mode) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The bundled mission's times from its launch at 08:55:02.442 (fact sheet checks).
        ("2022-03-30T14:28+03:00[Europe/Moscow]", "T+176d 02:33"),  # not 02:32 (cut)
        ("2021-10-05T11:00-04:00[America/New_York]", "T+06:05"),  # 6 h 04 m 57.6 s
        ("~2021-10-05T09:04Z", "T+00:09"),  # "nearly nine minutes"
        ("2021-10-05T15:22:31+03:00[Europe/Moscow]", "T+03:27:29"),
        ("2021-10-05T11:55:02.442+03:00[Europe/Moscow]", "T+00:00:00"),
    ],
)
def test_relative_rounds_to_the_coarser_precision(text: str, expected: str) -> None:
    assert relative(parse_when(text), LAUNCH_MS, TimeMode.T_MINUS) == expected


def test_an_anchor_known_to_the_minute_or_day_sets_the_precision() -> None:
    docking = parse_when("2021-10-05T12:22:31Z")
    # From the planned docking, known to the minute: no second is shown.
    assert relative(docking, parse_when("2021-10-05T12:12Z"), TimeMode.T_MINUS) == "T+00:10"
    assert relative(docking, parse_when("2021-10-04[UTC]"), TimeMode.T_MINUS) == "T+1d"
    assert relative(docking, parse_when("2021-10-04[UTC]"), TimeMode.MET) == "001/--:--"


def test_the_middle_of_a_unit() -> None:
    assert middle(parse_when("2021-10-05T12:12Z")).isoformat() == "2021-10-05T12:12:30+00:00"
    assert middle(parse_when("2021-10-05T12:12:31Z")).isoformat().endswith("12:12:31.500000+00:00")
    assert middle(LAUNCH_MS) == LAUNCH_MS.instant
    day = middle(parse_when("2021-11-06[Europe/Moscow]"))
    assert day.isoformat() == "2021-11-06T09:00:00+00:00"  # noon in Moscow
    month = middle(parse_when("2021-02[UTC]"))
    assert month.isoformat() == "2021-02-15T00:00:00+00:00"


def test_between_takes_the_coarser_precision() -> None:
    landing = parse_when("2022-03-30T11:28Z")
    elapsed = between(LAUNCH_MS, landing)
    assert elapsed.precision is Precision.MINUTE
    assert elapsed.text == "176d 02h 33m"
    assert between(landing, LAUNCH_MS).text == "-176d 02h 33m"
    seconds = between(LAUNCH_MS, parse_when("2021-10-05T12:22:31Z"))
    assert seconds.precision is Precision.SECOND and seconds.text == "3h 27m 29s"


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (timedelta(days=176, hours=2, minutes=32, seconds=57), Precision.MINUTE, "176d 02h 33m"),
        (timedelta(days=176, hours=2, minutes=32, seconds=29), Precision.MINUTE, "176d 02h 32m"),
        # A day or more is shown to the minute at the finest, rounded.
        (timedelta(days=1, seconds=59.6), Precision.SECOND, "1d 00h 01m"),
        (timedelta(hours=3, minutes=27, seconds=28.6), Precision.SECOND, "3h 27m 29s"),
        (timedelta(minutes=10, seconds=31), Precision.MINUTE, "0h 11m"),
        (timedelta(days=32, hours=13), Precision.DAY, "33d"),
        (timedelta(days=533, hours=5, minutes=31), Precision.MINUTE, "533d 05h 31m"),
    ],
)
def test_format_duration_rounds(value: timedelta, precision: Precision, expected: str) -> None:
    assert format_duration(value, precision) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (timedelta(days=11, hours=19, minutes=40), "about 12 days"),
        (timedelta(days=190, hours=20, minutes=53), "about 191 days"),
        (timedelta(minutes=10, seconds=1), "about 10 min"),
        (timedelta(minutes=10, seconds=31), "about 11 min"),
        (timedelta(seconds=42), "about 42 s"),
    ],
)
def test_humanize_rounds(value: timedelta, expected: str) -> None:
    assert humanize(value) == expected


@pytest.mark.parametrize(
    ("at", "planned", "expected"),
    [
        # The bundled docking: 12:22:31 against a plan known to the minute, 12:12.
        ("2021-10-05T12:22:31Z", "2021-10-05T12:12Z", "0h 10m late"),
        # MS-18's landing: known to the minute, against a plan given to the second.
        ("2021-10-17T07:35+03:00", "2021-10-17T07:35:42+03:00", "in the same minute"),
        # MS-19's undocking: to the second, against a plan known to the minute.
        ("2022-03-30T07:21:03Z", "2022-03-30T09:21+02:00", "in the same minute"),
        ("2021-10-05T12:00:00Z", "2021-10-05T12:00:00Z", "on time"),
        ("2021-10-05T12:00:00Z", "2021-10-05T12:00:42Z", "0h 00m 42s early"),
        ("2021-10-05T15:00Z", "~2021-10-05T14:05Z", "0h 55m late"),
        ("2021-11-08[UTC]", "2021-11-06[UTC]", ""),
    ],
)
def test_delay_at_the_coarser_precision(at: str, planned: str, expected: str) -> None:
    assert delay(parse_when(at), parse_when(planned)) == expected


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2021-10-05T08:55Z", "2021-10-05T08:55:02.442Z"),
        ("2021-10-05T08:55:02.442Z", "2021-10-05T08:55:03Z"),
        ("2021-10-05T12:12+02:00", "2021-10-05T10:02:31Z"),
        ("2022-03-30T11:28:26Z", "2021-10-05T08:55:02.001Z"),
        ("2021-10-05T08:55:02.999Z", "2021-10-05T08:55:02.000Z"),
    ],
)
def test_between_timed_is_between_of_the_instants(start: str, end: str) -> None:
    """The exports' column path: the same `Elapsed` from instants in milliseconds."""
    first, last = parse_when(start), parse_when(end)
    millis = [round(when.instant.timestamp() * 1000) for when in (first, last)]
    timed = between_timed(millis[0], first.precision, millis[1], last.precision)
    assert timed == between(first, last)
