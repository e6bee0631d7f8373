"""The footer shows whole keys only: when a search and a filter add keys at 80 columns (or at
the app's narrowest), it drops the least important keys whole and keeps `?` and `q`, instead
of cutting its last key mid-word ("esc C") and losing the keys after it; in English and in
Dutch, whose words are longer."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from data.i18n import _
from tui.app import MissionTimelineApp
from tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH
from tui.widgets.key_footer import FooterItem, KeyFooter

from .screen_text import region_lines
from .waiting import keys_done, until

WIDE = (160, 40)
"""Wide enough for every key a search and a filter add, `v Axis` included (120 is not)."""


def _footer_line(app: MissionTimelineApp) -> str:
    footer = app.query_one(KeyFooter)
    return region_lines(app, footer.region)[0]


def _key_text(key: FooterItem) -> str:
    return f"{key.key_display} {key.description}".strip()


def _shown_as(key: str, description: str) -> str:
    """A key as the footer shows it, its description in the language in use."""
    return f"{key} {_(description)}"


def _shown(app: MissionTimelineApp) -> tuple[FooterItem, ...]:
    return app.query_one(KeyFooter).shown


def _descriptions(keys: tuple[FooterItem, ...]) -> set[str]:
    return {key.description for key in keys}


async def _search_and_filter(app: MissionTimelineApp, pilot: Pilot[None]) -> None:
    """Search and filter, and wait until the footer has the keys they add."""
    await pilot.press("slash", *"soyuz", "enter", "f", *"kind:docking", "enter")
    await keys_done(pilot)
    footer = app.query_one(KeyFooter)
    search_keys = {_("Next hit"), _("Clear")}
    await until(
        pilot,
        lambda: search_keys <= _descriptions(footer.keys),
        "the search's keys in the footer",
    )


@pytest.mark.parametrize("size", [(80, 24), (MIN_WIDTH, MIN_HEIGHT)], ids=str)
async def test_footer_drops_whole_keys_and_keeps_help_and_quit(
    speaking: str, app: MissionTimelineApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await _search_and_filter(app, pilot)
        footer = app.query_one(KeyFooter)

        def whole() -> bool:
            line = _footer_line(app)
            return all(_key_text(key) in line for key in _shown(app))

        help_key = _shown_as("?", "Help")
        await until(pilot, lambda: help_key in _footer_line(app), f"{help_key} in the footer")
        await until(pilot, whole, "every key shown whole")
        line = _footer_line(app)
        assert _shown_as("q", "Quit") in line and _shown_as("^p", "Palette") in line, line
        assert len(line) == footer.size.width, line
        hidden = [key for key in footer.keys if key not in _shown(app)]
        assert hidden, "some keys do not fit and are hidden whole"
        assert all(f"{_key_text(key)} " not in line for key in hidden), line
        assert _("Anchor") in _descriptions(tuple(hidden))  # the least important goes first
        assert {_("Next hit"), _("Clear")} <= _descriptions(_shown(app))


async def test_footer_shows_every_key_again_when_there_is_room(
    speaking: str, app: MissionTimelineApp
) -> None:
    anchor, help_key = _shown_as("r", "Anchor"), _shown_as("?", "Help")
    async with app.run_test(size=(80, 24)) as pilot:
        await _search_and_filter(app, pilot)
        footer = app.query_one(KeyFooter)
        await until(pilot, lambda: help_key in _footer_line(app), f"{help_key} in the footer")
        assert not set(footer.keys) <= set(footer.shown)
        await pilot.resize_terminal(*WIDE)
        await until(pilot, lambda: set(footer.keys) <= set(footer.shown), "every key shown")
        await until(pilot, lambda: anchor in _footer_line(app), f"{anchor} on screen")
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: anchor not in _footer_line(app), f"{anchor} dropped")
        assert _shown_as("q", "Quit") in _footer_line(app)


@pytest.mark.parametrize(
    ("size", "pan_shown"), [((80, 24), False), ((120, 40), True)], ids=["80x24", "120x40"]
)
async def test_the_time_axis_view_puts_its_keys_in_the_footer(
    speaking: str, app: MissionTimelineApp, size: tuple[int, int], pan_shown: bool
) -> None:
    """With the view focused the footer lists its zoom and fit keys, and `v` to go back; at
    80 columns the pan keys (named in the view's frame) are dropped before them."""
    async with app.run_test(size=size) as pilot:
        await pilot.press("v")
        await keys_done(pilot)
        wanted = [
            _shown_as(key, description)
            for key, description in (
                ("+", "Zoom in"),
                ("-", "Zoom out"),
                ("0", "Fit all"),
                ("p", "Fit phase"),
                ("v", "Axis"),
                ("?", "Help"),
            )
        ]
        await until(
            pilot,
            lambda: all(text in _footer_line(app) for text in wanted),
            f"the view's keys in the footer: {wanted}",
        )
        line = _footer_line(app)
        assert _shown_as("q", "Quit") in line, line
        assert (_shown_as("H", "Pan left") in line) is pan_shown, line
        for key in _shown(app):
            assert _key_text(key) in line, _key_text(key)  # whole, never cut
