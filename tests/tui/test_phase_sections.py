"""The timeline's sections begin at the right events: Expedition 66 at the Soyuz MS-18
undocking (01:14 UTC on 17 Oct 2021), not at its landing three and a half hours later."""

from __future__ import annotations

from tui.app import MissionTimelineApp
from tui.widgets.timeline import Timeline

from .conftest import row_text

SIZE = (120, 40)


def _section_above(timeline: Timeline, event_id: str) -> str:
    """The text of the row above an event's row (a section row if the event opens one)."""
    position = timeline.position_of(event_id)
    assert position is not None
    row = timeline.row_of_position(position) - 1
    assert timeline.position_of_row(row) is None, f"{event_id} opens no section"
    return timeline.render_line(row - timeline.scroll_offset.y).text


async def test_expedition_66_begins_at_the_ms18_undocking(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.main_screen.timeline
        timeline.select_event("ms18-undocking")
        await pilot.pause()
        assert "Expedition 66" in _section_above(timeline, "ms18-undocking")
        assert "01:14 UTC" in row_text(timeline, "ms18-undocking")
        position = timeline.position_of("ms18-landing")
        assert position is not None
        assert timeline.position_of_row(timeline.row_of_position(position) - 1) is not None


async def test_next_phase_goes_from_the_hatch_closure_to_the_undocking(
    app: MissionTimelineApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.timeline.select_event("ms18-hatch-close")
        await pilot.press("right_square_bracket")
        assert screen.selected is not None and screen.selected.id == "ms18-undocking"
        await pilot.press("left_square_bracket")  # from a phase's start, the one before
        assert screen.selected is not None and screen.selected.phase == "film-crew-aboard"
        events = list(screen.mission.events)
        assert events[events.index(screen.selected) - 1].id == "hatch-open"
