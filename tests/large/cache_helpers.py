"""What the cache tests share: the cache files written, and counting the file's readings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from data.load.jsonl import _Reader
from data.load.jsonl_cache import written


def cache_files() -> list[Path]:
    """The cache files in the cache folder, in name order, once those being written are."""
    from data.load.large import cache  # needs pyarrow: the tests skip without it

    written()

    return sorted(cache.cache_folder().glob("*.arrow"))


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the file's events are read from now on (one item per reading)."""
    reads: list[int] = []
    finish = _Reader.finish

    def counted(self: _Reader) -> Any:
        reads.append(1)
        return finish(self)

    monkeypatch.setattr(_Reader, "finish", counted)
    return reads
