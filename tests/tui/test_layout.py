"""Sizes: 80x24 stays usable, 120x40 shows both panes, from 160 columns the panes stand beside
the timeline; a too-small terminal gets a notice and recovers."""

from __future__ import annotations

import pytest

from data.facts.person import person_facts
from data.model import Mission
from tui.app import MissionTimelineApp
from tui.screens.mission.layout import PANE_TITLES
from tui.screens.too_small import TooSmallScreen
from tui.text import looks_same
from tui.widgets.crew_list import CrewList
from tui.widgets.crew_pane import CrewPane
from tui.widgets.event_detail import EventDetail
from tui.widgets.scroll_text import ScrollText
from tui.widgets.timeline import Timeline

from .screen_text import flowing, region_lines


async def test_80x24_shows_one_pane_at_a_time(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.has_class("-one-pane")
        assert app.query_one(EventDetail).display and app.query_one(EventDetail).region.height
        assert app.query_one(CrewPane).region.height == 0
        assert app.main_screen.timeline.scrollable_content_region.height >= 6
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.focused, CrewList)
        assert app.query_one(CrewPane).region.height > 0
        assert app.query_one(EventDetail).region.height == 0
        await pilot.press("tab")  # the crew facts (scrollable)
        assert app.query_one(CrewPane).region.height > 0
        await pilot.press("tab")  # wraps round to the timeline
        await pilot.pause()
        assert isinstance(app.focused, Timeline)
        assert app.query_one(EventDetail).region.height > 0


async def test_120x40_shows_both_panes(app: MissionTimelineApp) -> None:
    """Side by side, halves until someone is chosen; then the crew pane widens for the facts."""
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.screen.has_class("-one-pane")
        detail, crew = app.query_one(EventDetail), app.query_one(CrewPane)
        assert detail.region.height > 0 and crew.region.height > 0
        assert detail.region.width == crew.region.width
        await pilot.press("c")
        await pilot.pause()
        assert crew.region.width >= 70 and detail.region.width >= 45


@pytest.mark.parametrize("event_id", ["launch", "hatch-open", "ms18-landing"])
async def test_120x40_crew_pane_shows_the_key_facts_without_scrolling(
    app: MissionTimelineApp, mission: Mission, event_id: str
) -> None:
    """Age at launch, the vehicles up and down, time in space and where the person was at
    the selected event are on screen for everyone, with the facts pane scrolled to its top."""
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        screen.timeline.select_event(event_id)
        await pilot.press("c")
        scroll = app.query_one("#crew-facts")
        for number, person in enumerate(mission.people):
            if number:
                await pilot.press("j")
            await pilot.pause()
            assert screen.person is person and scroll.scroll_y == 0
            shown = flowing(region_lines(app, scroll.scrollable_content_region))
            facts = person_facts(mission, person, screen.selected)
            assert facts.at is not None
            wanted = [f"Where at the selected event: {facts.at.where}"]
            if facts.age_at_launch is not None:
                wanted.append(f"Age at launch: {facts.age_at_launch}")
            if facts.up:
                wanted += [f"Went up on: {facts.up}", f"Came down on: {facts.down}"]
                wanted.append(f"Time in space, this mission: {facts.in_space}")
            for text in wanted:
                assert text in shown, (person.id, text, shown)


async def test_200x50_puts_the_panes_beside_the_timeline(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert screen.has_class("-beside") and not screen.has_class("-one-pane")
        timeline, detail, crew = screen.timeline.region, screen.detail.region, screen.crew.region
        assert timeline.height == app.query_one("#body").region.height  # the whole height
        assert detail.x == crew.x == timeline.right
        assert detail.y == timeline.y and detail.bottom == crew.y and crew.bottom == timeline.bottom
        assert timeline.width >= 110 and crew.width >= 70


async def test_160x24_keeps_one_pane_at_a_time_beside_the_timeline(
    app: MissionTimelineApp,
) -> None:
    async with app.run_test(size=(160, 24)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert screen.has_class("-beside") and screen.has_class("-one-pane")
        assert screen.detail.region.x == screen.timeline.region.right
        assert screen.detail.region.height == screen.timeline.region.height
        assert screen.crew.region.height == 0
        await pilot.press("c")
        await pilot.pause()
        assert screen.crew.region.height == screen.timeline.region.height
        assert screen.detail.region.height == 0


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=str)
async def test_panes_show_their_titles(app: MissionTimelineApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        shown = set()
        for key in ("j", "c"):  # at 80x24 the crew pane shows only while it has the focus
            await pilot.press(key)
            await pilot.pause()
            for pane_id, title in PANE_TITLES.items():
                region = app.query_one(f"#{pane_id}").region
                if region.height:
                    top_border = region_lines(app, region)[0]
                    # the focused pane has a heavy frame (tests/tui/test_frames.py)
                    frame = "┏━" if app.query_one(f"#{pane_id}").has_focus_within else "╭─"
                    assert top_border.startswith(f"{frame} {title} "), (pane_id, top_border)
                    shown.add(pane_id)
        assert shown == set(PANE_TITLES)


async def test_too_small_notice_and_recovery(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(50, 12)) as pilot:
        screen = app.main_screen
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = str(app.screen.query_one("#too-small-text").render())
        assert "Terminal too small" in text and "has 50x12" in text
        await pilot.press("z")  # keys other than q do nothing behind the notice
        assert screen.zone == "UTC"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not isinstance(app.screen, TooSmallScreen)
        await pilot.press("j")
        assert screen.selected is not None
        await pilot.resize_terminal(59, 30)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_pane_text_keeps_its_size_right_with_or_without_a_new_layout(
    app: MissionTimelineApp,
) -> None:
    """A pane's text skips the new layout when it can (`ScrollText.show`); moving from event
    to event, with a crew member chosen, both panes still show their current text at the
    height it needs."""
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        await pilot.press("c", "j")
        screen.timeline.focus()
        await pilot.pause()
        assert screen.person is not None and isinstance(app.focused, Timeline)
        for _ in range(12):
            await pilot.press("down")
            await pilot.pause()
            for pane, wanted in (
                (screen.crew.query_one("#crew-facts", ScrollText), screen.crew.describe()),
                (screen.detail, screen.detail.describe()),
            ):
                assert looks_same(pane.text, wanted)
                width = pane.scrollable_content_region.width
                assert pane.virtual_size.height == wanted.get_height(pane.styles.get_rules(), width)


async def test_nobody_looks_chosen_before_a_choice(app: MissionTimelineApp) -> None:
    """The crew list highlights no one until the user picks: `c` picks the first person."""
    async with app.run_test(size=(120, 40)) as pilot:
        crew_list = app.query_one(CrewList)
        await pilot.pause()
        assert crew_list.highlighted is None and app.main_screen.person is None
        await pilot.press("c")
        assert crew_list.highlighted == 0
        assert app.main_screen.person is not None
        assert app.main_screen.person.id == "shkaplerov"
