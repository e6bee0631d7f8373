"""The TUI's `e`: the export dialog writes what is on screen, driven with Pilot.

Zones, time mode and filter as shown, in each format; the screen keeps answering while the
export runs; no dialog stacks on another. The file chosen: tests/tui/test_export_files.py.
"""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

import pytest
from icalendar import Calendar
from textual.widgets import Input, Select

from data.export import export, make_options
from data.facts.derived import TimeMode
from data.model import Mission
from data.opening import load_mission
from tests.generated import with_event_tuple
from tui.app import MissionTimelineApp
from tui.screens.export_dialog import ExportDialog

from .notifications import record_notes

SIZE = (120, 40)


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
    notes = record_notes(app, monkeypatch)
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
