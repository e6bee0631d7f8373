"""Frames: every dialog has the same one, and the focused pane's stands out from the others."""

from __future__ import annotations

from collections.abc import Callable

from textual.color import Color
from textual.css.styles import RenderStyles
from textual.widget import Widget

from data.model import Mission
from tui.app import MissionTimelineApp, make_app
from tui.config import Config
from tui.screens.error_dialog import ErrorDialog

from .waiting import settled, until

SIZE = (120, 40)


def _frame(styles: RenderStyles) -> tuple[object, ...]:
    """A widget's border (each edge's type and colour) and its title's colour and style."""
    edges = (styles.border_top, styles.border_right, styles.border_bottom, styles.border_left)
    return (*edges, styles.border_title_color, styles.border_title_style)


DIALOGS: dict[str, Callable[[MissionTimelineApp], object]] = {
    "help": lambda app: app.action_help(),
    "export": lambda app: app.main_screen.action_export(),
    "open": lambda app: app.action_open(),
    "zone": lambda app: app.main_screen.action_pick_zone(),
    "error": lambda app: app.push_screen(ErrorDialog("A title", "A message")),
}


async def test_every_dialog_has_the_same_frame(mission: Mission) -> None:
    app = make_app(mission, config=Config(), save_settings=False)
    frames: dict[str, tuple[object, ...]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        for name, open_dialog in DIALOGS.items():
            open_dialog(app)
            await until(pilot, lambda: app.screen is not app.main_screen, f"the {name} dialog")
            await settled(pilot)
            (frame,) = app.screen.query(".dialog")
            frames[name] = _frame(frame.styles)
            app.pop_screen()
            await settled(pilot)
    assert len(set(frames.values())) == 1, frames
    border_type, _ = frames["help"][0]
    assert border_type == "round"


async def test_the_focused_pane_has_a_heavy_accent_frame_and_a_bold_title(
    mission: Mission,
) -> None:
    app = make_app(mission, config=Config(), save_settings=False)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = app.main_screen
        panes: list[Widget] = [screen.timeline, screen.detail, screen.crew]
        accent = Color.parse(app.theme_variables["accent"])
        for _ in panes:
            focused = app.focused
            assert focused is not None
            for pane in panes:
                border_type, color = pane.styles.border_top
                title_style = pane.styles.border_title_style
                if focused is pane or pane in focused.ancestors:
                    assert (border_type, color) == ("heavy", accent), pane.id
                    assert title_style.bold, pane.id
                else:
                    assert border_type == "round" and color != accent, pane.id
                    assert not title_style.bold, pane.id
            await pilot.press("tab")
            await settled(pilot)
