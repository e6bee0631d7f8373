"""The mission clock on screen (issue 16): replay from an event, pause, speeds, `--at`, live
mode, NO_COLOR and 80x24, with a fake real clock the tests move by hand.

A test moves the fake real clock, then refreshes as the screen's timer would
(`refresh_clock(tick=True)`), or waits for the timer itself (`until`): never a fixed sleep.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from data.clock.start import clock_start
from data.model import Mission
from data.opening import load_mission
from tests.clock.conftest import FakeRealClock
from tui.app import MissionTimelineApp, make_app
from tui.cli.app import run
from tui.config import Config
from tui.screens.mission.screen import MissionScreen

from .conftest import row_text
from .screen_text import screen_lines
from .waiting import until

SIZE = (120, 40)
SOON = Path(__file__).parent / "fixtures" / "soon-mission.toml"
"""Events a minute before and five and fourteen minutes after the fake real clock's start."""


def _app(mission: Mission, real: FakeRealClock, **options: object) -> MissionTimelineApp:
    return make_app(mission, config=Config(), save_settings=False, real=real, **options)  # type: ignore[arg-type]


def _header(app: MissionTimelineApp) -> str:
    return screen_lines(app)[0]


def _tick(screen: MissionScreen) -> None:
    """What the screen's timer does when it fires."""
    screen.refresh_clock(tick=True)


@pytest.fixture
def real() -> FakeRealClock:
    return FakeRealClock()


async def test_no_clock_and_no_timer_until_a_clock_key(
    mission: Mission, real: FakeRealClock
) -> None:
    app = _app(mission, real)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert screen.clock is None and screen._timer is None
        assert "▶" not in _header(app).split("Soyuz")[0]
        assert row_text(screen.timeline, "launch").startswith("▶ ")  # no clock mark


async def test_replay_from_the_selected_event_pause_and_speeds(
    mission: Mission, real: FakeRealClock
) -> None:
    app = _app(mission, real)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.go_to_event("launch")
        await pilot.press("space")
        await until(pilot, lambda: "▶ 1x 2021-10-05 08:55:02 UTC" in _header(app), "playing")
        assert screen._timer is not None
        assert "next Orbit insertion" in _header(app)
        assert row_text(screen.timeline, "launch").startswith("▶•")  # now, under the cursor
        real.advance(1)
        _tick(screen)
        await pilot.pause()
        assert "2021-10-05 08:55:03 UTC" in _header(app)
        # Faster: 10x, then 60x (shown to the minute); the time never jumps.
        await pilot.press("greater_than_sign", "greater_than_sign")
        await until(pilot, lambda: "▶ 60x 2021-10-05 08:55 UTC" in _header(app), "60x")
        real.advance(10 * 60)  # ten real minutes: ten hours of mission time at 60x
        _tick(screen)
        await until(pilot, lambda: "18:55 UTC" in _header(app), "ten hours later")
        # The selection followed the clock to the last event it reached, and it was named.
        last = screen._shown.last if screen._shown else None
        assert last is not None and last.id == "hatch-open"
        await until(pilot, lambda: screen.selected == last, "the selection follows")
        assert row_text(screen.timeline, "launch")[1] == "✓"
        notices = [n.message for n in app._notifications]
        assert any(m.startswith("Passed ") and last.title in m for m in notices)
        # Pause: the clock stands, no timer runs, nothing changes however long it waits.
        await pilot.press("space")
        await until(pilot, lambda: "❚❚ paused 2021-10-05 18:55 UTC" in _header(app), "paused")
        assert screen._timer is None
        real.advance(3600)
        screen.refresh_clock()
        await pilot.pause()
        assert "❚❚ paused 2021-10-05 18:55 UTC" in _header(app)
        # Slower, down to 1x and no further; play resumes where it paused.
        await pilot.press(*["less_than_sign"] * 4)
        await pilot.press("space")
        await until(pilot, lambda: "▶ 1x 2021-10-05 18:55:" in _header(app), "1x again")
        # Paused, then another event chosen: play starts from it.
        await pilot.press("space")
        await until(pilot, lambda: "❚❚ paused" in _header(app), "paused again")
        screen.go_to_event("docking")
        await pilot.press("space")
        await until(pilot, lambda: "▶ 1x 2021-10-05 12:22:31 UTC" in _header(app), "docking")


async def test_one_event_reached_is_announced_by_name(
    mission: Mission, real: FakeRealClock
) -> None:
    app = _app(mission, real, clock=clock_start(mission, "launch", "600", live=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await until(pilot, lambda: "▶ 600x" in _header(app), "playing at 600x")
        assert screen.selected is not None and screen.selected.id == "launch"
        real.advance(1.5)  # 15 minutes of mission time: past the orbit insertion (09:04)
        _tick(screen)
        await pilot.pause()
        assert screen.selected is not None and screen.selected.id == "orbit-insertion"
        messages = [n.message for n in app._notifications]
        assert f"Now: {screen.selected.title}" in messages


@pytest.mark.parametrize(
    ("at", "shown", "selected"),
    [
        ("docking", "2021-10-05 12:22:31 UTC", "docking"),
        ("2021-10-05T09:00:00Z", "2021-10-05 09:00:00 UTC", "launch"),
        ("2021-10-05T12:00+03:00", "2021-10-05 09:00:00 UTC", "launch"),
    ],
)
async def test_at_opens_the_clock_standing_at_an_event_or_a_time(
    mission: Mission, real: FakeRealClock, at: str, shown: str, selected: str
) -> None:
    app = _app(mission, real, clock=clock_start(mission, at, None, live=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await until(pilot, lambda: f"❚❚ paused {shown}" in _header(app), f"the clock at {at}")
        await until(
            pilot, lambda: screen.selected is not None and screen.selected.id == selected, at
        )
        assert screen._timer is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--at", "dockng"], "--at: no event with id 'dockng' in this mission (did you mean"),
        (["--at", "2021-10-05T25:00Z"], "--at: "),
        (["--speed", "0.5"], "--speed: not a speed: '0.5' (a speed from 1x to 10,000x"),
        (["--speed", "fast"], "--speed: not a speed: 'fast'"),
        (["--live", "--speed", "60"], "--live follows the real clock"),
    ],
)
def test_bad_clock_options_are_one_line_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(argv) == 64
    err = capsys.readouterr().err
    assert err.startswith(f"mission-timeline: {message}") and err.count("\n") == 1


async def test_live_countdown_ticks_and_an_event_turns_past_without_a_key(
    real: FakeRealClock,
) -> None:
    soon = load_mission(SOON)
    app = _app(soon, real, clock=clock_start(soon, None, None, live=True))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await until(pilot, lambda: "next Liftoff T-00:05:00" in _header(app), "five minutes")
        assert "● live 2026-05-28 20:26:40 UTC" in _header(app)
        assert row_text(screen.timeline, "go")[1] == "✓"
        assert row_text(screen.timeline, "liftoff")[1] == " "
        # The screen's own timer shows the next second: no key, no call from the test.
        real.advance(1)
        await until(pilot, lambda: "next Liftoff T-00:04:59" in _header(app), "a second on")
        real.advance(299)
        await until(pilot, lambda: "next Orbit T-00:09:00" in _header(app), "liftoff now")
        await until(pilot, lambda: row_text(screen.timeline, "liftoff")[1] == "•", "now")
        real.advance(1)
        await until(pilot, lambda: row_text(screen.timeline, "liftoff")[1] == "✓", "past")
        # The time since it grows, a second at a time.
        await until(pilot, lambda: "· last event T+00:00:01" in _header(app), "a second since")
        real.advance(1)
        await until(pilot, lambda: "· last event T+00:00:02" in _header(app), "two seconds")
        assert screen.selected is not None and screen.selected.id == "liftoff"


async def test_a_mission_happening_now_opens_live(real: FakeRealClock) -> None:
    """With no clock option, a mission whose span holds the present follows the real clock
    (its countdown ticking); the bundled mission, long past, opens with no clock."""
    soon = load_mission(SOON)
    app = _app(soon, real)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "● live 2026-05-28 20:26:40 UTC" in _header(app), "live")
        assert "next Liftoff T-00:05:00" in _header(app)
    real.advance(3 * 3600)  # the mission's last phase ended at 21:00: no longer happening
    app = _app(soon, real)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.main_screen.clock is None


async def test_the_live_key_follows_the_real_clock(mission: Mission, real: FakeRealClock) -> None:
    app = _app(mission, real)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("full_stop")
        await until(pilot, lambda: "● live 2026-05-28 20:26:40 UTC" in _header(app), "live")
        # Every event of 2021-2022 is past; none is next.
        assert "next " not in _header(app)
        assert row_text(app.main_screen.timeline, "launch")[1] == "✓"


async def test_no_color_and_80x24(real: FakeRealClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without colour the state is a sign and a word, the rows' marks are signs; at 80x24
    the clock, its speed and the countdown fit, the mission's title shrinking first."""
    monkeypatch.setenv("NO_COLOR", "1")
    mission = load_mission(SOON)
    app = _app(mission, real, clock=clock_start(mission, None, None, live=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "T-00:05:00" in _header(app), "the countdown")
        header = _header(app)
        assert "● live 2026-05-28 20:26:40 UTC  next Liftoff T-00:05:00" in header
        assert header.startswith(" A launch")
        assert row_text(app.main_screen.timeline, "go")[1] == "✓"


async def test_80_columns_shrink_the_title_then_the_next_event(
    mission: Mission, real: FakeRealClock
) -> None:
    app = _app(mission, real, clock=clock_start(mission, "launch", None, live=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "❚❚ paused" in _header(app), "the clock")
        header = _header(app)
        assert header.rstrip().endswith("~T-00:09")  # the countdown is kept whole
        assert "Soyuz MS-19" in header and "…" in header  # the titles shrink
        assert "2021-10-05 08:55:02 UTC" in header


async def test_the_count_aboard_follows_the_clock(mission: Mission, real: FakeRealClock) -> None:
    """Before the launch the station's three are aboard; a minute after it, the three who
    launched too (at 10,000x, a real tenth of a second is 17 minutes of mission time)."""
    start = clock_start(mission, "2021-10-05T08:54:00Z", "10000", live=False)
    app = _app(mission, real, clock=start)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "08:54 UTC · last event" in _header(app), "the clock")
        assert "· 3 aboard" in _header(app)
        real.advance(0.1)
        app.main_screen.refresh_clock(tick=True)
        await until(pilot, lambda: "09:10 UTC · last event" in _header(app), "17 minutes on")
        assert "· 6 aboard" in _header(app)
        crew = app.main_screen.crew  # the crew pane shows everyone at the event reached
        await until(pilot, lambda: crew.at is not None and crew.at.id == "orbit-insertion", "")


async def test_the_clock_reads_the_events_the_filter_keeps(
    mission: Mission, real: FakeRealClock
) -> None:
    """After the docking the next event is the hatches' opening; with `kind:docking` kept,
    it is the next docking (Prichal's, in November)."""
    start = clock_start(mission, "2021-10-05T12:30:00Z", None, live=False)
    app = _app(mission, real, clock=start)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen

        def next_id() -> str | None:
            shown = screen._shown
            return None if shown is None or shown.next is None else shown.next.id

        await until(pilot, lambda: next_id() == "hatch-open", "the whole list")
        assert "next Hatches" in _header(app)
        screen.apply_filter("kind:docking")
        await until(pilot, lambda: next_id() == "prichal-docking", "the filter's next")
        assert "next Prichal" in _header(app)
        assert row_text(app.main_screen.timeline, "docking")[1] == "✓"


async def test_the_time_axis_draws_the_clock_as_a_line(
    mission: Mission, real: FakeRealClock
) -> None:
    """`┆` down the view at the clock's column, where nothing else is drawn; none without
    a clock."""
    app = _app(mission, real)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("v")
        await until(pilot, lambda: screen.axis.scale is not None, "the view's scale")
        assert not any("┆" in line for line in screen_lines(app))
        start = clock_start(mission, "2022-10-01T00:00Z", None, live=False)
        assert start is not None
        screen.set_clock(start.clock(real, None))
        await until(pilot, lambda: screen.axis.clock_at is not None, "the clock on the axis")
        await pilot.pause()
        lines = [line for line in screen_lines(app) if "┆" in line]
        assert len(lines) > 3  # down the lanes, in one column
        assert {line.index("┆") for line in lines} == {lines[0].index("┆")}


async def test_the_timer_fires_once_per_visible_change(
    mission: Mission, real: FakeRealClock
) -> None:
    """The one timer is set for the moment the shown clock next changes: at 1x (shown to
    the second) the rest of the current second; at 60x (shown to the minute) the real time
    until the next mission minute, so a clock that moves a minute a second is redrawn once a
    second, not at every tick."""
    app = _app(mission, real)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.go_to_event("launch")  # 08:55:02.442
        await pilot.press("space")
        await until(pilot, lambda: "▶ 1x" in _header(app), "playing at 1x")
        assert screen._timer is not None
        assert screen._timer._interval == pytest.approx(1 - 0.442, abs=2e-3)
        await pilot.press("greater_than_sign", "greater_than_sign")
        await until(pilot, lambda: "▶ 60x" in _header(app), "playing at 60x")
        assert screen._timer is not None
        assert screen._timer._interval == pytest.approx((60 - 2.442) / 60, abs=2e-3)


async def test_after_a_suspend_the_clock_is_where_it_would_have_been(
    mission: Mission, real: FakeRealClock
) -> None:
    """Stopped for an hour (`ctrl+z`, then `fg`: the real clock moved on, no timer fired),
    the next refresh shows the moment the clock would have reached: start + speed x elapsed."""
    app = _app(mission, real)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.go_to_event("launch")
        await pilot.press("space", "greater_than_sign", "greater_than_sign")
        await until(pilot, lambda: "▶ 60x 2021-10-05 08:55 UTC" in _header(app), "60x")
        real.advance(3600)  # an hour at 60x: 60 hours of mission time
        _tick(screen)
        await until(pilot, lambda: "2021-10-07 20:55 UTC" in _header(app), "60 hours later")
