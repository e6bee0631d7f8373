"""tui.compat: a Resize at the size a screen already has does not lay it out again (Textual
8.2 reflowed every widget for each; the first screen got three at start-up), while a new size
is laid out at once and the layouts its widgets ask for are still done."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual import events
from textual._compositor import Compositor
from textual.geometry import Size
from textual.pilot import Pilot
from textual.screen import Screen

from data.model import Mission
from tui.app import make_app


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Size]]:
    """The size of every full layout (reflow) of a screen from here on."""
    sizes: list[Size] = []
    reflow = Compositor.reflow

    def counted(self: Compositor, parent: object, size: Size) -> object:
        if isinstance(parent, Screen):
            sizes.append(size)
        return reflow(self, parent, size)  # type: ignore[arg-type]

    monkeypatch.setattr(Compositor, "reflow", counted)
    yield sizes


async def settled(pilot: Pilot[None], layouts: list[Size]) -> None:
    """Wait until the app's start-up has laid its screen out for the last time."""
    for _ in range(50):
        layouts.clear()
        await pilot.pause(0.05)
        if not layouts:
            return
    raise AssertionError("the screen never stopped being laid out")


async def test_a_resize_to_the_same_size_lays_nothing_out(
    mission: Mission, layouts: list[Size]
) -> None:
    app = make_app(mission, save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot, layouts)
        size = Size(100, 30)
        for _ in range(3):
            app.screen.post_message(events.Resize(size, size))
            await pilot.pause()
        assert layouts == []
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert Size(90, 30) in layouts
        assert app.screen.size == Size(90, 30)


async def test_a_layout_asked_for_is_done_though_a_same_size_resize_came_first(
    mission: Mission, layouts: list[Size]
) -> None:
    app = make_app(mission, save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot, layouts)
        footer = app.screen.query_one("KeyFooter")
        size = Size(100, 30)
        footer.display = False  # asks for a layout: the rows below take its line
        app.screen.post_message(events.Resize(size, size))
        await pilot.pause()
        assert layouts
        assert footer.region.height == 0
