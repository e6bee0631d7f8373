"""What the first screen leaves out until it is asked for (issue 17: start-up), and that it
comes when it is: the time-axis view and its ruler until `v`; on a small terminal (one pane
at a time), the crew pane's list and facts until `c` or a larger terminal shows the pane."""

from __future__ import annotations

from data.bundled import load_bundled
from tui.app import MissionTimelineApp, make_app
from tui.widgets.crew_list import CrewList
from tui.widgets.scroll_text import ScrollText

from .waiting import until


def _app() -> MissionTimelineApp:
    return make_app(load_bundled(), save_settings=False)


async def test_the_time_axis_view_is_mounted_when_first_shown() -> None:
    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main_screen
        await pilot.pause()
        assert not screen.query("#axis") and not screen.query("#ruler")
        await pilot.press("v")
        await until(pilot, lambda: screen.axis.has_focus, "the time-axis view focused")
        assert screen.axis.display and screen.ruler.display
        assert screen.axis.region.height > 0 and screen.ruler.region.height == 1
        await pilot.press("v")
        await until(pilot, lambda: screen.timeline.has_focus, "the list focused again")
        assert not screen.axis.display and not screen.ruler.display


async def test_on_a_small_terminal_the_crew_list_waits_for_c() -> None:
    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main_screen
        await pilot.pause()
        assert not screen.crew.children, "nothing of the hidden crew pane is mounted"
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.focused, CrewList), "the crew list focused")
        assert screen.crew.region.height > 0, "the pane shows in the detail's place"
        assert screen.crew.crew_list.option_count == len(app.main_screen.mission.people)
        await pilot.press("j")
        await until(pilot, lambda: screen.person is not None, "a person chosen")
        assert "Select a person" not in screen.crew.describe().plain


async def test_the_crew_pane_is_built_when_a_larger_terminal_shows_it() -> None:
    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main_screen
        await pilot.pause()
        assert not screen.crew.children
        await pilot.resize_terminal(120, 40)
        await until(pilot, lambda: bool(screen.query("#crew-list")), "the crew list mounted")
        await until(
            pilot, lambda: screen.crew.crew_list.region.height > 0, "the crew list on screen"
        )
        await pilot.press("c", "j")
        await until(pilot, lambda: screen.person is not None, "a person chosen")
        screen.timeline.select_event("docking")  # the facts follow the selected event
        docking = screen.mission.event_by_id["docking"].title
        await until(pilot, lambda: docking in _facts_shown(app), "the facts at the docking")


def _facts_shown(app: MissionTimelineApp) -> str:
    """The text the crew pane's facts show."""
    return app.main_screen.query_one("#crew-facts", ScrollText).text.plain


async def test_on_a_larger_terminal_the_crew_pane_is_there_from_the_start() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.main_screen.query("#crew-list"), "shown at once: built in the first compose"
