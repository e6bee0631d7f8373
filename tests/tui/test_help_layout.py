"""The help screen at 80x24, at the app's narrowest and at 120x40: each explanation's lines
start under its first, and the screen shows the lines as made, none wrapped again to column 0
(issue 12, item 6)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.containers import VerticalScroll

from tui.app import MissionTimelineApp
from tui.screens.help import HelpScreen
from tui.widgets.fitted_text import FittedText

from .screen_text import region_lines


@pytest.mark.parametrize("size", [(80, 24), (60, 16), (120, 40)], ids=str)
async def test_help_lines_are_shown_as_made(app: MissionTimelineApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        width = help_screen.query_one(FittedText).content_region.width
        made = help_screen.describe(width).plain.split("\n")
        assert max(map(cell_len, made)) <= width
        keys = made[1 : made.index("Row markers (never colour alone)") - 1]
        explanation_at = next(line for line in keys if line.startswith("z ")).index("Next time")
        more = [line for line in keys if line.startswith(" ")]
        assert more, "some explanations take more than one line"
        for line in more:
            assert len(line) - len(line.lstrip()) == explanation_at, line
        body = help_screen.query_one("#help-body", VerticalScroll)
        shown = region_lines(app, body.scrollable_content_region)
        assert [line.rstrip() for line in shown] == made[: len(shown)]


async def test_help_survives_a_terminal_shrunk_to_nothing(app: MissionTimelineApp) -> None:
    """The monkey's seed 3: help open, the terminal resized to 1x1 (the help text asked for its
    height at width 0, and Rich cannot wrap to 0 cells)."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.resize_terminal(1, 1)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.return_code is None
