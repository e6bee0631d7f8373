"""A large JSON Lines (or Parquet) mission read from the cache of its columns instead of its
file, and cached once read (`data.load.large.cache`; written in the background), with the
columnar engine (the `large` extra).

A store from the cache goes through what the reader checks once the events are read: the
header's references to events (the mission's reference, the people's flights) must name
events it holds; if not, the file is read as if there were no cache (and says what is wrong).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from msgspec import structs

from data.load import large
from data.load.reading import Progress
from data.load.references import References
from data.model import Mission
from data.store import EventStore


@dataclass(frozen=True)
class Opened:
    """A JSON Lines (or Parquet) file as opened and its header read: what its cache is keyed
    on."""

    name: str
    status: os.stat_result
    """The file's status when it was opened."""
    opened_ns: int
    """When it was opened (`time.time_ns()`)."""
    header: Mission
    header_text: str
    decode_lines: Callable[[bytes], list[Any]]
    """The mission's JSON Lines decoder's, for the rare fields."""


def cached_mission(
    opened: Opened, references: References, wanted: frozenset[str], progress: Progress | None
) -> Mission | None:
    """The mission from the cache of the file's columns, if there is a good one (then told
    to `progress`, if given, as all the file's events read); `wanted`: the ids the header
    refers to."""
    if opened.status.st_size < large.CACHE_SMALLEST or not large.caching():
        return None
    try:
        from data.load.large import cache
    except (ImportError, MemoryError, OSError):
        return None
    written()  # this file's, perhaps, just read
    key = cache.key_of(opened.name, opened.status, opened.header_text.encode("utf-8"))
    store = cache.read_cache(opened.name, key, opened.header, opened.decode_lines)
    if store is None or references.event_ids(_found(store, wanted)):
        return None
    if progress is not None:
        progress(len(store), opened.status.st_size)
    return structs.replace(opened.header, events=store)


def cache_mission(opened: Opened, mission: Mission) -> None:
    """Cache the columns of a mission just read from the file, if it is worth it: in a
    thread of its own, so that the mission is shown without waiting for it (half a second
    or more for a million events). The process waits for it before it ends, so that the
    cache is there next time; a reading of the cache waits for it too (`written`)."""
    if opened.status.st_size < large.CACHE_SMALLEST or not large.caching():
        return
    try:
        from data.load.large import cache
    except (ImportError, MemoryError, OSError):
        return
    if isinstance(mission.events, EventStore) and cache.worth_caching(
        opened.status, opened.opened_ns
    ):
        key = cache.key_of(opened.name, opened.status, opened.header_text.encode("utf-8"))
        args = (opened.name, key, mission.events)
        writing = threading.Thread(target=cache.write_cache, args=args, name="cache")
        writing.start()
        _writings.append(writing)


_writings: list[threading.Thread] = []
"""The caches being written, each by a thread of its own."""


def written() -> None:
    """Wait until every cache being written is written."""
    while _writings:
        _writings.pop().join()


def _found(store: EventStore, wanted: frozenset[str]) -> set[str]:
    """Which of the `wanted` ids are the store's events' (looked up in one pass)."""
    ids = store.columns.ids
    return {ids[index] for index in store.positions(wanted)}
