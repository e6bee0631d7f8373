"""A key of the footer that becomes disabled (or enabled again) is dimmed where it is (issue
17: `0` in the time-axis view took 60-80 ms when the footer mounted every key again), and a
click on it rings the bell instead of pressing it; a click on an enabled key presses it."""

from __future__ import annotations

import pytest
from rich.segment import Segment

from tui.app import MissionTimelineApp
from tui.screens.help import HelpScreen
from tui.widgets.key_footer import FooterItem, KeyFooter

from .waiting import keys_done, until


def _zoom_out(footer: KeyFooter) -> FooterItem:
    return next(key for key in footer.shown if key.key == "minus")


def _dimmed(footer: KeyFooter, text: str) -> bool:
    """Whether the footer's line draws `text` (a key's description) dimmed."""
    segments: list[Segment] = list(footer.render_line(0))
    return any(segment.text.strip() == text and bool(segment.style.dim) for segment in segments)


def _x_of(footer: KeyFooter, text: str) -> int:
    """The cell where `text` starts on the footer's line."""
    line = footer.render_line(0).text
    assert text in line, line
    return line.index(text)


async def test_zoom_out_is_dimmed_in_place_once_the_view_is_fitted(
    app: MissionTimelineApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    rings: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(None))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("v")
        axis = app.main_screen.axis
        await until(pilot, lambda: axis.has_focus, "the time-axis view focused")
        footer = app.query_one(KeyFooter)

        await pilot.press("plus")
        await keys_done(pilot)
        await until(pilot, lambda: _zoom_out(footer).enabled, "zoom out enabled")
        assert not _dimmed(footer, _zoom_out(footer).description)

        await pilot.press("0")  # fit all: zooming out has nothing left to do
        await keys_done(pilot)
        await until(pilot, lambda: not _zoom_out(footer).enabled, "zoom out dimmed")
        description = _zoom_out(footer).description
        assert _dimmed(footer, description)
        scale = axis.scale
        await pilot.click(KeyFooter, offset=(_x_of(footer, description), 0))
        await keys_done(pilot)
        assert rings and axis.scale == scale  # the bell, and nothing zoomed

        await pilot.press("plus")
        await keys_done(pilot)
        await until(pilot, lambda: _zoom_out(footer).enabled, "zoom out again")
        assert not _dimmed(footer, description)


async def test_a_click_on_a_key_presses_it(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        footer = app.query_one(KeyFooter)
        help_key = next(key for key in footer.shown if key.binding_id == "help")
        await pilot.click(KeyFooter, offset=(_x_of(footer, help_key.description), 0))
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")


async def test_the_key_under_the_mouse_is_lit_and_explained(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        footer = app.query_one(KeyFooter)
        help_key = next(key for key in footer.shown if key.binding_id == "help")
        before = footer.render_line(0)
        await pilot.hover(KeyFooter, offset=(_x_of(footer, help_key.description), 0))
        await until(pilot, lambda: footer.tooltip == help_key.tooltip, "the key's tooltip")
        lit = footer.render_line(0)
        assert lit.text == before.text and list(lit) != list(before)
        await pilot.hover(KeyFooter, offset=(footer.size.width - 20, 0))  # between keys
        await until(pilot, lambda: footer.tooltip is None, "no tooltip between keys")
        assert list(footer.render_line(0)) == list(before)
