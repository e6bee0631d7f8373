"""The time-axis view on large missions: while a JSON Lines file is still being read (the
events shown as they arrive, no lanes until the mission is whole), and on a generated mission
whose lanes are worked out in a thread (`time_axis_lanes.IN_THREAD`)."""

from __future__ import annotations

from pathlib import Path

from data.axis.lanes import lanes
from data.opening import load_mission
from tests.generated import write_mission
from tui.app import make_app
from tui.config import Config
from tui.widgets.time_axis import PINNED, TimeAxis
from tui.widgets.time_axis_lanes import IN_THREAD

from . import test_loading
from .test_loading import COUNT, Gate, loading_app, write_log
from .waiting import keys_done, settled, until

gate = test_loading.gate
"""The loading worker held between blocks of the file (a fixture of `test_loading`)."""


async def test_the_view_follows_a_mission_being_read(tmp_path: Path, gate: Gate) -> None:
    app = loading_app(write_log(tmp_path / "big.jsonl"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        await pilot.press("v")
        await keys_done(pilot)
        axis = app.query_one(TimeAxis)
        assert axis.display and len(axis.shown) == 0
        gate.let(15)
        await until(pilot, lambda: len(axis.shown) >= 4096, "the view shows what arrived")
        assert axis.lanes == () and screen.reading is not None
        assert axis.render_line(PINNED.index("events")).text.strip(), "markers drawn"
        await pilot.press("right")
        await keys_done(pilot)
        assert screen.timeline.cursor_position == axis.cursor == 1
        gate.open()
        await until(pilot, lambda: screen.reading is None, "loading finished")
        await settled(pilot)
        axis = app.query_one(TimeAxis)
        assert axis.display and len(axis.shown) == COUNT
        assert axis.cursor == screen.timeline.cursor_position


async def test_a_large_missions_lanes_come_from_a_thread(tmp_path: Path) -> None:
    mission = load_mission(write_mission(tmp_path / "large.jsonl", IN_THREAD))
    expected = lanes(mission)
    assert expected, "the generated mission has people who flew"
    app = make_app(mission, config=Config(), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("v")
        await keys_done(pilot)
        axis = app.query_one(TimeAxis)
        await until(pilot, lambda: axis.lanes == expected, "the lanes worked out")
        assert axis.virtual_size.height == len(PINNED) + len(expected)
