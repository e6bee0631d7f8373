"""The count of a search's hits (`hit 3 of 10`), worked out in the data layer."""

from __future__ import annotations

import pytest

from data.model import Mission
from data.opening import load_bundled
from data.query.filters import parse_filter
from data.query.search import EventSearch, HitCount


@pytest.fixture(scope="module")
def mission() -> Mission:
    return load_bundled()


def test_place_says_which_hit_or_how_many() -> None:
    count = HitCount((2, 5, 9))
    assert [count.place(p) for p in (2, 5, 9)] == ["hit 1 of 3", "hit 2 of 3", "hit 3 of 3"]
    assert count.place(0) == count.place(6) == count.place(10) == "3 hits"
    assert HitCount((4,)).place(3) == "1 hit"
    assert HitCount(()).place(0) == "no hits"
    assert HitCount(tuple(range(0, 2_000_000, 2))).place(2468) == "hit 1,235 of 1,000,000"


def test_count_is_every_hit_among_the_events_searched(mission: Mission) -> None:
    search = EventSearch(mission, "dock")
    count = search.count(mission.events)
    assert count is not None
    hits = [i for i, event in enumerate(mission.events) if search.matches(event)]
    assert list(count.positions) == hits and len(hits) > 3
    view = parse_filter("kind:docking", mission).apply(mission.events)
    in_view = search.count(view)
    assert in_view is not None
    assert list(in_view.positions) == [i for i, e in enumerate(view) if search.matches(e)]


def test_a_count_made_moot_stops_and_gives_nothing(mission: Mission) -> None:
    asked: list[int] = []

    def moot() -> bool:
        asked.append(1)
        return len(asked) > 1

    assert EventSearch(mission, "dock").count(mission.events, moot) is None
    assert EventSearch(mission, "dock").hits(mission.events, lambda: True) == []
