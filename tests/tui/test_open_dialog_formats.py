"""The Open dialog names every format the app reads."""

from __future__ import annotations

from textual.widgets import Label

from tui.app import MissionTimelineApp
from tui.screens.open_dialog import OpenDialog

from .waiting import until


async def test_the_open_dialog_names_jsonl_and_parquet(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, OpenDialog), "the Open dialog is up")
        text = " ".join(str(label.render()) for label in app.screen.query(Label))
        assert "A .toml, .json, .jsonl or .parquet mission file" in text
