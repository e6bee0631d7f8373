"""The columnar engine reads the same missions as the general reader, byte for byte: every
column of the store, every event, every export; and the same problems, placed alike.

The missions: the bundled one, the export tests' demo and the hostile mission written as JSON
Lines (plain, and with every non-ASCII character escaped, which sends the blocks the general
way), and generated missions of every kind of field, read in one block and in many."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data.export.json_export import to_data
from data.opening import load_bundled, load_mission
from tests.generated import write_mission
from tests.large.engine_helpers import assert_same, both, engine, outcome, write_jsonl

pytest.importorskip("pyarrow")

HERE = Path(__file__).parent.parent
FIXTURES = {
    "bundled": None,
    "demo": HERE / "export" / "fixtures" / "demo.toml",
    "hostile": HERE / "hostile" / "hostile-mission.json",
}


def _data(name: str) -> dict[str, object]:
    path = FIXTURES[name]
    return to_data(load_bundled() if path is None else load_mission(path))


@pytest.mark.parametrize("ascii_only", [False, True], ids=["utf-8", "escaped"])
@pytest.mark.parametrize("name", list(FIXTURES))
def test_fixture_missions_read_alike(tmp_path: Path, name: str, ascii_only: bool) -> None:
    path = write_jsonl(tmp_path / f"{name}.jsonl", _data(name), ascii_only=ascii_only)
    assert_same(*both(path))


@pytest.mark.parametrize("count", [1, 500, 6000])
def test_generated_missions_read_alike(tmp_path: Path, count: int) -> None:
    path = write_mission(tmp_path / "m.jsonl", count, seed=count)
    assert_same(*both(path))


def test_a_mission_read_in_many_blocks_reads_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocks of 16 KiB: the engine holds many, sorts them together and stores them once."""
    import data.load.jsonl

    monkeypatch.setattr(data.load.jsonl, "_BLOCK", 1 << 14)
    path = write_mission(tmp_path / "m.jsonl", 3000, seed=3)
    assert_same(*both(path))


def test_a_block_the_engine_refuses_is_read_the_general_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An escaped character in the middle of the file: its block goes the general way, the
    blocks before are stored in file order, the ones after as they come; the same mission."""
    import data.load.jsonl

    monkeypatch.setattr(data.load.jsonl, "_BLOCK", 1 << 14)
    path = write_mission(tmp_path / "m.jsonl", 3000, seed=4)
    lines = path.read_text(encoding="utf-8").splitlines()
    event = json.loads(lines[1500])
    event["title"] += " \u00e9t\u00e9"
    lines[1500] = json.dumps(event)  # ensure_ascii: \u00e9
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_same(*both(path))


def test_duplicate_ids_in_two_blocks_are_found_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import data.load.jsonl

    monkeypatch.setattr(data.load.jsonl, "_BLOCK", 1 << 14)
    path = write_mission(tmp_path / "m.jsonl", 3000, seed=5)
    lines = path.read_text(encoding="utf-8").splitlines()
    first, last = json.loads(lines[10]), json.loads(lines[2900])
    last["id"] = first["id"]
    lines[2900] = json.dumps(last, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with_engine, general = both(path)
    assert_same(with_engine, general)
    assert any("duplicate id" in problem for problem in general)


def test_the_engine_was_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparisons above compare something: the engine takes a plain generated file whole
    (no block goes the general way)."""
    from data.load.jsonl import _Reader

    monkeypatch.setattr(_Reader, "_in_bulk", _refused)
    path = write_mission(tmp_path / "m.jsonl", 2000, seed=6)
    with engine(True):
        load_mission(path)
    assert outcome(path, on=True) != []


def _refused(*args: object) -> int:
    raise AssertionError("a block went the general way")
