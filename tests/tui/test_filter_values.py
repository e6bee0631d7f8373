"""Pilot tests of what a user types into the filter bar and the zone picker: values with
spaces or quotes, and the nearest valid names when one is wrong (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.export import make_options
from data.model import Mission
from tui.app import MissionTimelineApp, make_app
from tui.screens.zone_picker import ZonePicker

from .notifications import record_notes
from .waiting import until

SIZE = (120, 40)


@pytest.mark.parametrize("typed", ["person:vande hei", 'person:"vande hei"'])
async def test_a_name_with_a_space_filters(
    app: MissionTimelineApp, mission: Mission, typed: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("f")
        await pilot.press(*typed)
        await pilot.press("enter")
        assert not screen.query_bar.display, screen.query_bar.error
        assert screen.event_filter is not None
        shown = screen.timeline.shown_events
        assert shown and all(
            "vande-hei" in event.people
            or event.id in mission.person_by_id["vande-hei"].flight_events
            for event in shown
        )
        assert screen.header.filter_text == f"{typed} ({len(shown)} events)"


async def test_a_wrong_filter_shows_the_nearest_names(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("f")
        await pilot.press(*"persn:dubrov")
        await pilot.press("enter")
        assert "no filter key 'persn' (did you mean 'person'?)" in screen.query_bar.error
        await pilot.press("ctrl+a", "ctrl+k")
        await pilot.press(*"person:dubrof")
        await pilot.press("enter")
        assert "no person matches 'dubrof' (did you mean 'dubrov'?)" in screen.query_bar.error
        assert screen.event_filter is None


async def test_the_zone_picker_suggests_the_nearest_zone(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.main_screen.action_pick_zone()
        await until(pilot, lambda: isinstance(app.screen, ZonePicker), "the zone picker is open")
        await pilot.press(*"Europe/Brusels")
        await pilot.press("enter")
        assert isinstance(app.screen, ZonePicker)
        error = str(app.screen.query_one("#zone-error").render())
        assert "did you mean 'Europe/Brussels'" in error


async def test_a_misspelt_zone_setting_suggests_the_nearest_zone(
    isolated_config: Path, mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_config.mkdir()
    (isolated_config / "config.toml").write_text('zone = "Europe/Brusels"\n', encoding="utf-8")
    app = make_app(mission)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE):
        assert app.main_screen.zone == "UTC"
        assert any("did you mean 'Europe/Brussels'" in note for note in notes), notes


async def test_the_detail_pane_shows_the_event_id(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.timeline.select_event("manual-docking")
        await until(
            pilot,
            lambda: screen.detail.event is not None and screen.detail.event.id == "manual-docking",
            "the detail pane shows the manual docking",
        )
        second_line = screen.detail.describe().plain.split("\n")[1]
        assert (
            second_line == "anomaly · ≠ sources disagree · ~ approximate time · id manual-docking"
        )
        shown_id = second_line.rsplit(" ", 1)[1]
        options = make_options(screen.mission, relative_to=shown_id)
        assert options.anchor == screen.detail.event
