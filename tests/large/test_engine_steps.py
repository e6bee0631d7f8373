"""The end of a reading by the engine is done in steps too (`data.steps`): a check between
them that raises stops it (the exception passes through, the file is closed), and the events
read so far are reported out of time order as soon as they are (the app then shows none until
all are sorted). The general reader's steps: tests/test_store_steps.py."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest

from data.load.jsonl import open_jsonl
from tests.generated import write_mission

pytest.importorskip("pyarrow")


class StoppedError(Exception):
    """Raised by a check to stop the work."""


@pytest.fixture(scope="module")
def unordered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_mission(tmp_path_factory.mktemp("unordered") / "m.jsonl", 3000)


@pytest.mark.parametrize("stop_after", [1, 2, 20])
def test_a_check_stops_the_engines_end_of_a_reading(unordered: Path, stop_after: int) -> None:
    calls = 0

    def stop() -> None:
        nonlocal calls
        calls += 1
        if calls == stop_after:
            raise StoppedError

    reading = open_jsonl(str(unordered))
    with mock.patch("data.load.jsonl.STEP", 100), pytest.raises(StoppedError):
        reading.finish(check=stop)
    assert calls == stop_after
    assert reading._file.handle.closed


def test_events_out_of_order_are_reported_so(
    unordered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import data.load.jsonl

    monkeypatch.setattr(data.load.jsonl, "_BLOCK", 1 << 14)
    reading = open_jsonl(str(unordered))
    seen: list[tuple[bool, bool]] = []
    reading.finish(
        lambda events, done: seen.append((reading.in_order(), reading.snapshot() is None))
    )
    assert seen[0][0] and not seen[-1][0], seen
    assert all(snapshot_none for _, snapshot_none in seen), "the engine shows no partial list"
