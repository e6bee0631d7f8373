"""The export dialog writes a picture: SVG and PNG are in its format list, take one zone,
and show what is on screen (the filter)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from tests.export.picture_helpers import png_size, read_svg
from tui.app import MissionTimelineApp
from tui.screens.export_dialog import ExportDialog

from .notifications import record_notes
from .waiting import until

SIZE = (120, 40)


async def _export(app: MissionTimelineApp, pilot: object, fmt: str, zones: str, path: Path) -> None:
    """Press e, choose the format, type the zones and the file, press enter."""
    await pilot.press("e")  # type: ignore[attr-defined]
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#format", Select).value = fmt
    await pilot.pause()  # type: ignore[attr-defined]
    dialog.query_one("#zones", Input).value = zones
    dialog.query_one("#path", Input).value = str(path)
    dialog.query_one("#path", Input).focus()
    await pilot.press("enter")  # type: ignore[attr-defined]


async def test_the_dialog_lists_the_pictures(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        select = app.screen.query_one("#format", Select)
        labels = [str(label) for label, _ in select._options]
        assert {"SVG picture", "PNG picture"} <= set(labels)


@pytest.mark.parametrize("fmt", ["svg", "png"])
async def test_a_picture_of_what_is_on_screen(
    app: MissionTimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    notes = record_notes(app, monkeypatch)
    target = tmp_path / f"timeline.{fmt}"
    async with app.run_test(size=SIZE) as pilot:
        app.main_screen.apply_filter("kind:docking")
        assert app.main_screen.event_filter is not None
        await _export(app, pilot, fmt, "Europe/Brussels", target)
        await until(pilot, lambda: app.screen is app.main_screen, "the dialog closed")
        await app.workers.wait_for_complete()
    data = target.read_bytes()
    label = "SVG picture" if fmt == "svg" else "PNG picture"
    assert notes[-1] == f"{label} written to {target}"
    if fmt == "png":
        assert png_size(data)[0] == 1600
        return
    assert read_svg(data).of("subtitle") == [
        "Times in Europe/Brussels · events matching kind:docking"
    ]


async def test_a_picture_takes_one_zone(app: MissionTimelineApp, tmp_path: Path) -> None:
    target = tmp_path / "timeline.svg"
    async with app.run_test(size=SIZE) as pilot:
        await _export(app, pilot, "svg", "UTC, Europe/Moscow", target)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        error = str(dialog.query_one("#error", Static).render())
        assert error == "a picture's axis is in one IANA zone; give one zone"
    assert not target.exists()
