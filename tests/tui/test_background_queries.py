"""On a large mission, searches and filters run in a worker thread: keys are answered while
they run, the query bar says what is running, and only the latest request counts (issue 6).

The worker path is forced on the bundled mission by lowering the size threshold, and the
work is held at a gate, so the test sees the app while the work is still running.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

import tui.screens.mission.searching
from data.query.filters import Filter
from data.query.search import EventSearch
from tui.app import MissionTimelineApp

SIZE = (120, 40)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds searches and filters run off the main thread until the test opens it."""
    opened = threading.Event()
    monkeypatch.setattr(tui.screens.mission.searching, "BACKGROUND_EVENTS", 0)

    def held(method):  # type: ignore[no-untyped-def]
        def wait_then_run(*args, **kwargs):  # type: ignore[no-untyped-def]
            if threading.current_thread() is not threading.main_thread():
                assert opened.wait(10), "the test never opened the gate"
            return method(*args, **kwargs)

        return wait_then_run

    monkeypatch.setattr(EventSearch, "next_hit", held(EventSearch.next_hit))
    monkeypatch.setattr(Filter, "apply", held(Filter.apply))
    yield opened
    opened.set()


async def test_search_runs_in_a_worker_and_keys_are_answered(
    app: MissionTimelineApp, gate: threading.Event
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("slash", "p", "e", "r")
        await pilot.pause()
        bar = screen.query_bar
        assert bar.input.value == "per"  # typed while the searches were running
        assert bar.note.startswith("searching") and screen.search is None
        await pilot.press("e", "s")
        assert bar.input.value == "peres"
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Five searches ran; only the last one's result is used, whatever order they ended in.
        assert screen.search is not None and screen.search.query == "peres"
        assert screen.selected is not None and screen.search.matches(screen.selected)
        assert bar.note == "" and bar.error == ""


async def test_filter_runs_in_a_worker_and_closes_the_bar_when_applied(
    app: MissionTimelineApp, gate: threading.Event
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("f", *"kind:docking", "enter")
        await pilot.pause()
        bar = screen.query_bar
        assert bar.display and bar.note.startswith("filtering") and screen.event_filter is None
        await pilot.press("z")  # typed into the bar while the filter runs, not lost
        assert bar.input.value == "kind:dockingz"
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.event_filter is not None and screen.event_filter.text == "kind:docking"
        assert not bar.display and bar.note == ""
        assert {event.kind.value for event in screen.timeline.shown_events} == {"docking"}


async def test_a_filter_that_matches_nothing_is_refused_after_the_worker(
    app: MissionTimelineApp, gate: threading.Event
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("f", *"kind:eva person:peresild", "enter")
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        bar = screen.query_bar
        assert screen.event_filter is None and bar.display
        assert "no event matches" in bar.error and bar.note == ""
