"""The TUI's `o`: opening another mission file, driven with Pilot.

A good file replaces the mission everywhere (and gives the old one back to the collector); a bad
one shows the loader's error and keeps the mission; paths complete.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from data.model import Mission
from data.opening import MissionError, load_mission
from tui.app import MissionTimelineApp
from tui.commands import MissionCommands
from tui.screens.error_dialog import ErrorDialog
from tui.screens.open_dialog import OpenDialog, PathSuggester

from .hostile import HOSTILE, unsafe_characters

SIZE = (120, 40)


async def _open(app: MissionTimelineApp, pilot: object, path: str) -> None:
    await pilot.press("o")  # type: ignore[attr-defined]
    assert isinstance(app.screen, OpenDialog)
    app.screen.query_one("#open-path", Input).value = path
    await pilot.press("enter")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_opening_a_good_file_replaces_the_mission_everywhere(
    app: MissionTimelineApp, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.zone = "Asia/Almaty"
        screen.apply_filter("kind:docking")
        assert screen.event_filter is not None
        await pilot.press("slash", *"peresild", "enter")
        await pilot.press("c", "j")
        assert screen.person is not None
        await _open(app, pilot, str(HOSTILE))
        hostile = screen.mission
        assert hostile.info.id == "hostile"
        assert screen.mission_path == HOSTILE
        assert screen.timeline.mission is hostile and screen.detail.mission is hostile
        assert screen.crew.mission is hostile and screen.query_bar.mission is hostile
        assert screen.header.mission_title == hostile.info.title
        assert screen.search is None and screen.event_filter is None and screen.person is None
        assert screen.anchor_event is hostile.event_by_id["launch"]
        assert screen.selected is hostile.event_by_id["launch"]
        assert screen.zone == "Asia/Almaty"  # a setting, kept
        assert screen.timeline.has_focus
        assert len(screen.timeline.shown_events) == len(hostile.events)
        commands = [command.text for command in MissionCommands(app.screen).commands()]
        assert any(text.startswith("go to: docking title") for text in commands)
        assert not any("Soyuz MS-19 docks" in text for text in commands)
        assert screen.detail.describe().plain.startswith("launch title [@click=app.quit]")
        await pilot.press("down", "enter", "z")
        assert app.is_running


async def test_a_bad_file_shows_the_loader_error_and_keeps_the_mission(
    app: MissionTimelineApp, mission: Mission, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text('format = 1\n[mission]\nid = "x"\ntitle = [\n', encoding="utf-8")
    with pytest.raises(MissionError) as raised:
        load_mission(bad)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.timeline.select_event("docking")
        await pilot.pause()
        await _open(app, pilot, str(bad))
        dialog = app.screen
        assert isinstance(dialog, ErrorDialog)
        shown = dialog.query_one("#error-dialog-message", Static).render()
        assert str(shown) == str(raised.value)
        await pilot.press("enter")
        assert not isinstance(app.screen, ErrorDialog)
        assert screen.mission is mission
        assert screen.selected is mission.event_by_id["docking"]
        assert screen.timeline.mission is mission


async def test_a_missing_file_and_a_folder_are_errors_too(
    app: MissionTimelineApp, mission: Mission, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        for path in (tmp_path / "nowhere.toml", tmp_path):
            await _open(app, pilot, str(path))
            dialog = app.screen
            assert isinstance(dialog, ErrorDialog)
            text = str(dialog.query_one("#error-dialog-message", Static).render())
            assert str(path) in text and "\n" not in text.strip()
            await pilot.press("escape")
        assert app.main_screen.mission is mission


async def test_an_error_naming_control_characters_shows_them_as_placeholders(
    app: MissionTimelineApp, tmp_path: Path
) -> None:
    name = tmp_path / "evil\x1b]52;c;aGk=\x07[@click=app.quit]x[/].toml"
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, str(name))
        dialog = app.screen
        assert isinstance(dialog, ErrorDialog)
        text = str(dialog.query_one("#error-dialog-message", Static).render())
        assert "[@click=app.quit]x[/]" in text
        assert unsafe_characters(text) == []
        assert app.is_running


async def test_the_open_dialog_cancels_and_refuses_an_empty_path(
    app: MissionTimelineApp, mission: Mission
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "enter")
        assert isinstance(app.screen, OpenDialog)
        assert "Type the path" in str(app.screen.query_one("#open-error", Static).render())
        await pilot.press("escape")
        assert not isinstance(app.screen, OpenDialog)
        assert app.main_screen.mission is mission


async def test_paths_complete(tmp_path: Path) -> None:
    (tmp_path / "missions").mkdir()
    (tmp_path / "mission-a.toml").write_text("", encoding="utf-8")
    (tmp_path / ".hidden.toml").write_text("", encoding="utf-8")
    suggester = PathSuggester()
    folder = str(tmp_path)
    assert await suggester.get_suggestion(f"{folder}/mission-") == f"{folder}/mission-a.toml"
    assert await suggester.get_suggestion(f"{folder}/missions") == f"{folder}/missions/"
    assert await suggester.get_suggestion(f"{folder}/m") == f"{folder}/mission-a.toml"
    assert await suggester.get_suggestion(f"{folder}/.h") == f"{folder}/.hidden.toml"
    assert await suggester.get_suggestion(f"{folder}/x") is None
    assert await suggester.get_suggestion(f"{folder}/nothing/here") is None


async def test_opening_another_mission_gives_the_old_one_back_to_the_collector(
    app: MissionTimelineApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app freezes what is alive once a mission is shown (out of the cyclic collector's
    way); opening another mission unfreezes it first, then freezes the new one's."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() > 0
        frozen_when_unfreezing: list[int] = []
        unfreeze = gc.unfreeze

        def recorded_unfreeze() -> None:
            frozen_when_unfreezing.append(gc.get_freeze_count())
            unfreeze()

        monkeypatch.setattr(gc, "unfreeze", recorded_unfreeze)
        await _open(app, pilot, str(HOSTILE))
        assert app.main_screen.mission.info.id == "hostile"
        assert frozen_when_unfreezing and frozen_when_unfreezing[0] > 0
        assert gc.get_freeze_count() > 0
