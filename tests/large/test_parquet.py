"""Parquet in and out: `export --format parquet` writes the mission's columns (each time with
its UTC timestamp, precision and zone beside it; the header as the file's metadata), and a
`.parquet` mission opens through the same checks: the same mission as the original, byte for
byte in every export; a hostile file is one placed error line, exit 65, no traceback."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from data.exit_codes import ExitCode
from data.export import FORMATS, make_options
from data.load.large import ENGINE_VARIABLE
from data.model import Mission
from data.opening import load_bundled, load_mission
from tests.generated import write_mission
from tests.large.engine_helpers import STAMP, assert_same
from tui.cli import main

pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402  (needs pyarrow)

from data.load.large import parquet_write  # noqa: E402

HERE = Path(__file__).parent.parent
FIXTURES = {
    "bundled": None,
    "demo": HERE / "export" / "fixtures" / "demo.toml",
    "hostile": HERE / "hostile" / "hostile-mission.json",
}


def _export(mission: Mission, path: Path) -> Path:
    out = io.TextIOWrapper(path.open("wb"), encoding="utf-8", newline="")
    with out:
        FORMATS["parquet"].write(mission, make_options(mission, stamp=STAMP), out)
    return path


def _loaded(name: str) -> Mission:
    path = FIXTURES[name]
    return load_bundled() if path is None else load_mission(path)


@pytest.mark.parametrize("name", list(FIXTURES))
def test_a_mission_comes_back_from_parquet(tmp_path: Path, name: str) -> None:
    original = _loaded(name)
    assert_same(load_mission(_export(original, tmp_path / "m.parquet")), original)


def test_a_large_mission_in_many_row_groups_comes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parquet_write, "ROWS", 4096)
    original = load_mission(write_mission(tmp_path / "m.jsonl", 10_000, seed=3))
    path = _export(original, tmp_path / "m.parquet")
    assert pq.ParquetFile(path).metadata.num_row_groups == 3
    assert_same(load_mission(path), original)


def test_the_columns_are_the_missions(tmp_path: Path) -> None:
    """Times as written, their instant in UTC (none for a date), precision and zone beside."""
    mission = load_mission(write_mission(tmp_path / "m.jsonl", 300, seed=5))
    table = pq.read_table(_export(mission, tmp_path / "m.parquet"))
    header = json.loads(table.schema.metadata[b"mission-timeline"])
    assert header["mission"]["id"] == mission.info.id and "events" not in header
    for row in table.to_pylist():
        event = mission.events.by_id[row["id"]]
        for time in ("at", "planned", "end"):
            when = getattr(event, time)
            assert row[time] == (None if when is None else when.text)
            if when is None:
                continue
            assert row[f"{time}_zone"] == when.zone
            assert row[f"{time}_precision"] == when.precision.name.lower()
            expected = None if when.is_date else when.instant
            assert row[f"{time}_utc"] == expected


def test_a_parquet_file_of_another_tool_opens(tmp_path: Path) -> None:
    """Only some columns, strings of another layout, a dictionary: still a mission."""
    original = load_mission(write_mission(tmp_path / "m.jsonl", 50, seed=7))
    path = _export(original, tmp_path / "m.parquet")
    table = pq.read_table(path)
    keep = ["id", "title", "kind", "at", "planned", "phase"]
    changed = table.select(keep)
    changed = changed.set_column(1, "title", changed["title"].cast(pa.large_string()))
    changed = changed.set_column(2, "kind", changed["kind"].dictionary_encode())
    other = tmp_path / "other.parquet"
    pq.write_table(changed.replace_schema_metadata(table.schema.metadata), other)
    opened = load_mission(other)
    assert [event.id for event in opened.events] == [event.id for event in original.events]
    assert [event.at for event in opened.events] == [event.at for event in original.events]


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_line_writes_checks_and_reads_parquet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_mission(tmp_path / "m.jsonl", 200, seed=9)
    target = tmp_path / "m.parquet"
    assert _run(capsys, "export", source, "--format", "parquet", "-o", target)[0] == 0
    assert _run(capsys, "check", target)[:2] == (0, "checked 1 file: 0 errors, 0 warnings\n")
    assert _run(capsys, "export", target, "-o", tmp_path / "a.json")[0] == 0
    assert _run(capsys, "export", source, "-o", tmp_path / "b.json")[0] == 0
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_without_the_extra_parquet_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _export(load_mission(write_mission(tmp_path / "m.jsonl", 20)), tmp_path / "m.parquet")
    monkeypatch.setenv(ENGINE_VARIABLE, "python")
    code, out, err = _run(capsys, "check", path)
    assert code == ExitCode.NO_INPUT and "needs the large extra" in out
    code, _, err = _run(capsys, "export", "--format", "parquet", "-o", tmp_path / "x.parquet")
    assert code == ExitCode.UNAVAILABLE and "needs the large extra" in err
    assert not (tmp_path / "x.parquet").exists()


def _table(path: Path) -> pa.Table:
    return pq.read_table(path)


def _set(table: pa.Table, name: str, values: Any, kind: Any = None) -> pa.Table:
    column = pa.array(values, kind or table.schema.field(name).type)
    index = table.schema.get_field_index(name)
    if index < 0:
        return table.append_column(name, column)
    return table.set_column(index, pa.field(name, column.type), column)


def _header(change: Callable[[dict[str, Any]], Any]) -> Callable[[pa.Table], pa.Table]:
    def changed(table: pa.Table) -> pa.Table:
        header = json.loads(table.schema.metadata[b"mission-timeline"])
        value = change(header)
        text = value if isinstance(value, bytes) else json.dumps(value).encode()
        return table.replace_schema_metadata({b"mission-timeline": text})

    return changed


def _first_set(name: str, value: Any) -> Callable[[pa.Table], pa.Table]:
    def changed(table: pa.Table) -> pa.Table:
        values = table[name].to_pylist()
        values[0] = value
        return _set(table, name, values)

    return changed


HOSTILE: dict[str, tuple[Callable[[pa.Table], pa.Table], str]] = {
    "wrong type": (
        lambda t: _set(t, "title", list(range(t.num_rows)), pa.int64()),
        "events.title: a column of int64, where string values belong",
    ),
    "missing column": (lambda t: t.drop_columns(["kind"]), "missing required column 'kind'"),
    "unknown column": (
        lambda t: _set(t, "titel", ["x"] * t.num_rows, pa.string()),
        "events.titel: unknown column 'titel'",
    ),
    "huge string": (
        _first_set("title", "x" * ((1 << 20) + 1)),
        "events[0].title: string too long",
    ),
    "no header": (
        lambda t: t.replace_schema_metadata({}),
        "not a mission: its header belongs in the metadata 'mission-timeline'",
    ),
    "header not JSON": (_header(lambda h: b"{not json"), "its header (metadata): "),
    "header a list": (_header(lambda h: [h]), "its header (metadata): the top level must be"),
    "header with events": (
        _header(lambda h: {**h, "events": []}),
        "in a .parquet mission the events are its columns",
    ),
    "header's unknown source": (
        _header(lambda h: {**h, "people": [{**h["people"][0], "sources": ["nowhere"]}]}),
        "unknown source 'nowhere'",
    ),
    "unknown kind": (_first_set("kind", "picnic"), "events[0].kind: unknown value 'picnic'"),
    "unknown person": (_first_set("people", ["nobody"]), "events[0].people[0]: unknown person"),
    "bad time": (_first_set("at", "2021-02-30T10:00Z"), "events[0].at: "),
    "no id": (_first_set("id", None), "events[0].id: missing required field 'id'"),
    "duplicate id": (
        lambda t: _set(t, "id", [t["id"][0].as_py()] * t.num_rows),
        "events[1].id: duplicate id",
    ),
    "disagreeing utc": (
        _first_set("at_utc", None),
        "events[0].at_utc: nothing does not agree with at",
    ),
    "disagreeing planned zone": (
        lambda t: _planned_zone(t, "Asia/Tokyo"),
        "_zone: 'Asia/Tokyo' does not agree with planned",
    ),
    "a form without its time": (
        _first_set("end_precision", "day"),
        "events[0].end_precision: end_precision without end",
    ),
}


def _planned_zone(table: pa.Table, zone: str) -> pa.Table:
    """The table with the zone of its first planned time (of another row than the first)
    changed to `zone`."""
    planned = table["planned"].to_pylist()
    row = next(row for row, text in enumerate(planned) if text is not None and row)
    zones = table["planned_zone"].to_pylist()
    zones[row] = zone
    return _set(table, "planned_zone", zones)


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parquet")
    mission = load_mission(write_mission(folder / "m.jsonl", 30, seed=2))
    return _export(mission, folder / "m.parquet")


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_parquet_file_is_one_placed_error(
    valid: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    change, expected = HOSTILE[case]
    path = tmp_path / "m.parquet"
    pq.write_table(change(_table(valid)), path)
    code, _, err = _run(capsys, "export", path, "-o", tmp_path / "out.json")
    assert (code, err.count("\n")) == (ExitCode.DATA, 1), err
    assert expected in err and "Traceback" not in err, err
    assert err.startswith(f"mission-timeline export: {path}")


@pytest.mark.parametrize(
    "content",
    [b"", b"PAR1", b"{not parquet}", b"PAR1" + bytes(range(256)) * 40 + b"PAR1"],
    ids=["empty", "magic only", "text", "garbage"],
)
def test_a_file_that_is_not_parquet_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "m.parquet"
    path.write_bytes(content)
    code, out, err = _run(capsys, "check", path)
    assert code == ExitCode.DATA and "not a Parquet file" in out and "Traceback" not in out + err


def test_a_cut_parquet_file_is_one_error(valid: Path, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "m.parquet"
    path.write_bytes(valid.read_bytes()[:-100])
    code, out, err = _run(capsys, "check", path)
    assert code == ExitCode.DATA and out.count("\n") == 2 and "Traceback" not in out + err


def test_a_damaged_page_is_one_error(valid: Path, tmp_path: Path, capsys: Any) -> None:
    """The events are read in a thread of their own: what fails there is the same one
    error line."""
    path = tmp_path / "m.parquet"
    pq.write_table(_table(valid), path, row_group_size=10, compression="none")
    chunk = pq.ParquetFile(path).metadata.row_group(1).column(0)
    damaged = bytearray(path.read_bytes())
    damaged[chunk.data_page_offset : chunk.data_page_offset + 8] = b"\xff" * 8
    path.write_bytes(bytes(damaged))
    code, out, err = _run(capsys, "check", path)
    assert (code, out.count("\n")) == (ExitCode.NO_INPUT, 2), out
    assert "cannot read" in out and "Traceback" not in out + err, out + err
