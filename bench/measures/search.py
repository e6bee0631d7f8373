"""Measure 4: search (first hit, every hit) and filter on the large mission's columns,
against a plain scan of a column."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .common import Result


def search(path: Path, label: str, runs: int) -> list[Result]:
    """First hit and all hits of a search, and a filter, on the loaded mission's columns,
    against a plain Python scan of the title column (no folding, no names)."""
    from data.opening import load_mission
    from data.query.filters import parse_filter
    from data.query.search import EventSearch
    from data.store import EventStore

    mission = load_mission(path)
    events = mission.events
    assert isinstance(events, EventStore)
    person = mission.people[len(mission.people) // 2]
    surname = person.name.split()[1]
    dutch = person.names.nl[0].split()[1].lower()
    titles = events.columns.titles
    kinds = events.columns.kinds

    def plain_scan(needle: str) -> Callable[[], object]:
        return lambda: next((i for i, title in enumerate(titles) if needle in title), None)

    cases: list[tuple[str, Callable[[], object], Callable[[], object], str]] = [
        (
            f"search first hit, name as spelt in Dutch ({dutch})",
            lambda: EventSearch(mission, dutch).next_hit(events, 0, 1),
            plain_scan(surname),
            "<= 300 ms",
        ),
        (
            "search first hit from the end, backwards",
            lambda: EventSearch(mission, person.names.ru).next_hit(events, len(events) - 1, -1),
            plain_scan(surname),
            "<= 300 ms",
        ),
        (
            "search, no match (a full scan)",
            lambda: EventSearch(mission, "zzzzz").next_hit(events, 0, 1),
            plain_scan("zzzzz"),
            "<= 300 ms",
        ),
        (
            "search, every hit of a name",
            lambda: EventSearch(mission, surname).hits(events),
            plain_scan("zzzzz"),
            "",
        ),
        (
            "filter kind:docking,undocking",
            lambda: parse_filter("kind:docking,undocking", mission).apply(events),
            lambda: [i for i, k in enumerate(kinds) if k in (5, 6)],
            "<= 500 ms",
        ),
        (
            f"filter person:{dutch} kind:eva",
            lambda: parse_filter(f"person:{dutch} kind:eva", mission).apply(events),
            lambda: [i for i, k in enumerate(kinds) if k in (5, 6)],
            "<= 500 ms",
        ),
    ]
    results = []
    for name, measured, baseline, target in cases:
        app_times: list[float] = []
        base_times: list[float] = []
        for _ in range(runs):
            for function, store in ((baseline, base_times), (measured, app_times)):
                started = time.perf_counter()
                function()
                store.append((time.perf_counter() - started) * 1000)
        results.append(
            Result(
                f"{name}, {label} events",
                "ms",
                app_times,
                "plain title scan" if "filter" not in name else "plain kind scan",
                base_times,
                target,
            )
        )
    return results
