"""The palette's "Keys and help" (typed `keys` or `help`) opens the app's own help screen
(never Textual's key panel), which escape and ? close."""

from __future__ import annotations

import pytest
from textual.widgets import HelpPanel

from tui.app import MissionTimelineApp
from tui.screens.export_dialog import ExportDialog
from tui.screens.help import HelpScreen

from .waiting import palette_options, palette_shows, until

SIZE = (120, 40)


@pytest.mark.parametrize(("typed", "close"), [("keys", "escape"), ("help", "question_mark")])
async def test_the_palettes_keys_opens_the_apps_help(
    app: MissionTimelineApp, typed: str, close: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *typed)
        await palette_shows(pilot, "Keys and help")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        assert not app.query(HelpPanel) and not app.main_screen.query(HelpPanel)
        text = app.screen.describe().plain
        assert all(f"[{row.id}]" in text for row in app.key_rows())
        await pilot.press(close)
        await until(pilot, lambda: app.screen is app.main_screen, f"{close} closes the help")


async def test_no_keys_command_over_a_dialog(app: MissionTimelineApp) -> None:
    """Help never opens over a dialog, so the palette opened there does not offer it."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+p", *"quit")
        await palette_shows(pilot, "Quit")
        await pilot.press(*["backspace"] * 4, *"keys")
        await app.workers.wait_for_complete()
        await until(
            pilot,
            lambda: not any(option.startswith("Quit") for option in palette_options(pilot)),
            "the palette's search for 'keys' done",
        )
        assert not any(option.startswith("Keys") for option in palette_options(pilot))
