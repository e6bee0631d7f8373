"""The mission clock: computed from the real clock (no drift at any speed, after any number
of readings or a suspend), rebased on every change, and its ladder of speeds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.clock.clock import (
    SPEEDS,
    MissionClock,
    faster,
    moment_of,
    parse_speed,
    slower,
    speed_text,
)
from data.times.parse import parse_when
from tests.clock.conftest import FakeRealClock, utc

LAUNCH_EVE = utc("2021-10-05T08:50:00")


def running(real: FakeRealClock, speed: float, moment: float = LAUNCH_EVE) -> MissionClock:
    return MissionClock.stopped_at(moment, real).at_speed(speed).resumed()


def test_no_drift_after_a_million_readings_at_every_speed() -> None:
    """Read 10^6 times, a frame (1/60 s) apart, each clock is where the closed form puts it:
    start + speed x elapsed real time. A clock that added speed x frame at each reading would
    be off by about 0.2 s at 1x after as many additions of a float."""
    real = FakeRealClock()
    clocks = [running(real, speed) for speed in SPEEDS]
    frame_ns = 16_666_667
    for _ in range(1_000_000):
        real.ns += frame_ns
        for clock in clocks:
            clock.now()
    elapsed = 1_000_000 * frame_ns / 1e9
    for clock in clocks:
        expected = LAUNCH_EVE + clock.speed * elapsed
        # The real clock's float carries about 2.4e-7 s at 2026's timestamps.
        assert clock.now() == pytest.approx(expected, abs=clock.speed * 1e-6)


def test_a_suspend_lands_where_the_clock_would_have_been() -> None:
    """`ctrl+z`, an hour, `fg`: the next reading is an hour of real time later, at speed."""
    real = FakeRealClock()
    clock = running(real, 600)
    real.advance(3_600)
    assert clock.now() == pytest.approx(LAUNCH_EVE + 600 * 3_600, abs=1e-3)


def test_a_change_of_speed_keeps_the_moment() -> None:
    real = FakeRealClock()
    clock = running(real, 60)
    real.advance(10)
    before = clock.now()
    for speed in (600.0, 1.0, 10_000.0):
        clock = clock.at_speed(speed)
        assert clock.now() == before
        real.advance(2)
        before += 2 * speed
        assert clock.now() == pytest.approx(before, abs=1e-2)  # 2.4e-7 s of real clock at 10,000x
    assert clock.faster().now() == clock.now()
    assert clock.slower().now() == clock.now()


def test_pause_stands_still_and_resume_goes_on_from_there() -> None:
    real = FakeRealClock()
    clock = running(real, 60)
    real.advance(1)
    paused = clock.paused()
    assert not paused.running
    real.advance(1_000)
    assert paused.now() == pytest.approx(LAUNCH_EVE + 60, abs=1e-4)
    resumed = paused.resumed()
    real.advance(1)
    assert resumed.now() == pytest.approx(LAUNCH_EVE + 120, abs=1e-4)
    assert resumed.resumed() is resumed
    assert resumed.toggled().running is False
    assert paused.toggled().running is True


def test_set_to_a_moment_or_an_event_keeps_running_or_not() -> None:
    real = FakeRealClock()
    launch = parse_when("2021-10-05T11:55:02.442+03:00[Europe/Moscow]")
    clock = running(real, 10).set_to(moment_of(launch))
    assert clock.running and clock.now() == utc("2021-10-05T08:55:02.442")
    real.advance(1)
    assert clock.now() == pytest.approx(utc("2021-10-05T08:55:12.442"), abs=1e-4)
    stopped = clock.paused().set_to(LAUNCH_EVE)
    real.advance(5)
    assert not stopped.running and stopped.now() == LAUNCH_EVE


def test_a_date_is_set_to_where_the_list_places_it() -> None:
    """A date is placed at its last second: the clock is inside the day, after its timed
    events, so the date is the last event reached (see data.clock.position)."""
    day = parse_when("2021-10-05[Europe/Moscow]")
    assert moment_of(day) == utc("2021-10-05T20:59:59")


def test_live_is_the_real_time_until_changed() -> None:
    real = FakeRealClock()
    live = MissionClock.following(real)
    real.advance(12.5)
    assert live.live and live.now() == real()
    assert live.moment().timestamp() == real()
    assert live.resumed().live
    assert not live.paused().live
    assert not live.faster().live
    assert not live.set_to(LAUNCH_EVE).live
    assert live.at_speed(1).live
    with pytest.raises(ValueError, match="1x"):
        MissionClock(real, 0.0, 0.0, 60.0, running=True, live=True)


def test_the_ladder_steps_and_stops_at_its_ends() -> None:
    steps = [SPEEDS[0]]
    while faster(steps[-1]) != steps[-1]:
        steps.append(faster(steps[-1]))
    assert tuple(steps) == SPEEDS == (1, 10, 60, 600, 3_600, 10_000)
    assert [slower(speed) for speed in SPEEDS] == [1, 1, 10, 60, 600, 3_600]
    # A speed between steps (from --speed) goes to the step on either side.
    assert (faster(2.5), slower(2.5)) == (10, 1)
    assert [speed_text(s) for s in (1, 600, 10_000, 2.5)] == ["1x", "600x", "10,000x", "2.5x"]


@pytest.mark.parametrize(
    ("text", "speed"), [("600", 600), ("600x", 600), (" 10,000X ", 10_000), ("2.5", 2.5)]
)
def test_speeds_as_written(text: str, speed: float) -> None:
    assert parse_speed(text) == speed


@pytest.mark.parametrize("text", ["0", "0.5x", "20000", "fast", "nan", "inf", "", "-60"])
def test_speeds_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"not a speed: .* \(a speed from 1x to 10,000x"):
        parse_speed(text)


def test_a_clock_refuses_a_speed_off_the_range() -> None:
    real = FakeRealClock()
    with pytest.raises(ValueError):
        MissionClock(real, 0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        MissionClock.stopped_at(0.0, real).at_speed(10_001)


_STEPS = st.lists(
    st.tuples(
        st.floats(0, 100, allow_nan=False),
        st.sampled_from(["read", "faster", "slower", "pause", "resume", "speed"]),
        st.sampled_from(SPEEDS),
    ),
    max_size=40,
)


@given(_STEPS)
def test_mission_time_is_the_integral_of_the_speed_and_never_goes_back(
    steps: list[tuple[float, str, float]],
) -> None:
    """Whatever the keys and the waits: mission time never goes back (no key sets it), and
    it is the sum over the waits of the speed while running (worked out here separately)."""
    real = FakeRealClock()
    clock = MissionClock.stopped_at(LAUNCH_EVE, real)
    expected = LAUNCH_EVE
    shown = clock.now()
    for wait, action, speed in steps:
        real.advance(wait)
        if clock.running:
            expected += clock.speed * wait
        clock = {
            "read": lambda c: c,
            "faster": MissionClock.faster,
            "slower": MissionClock.slower,
            "pause": MissionClock.paused,
            "resume": MissionClock.resumed,
            "speed": lambda c, s=speed: c.at_speed(s),
        }[action](clock)
        now = clock.now()
        assert now >= shown
        # A real-clock reading as a float carries 2.4e-7 s: 2.4 ms of mission time at 10,000x.
        assert now == pytest.approx(expected, abs=1e-2)
        shown = now
