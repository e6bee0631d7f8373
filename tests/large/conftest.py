"""The engine reads files of any size here (below `ENGINE_SMALLEST` it leaves them to the
general reader, which is quicker on them): these tests compare the two on small files."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def engine_for_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    from data.load import large

    monkeypatch.setattr(large, "ENGINE_SMALLEST", 0)
