"""Save the README screenshots, made by the app itself (`App.save_screenshot`).

`python -m tui.screenshot [PATH]` writes `docs/screenshot.svg`: the bundled mission at 120x40,
times in Brussels relative to the launch, the docking selected, Yulia Peresild in the crew pane.
Without PATH it also writes `docs/time-axis.svg`: the time-axis view of the docking's phase,
in Brussels time. It ignores the user's config so the pictures are the same on every machine.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from data.facts.derived import TimeMode
from data.opening import load_bundled
from tui.config import Config

DEFAULT_PATH = Path("docs") / "screenshot.svg"
AXIS_PATH = Path("docs") / "time-axis.svg"
SIZE = (120, 40)

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tui.screens.mission.screen import MissionScreen

Visit = Callable[["MissionScreen", "Pilot[None]"], Awaitable[None]]
"""What is done in the app before its screen is saved."""


async def save_readme_screenshot(path: Path = DEFAULT_PATH) -> Path:
    """Run the app headless through a short scripted visit and save what it shows."""

    async def visit(screen: MissionScreen, pilot: Pilot[None]) -> None:
        screen.set_zone("Europe/Brussels")
        screen.set_mode(TimeMode.T_MINUS)
        await pilot.press("c", "j")
        screen.go_to_event("docking")

    return await _save(path, visit)


async def save_axis_screenshot(path: Path = AXIS_PATH) -> Path:
    """The time-axis view of the docking's phase, in Brussels time, saved as an SVG."""

    async def visit(screen: MissionScreen, pilot: Pilot[None]) -> None:
        screen.set_zone("Europe/Brussels")
        screen.go_to_event("docking")
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("p")

    return await _save(path, visit)


async def _save(path: Path, visit: Visit) -> Path:
    """Run the app headless on the bundled mission, make the visit, and save the screen."""
    from tui.app import MissionTimelineApp, make_app

    MissionTimelineApp.CURSOR_BLINK = False
    app = make_app(load_bundled(), config=Config(), save_settings=False)
    async with app.run_test(size=SIZE) as pilot:
        await visit(app.main_screen, pilot)
        await pilot.pause()
        path.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=path.name, path=str(path.parent))
    return path


def main() -> int:
    if len(sys.argv) > 1:
        print(asyncio.run(save_readme_screenshot(Path(sys.argv[1]))))
        return 0
    print(asyncio.run(save_readme_screenshot()))
    print(asyncio.run(save_axis_screenshot()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
