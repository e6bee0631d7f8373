"""Pilot tests: moving through the timeline with every navigation key, the mouse and panes."""

from __future__ import annotations

from textual import events

from data.model import Mission
from tui.app import MissionTimelineApp
from tui.widgets.crew_list import CrewList
from tui.widgets.event_detail import EventDetail
from tui.widgets.key_footer import KeyFooter
from tui.widgets.timeline import Timeline
from tui.widgets.timeline_row import CURSOR_MARK

from .conftest import row_text
from .waiting import until

SIZE = (120, 40)


def _ids(mission: Mission) -> list[str]:
    return [event.id for event in mission.events]


async def test_opens_on_the_launch_with_its_detail(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.pause()
        assert screen.selected is not None and screen.selected.id == "launch"
        assert isinstance(app.focused, Timeline)
        assert screen.detail.event is screen.selected
        assert row_text(screen.timeline, "launch").startswith(CURSOR_MARK)
        assert "Launch of Soyuz MS-19" in screen.detail.describe().plain


async def test_down_up_and_vim_keys(app: MissionTimelineApp, mission: Mission) -> None:
    ids = _ids(mission)
    start = ids.index("launch")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("down")
        assert screen.selected is not None and screen.selected.id == ids[start + 1]
        await pilot.press("j", "j")
        assert screen.selected.id == ids[start + 3]
        await pilot.press("k")
        assert screen.selected.id == ids[start + 2]
        await pilot.press("up", "up")
        assert screen.selected.id == "launch"


async def test_cursor_skips_section_rows(app: MissionTimelineApp, mission: Mission) -> None:
    ids = _ids(mission)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        timeline = screen.timeline
        # The launch is the first event of its phase: the row above it is a section row.
        launch_row = timeline.cursor_row
        assert timeline.position_of_row(launch_row - 1) is None
        await pilot.press("up")
        assert screen.selected is not None
        assert screen.selected.id == ids[ids.index("launch") - 1]
        assert timeline.cursor_row == launch_row - 2


async def test_home_end_and_vim_g_keys(app: MissionTimelineApp, mission: Mission) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("end")
        assert screen.selected is mission.events[-1]
        await pilot.press("home")
        assert screen.selected is mission.events[0]
        await pilot.press("G")
        assert screen.selected is mission.events[-1]
        await pilot.press("g")
        assert screen.selected is mission.events[0]


async def test_page_down_and_up_move_by_a_screen(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("home")
        timeline = app.main_screen.timeline
        height = timeline.scrollable_content_region.height
        await pilot.press("pagedown")
        moved = timeline.cursor_row
        assert height - 3 <= moved <= height
        await pilot.press("pageup")
        assert timeline.cursor_position == 0


async def test_brackets_jump_between_phases(app: MissionTimelineApp, mission: Mission) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("home")
        assert screen.selected is not None and screen.selected.phase == "run-up"
        phases = []
        for _ in range(20):
            await pilot.press("right_square_bracket")
            phases.append(screen.selected.phase)
        # Every press lands on the first event of a new section, until the last one.
        assert phases[0] != "run-up"
        assert phases[-1] == mission.events[-1].phase
        last = screen.selected
        await pilot.press("left_square_bracket")
        assert screen.selected is not last
        position = screen.timeline.cursor_position
        assert screen.timeline.position_of_row(screen.timeline.cursor_row - 1) is None
        assert position > 0


async def test_open_bracket_goes_to_start_of_phase_first(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("j", "j")  # inside "launch and docking"
        await pilot.press("left_square_bracket")
        assert screen.selected is not None and screen.selected.id == "launch"


async def test_enter_opens_the_detail(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("j", "enter")
        assert isinstance(app.focused, EventDetail)
        assert screen.detail.event is screen.selected


async def test_tab_and_shift_tab_move_between_panes(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, EventDetail)
        await pilot.press("tab")
        assert isinstance(app.focused, CrewList)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, EventDetail)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Timeline)


async def test_click_selects_a_row(app: MissionTimelineApp, mission: Mission) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("home")
        timeline = screen.timeline
        # Row 0 is the run-up section; rows 1.. are its events.
        await pilot.click(Timeline, offset=(10, 1 + 3))
        assert screen.selected is mission.events[2]
        assert timeline.cursor_row == 3


async def test_wheel_scrolls_without_moving_the_selection(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("home")
        timeline = screen.timeline
        selected = screen.selected
        before = timeline.scroll_offset.y
        timeline.post_message(events.MouseScrollDown(timeline, 5, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert timeline.scroll_offset.y > before
        assert screen.selected is selected


async def test_q_quits(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_double_click_opens_the_detail(app: MissionTimelineApp, mission: Mission) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("home")
        await pilot.double_click(Timeline, offset=(10, 1 + 2))
        await pilot.pause()
        assert app.main_screen.selected is mission.events[1]
        assert isinstance(app.focused, EventDetail)


async def test_footer_keeps_help_and_quit_at_80_columns(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        assert footer.compact
        shown = {key for key, active in app.screen.active_bindings.items() if active.binding.show}
        assert {"question_mark", "q", "z", "t", "slash", "f", "c"} <= shown
        # The phase keys live in the help screen, leaving the footer room at 80 columns.
        assert "left_square_bracket" not in shown
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not footer.compact


async def test_footer_follows_the_live_keys(app: MissionTimelineApp) -> None:
    """The footer rebuilds once per burst of binding changes, and still ends up current."""

    def footer_keys() -> set[str]:
        return {key.description for key in app.query_one(KeyFooter).keys}

    async with app.run_test(size=(120, 40)) as pilot:
        # The footer is rebuilt after the bindings settle: wait for it (a busy machine may
        # take several frames), never for a fixed number of pauses.
        await until(pilot, lambda: "Quit" in footer_keys(), "Quit in the footer")
        assert "Next hit" not in footer_keys()
        await pilot.press("slash", "p", "e", "r", "enter")
        await until(pilot, lambda: {"Next hit", "Clear"} <= footer_keys(), "search keys shown")
        await pilot.press("escape")
        await until(pilot, lambda: "Next hit" not in footer_keys(), "search keys gone")
        assert "Quit" in footer_keys()
