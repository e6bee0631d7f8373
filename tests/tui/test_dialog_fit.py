"""Dialogs in small terminals. The export dialog is whole and without a scrollbar where it
fits (80x24, even with a message about the file and the Replace button), and scrolls inside its
frame where it does not (the app's minimum height), never with a scrollbar beside the frame.
The hints of the open dialog and the zone picker are never cut: they wrap. In English and in
Dutch, whose words are longer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Button, Static

from data.i18n import _
from tui.app import MissionTimelineApp
from tui.screens.export_dialog import ExportDialog
from tui.screens.open_dialog import OpenDialog
from tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH
from tui.screens.zone_picker import ZonePicker

from .waiting import settled, until


def _frame(app: MissionTimelineApp) -> Widget:
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog.query_one("#dialog")


def _shown(frame: Widget, widget: Widget) -> bool:
    """Whether the whole of `widget` is in view inside the frame."""
    return frame.scrollable_content_region.contains_region(widget.region)


def _assert_frame_on_screen(app: MissionTimelineApp) -> Widget:
    """The frame is whole on the screen (its four borders drawn) and the screen under it never
    scrolls: a scrollbar, if any, is the frame's own, inside it."""
    frame = _frame(app)
    assert app.screen.region.contains_region(frame.region)
    assert not app.screen.show_vertical_scrollbar
    return frame


def _assert_whole(app: MissionTimelineApp, state: str) -> None:
    """Everything the dialog shows is in view, and it has no scrollbar."""
    frame = _assert_frame_on_screen(app)
    assert not frame.show_vertical_scrollbar, state
    assert frame.max_scroll_y == 0, state
    for widget in frame.children:
        if widget.display:
            assert _shown(frame, widget), f"{widget} cut, {state}"


async def test_the_dialog_fits_80x24_whole_without_a_scrollbar(
    speaking: str, app: MissionTimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "soyuz-ms-19.txt").write_text("precious\n", encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await settled(pilot)
        _assert_whole(app, "as it opens")
        await pilot.press("enter")  # the suggested file exists: a message, and Replace
        replace = _frame(app).query_one("#replace", Button)
        await until(pilot, lambda: replace.display, "the Replace button shown")
        await settled(pilot)
        _assert_whole(app, "asking whether to replace the file")


async def test_a_terminal_too_short_for_the_dialog_scrolls_it_inside_its_frame(
    speaking: str, app: MissionTimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "soyuz-ms-19.txt").write_text("precious\n", encoding="utf-8")
    async with app.run_test(size=(80, MIN_HEIGHT)) as pilot:
        await pilot.press("e")
        await settled(pilot)
        frame = _assert_frame_on_screen(app)
        assert frame.show_vertical_scrollbar and frame.max_scroll_y > 0
        keys = frame.query_one("#keys", Static)
        export = frame.query_one("#export", Button)
        assert not _shown(frame, keys)
        # tab to the Export button (format, zones, file, brief, cancel): the frame scrolls to it
        await pilot.press("tab", "tab", "tab", "tab", "tab")
        await until(pilot, lambda: export.has_focus, "Export focused")
        await settled(pilot)
        assert _shown(frame, export)
        # a message about the file is brought into view too
        await pilot.press("enter")
        error = frame.query_one("#error", Static)
        await until(pilot, lambda: error.display, "the message shown")
        await settled(pilot)
        assert _shown(frame, error)
        frame.scroll_end(animate=False)
        await settled(pilot)
        assert _shown(frame, keys)
        _assert_frame_on_screen(app)


@pytest.mark.parametrize("size", [(80, 24), (MIN_WIDTH, MIN_HEIGHT)], ids=["80x24", "smallest"])
@pytest.mark.parametrize(
    ("key", "dialog", "hint"),
    [
        (
            "o",
            OpenDialog,
            "A .toml, .json, .jsonl or .parquet mission file, or a file to import: "
            "{formats} (right arrow completes the path):",
        ),
        (
            "",
            ZonePicker,
            'Any IANA zone or its city, e.g. Asia/Tokyo or tokyo, or "stated" '
            "(right arrow completes):",
        ),
    ],
    ids=["open", "zone-picker"],
)
async def test_a_dialog_s_hint_wraps_and_is_never_cut(
    speaking: str, app: MissionTimelineApp, size: tuple[int, int], key: str, dialog: type, hint: str
) -> None:
    words = _(hint).split()
    first, last = " ".join(words[:2]), " ".join(words[-2:])
    async with app.run_test(size=size) as pilot:
        if key:
            await pilot.press(key)
        else:  # the zone picker has no key of its own (the palette opens it)
            app.main_screen.action_pick_zone()
        await until(pilot, lambda: isinstance(app.screen, dialog), f"{dialog.__name__} open")
        await settled(pilot)
        shown = " ".join(strip.text for strip in app.screen._compositor.render_strips())
        assert first in shown and last in shown, (first, last)
