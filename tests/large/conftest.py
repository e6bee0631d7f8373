"""The engine reads files of any size here (below `ENGINE_SMALLEST` it leaves them to the
general reader, which is quicker on them): these tests compare the two on small files. The
cache tests' fixtures: caching on for any file, and their mission."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.generated import write_mission


@pytest.fixture(autouse=True)
def engine_for_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    from data.load import large

    monkeypatch.setattr(large, "ENGINE_SMALLEST", 0)


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Cache every JSON Lines file, however small or new (the cache tests test those rules);
    the caches being written are written before the test's cache folder goes."""
    from data.load import large
    from data.load.jsonl_cache import written
    from data.load.large import cache

    monkeypatch.setattr(large, "CACHE_SMALLEST", 0)
    monkeypatch.setattr(cache, "SETTLING_NS", 0)
    yield
    written()


@pytest.fixture
def mission(tmp_path: Path) -> Path:
    """A JSON Lines mission of 3,000 events (generated, the same each time)."""
    return write_mission(tmp_path / "m.jsonl", 3000, seed=11)
