"""`RowLayout.find` (the `n`/`N` keys and search-as-you-type) gives the nearest hit from a
position, wrapping around, the same on a large store, a filtered view and the bundled mission."""

import pytest

from data.model import Mission
from data.opening import load_bundled, load_mission
from data.query.filters import parse_filter
from data.query.search import EventSearch
from data.store import EventStore
from tests.generated import write_mission
from tui.widgets.timeline import Timeline


def nearest(hits: list[int], count: int, start: int, forward: bool) -> int | None:
    """The reference: walk from `start` one event at a time, wrapping around."""
    step = 1 if forward else -1
    for offset in range(count):
        position = (start + step * offset) % count
        if position in hits:
            return position
    return None


@pytest.fixture(scope="module")
def store_mission(tmp_path_factory: pytest.TempPathFactory) -> Mission:
    mission = load_mission(write_mission(tmp_path_factory.mktemp("find") / "m.jsonl", 2500, seed=5))
    assert isinstance(mission.events, EventStore)
    return mission


@pytest.mark.parametrize("source", ["store", "view", "bundled"])
def test_find_is_the_nearest_hit_wrapping_around(source: str, store_mission: Mission) -> None:
    mission = load_bundled() if source == "bundled" else store_mission
    timeline = Timeline(mission)
    if source == "view":
        # As the watcher does, without an app to run it.
        timeline.set_reactive(
            Timeline.event_filter, parse_filter("kind:eva,milestone,docking", mission)
        )
        timeline._build_rows()
    events = timeline.shown_events
    assert type(events).__name__ == ("EventView" if source == "view" else "EventStore")
    count = len(events)
    person = mission.people[1]
    for query in (person.name.split()[-1], "dock", "zzzz", ""):
        search = EventSearch(mission, query)
        hits = [i for i, event in enumerate(events) if search.matches(event)]
        for start in (0, 1, count // 3, count - 2, count - 1, count, -1):
            for forward in (True, False):
                expected = nearest(hits, count, start, forward)
                assert timeline.rows.find(search, start, forward=forward) == expected, (
                    query,
                    start,
                    forward,
                )
