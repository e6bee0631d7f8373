"""The header's state line at 120 and 80 columns: what shrinks first (issue 12, item 5).

The explanation of the "as stated" zone goes first, whole; then the anchor's title gives up
its room, then the zone's name; a filter's count of events
and the search's count of hits stay whole, and at the narrowest the crew member goes.
"""

from __future__ import annotations

from data.facts.derived import TimeMode
from data.times.display import STATED
from tui.app import MissionTimelineApp

from .screen_text import screen_lines
from .waiting import keys_done, until


async def _busy_header(app: MissionTimelineApp, size: tuple[int, int]) -> str:
    """The state line with a long zone, T-/T+ mode, a filter, a search and a crew member."""
    async with app.run_test(size=size) as pilot:
        screen = app.main_screen
        screen.zone = "America/New_York"
        screen.mode = TimeMode.T_MINUS
        await pilot.press("f", *"person:vande", "enter")
        await pilot.press("slash", *"soyuz", "enter")
        await pilot.press("c", "j")
        await pilot.pause()
        assert screen.person is not None and screen.search is not None
        assert screen.event_filter is not None
        shown = len(screen.timeline.shown_events)
        line = screen_lines(app)[1]
        assert f" ({shown} events)" in line
        assert "search s" in line
        assert "zone US Eastern" in line  # the zone keeps the start of its name
        return line


async def test_120_columns_keep_every_field_and_cut_the_anchor_first(
    app: MissionTimelineApp,
) -> None:
    line = await _busy_header(app, (120, 40))
    assert "filter person:vande (" in line and "crew Yulia" in line
    assert "search soyuz (hit 1 of " in line  # the search's count is never cut
    assert "Launch of Soyuz MS-19" not in line and "T-/T+ from" in line


async def test_100_columns_keep_both_counts_and_let_the_crew_member_go(
    app: MissionTimelineApp,
) -> None:
    line = await _busy_header(app, (100, 30))
    assert "(hit 1 of " in line and "crew" not in line  # the crew pane still shows who
    assert "…" in line  # the zone's name and the anchor's title gave up room first


async def test_80_columns_keep_the_filter_count_and_the_search(app: MissionTimelineApp) -> None:
    line = await _busy_header(app, (80, 24))
    assert "…" in line


async def _as_stated_header(app: MissionTimelineApp, size: tuple[int, int]) -> str:
    """The state line in the "as stated" zone, T-/T+ from the launch."""
    async with app.run_test(size=size) as pilot:
        screen = app.main_screen
        screen.zone = STATED
        screen.mode = TimeMode.T_MINUS
        await until(pilot, lambda: "T-/T+" in screen_lines(app)[1], "the T-/T+ mode shown")
        return screen_lines(app)[1]


async def test_80_columns_drop_the_as_stated_explanation_before_the_time_mode(
    app: MissionTimelineApp,
) -> None:
    """The explanation of "as stated" goes whole before the time mode gives up a cell (it
    was kept whole like a count, and the time mode was cut to "T-/T+ from La…")."""
    line = await _as_stated_header(app, (80, 24))
    assert "zone as stated" in line and "time T-/T+ from Launch of Soyuz MS-19" in line
    assert "each event" not in line and "…" not in line


async def test_120_columns_keep_the_as_stated_explanation(app: MissionTimelineApp) -> None:
    line = await _as_stated_header(app, (120, 40))
    assert "zone as stated (each event in the zone its source used)" in line
    assert "time T-/T+ from Launch of Soyuz MS-19" in line


async def test_80_columns_keep_both_counts_of_a_filter_and_a_search(
    app: MissionTimelineApp,
) -> None:
    """With a filter and a search at 80 columns their texts shrink further rather than lose a
    count to the line's ellipsis (the search's "(hit 1 of 3)" was cut to "(hit 1 o…")."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", *"kind:docking", "enter", "slash", *"soyuz", "enter")
        await keys_done(pilot)
        await until(pilot, lambda: "search" in screen_lines(app)[1], "the search in the header")
        line = screen_lines(app)[1]
        assert "zone UTC" in line and "time absolute" in line, line
        assert "(4 events)" in line and "(hit 1 of 3)" in line, line
