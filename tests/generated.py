"""Missions made by the benchmarks' generator (`bench/synthetic/`), for the tests that need
a large or varied one: every precision, zone form, span, stated time and dispute; and a small
header for the tests that write a JSON Lines mission line by line."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from data.model import Event, Mission
from data.opening import load_mission
from data.store import EventStore

HEADER: dict[str, Any] = {
    "format": 1,
    "mission": {"id": "demo", "title": "Demo", "reference": "launch"},
    "sources": [{"id": "press", "title": "Press kit"}],
    "places": [{"id": "pad", "name": "Pad", "zone": "Asia/Qyzylorda"}],
    "vehicles": [{"id": "capsule", "name": "Capsule", "kind": "spacecraft"}],
    "phases": [
        {"id": "ascent", "name": "Ascent", "start": "2021-10-05T08:00Z", "end": "2021-10-06T08:00Z"}
    ],
    "people": [
        {
            "id": "ada",
            "name": "Ada Example",
            "flights": [
                {"up": "capsule", "down": "capsule", "launch": "launch", "landing": "landing"}
            ],
        }
    ],
}
"""A small JSON Lines header (one of each record) for missions written line by line."""

_SYNTHETIC = Path(__file__).parent.parent / "bench" / "synthetic"
_spec = importlib.util.spec_from_file_location(
    "synthetic", _SYNTHETIC / "__init__.py", submodule_search_locations=[str(_SYNTHETIC)]
)
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
sys.modules["synthetic"] = generate  # its modules import each other relatively
_spec.loader.exec_module(generate)


def write_mission(path: Path, count: int, *, seed: int = 19) -> Path:
    """Write a generated mission of `count` events to `path`, as JSON or JSON Lines by its
    suffix."""
    with path.open("w", encoding="utf-8") as out:
        generate.write_mission(out, count, path.suffix.lstrip("."), seed=seed)
    return path


def both_forms(folder: Path, count: int, *, seed: int = 19) -> tuple[Mission, Mission]:
    """The same generated mission loaded from JSON Lines (a store), and from JSON with its
    events copied out into a tuple: the per-event reference paths' input."""
    store = load_mission(write_mission(folder / "m.jsonl", count, seed=seed))
    loaded = load_mission(write_mission(folder / "m.json", count, seed=seed))
    assert isinstance(store.events, EventStore) and isinstance(loaded.events, EventStore)
    return store, with_event_tuple(loaded)


class EventTupleMission(Mission, frozen=True, dict=True):
    """A mission whose events are a tuple: the per-event reference that tests hold the store
    against (every mission the app loads holds a store)."""

    @cached_property
    def event_by_id(self) -> Mapping[str, Event]:  # type: ignore[override]
        return {event.id: event for event in self.events}


def with_event_tuple(mission: Mission) -> Mission:
    """`mission` with its events in a tuple: comparable with `==`, event by event."""
    values = {name: getattr(mission, name) for name in mission.__struct_fields__}
    return EventTupleMission(**(values | {"events": tuple(mission.events)}))
