"""The TUI's `y`: the selected event copied as the text export shows it, driven with Pilot.

Hostile text is copied literally, without control characters.
"""

from __future__ import annotations

import pytest

from data.export import make_options
from data.export.text_export import format_event
from data.facts.derived import TimeMode
from data.model import Mission
from data.opening import load_mission
from tui.app import MissionTimelineApp, make_app

from .hostile import HOSTILE, MARKUP, unsafe_characters
from .notifications import record_notes

SIZE = (120, 40)


async def test_y_copies_the_selected_event_as_the_text_export_shows_it(
    app: MissionTimelineApp, mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = record_notes(app, monkeypatch)
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
