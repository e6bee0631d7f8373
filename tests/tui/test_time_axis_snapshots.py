"""SVG snapshots of the time-axis view at 80x24, 120x40 and 200x50, in the house (dark) theme
and a light one: the docking's phase, the cursor on the docking.

Update after a deliberate change of looks with `pytest tests/tui/test_time_axis_snapshots.py
--snapshot-update`, then look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from data.model import Mission
from tui.app import make_app
from tui.config import Config
from tui.theme import HOUSE_THEME

from .waiting import keys_done, settled

SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 40), id="120x40"),
    pytest.param((200, 50), id="200x50"),
]
THEMES = [HOUSE_THEME, "textual-light"]


async def _docking_phase(pilot: Pilot[None]) -> None:
    """The view on, the docking selected, its phase fitted."""
    await settled(pilot)
    await pilot.press("v")
    await keys_done(pilot)
    await settled(pilot)
    pilot.app.main_screen.timeline.select_event("docking")  # type: ignore[attr-defined]
    await settled(pilot)
    await pilot.press("p")
    await keys_done(pilot)
    await settled(pilot)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_time_axis(
    snap_compare: Callable[..., bool], mission: Mission, size: tuple[int, int], theme: str
) -> None:
    app = make_app(mission, config=Config(theme=theme), save_settings=False)
    assert snap_compare(app, terminal_size=size, run_before=_docking_phase)
