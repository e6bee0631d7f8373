"""The export dialog, driven with Pilot: defaults, format changes, validation, result.

The tests are plain functions that run their scenario with `asyncio.run` (no async plugin
is a dependency)."""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.widgets import Checkbox, Input, Select, Static

from data.model import Mission
from tui.screens.export_dialog import ExportChoice, ExportDialog


class Host(App[None]):
    """A bare app that opens the dialog and keeps what it returns."""

    def __init__(self, dialog: ExportDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[ExportChoice | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def test_defaults_and_a_full_choice(bundled: Mission) -> None:
    asyncio.run(_defaults_and_a_full_choice(bundled))


async def _defaults_and_a_full_choice(bundled: Mission) -> None:
    app = Host(ExportDialog(bundled, zones=("Europe/Brussels",)))
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = app.dialog
        path = dialog.query_one("#path", Input)
        zones = dialog.query_one("#zones", Input)
        assert path.value == "soyuz-ms-19.txt"
        assert zones.value == "Europe/Brussels"
        dialog.query_one("#format", Select).value = "md"
        await pilot.pause()
        assert path.value == "soyuz-ms-19.md"
        zones.value = "Europe/Brussels, stated"
        await pilot.click("#export")
        await pilot.pause()
    assert app.results == [ExportChoice("md", ("Europe/Brussels", "stated"), "soyuz-ms-19.md")]


def test_formats_without_zones_disable_them(bundled: Mission) -> None:
    asyncio.run(_formats_without_zones_disable_them(bundled))


async def _formats_without_zones_disable_them(bundled: Mission) -> None:
    app = Host(ExportDialog(bundled, folder="/tmp/out"))
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = app.dialog
        dialog.query_one("#format", Select).value = "ics"
        await pilot.pause()
        assert dialog.query_one("#zones", Input).disabled
        assert dialog.query_one("#path", Input).value == "/tmp/out/soyuz-ms-19.ics"
        await pilot.click("#export")
        await pilot.pause()
    assert app.results == [ExportChoice("ics", (), "/tmp/out/soyuz-ms-19.ics")]


def test_an_edited_path_is_kept_when_the_format_changes(bundled: Mission) -> None:
    asyncio.run(_an_edited_path_is_kept_when_the_format_changes(bundled))


async def _an_edited_path_is_kept_when_the_format_changes(bundled: Mission) -> None:
    app = Host(ExportDialog(bundled))
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = app.dialog
        dialog.query_one("#path", Input).value = "notes/launch.txt"
        dialog.query_one("#format", Select).value = "csv"
        await pilot.pause()
        assert dialog.query_one("#path", Input).value == "notes/launch.txt"


def test_bad_zone_shows_an_error_and_stays_open(bundled: Mission) -> None:
    asyncio.run(_bad_zone_shows_an_error_and_stays_open(bundled))


async def _bad_zone_shows_an_error_and_stays_open(bundled: Mission) -> None:
    app = Host(ExportDialog(bundled))
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = app.dialog
        dialog.query_one("#zones", Input).value = "Mars/[b]Olympus[/b]"
        await pilot.click("#export")
        await pilot.pause()
        assert app.screen is dialog
        error = str(dialog.query_one("#error", Static).render())
        assert "not a valid IANA zone name" in error
        assert "[b]" in error  # shown as typed, not read as markup
        path = dialog.query_one("#path", Input)
        path.value = "  "
        dialog.query_one("#zones", Input).value = "UTC"
        path.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Give a file" in str(dialog.query_one("#error", Static).render())
        assert app.results == []


def test_escape_and_cancel_return_none(bundled: Mission) -> None:
    asyncio.run(_escape_and_cancel_return_none(bundled))


async def _escape_and_cancel_return_none(bundled: Mission) -> None:
    app = Host(ExportDialog(bundled))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
    app = Host(ExportDialog(bundled))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.click("#cancel")
        await pilot.pause()
    assert app.results == [None]


def test_enter_in_the_path_submits(bundled: Mission) -> None:
    asyncio.run(_enter_in_the_path_submits(bundled))


async def _enter_in_the_path_submits(bundled: Mission) -> None:
    app = Host(ExportDialog(bundled, format_name="json"))
    async with app.run_test(size=(100, 40)) as pilot:
        app.dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportChoice("json", (), "soyuz-ms-19.json")]


def test_the_brief_form_is_offered_for_text_and_markdown_only(bundled: Mission) -> None:
    asyncio.run(_the_brief_form_is_offered_for_text_and_markdown_only(bundled))


async def _the_brief_form_is_offered_for_text_and_markdown_only(bundled: Mission) -> None:
    app = Host(ExportDialog(bundled, format_name="md", folder="/tmp/out"))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = app.dialog
        brief = dialog.query_one("#brief", Checkbox)
        assert not brief.disabled and not brief.value
        brief.focus()
        await pilot.press("space")
        assert brief.value
        dialog.query_one("#format", Select).value = "csv"
        await pilot.pause()
        assert brief.disabled
        dialog.query_one("#format", Select).value = "text"
        await pilot.pause()
        assert not brief.disabled and brief.value
        brief.focus()
        await pilot.press("enter")  # enter exports from every field, this one too
        await pilot.pause()
    assert app.results == [ExportChoice("text", ("UTC",), "/tmp/out/soyuz-ms-19.txt", brief=True)]


def test_a_ticked_brief_box_is_not_passed_to_a_format_without_it(bundled: Mission) -> None:
    asyncio.run(_a_ticked_brief_box_is_not_passed_to_a_format_without_it(bundled))


async def _a_ticked_brief_box_is_not_passed_to_a_format_without_it(bundled: Mission) -> None:
    app = Host(ExportDialog(bundled, format_name="csv", folder="/tmp/out", brief=True))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.dialog.query_one("#brief", Checkbox).disabled
        await pilot.click("#export")
        await pilot.pause()
    assert app.results == [ExportChoice("csv", ("UTC",), "/tmp/out/soyuz-ms-19.csv")]
