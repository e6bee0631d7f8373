"""A large (JSON Lines) mission loads in a worker: the first frame shows its header at once,
a progress line counts the events, the list grows while they arrive (when the file is in
time order) and keys are answered meanwhile.

The worker is held at a gate between blocks of the file, so each test decides when the
loading goes on: nothing here depends on how fast the machine is."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

import data.load.jsonl
import tui.widgets.load_progress
from data.load.jsonl import open_jsonl
from data.model import Mission
from data.store import EventStore
from tui.app import MissionTimelineApp, make_app
from tui.screens.error_dialog import ErrorDialog
from tui.screens.open_dialog import OpenDialog
from tui.widgets.load_progress import LoadProgress

from .waiting import until

SIZE = (120, 40)
COUNT = 20_000
HEADER: dict[str, Any] = {
    "format": 1,
    "mission": {"id": "big", "title": "Big test log", "reference": "e000100"},
    "phases": [
        {"id": "one", "name": "First", "start": "2021-01-01T00:00Z", "end": "2021-02-01T00:00Z"},
        {"id": "two", "name": "Second", "start": "2021-02-01T00:00Z", "end": "2021-03-01T00:00Z"},
    ],
}


def write_log(
    path: Path, count: int = COUNT, *, bad_line: int | None = None, shuffle: bool = False
) -> Path:
    """A log of `count` events a minute apart (in time order unless `shuffle`); the event
    on file line `bad_line` (the header is line 1) has a time without an offset."""
    start = datetime(2021, 1, 1, tzinfo=UTC)
    lines = [json.dumps(HEADER)]
    for number in range(count):
        moment = start + timedelta(minutes=number if not shuffle else (number * 7919) % count)
        at = moment.strftime("%Y-%m-%dT%H:%MZ")
        if bad_line == number + 2:
            at = at.removesuffix("Z")
        event = {
            "id": f"e{number:06d}",
            "title": f"Event {number}",
            "kind": "launch" if number == 100 else "milestone",
            "at": at,
            "phase": "one" if number < count // 2 else "two",
        }
        lines.append(json.dumps(event, separators=(",", ":")))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Gate:
    """Holds the loading worker before each block of the file until the test lets it on."""

    def __init__(self) -> None:
        self.semaphore = threading.Semaphore(0)
        self.blocks = 0

    def let(self, blocks: int = 1) -> None:
        for _ in range(blocks):
            self.semaphore.release()

    def open(self) -> None:
        self.let(10_000)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    gate = Gate()
    block = data.load.jsonl._Reader._block

    def gated(reader: data.load.jsonl._Reader, chunk: bytes, first_line: int) -> int:
        if not gate.semaphore.acquire(timeout=30):
            raise TimeoutError("the test never let the worker on")
        gate.blocks += 1
        return block(reader, chunk, first_line)

    monkeypatch.setattr(data.load.jsonl._Reader, "_block", gated)
    monkeypatch.setattr(data.load.jsonl, "_BLOCK", 1 << 16)  # many blocks in a small file
    monkeypatch.setattr(tui.widgets.load_progress, "PROGRESS_INTERVAL", 0.0)  # report every block
    yield gate
    gate.open()  # never leave a worker waiting


def loading_app(path: Path) -> MissionTimelineApp:
    reading = open_jsonl(str(path))
    return make_app(reading.header, mission_path=path, loading=reading)


async def test_header_at_once_then_progress_and_a_growing_list(tmp_path: Path, gate: Gate) -> None:
    app = loading_app(write_log(tmp_path / "big.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.pause()
        # The first frame: the title, an empty list and the progress line, no event read.
        assert screen.header.mission_title == "Big test log"
        assert len(screen.timeline.shown_events) == 0
        progress = app.query_one("#loading", LoadProgress)
        assert progress.events_read == 0
        assert gate.blocks == 0
        gate.let(3)
        await until(pilot, lambda: progress.events_read > 0, "progress reported")
        assert 0 < progress.fraction < 1
        assert "loading" in progress.render().plain and "events" in progress.render().plain
        # The list grows in whole chunks of 4096 events, in time order, while loading.
        await until(pilot, lambda: gate.blocks >= 3, "three blocks read")
        gate.let(12)
        await until(pilot, lambda: len(screen.timeline.shown_events) >= 4096, "list grows")
        grown = len(screen.timeline.shown_events)
        assert grown % 4096 == 0 and screen.reading is not None
        await until(pilot, lambda: screen.selected is not None, "the first event selected")
        assert screen.selected is not None and screen.selected.id == "e000000"
        # Keys are answered meanwhile: the cursor moves; search waits for the whole mission.
        await pilot.press("down", "down")
        assert screen.selected is not None and screen.selected.id == "e000002"
        assert screen.check_action("search", ()) is False
        assert screen.check_action("cycle_zone", ()) is True
        gate.let(4)
        await until(pilot, lambda: len(screen.timeline.shown_events) > grown, "list grows more")
        # Done: the whole mission everywhere, the cursor still on its event.
        gate.open()
        await until(pilot, lambda: screen.reading is None, "loading finished")
        await pilot.pause()
        assert isinstance(screen.mission.events, EventStore)
        assert len(screen.mission.events) == COUNT == len(screen.timeline.shown_events)
        assert not app.query("#loading")
        assert screen.selected is not None and screen.selected.id == "e000002"
        assert screen.anchor_event is not None and screen.anchor_event.id == "e000100"
        assert screen.check_action("search", ()) is True
        assert not screen.crew.disabled


async def test_q_quits_at_once_and_stops_the_worker(tmp_path: Path, gate: Gate) -> None:
    app = loading_app(write_log(tmp_path / "big.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        gate.let(2)
        await until(pilot, lambda: gate.blocks >= 2, "two blocks read")
        await pilot.press("q")
        await pilot.pause()
        assert app._exit  # quitting did not wait for the file
        workers = [w for w in app.workers if w.group == "load"]
    gate.open()
    for worker in workers:
        await worker.wait()
        assert worker.is_cancelled
    assert gate.blocks < 40  # it stopped at the next block, far from the end
    assert app.load_problem is None


async def test_a_bad_line_found_after_the_first_frame_ends_the_app(
    tmp_path: Path, gate: Gate
) -> None:
    app = loading_app(write_log(tmp_path / "big.jsonl", bad_line=15_002))
    async with app.run_test(size=SIZE) as pilot:
        gate.let(15)
        await until(pilot, lambda: len(app.main_screen.timeline.shown_events) > 0, "list shown")
        gate.open()
        await until(pilot, lambda: app.load_problem is not None, "the problem reported")
        await pilot.pause()
    assert app.load_problem is not None
    problem, code = app.load_problem
    assert code == 65 == app.return_code
    assert re.search(r"big\.jsonl:15002:\d+: events\[15000\]\.at:", problem), problem
    assert "\n" not in problem


async def test_a_file_out_of_time_order_shows_its_list_when_sorted(
    tmp_path: Path, gate: Gate
) -> None:
    app = loading_app(write_log(tmp_path / "big.jsonl", shuffle=True))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        gate.let(8)
        progress = app.query_one("#loading", LoadProgress)
        await until(pilot, lambda: progress.note != "", "the disorder noticed")
        assert len(screen.timeline.shown_events) == 0
        gate.open()
        await until(pilot, lambda: screen.reading is None, "loading finished")
        await pilot.pause()
        events = screen.timeline.shown_events
        assert len(events) == COUNT
        by_time = sorted(range(COUNT), key=lambda number: (number * 7919) % COUNT)
        assert [e.id for e in events[:3]] == [f"e{number:06d}" for number in by_time[:3]]
        instants = [e.when.instant for e in events[:2000]]
        assert instants == sorted(instants)


async def _open(app: MissionTimelineApp, pilot: Any, path: Path) -> None:
    await pilot.press("o")
    assert isinstance(app.screen, OpenDialog)
    app.screen.query_one("#open-path", Input).value = str(path)
    await pilot.press("enter")


async def test_o_opens_a_large_file_the_same_way(
    mission: Mission, tmp_path: Path, gate: Gate
) -> None:
    app = make_app(mission)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await _open(app, pilot, write_log(tmp_path / "big.jsonl"))
        await until(pilot, lambda: screen.reading is not None, "loading started")
        assert screen.header.mission_title == "Big test log"
        assert app.query("#loading")
        assert app.check_action("open", ()) is False  # one load at a time
        gate.open()
        await until(pilot, lambda: screen.reading is None, "loading finished")
        await pilot.pause()
        assert len(screen.mission.events) == COUNT
        assert screen.mission_path == tmp_path / "big.jsonl"


async def test_o_of_a_large_bad_file_keeps_the_mission_before(
    mission: Mission, tmp_path: Path, gate: Gate
) -> None:
    app = make_app(mission)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await _open(app, pilot, write_log(tmp_path / "big.jsonl", bad_line=9_000))
        await until(pilot, lambda: screen.reading is not None, "loading started")
        gate.open()
        await until(pilot, lambda: isinstance(app.screen, ErrorDialog), "the error shown")
        await pilot.pause()
        assert screen.mission is mission
        assert app.load_problem is None and app.return_code is None
        assert not app.query("#loading")


async def test_o_of_a_large_file_with_a_bad_header_shows_the_error_at_once(
    mission: Mission, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"format": 1}\n', encoding="utf-8")
    app = make_app(mission)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await _open(app, pilot, bad)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert screen.mission is mission and screen.reading is None


def test_the_cli_ends_with_the_problem_found_after_the_first_frame(tmp_path: Path) -> None:
    """On a real terminal: the app opens on the header, then the bad line ends it with the
    one-line message on standard error and exit code 65, as when loading came first."""
    from .test_pty import run_in_pty

    path = write_log(tmp_path / "big.jsonl", bad_line=COUNT)
    output, code = run_in_pty(path, tmp_path / "config", [], b"", size=(80, 24))
    assert code == 65, output[-2000:]
    assert b"Big test log" in output  # the header was shown before the problem was found
    text = output.decode(errors="replace")
    place = rf"big\.jsonl:{COUNT}:\d+: events\[{COUNT - 2}\]\.at:"
    assert re.search(place, text.replace("\r\n", "")), text[-2000:]
    assert "Traceback" not in text
