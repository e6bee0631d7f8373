"""The clock as shown: a reading cut to a second or a minute by speed, and the real time to
the next visible change (one refresh per change, at most ten a second, none when stopped)."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.clock.clock import SPEEDS, MissionClock
from data.clock.reading import (
    MAX_CHANGES,
    Reading,
    clock_reading,
    reading_at,
    refresh_delay,
    shown_precision,
)
from data.times.parse import Precision
from tests.clock.conftest import FakeRealClock, utc

SECOND, MINUTE = Precision.SECOND, Precision.MINUTE


def test_a_reading_is_the_unit_that_holds_the_moment() -> None:
    moment = utc("2021-10-05T08:50:59.75")
    second = reading_at(moment, SECOND)
    assert (second.start, second.end) == (utc("2021-10-05T08:50:59"), utc("2021-10-05T08:51:00"))
    assert second.when.text == "2021-10-05T08:50:59Z"
    assert second.when.precision is SECOND
    minute = reading_at(moment, MINUTE)
    assert minute.when.text == "2021-10-05T08:50Z"
    assert minute.first == datetime(2021, 10, 5, 8, 50, tzinfo=UTC)
    assert minute.after == datetime(2021, 10, 5, 8, 51, tzinfo=UTC)
    assert minute.last == datetime(2021, 10, 5, 8, 50, 59, 999_000, tzinfo=UTC)


def test_before_1970_a_reading_still_holds_its_moment() -> None:
    reading = reading_at(utc("1961-04-12T06:07:00.5"), MINUTE)
    assert reading.when.text == "1961-04-12T06:07Z"


@pytest.mark.parametrize(
    ("speed", "precision"),
    [(1, SECOND), (10, SECOND), (60, MINUTE), (600, MINUTE), (3_600, MINUTE), (10_000, MINUTE)],
)
def test_the_shown_unit_coarsens_with_speed(speed: float, precision: Precision) -> None:
    assert shown_precision(speed) is precision


@pytest.mark.parametrize(
    ("speed", "delay"),
    [
        (1, 0.75),  # the next second, a quarter of a second into this one
        (60, 45 / 60),  # minutes: 45 s of the minute left, at 60 s a second
        (1_000, 59.75 / 1_000),  # minutes would change 16.7 times a second: capped at 10
        (10_000, 59.75 / 10_000),
    ],
)
def test_the_next_visible_change(speed: float, delay: float) -> None:
    real = FakeRealClock()
    moment = utc("2021-10-05T08:50:15") if speed == 60 else utc("2021-10-05T08:50:00.25")
    clock = MissionClock.stopped_at(moment, real).at_speed(speed).resumed()
    found = refresh_delay(clock, clock_reading(clock))
    assert found == pytest.approx(max(delay + 0.001, 1 / MAX_CHANGES), abs=1e-6)


def test_no_timer_while_the_clock_stands_still() -> None:
    real = FakeRealClock()
    clock = MissionClock.stopped_at(utc("2021-10-05T08:50:00"), real)
    assert refresh_delay(clock, clock_reading(clock)) is None
    assert refresh_delay(clock.resumed().paused(), clock_reading(clock)) is None


def refreshes(clock: MissionClock, real: FakeRealClock, seconds: float) -> list[Reading]:
    """What a surface shows over `seconds` of real time, refreshing when `refresh_delay`
    says (the fake real clock moves from one timer to the next)."""
    shown = [clock_reading(clock)]
    end = real() + seconds
    while True:
        delay = refresh_delay(clock, shown[-1])
        assert delay is not None
        if real() + delay > end:
            return shown
        real.advance(delay)
        shown.append(clock_reading(clock))


@pytest.mark.parametrize("speed", SPEEDS)
def test_one_refresh_per_visible_change_at_most_ten_a_second(speed: float) -> None:
    """Up to 600x every refresh shows the next reading, none missed and none twice; above,
    the refresh is capped at ten a second and the reading moves on by several minutes."""
    real = FakeRealClock()
    clock = MissionClock.stopped_at(utc("2021-10-05T08:50:00"), real).at_speed(speed).resumed()
    shown = refreshes(clock, real, 10)
    steps = {after.start - before.start for before, after in pairwise(shown)}
    unit = 1 if shown_precision(speed) is SECOND else 60
    changes = min(speed / unit, MAX_CHANGES)
    assert len(shown) - 1 == pytest.approx(10 * changes, abs=1)
    if speed <= 600:
        assert steps == {unit}
    else:
        # A tenth of a second of mission time, give or take the unit the reading is cut to.
        assert all(abs(step - speed / MAX_CHANGES) <= unit for step in steps)


def test_live_refreshes_on_each_wall_clock_second() -> None:
    real = FakeRealClock()
    real.advance(0.4)
    shown = refreshes(MissionClock.following(real), real, 5)
    assert [reading.start for reading in shown] == [
        pytest.approx(real.ns // 10**9 - n) for n in range(len(shown) - 1, -1, -1)
    ]
    assert len(shown) == 6


@given(st.floats(-2e9, 5e9, allow_nan=False), st.sampled_from([SECOND, MINUTE]))
def test_a_reading_holds_its_moment(moment: float, precision: Precision) -> None:
    reading = reading_at(moment, precision)
    assert reading.start <= moment < reading.end
    assert reading.when.instant.timestamp() == reading.start
