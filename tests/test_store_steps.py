"""The end of a large reading is done in steps (`data.steps`): the events come out in the
same order as one stable sort gives, and a check between the steps can stop it.

The steps are made small here (`STEP` patched), so that a few thousand events take many."""

from __future__ import annotations

from array import array
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.load.jsonl import load_jsonl, open_jsonl
from data.load.large import ENGINE_VARIABLE
from data.steps import go_on
from data.store.builder import _time_order
from tests.generated import write_mission


@given(
    st.lists(st.sampled_from([-1e9, -0.5, 0.0, 3.0, 3.5, 1e9]), max_size=300),
    st.sampled_from([1, 2, 5, 64]),
)
def test_time_order_in_steps_is_one_stable_sort(instants: list[float], step: int) -> None:
    with mock.patch("data.store.builder.STEP", step):
        order = _time_order(array("d", instants), go_on)
    assert list(order) == sorted(range(len(instants)), key=instants.__getitem__)


class StoppedError(Exception):
    """Raised by a check to stop the work."""


@pytest.fixture(scope="module")
def unordered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated JSON Lines mission, out of time order (it must be sorted once read)."""
    return write_mission(tmp_path_factory.mktemp("unordered") / "m.jsonl", 3000)


def test_the_end_of_a_reading_is_checked_between_steps(unordered: Path) -> None:
    calls = 0
    ordered: list[bool] = []

    def count() -> None:
        nonlocal calls
        calls += 1

    reading = open_jsonl(str(unordered))
    with mock.patch("data.store.builder.STEP", 100), mock.patch("data.load.jsonl.STEP", 100):
        mission = reading.finish(lambda events, done: ordered.append(reading.in_order()), count)
    assert not ordered[-1], "the file is in time order: nothing was sorted"
    assert list(mission.events) == list(load_jsonl(str(unordered)).events)
    assert calls > 3000 // 100, "not called between steps"


@pytest.mark.parametrize("stop_after", [1, 40, 200])  # in the ids' check, the sort, a column
def test_a_check_stops_the_end_of_a_reading(
    unordered: Path, stop_after: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check that raises stops the work where it is: the exception passes through and the
    file is closed (whether it comes in the duplicates' check, the sort or the columns). The
    general reader's steps (the columnar engine's: tests/large/test_engine_steps.py)."""
    monkeypatch.setenv(ENGINE_VARIABLE, "python")
    calls = 0

    def stop_at_last() -> None:
        nonlocal calls
        calls += 1
        if calls == stop_after:
            raise StoppedError

    reading = open_jsonl(str(unordered))
    with (
        mock.patch("data.store.builder.STEP", 100),
        mock.patch("data.load.jsonl.STEP", 100),
        pytest.raises(StoppedError),
    ):
        reading.finish(check=stop_at_last)
    assert calls == stop_after
    assert reading._file.handle.closed
