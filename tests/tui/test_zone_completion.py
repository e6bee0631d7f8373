"""The zone picker completes a city as well as a zone's name: users type `tok`, not `Asia/T`
(its completion matched only from the start of an IANA name, so `tok` got none)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from data.times.parse import zone_completion
from tui.app import MissionTimelineApp
from tui.screens.zone_picker import ZonePicker

from .screen_text import region_lines, screen_lines
from .waiting import keys_done, until

SIZE = (80, 24)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("tok", "Asia/Tokyo"),
        ("TOKYO", "Asia/Tokyo"),
        ("new y", "America/New_York"),
        ("europe/bru", "Europe/Brussels"),  # a name's start still wins
        ("utc", "UTC"),
        ("atlantis", None),
        ("", None),
    ],
)
def test_zone_completion(typed: str, zone: str | None) -> None:
    assert zone_completion(typed) == zone


async def _open_picker(app: MissionTimelineApp, pilot: Pilot[None], typed: str) -> ZonePicker:
    """The zone picker, opened, with `typed` typed in it."""
    app.main_screen.action_pick_zone()
    await until(pilot, lambda: isinstance(app.screen, ZonePicker), "the zone picker")
    await pilot.press(*typed)
    await keys_done(pilot)
    picker = app.screen
    assert isinstance(picker, ZonePicker)
    return picker


async def test_a_city_completes_to_its_zone(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        picker = await _open_picker(app, pilot, "tok")
        await until(
            pilot,
            lambda: "Asia/Tokyo (right arrow takes it)" in "".join(screen_lines(app)),
            "shown",
        )
        await pilot.press("right")
        await until(
            pilot, lambda: picker.query_one(Input).value == "Asia/Tokyo", "right arrow takes it"
        )
        await pilot.press("enter")
        await until(pilot, lambda: app.main_screen.zone == "Asia/Tokyo", "the zone chosen")


async def test_a_names_start_completes_in_the_input(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        picker = await _open_picker(app, pilot, "europe/bru")
        zone_input = picker.query_one(Input)
        await until(
            pilot,
            lambda: "europe/brussels" in region_lines(app, zone_input.content_region)[0].casefold(),
            "the completion drawn after what is typed",
        )
        assert not str(picker.query_one("#zone-city", Static).render())
        await pilot.press("right", "enter")
        await until(pilot, lambda: app.main_screen.zone == "Europe/Brussels", "the zone chosen")
