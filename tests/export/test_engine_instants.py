"""The engine reads the instants of a batch's planned times and ends from the column's bytes
at once (`Clocks.read`, `data.load.large.instants`), not string by string with
`instants_of`: only the strings that reader leaves to it (dates, months, a zone on a day its
clocks change) go that way."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from data.export import export, make_options
from data.export.fast import engine_always
from data.opening import load_mission
from data.times import bulk_instants
from tests.generated import write_mission

pa = pytest.importorskip("pyarrow", reason="the engine is the optional `large` extra")
read = pytest.importorskip("data.load.large.instants")


@pytest.mark.parametrize("format_name", ["text", "csv", "json"])
def test_planned_times_and_ends_are_read_in_bulk(
    tmp_path: Path, format_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    mission = load_mission(write_mission(tmp_path / "m.jsonl", 2000))
    times = [when for event in mission.events for when in (event.planned, event.end) if when]
    given = [when.text for when in times]
    texts = pa.array(given, pa.string())
    left = {text for text, good in zip(given, read._Read(texts).good, strict=True) if not good}
    assert len(left) < len(set(given)) / 2, "most are read in bulk"
    asked: list[str] = []
    quick = bulk_instants._quick_instant

    def noted(text: str) -> float | None:
        asked.append(text)
        return quick(text)

    monkeypatch.setattr(bulk_instants, "_quick_instant", noted)
    with engine_always():
        export(mission, format_name, make_options(mission), io.StringIO(newline=""))
    assert set(asked) & set(given) <= left
