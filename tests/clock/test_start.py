"""How the command line's `--at`, `--speed` and `--live` start the clock."""

from __future__ import annotations

import pytest

from data.clock.start import ClockStart, clock_start
from data.model import Mission
from data.opening import load_bundled

from .conftest import FakeRealClock, utc


@pytest.fixture(scope="module")
def mission() -> Mission:
    return load_bundled()


def test_no_option_no_clock(mission: Mission) -> None:
    assert clock_start(mission, None, None, live=False) is None


def test_at_an_event_stands_still_at_its_instant(mission: Mission) -> None:
    start = clock_start(mission, "docking", None, live=False)
    assert start == ClockStart(mission.event_by_id["docking"].when.instant.timestamp())
    assert start is not None
    clock = start.clock(FakeRealClock(), None)
    assert clock is not None and not clock.running


def test_a_time_without_a_zone_is_utc_and_speed_plays_from_it(mission: Mission) -> None:
    start = clock_start(mission, "2021-10-05T09:00", "600x", live=False)
    assert start == ClockStart(utc("2021-10-05T09:00:00"), 600.0)
    real = FakeRealClock()
    clock = start.clock(real, None) if start else None
    assert clock is not None and clock.running and clock.speed == 600.0
    real.advance(1)
    assert clock.now() == utc("2021-10-05T09:10:00")


def test_speed_alone_plays_from_the_event_the_app_opens_on(mission: Mission) -> None:
    start = clock_start(mission, None, "60", live=False)
    assert start is not None
    assert start.clock(FakeRealClock(), None) is None  # no event, no moment: no clock
    clock = start.clock(FakeRealClock(), 1_000.0)
    assert clock is not None and clock.now() == 1_000.0 and clock.running


def test_live_follows_the_real_clock(mission: Mission) -> None:
    start = clock_start(mission, None, None, live=True)
    real = FakeRealClock()
    clock = start.clock(real, None) if start else None
    assert clock is not None and clock.live and clock.now() == real()


@pytest.mark.parametrize(
    ("at", "speed", "live", "message"),
    [
        ("dockin", None, False, "--at: no event with id 'dockin' in this mission (did you"),
        ("2021-10-05T09:00+03:00[Asia/Tokyo]", None, False, "--at: "),
        (None, "20000", False, "--speed: not a speed: '20000'"),
        ("docking", None, True, "--live follows the real clock"),
    ],
)
def test_bad_options_say_what_is_wrong(
    mission: Mission, at: str | None, speed: str | None, live: bool, message: str
) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")):
        clock_start(mission, at, speed, live=live)
