"""The palette offers the commands that hold every word typed, not every fuzzy match."""

from __future__ import annotations

import pytest

from tui.app import MissionTimelineApp
from tui.commands import word_spans

from .waiting import palette_options, palette_shows

SIZE = (120, 40)


async def test_tokyo_offers_the_zone_and_no_event(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"tokyo")
        await palette_shows(pilot, "zone: Asia/Tokyo")
        options = palette_options(pilot)
        assert not [option for option in options if "tokyo" not in option.lower()], options


async def test_words_in_any_order_and_spelling_find_a_command(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"york new")
        await palette_shows(pilot, "America/New_York")
        await pilot.press("ctrl+a", "ctrl+k")  # empty the palette's input
        await pilot.press(*"person shkaplerov")
        await palette_shows(pilot, "filter: person Anton Shkaplerov")
        await pilot.press("enter")
        await pilot.pause()
        flt = app.main_screen.event_filter
        assert flt is not None and flt.text == "person:shkaplerov"


@pytest.mark.parametrize(
    ("query", "text", "spans"),
    [
        ("tokyo", "go to: Soyuz MS-18 launch (Novitskiy, Dubrov, Vande Hei)", []),
        ("tokyo", "zone: Asia/Tokyo", [(11, 16)]),
        ("new york", "zone: US Eastern (America/New_York)", [(26, 29), (30, 34)]),
        ("lau go", "go to: Launch of Soyuz MS-19", [(7, 10), (0, 2)]),
        ("o", "go to: one", [(7, 8)]),  # the start of a word is preferred
        ("шкаплеров", "filter: person Анто́н Шка́плеров", [(22, 32)]),  # accents aside
    ],
)
def test_word_spans(query: str, text: str, spans: list[tuple[int, int]]) -> None:
    assert word_spans(query, text) == spans
