"""The TUI's `e` (export what is on screen), `y` (copy the selected event) and `o` (open
another mission file), driven with Pilot."""

from __future__ import annotations

import csv
import gc
import io
import shutil
import threading
from pathlib import Path

import pytest
from icalendar import Calendar
from textual.widgets import Input, Select, Static

from data.export import export, make_options
from data.export.text_export import format_event
from data.facts.derived import TimeMode
from data.load.loader import MissionError, load_mission
from data.model import Mission
from tests.generated import with_event_tuple
from tui.app import MissionTimelineApp, make_app
from tui.commands import MissionCommands
from tui.screens.error_dialog import ErrorDialog
from tui.screens.export_dialog import ExportDialog
from tui.screens.open_dialog import OpenDialog, PathSuggester

from .hostile import HOSTILE, MARKUP, unsafe_characters

SIZE = (120, 40)


def _record_notes(app: MissionTimelineApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    notes: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        assert kwargs.get("markup") is False, "every notification is plain text"
        notes.append(message)
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", notify)
    return notes


async def _export(
    app: MissionTimelineApp, pilot: object, path: Path, format_name: str, zones: str | None = None
) -> None:
    """Press e, fill in the dialog, export, and wait for the worker."""
    await pilot.press("e")  # type: ignore[attr-defined]
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#format", Select).value = format_name
    await pilot.pause()  # type: ignore[attr-defined]
    if zones is not None:
        dialog.query_one("#zones", Input).value = zones
    dialog.query_one("#path", Input).value = str(path)
    await pilot.click("#export")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


# ----------------------------------------------------------------- e: export


async def test_export_dialog_defaults_to_the_active_zone(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.main_screen.zone = "Europe/Brussels"
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#zones", Input).value == "Europe/Brussels"
        assert dialog.query_one("#path", Input).value == "soyuz-ms-19.txt"
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportDialog)


async def test_text_export_is_what_is_on_screen(
    app: MissionTimelineApp, mission: Mission, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = _record_notes(app, monkeypatch)
    target = tmp_path / "out.txt"
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.zone = "Europe/Brussels"
        screen.apply_filter("kind:docking,undocking")
        assert screen.event_filter is not None
        await pilot.press("t")  # T-/T+ from launch
        await _export(app, pilot, target, "text")
        assert app.is_running
    expected = io.StringIO(newline="")
    options = make_options(
        mission,
        zones=["Europe/Brussels"],
        relative_to="launch",
        mode=TimeMode.T_MINUS,
        filter_text="kind:docking,undocking",
    )
    export(mission, "text", options, expected)
    assert target.read_text(encoding="utf-8") == expected.getvalue()
    assert "T-/T+ launch" in expected.getvalue() and "Filter: " in expected.getvalue()
    assert notes[-1] == f"Plain text written to {target}"


async def test_relative_mode_and_anchor_are_exported(
    app: MissionTimelineApp, mission: Mission, tmp_path: Path
) -> None:
    target = tmp_path / "met.md"
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.timeline.select_event("docking")
        await pilot.press("r", "t")  # T-/T+ from the docking, then mission elapsed time
        assert screen.mode is TimeMode.MET
        await _export(app, pilot, target, "md", zones="UTC, stated")
    expected = io.StringIO(newline="")
    options = make_options(
        mission, zones=["UTC", "stated"], relative_to="docking", mode=TimeMode.MET
    )
    export(mission, "md", options, expected)
    assert target.read_text(encoding="utf-8") == expected.getvalue()


async def test_csv_export_parses_back_with_the_filter_applied(
    app: MissionTimelineApp, mission: Mission, tmp_path: Path
) -> None:
    target = tmp_path / "dockings.csv"
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.apply_filter("kind:docking")
        assert screen.event_filter is not None
        await _export(app, pilot, target, "csv", zones="UTC, Asia/Almaty")
    with target.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    dockings = [event for event in mission.events if event.kind.value == "docking"]
    assert len(rows) == len(dockings) + 1
    assert "Asia/Almaty" in rows[0]


async def test_ics_export_parses_back(
    app: MissionTimelineApp, mission: Mission, tmp_path: Path
) -> None:
    target = tmp_path / "mission.ics"
    async with app.run_test(size=SIZE) as pilot:
        await _export(app, pilot, target, "ics")
    calendar = Calendar.from_ical(target.read_text(encoding="utf-8"))
    assert len(calendar.walk("VEVENT")) == len(mission.events)


async def test_json_export_loads_back_whatever_the_filter(
    app: MissionTimelineApp, mission: Mission, tmp_path: Path
) -> None:
    target = tmp_path / "copy.json"
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.apply_filter("kind:launch")
        assert screen.event_filter is not None
        await _export(app, pilot, target, "json")
    assert with_event_tuple(load_mission(target)) == with_event_tuple(mission)


async def test_an_existing_file_is_never_replaced(
    app: MissionTimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = _record_notes(app, monkeypatch)
    target = tmp_path / "keep.txt"
    target.write_text("precious\n", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await _export(app, pilot, target, "text")
        assert app.is_running
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert [path.name for path in tmp_path.iterdir() if path.suffix == ".tmp"] == []
    assert notes[-1] == (
        f"Not exported: {target} already exists and was left as it is; choose another file name"
    )


async def test_the_mission_file_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "mission.json"
    shutil.copy(HOSTILE, tmp_path / "hostile.toml")
    mission = load_mission(tmp_path / "hostile.toml")
    source.write_bytes((tmp_path / "hostile.toml").read_bytes())
    app = make_app(mission, mission_path=source)
    notes = _record_notes(app, monkeypatch)
    before = source.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await _export(app, pilot, source, "json")
    assert source.read_bytes() == before
    assert notes[-1] == (
        f"Not exported: {source} is the mission file being read; choose another file name"
    )


async def test_a_folder_that_does_not_exist_gives_one_line(
    app: MissionTimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = _record_notes(app, monkeypatch)
    target = tmp_path / "missing" / "out.txt"
    async with app.run_test(size=SIZE) as pilot:
        await _export(app, pilot, target, "text")
        assert app.is_running
    assert notes[-1] == f"Not exported: cannot create {target}: No such file or directory"
    assert not target.parent.exists()


async def test_a_relative_path_and_dash_are_files_in_the_working_folder(
    app: MissionTimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _export(app, pilot, Path("-"), "text")
    # "-" is not standard output here: that is the screen.
    assert (tmp_path / "-").read_text(encoding="utf-8").startswith("Soyuz MS-19")


async def test_the_screen_keeps_answering_while_an_export_runs(
    app: MissionTimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_export(*args: object) -> None:
        started.set()
        assert release.wait(10)
        export(*args)  # type: ignore[arg-type]

    monkeypatch.setattr("data.export.export", slow_export)
    target = tmp_path / "slow.txt"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.click("#export")
        assert started.wait(10)
        await pilot.press("z")  # handled while the export is still waiting
        assert app.main_screen.zone != "UTC"
        assert not target.exists()
        release.set()
        await app.workers.wait_for_complete()
    assert target.exists()


# ----------------------------------------------------------------- y: copy


async def test_y_copies_the_selected_event_as_the_text_export_shows_it(
    app: MissionTimelineApp, mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = _record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.timeline.select_event("docking")
        screen.zone = "Europe/Brussels"
        await pilot.press("t", "y")
        copied = app.clipboard
    options = make_options(
        mission, zones=["Europe/Brussels"], relative_to="launch", mode=TimeMode.T_MINUS
    )
    assert copied == format_event(mission, mission.event_by_id["docking"], options)
    first = copied.splitlines()[0]
    assert first.startswith("2021-10-05 14:22:31 CEST (+02:00)  T+03:27:29  Soyuz MS-19 docks")
    assert "planned 2021-10-05 14:12 CEST (+02:00), 0h 10m late" in copied
    assert notes[-1] == f"Copied to the clipboard: {mission.event_by_id['docking'].title}"


async def test_y_copies_hostile_text_literally_and_without_control_characters() -> None:
    mission = load_mission(HOSTILE)
    app = make_app(mission)
    async with app.run_test(size=SIZE) as pilot:
        for event in mission.events:
            app.main_screen.timeline.select_event(event.id)
            await pilot.press("y")
            assert MARKUP in app.clipboard
            assert unsafe_characters(app.clipboard) == []
            assert "␛]52;c;aGlqYWNrZWQ=␇" in app.clipboard


# ----------------------------------------------------------------- o: open


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


async def test_no_dialog_opens_on_top_of_another(app: MissionTimelineApp) -> None:
    """The monkey test stacked dialogs by pressing e and o inside them, until layout hung."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        app.screen.query_one("#format", Select).focus()
        await pilot.press("e", "o", "y", "z", "c")
        assert len(app.screen_stack) == 2 and isinstance(app.screen, ExportDialog)
        assert app.main_screen.zone == "UTC"
        await pilot.press("escape", "question_mark", "e", "o")
        assert len(app.screen_stack) == 2 and not isinstance(app.screen, ExportDialog)
        await pilot.press("escape", "e")
        assert isinstance(app.screen, ExportDialog)


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
