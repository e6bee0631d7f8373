"""Opening another tool's file in the TUI: the Open dialog (`o`) and `mission-timeline
FILE.ics` import it in memory and say how many items could not be mapped."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label

from data.opening import load_bundled, open_file
from tests.tui.notifications import record_notes
from tests.tui.waiting import until
from tui.app import make_app
from tui.config import Config
from tui.screens.open_dialog import OpenDialog

from .calendars import FIXTURES

GOOGLE = FIXTURES / "alarm_google_future.ics"
KHAL = FIXTURES / "khal_launch.ics"


async def test_the_open_dialog_imports_a_calendar_and_says_what_was_not_mapped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(load_bundled(), config=Config(), save_settings=False)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, OpenDialog), "the Open dialog is up")
        labels = " ".join(str(label.render()) for label in app.screen.query(Label))
        assert "or a file to import: iCalendar .ics/.ical, TimelineJS JSON .json" in labels
        app.screen.query_one("#open-path", Input).value = str(GOOGLE)
        await pilot.press("enter")
        screen = app.main_screen
        await until(pilot, lambda: screen.mission_path == GOOGLE, "the calendar is open")
        assert [e.title for e in screen.mission.events] == ["event with alarms"]
        await until(pilot, lambda: bool(notes), "a notice")
        assert notes[-1] == "Imported from iCalendar: 1 item could not be mapped"


async def test_a_calendar_given_on_the_command_line_says_so_at_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened = open_file(KHAL)
    assert opened.notice == "Imported from iCalendar: all mapped"
    app = make_app(opened.mission, config=Config(), save_settings=False, notice=opened.notice)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: opened.notice in notes, "the import notice")
        assert app.main_screen.mission.events[0].title == "Soyuz MS-19: launch to docking"


def test_a_mission_file_has_no_import_notice(tmp_path: Path) -> None:
    from data.opening import BUNDLED_MISSION

    assert open_file(BUNDLED_MISSION).notice is None
