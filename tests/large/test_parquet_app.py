"""A Parquet mission loads in the app's worker as a JSON Lines one does: the first frame
shows its header at once, the progress line counts the events a batch at a time, the list
grows while they arrive in time order, and a problem found once the first frame is long gone
ends the app with its one placed line.

The worker is held at a gate before each batch (`ParquetEvents._forms`, called once a
batch), so each test decides when the reading goes on."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
import pyarrow.parquet as pq

import tui.widgets.load_progress
from data.export import FORMATS, make_options
from data.load.large import parquet_events
from data.opening import load_mission, open_reading
from tests.large.engine_helpers import STAMP
from tests.tui.test_loading import SIZE, write_log
from tests.tui.waiting import until
from tui.app import MissionTimelineApp, make_app
from tui.widgets.load_progress import LoadProgress

COUNT = 20_000
BATCH = 2048


def _parquet(tmp_path: Path, name: str = "big.parquet") -> Path:
    """The test log of `COUNT` events a minute apart, in time order, as Parquet."""
    mission = load_mission(write_log(tmp_path / "big.jsonl", COUNT))
    path = tmp_path / name
    with io.TextIOWrapper(path.open("wb"), encoding="utf-8", newline="") as out:
        FORMATS["parquet"].write(mission, make_options(mission, stamp=STAMP), out)
    return path


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Semaphore]:
    """Before each batch the worker waits for the test to release the semaphore once."""
    semaphore = threading.Semaphore(0)
    forms = parquet_events.ParquetEvents._forms

    def gated(events: parquet_events.ParquetEvents, *args: object) -> None:
        if not semaphore.acquire(timeout=30):
            raise TimeoutError("the test never let the worker on")
        forms(events, *args)

    monkeypatch.setattr(parquet_events.ParquetEvents, "_forms", gated)
    monkeypatch.setattr(parquet_events, "BATCH", BATCH)
    monkeypatch.setattr("data.load.large.parquet_read.BATCH", BATCH)
    monkeypatch.setattr(tui.widgets.load_progress, "PROGRESS_INTERVAL", 0.0)
    yield semaphore
    semaphore.release(10_000)  # never leave a worker waiting


def _app(path: Path) -> MissionTimelineApp:
    reading = open_reading(str(path))
    assert reading is not None
    return make_app(reading.header, mission_path=path, loading=reading)


async def test_header_at_once_then_progress_and_a_growing_list(
    tmp_path: Path, gate: threading.Semaphore
) -> None:
    app = _app(_parquet(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.pause()
        assert screen.header.mission_title == "Big test log"
        assert len(screen.timeline.shown_events) == 0
        progress = app.query_one("#loading", LoadProgress)
        assert progress.events_read == 0
        gate.release(3)
        await until(pilot, lambda: progress.events_read >= 2 * BATCH, "progress reported")
        assert 0 < progress.fraction < 1
        assert progress.note == ""  # in time order: the list grows
        await until(pilot, lambda: len(screen.timeline.shown_events) >= 4096, "the list grows")
        assert screen.reading is not None
        gate.release(10_000)
        await until(pilot, lambda: screen.reading is None, "loading finished")
        assert len(screen.mission.events) == COUNT


async def test_a_problem_found_after_the_first_frame_ends_the_app(
    tmp_path: Path, gate: threading.Semaphore
) -> None:
    path = _parquet(tmp_path)
    table = pq.read_table(path)
    ids = table["id"].to_pylist()
    ids[15_000] = ids[14_999]  # a duplicate id, found once every batch is read
    pq.write_table(table.set_column(0, "id", [ids]), path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        gate.release(10_000)
        await until(pilot, lambda: app.load_problem is not None, "the problem reported")
        await pilot.pause()
    assert app.load_problem is not None
    problem, code = app.load_problem
    assert code == 65 == app.return_code
    assert problem.startswith(f"{path}: events[15000].id: duplicate id"), problem
    assert "\n" not in problem


def test_only_large_formats_are_read_in_the_background(tmp_path: Path) -> None:
    parquet = _parquet(tmp_path)
    for path in (parquet, tmp_path / "big.jsonl"):
        reading = open_reading(str(path))
        assert reading is not None and reading.header.info.title == "Big test log"
        reading.close()
    assert open_reading(str(tmp_path / "mission.toml")) is None
