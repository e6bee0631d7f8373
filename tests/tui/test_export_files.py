"""The export dialog's keys and its file: enter exports from any field, the keys are listed,
and a file that exists or cannot be written keeps everything typed.

An existing file is replaced only on the user's word (ctrl+r or Replace); the mission being
read never is; a write that fails opens the dialog again, as the user left it, on the next e.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Select, Static

from data.export import FORMATS
from data.opening import load_mission
from tui.app import MissionTimelineApp, make_app
from tui.screens.export_dialog import ExportDialog

from .hostile import HOSTILE
from .notifications import record_notes
from .waiting import until

SIZE = (120, 40)


def _dialog(app: MissionTimelineApp) -> ExportDialog:
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


def _text(dialog: ExportDialog, selector: str) -> str:
    return str(dialog.query_one(selector, Static).render())


async def _fill(
    app: MissionTimelineApp, pilot: object, path: Path, *, zones: str = "UTC, Europe/Moscow"
) -> ExportDialog:
    """Press e and type the zones and the file into the dialog."""
    await pilot.press("e")  # type: ignore[attr-defined]
    dialog = _dialog(app)
    dialog.query_one("#zones", Input).value = zones
    dialog.query_one("#path", Input).value = str(path)
    dialog.query_one("#path", Input).focus()
    await pilot.pause()  # type: ignore[attr-defined]
    return dialog


async def test_enter_on_the_format_field_exports(
    app: MissionTimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        dialog = _dialog(app)
        assert dialog.query_one("#format", Select).has_focus  # the first field
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is app.main_screen, "the dialog closed")
        await app.workers.wait_for_complete()
    assert (tmp_path / "soyuz-ms-19.txt").read_text(encoding="utf-8").startswith("Soyuz MS-19")


async def test_space_lists_the_formats(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        select = _dialog(app).query_one("#format", Select)
        await pilot.press("space")
        assert select.expanded
        await pilot.press("down", "enter")  # in the list, enter picks a format
        assert not select.expanded and select.value == list(FORMATS)[1]
        assert isinstance(app.screen, ExportDialog)


async def test_the_keys_are_shown(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        keys = _text(_dialog(app), "#keys")
        for hint in ("enter export", "tab next", "space formats", "esc cancel"):
            assert hint in keys
        assert "ctrl+r" not in keys


async def test_an_existing_file_keeps_the_dialog_open_until_the_user_says_replace(
    app: MissionTimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = record_notes(app, monkeypatch)
    target = tmp_path / "keep.txt"
    target.write_text("precious\n", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _fill(app, pilot, target)
        replace = dialog.query_one("#replace", Button)
        assert not replace.display
        await pilot.press("enter")
        assert app.screen is dialog  # still open, with everything as typed
        assert dialog.query_one("#zones", Input).value == "UTC, Europe/Moscow"
        assert dialog.query_one("#path", Input).value == str(target)
        assert f"{target} already exists: ctrl+r replaces it" in _text(dialog, "#error")
        assert "ctrl+r replace" in _text(dialog, "#keys")
        assert replace.display
        await pilot.press("enter")  # enter again never replaces
        assert app.screen is dialog and target.read_text(encoding="utf-8") == "precious\n"
        await pilot.press("end", "x")  # another name: the question is gone
        assert not replace.display and _text(dialog, "#error") == ""
        await pilot.press("backspace", "enter", "ctrl+r")
        await until(pilot, lambda: app.screen is app.main_screen, "the dialog closed")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert target.read_text(encoding="utf-8").startswith("Soyuz MS-19")
    assert "Europe/Moscow" in target.read_text(encoding="utf-8")
    assert [path.name for path in tmp_path.iterdir()] == ["keep.txt"]  # no temporary left
    assert notes[-1] == f"Plain text written to {target}"


async def test_the_replace_button_replaces(app: MissionTimelineApp, tmp_path: Path) -> None:
    target = tmp_path / "keep.csv"
    target.write_text("precious\n", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await _fill(app, pilot, target)
        await pilot.press("enter")
        await pilot.click("#replace")
        await until(pilot, lambda: app.screen is app.main_screen, "the dialog closed")
        await app.workers.wait_for_complete()
    assert target.read_text(encoding="utf-8") != "precious\n"


async def test_the_mission_file_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "mission.json"
    shutil.copy(HOSTILE, tmp_path / "hostile.toml")
    mission = load_mission(tmp_path / "hostile.toml")
    source.write_bytes((tmp_path / "hostile.toml").read_bytes())
    app = make_app(mission, mission_path=source)
    notes = record_notes(app, monkeypatch)
    before = source.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _fill(app, pilot, source)
        await pilot.press("enter", "ctrl+r")
        assert app.screen is dialog
        assert f"{source} is the mission file being read; choose another" in _text(dialog, "#error")
        assert not dialog.query_one("#replace", Button).display
        assert "ctrl+r" not in _text(dialog, "#keys")
    assert source.read_bytes() == before
    assert notes == []


async def test_a_folder_is_not_a_file(app: MissionTimelineApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _fill(app, pilot, tmp_path)
        await pilot.press("enter", "ctrl+r")
        assert app.screen is dialog
        assert f"{tmp_path} is a folder; choose another file name" in _text(dialog, "#error")


async def test_a_failed_write_opens_again_as_left(
    app: MissionTimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = record_notes(app, monkeypatch)
    target = tmp_path / "missing" / "out.md"
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _fill(app, pilot, target, zones="Asia/Almaty, stated")
        dialog.query_one("#format", Select).value = "md"
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is app.main_screen, "the dialog closed")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: bool(notes), "the outcome notified")
        problem = f"cannot create {target}: No such file or directory"
        assert notes[-1] == f"Not exported: {problem}; e opens the export again as you left it"
        await pilot.press("e")
        again = _dialog(app)
        assert again.query_one("#format", Select).value == "md"
        assert again.query_one("#zones", Input).value == "Asia/Almaty, stated"
        assert again.query_one("#path", Input).value == str(target)
        assert _text(again, "#error") == problem
        target.parent.mkdir()
        again.query_one("#path", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is app.main_screen, "the dialog closed")
        await app.workers.wait_for_complete()
        await pilot.press("e")  # written: the next export starts afresh
        assert _dialog(app).query_one("#path", Input).value == "soyuz-ms-19.txt"
    assert target.read_text(encoding="utf-8").startswith("# Soyuz MS-19")


async def test_a_file_that_appears_while_writing_is_left_and_offered_for_replacing(
    app: MissionTimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = record_notes(app, monkeypatch)
    target = tmp_path / "late.txt"

    def someone_else_writes(*args: object) -> None:
        target.write_text("theirs\n", encoding="utf-8")

    monkeypatch.setattr("data.export.export", someone_else_writes)
    async with app.run_test(size=SIZE) as pilot:
        await _fill(app, pilot, target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: bool(notes), "the outcome notified")
        assert notes[-1].startswith(f"Not exported: {target} already exists; e opens")
        await pilot.press("e", "enter")
        assert "ctrl+r replaces it" in _text(_dialog(app), "#error")
    assert target.read_text(encoding="utf-8") == "theirs\n"
