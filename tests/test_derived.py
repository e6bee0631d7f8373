"""Relative times in each mode, to each precision, on both sides of the reference."""

from __future__ import annotations

import pytest

from data.facts.derived import TimeMode, relative
from data.times.parse import parse_when

LAUNCH = parse_when("2021-10-05T08:55:02Z")


@pytest.mark.parametrize(
    ("text", "mode", "expected"),
    [
        ("2021-10-05T12:22:31Z", TimeMode.T_MINUS, "T+03:27:29"),
        ("2021-10-05T12:22Z", TimeMode.T_MINUS, "T+03:26"),
        ("2021-10-01T02:30Z", TimeMode.T_MINUS, "T-4d 06:25"),
        ("2022-03-30T11:28:26Z", TimeMode.MET, "176/02:33:24"),
        ("2021-10-01T02:30Z", TimeMode.MET, "-004/06:25"),
        ("2021-10-05T23:59Z", TimeMode.FLIGHT_DAY, "FD1"),
        ("2021-10-06T00:00Z", TimeMode.FLIGHT_DAY, "FD2"),
        ("2021-10-04T23:59Z", TimeMode.FLIGHT_DAY, "L-1"),
        ("2021-11-06[Europe/Moscow]", TimeMode.T_MINUS, "T+32d"),
        ("2021-10-04[UTC]", TimeMode.T_MINUS, "T-1d"),
        ("2021-11-06[Europe/Moscow]", TimeMode.MET, "032/--:--"),
        ("2021-11-06[Europe/Moscow]", TimeMode.FLIGHT_DAY, "FD33"),
    ],
)
def test_relative(text: str, mode: TimeMode, expected: str) -> None:
    assert relative(parse_when(text), LAUNCH, mode) == expected
