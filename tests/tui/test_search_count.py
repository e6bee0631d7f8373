"""Pilot tests of the search count in the header: `hit 3 of 10` follows the cursor, `n` and
`N`, a filter, and a new query; on a large mission it is counted in a worker."""

from __future__ import annotations

import pytest

import tui.screens.mission.searching
from data.query.search import EventSearch
from tui.app import MissionTimelineApp

from .waiting import settled

SIZE = (120, 40)


def hit_positions(app: MissionTimelineApp, query: str) -> list[int]:
    screen = app.main_screen
    search = EventSearch(screen.mission, query)
    return [i for i, e in enumerate(screen.timeline.shown_events) if search.matches(e)]


async def test_the_header_counts_the_hits_and_follows_n(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("slash", *"dock")
        hits = hit_positions(app, "dock")
        total = len(hits)
        assert total > 3
        position = screen.timeline.cursor_position
        number = hits.index(position) + 1
        assert screen.header.search_text == f"dock (hit {number} of {total})"
        await pilot.press("enter", "n")
        number = number % total + 1
        assert screen.timeline.cursor_position == hits[number - 1]
        assert screen.header.search_text == f"dock (hit {number} of {total})"
        await pilot.press("N", "N")
        number = (number - 3) % total + 1
        assert screen.header.search_text == f"dock (hit {number} of {total})"
        screen.timeline.select_position(next(i for i in range(99) if i not in hits))
        await pilot.pause()
        assert screen.header.search_text == f"dock ({total} hits)"


async def test_a_filter_recounts_and_a_miss_says_no_hits(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("slash", *"dock", "enter")
        await pilot.press("f", *"kind:docking", "enter")
        total = len(hit_positions(app, "dock"))
        assert total == len(screen.timeline.shown_events)  # every docking holds "dock"
        assert screen.header.search_text.startswith("dock (")
        assert screen.header.search_text.endswith(f" of {total})")
        screen.clear_filter()  # as the palette's "filter: clear" does
        await pilot.pause()
        assert screen.header.search_text.endswith(f" of {len(hit_positions(app, 'dock'))})")
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"zzqq")
        assert screen.header.search_text == "zzqq (no hits)"


async def test_on_a_large_mission_the_count_comes_from_a_worker(
    app: MissionTimelineApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.screens.mission.searching, "BACKGROUND_EVENTS", 0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("slash", *"peresild", "enter")
        await settled(pilot)
        total = len(hit_positions(app, "peresild"))
        assert screen.hit_count is not None and len(screen.hit_count.positions) == total
        assert screen.header.search_text.endswith(f" of {total})")
