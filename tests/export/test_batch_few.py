"""A batch's few values (`columns.Batch.extras`, `.ends`: the rare fields only some events
have) are those of its own events, by index in the batch, whether the batch is a whole span
of the store, a dense or sparse pick of one (a filter's, a section's), or looked up from
either side."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.export.columns import Batch
from data.model import Mission
from data.opening import load_mission
from tests.generated import write_mission

EVENTS = 600


@pytest.fixture(scope="module")
def mission(tmp_path_factory: pytest.TempPathFactory) -> Mission:
    folder: Path = tmp_path_factory.mktemp("few")
    return load_mission(write_mission(folder / "m.jsonl", EVENTS))


def test_the_mission_has_few_values_to_find(mission: Mission) -> None:
    columns = mission.events.columns
    assert 0 < len(columns.extras) < EVENTS // 2
    assert 0 < len(columns.ends) < EVENTS // 2


@settings(max_examples=150, deadline=None)
@given(
    picked=st.sets(st.integers(0, EVENTS - 1), min_size=1, max_size=EVENTS),
    contiguous=st.booleans(),
)
def test_a_batch_finds_the_few_values_of_its_own_events(
    mission: Mission, picked: set[int], contiguous: bool
) -> None:
    store = mission.events
    where = sorted(picked)
    if contiguous:
        where = list(range(where[0], where[-1] + 1))
    batch = Batch(store, where)
    for name, found in (("extras", batch.extras), ("ends", batch.ends)):
        by_index = getattr(store.columns, name)
        expected = {n: by_index[i] for n, i in enumerate(where) if i in by_index}
        assert found == expected, name
