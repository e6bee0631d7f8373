"""SVG snapshots of every screen the issue lists, at 120x40, 80x24 and 200x50 (where the panes
stand beside the timeline); the main screen and the help in Dutch at 120x40.

Update after a deliberate change of looks with `pytest tests/tui/test_snapshots.py
--snapshot-update`, then look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from data.model import Mission
from tui.app import make_app

from .waiting import settled

SIZES = [
    pytest.param((120, 40), id="120x40"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((200, 50), id="200x50"),
]


async def _select_docking_and_reanchor(pilot: Pilot[None]) -> None:
    pilot.app.main_screen.timeline.select_event("docking")  # type: ignore[attr-defined]
    await pilot.press("r")
    await settled(pilot)


async def _search_in_progress(pilot: Pilot[None]) -> None:
    # The first frame scrolls the timeline to the selected event; the search bar, opened
    # before or after that, would leave it at one of two places.
    await settled(pilot)
    await pilot.press("slash", *"Sjkaplerov")
    await settled(pilot)


async def _crew_member(pilot: Pilot[None]) -> None:
    pilot.app.main_screen.timeline.select_event("hatch-open")  # type: ignore[attr-defined]
    await pilot.press("c", "j")
    await settled(pilot)


async def _settle(pilot: Pilot[None]) -> None:
    await settled(pilot)


CASES: dict[str, tuple[tuple[str, ...], Callable[[Pilot[None]], Awaitable[None]]]] = {
    "default": ((), _settle),
    "zone-brussels": (("z", "z", "z"), _settle),
    "relative-to-docking": ((), _select_docking_and_reanchor),
    "search": ((), _search_in_progress),
    "crew-member": ((), _crew_member),
    "help": (("question_mark",), _settle),
    "export-dialog": (("e",), _settle),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("case", list(CASES))
def test_screens(
    snap_compare: Callable[..., bool], mission: Mission, case: str, size: tuple[int, int]
) -> None:
    press, run_before = CASES[case]
    assert snap_compare(make_app(mission), press=press, terminal_size=size, run_before=run_before)


DUTCH = ["default", "help"]
"""The screens snapshotted in Dutch too (issue 15)."""


@pytest.mark.parametrize("case", DUTCH)
def test_screens_in_dutch(
    snap_compare: Callable[..., bool], mission: Mission, in_dutch: None, case: str
) -> None:
    press, run_before = CASES[case]
    app = make_app(mission)
    assert snap_compare(app, press=press, terminal_size=(120, 40), run_before=run_before)


TOO_SMALL_IDS = ["50x12", "79x15"]


@pytest.mark.parametrize("size", [(50, 12), (79, 15)], ids=TOO_SMALL_IDS)
def test_too_small(
    snap_compare: Callable[..., bool], mission: Mission, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(mission), terminal_size=size, run_before=_settle)


def test_every_stored_snapshot_is_a_case_here() -> None:
    """syrupy finds unused snapshots only without pytest-xdist (the suite runs with it)."""
    folder = Path(__file__).parent / "__snapshots__" / "test_snapshots"
    sizes = [str(size.id) for size in SIZES]
    cases = {f"test_screens[{case}-{size}].svg" for case in CASES for size in sizes}
    cases |= {f"test_too_small[{size}].svg" for size in TOO_SMALL_IDS}
    cases |= {f"test_screens_in_dutch[{case}].svg" for case in DUTCH}
    assert {path.name for path in folder.iterdir()} == cases
