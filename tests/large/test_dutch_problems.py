"""Parquet in Dutch: a hostile Parquet mission's problems, and what Parquet says without the
engine or to a terminal, in the interface's language.

Each problem of a hostile `.parquet` file is one line, the file, the place and what is wrong,
at the same place as in English; what the loader's own checks say is in Dutch, while column
names, keys and values quoted from the file (and Arrow's own reasons) stay as they are.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from data.exit_codes import ExitCode
from data.files.reading import MAX_BYTES_VARIABLE
from data.load.large import ENGINE_VARIABLE
from data.opening import check_file, load_mission
from data.problems import Problem
from tests.generated import write_mission
from tests.processes import with_a_terminal_for_output
from tui.cli import main

Change = Callable[[Any], Any]
"""A change to a valid mission's table (a `pyarrow.Table`) that makes it hostile."""

pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402  (needs pyarrow)

from data.export import FORMATS, make_options  # noqa: E402


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, list[str], str]:
    """`mission-timeline ARGS` in this process: the exit code, standard output's lines and
    standard error."""
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def _places(problems: list[Problem]) -> list[tuple[str, str, int | None, int | None]]:
    """Where each problem is: everything but its words."""
    return [(p.file, p.path, p.line, p.column) for p in problems]


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A valid mission's table, with its header in the metadata."""
    folder = tmp_path_factory.mktemp("parquet")
    mission = load_mission(write_mission(folder / "m.jsonl", 30, seed=2))
    path = folder / "m.parquet"
    with path.open("w", encoding="utf-8", newline="") as out:
        FORMATS["parquet"].write(mission, make_options(mission), out)
    return pq.read_table(path)


def _set(table: Any, name: str, row: int, value: Any, kind: Any = None) -> Any:
    """`table` with column `name` holding `value` at `row` (of type `kind`, if new)."""
    index = table.schema.get_field_index(name)
    values = table[name].to_pylist() if index >= 0 else [None] * table.num_rows
    values[row] = value
    column = pa.array(values, kind or table.schema.field(name).type)
    if index < 0:
        return table.append_column(name, column)
    return table.set_column(index, pa.field(name, column.type), column)


def _header(text: bytes) -> Change:
    """The change that makes `text` the table's header (its metadata)."""
    return lambda table: table.replace_schema_metadata({b"mission-timeline": text})


def _header_of(table: Any) -> dict[str, Any]:
    """The table's header, parsed."""
    return dict(json.loads(table.schema.metadata[b"mission-timeline"]))


def _no_events(table: Any) -> Any:
    """No events, and a header that names none (no crew, no reference event)."""
    header = _header_of(table)
    header["mission"].pop("reference", None)
    header["people"] = []
    return _header(json.dumps(header).encode())(table.slice(0, 0))


def _unnamed(table: Any) -> tuple[int, int]:
    """The first two rows whose ids the header does not name (no reference to them is lost
    when one of them changes its id)."""
    named = table.schema.metadata[b"mission-timeline"].decode()
    rows = [row for row, ident in enumerate(table["id"].to_pylist()) if f'"{ident}"' not in named]
    return rows[0], rows[1]


def _duplicate_id(table: Any) -> Any:
    first, second = _unnamed(table)
    return _set(table, "id", second, table["id"][first].as_py())


def _without_end(table: Any) -> int:
    """The first row without an end."""
    return int(table["end"].to_pylist().index(None))


def _end_utc_alone(table: Any) -> Any:
    """An end's UTC form where the event has no end."""
    instant = table["at_utc"][0].as_py()
    return _set(table, "end_utc", _without_end(table), instant)


def _events_in_header(table: Any) -> Any:
    """A header that holds events too."""
    return _header(json.dumps({**_header_of(table), "events": []}).encode())(table)


def _at(table: Any) -> str:
    """The first event's time as written."""
    return str(table["at"][0].as_py())


HOSTILE: dict[str, tuple[Change, Callable[[Any], str]]] = {
    "wrong type": (
        lambda t: _set(t.drop_columns(["title"]), "title", 0, 1, pa.int64()),
        lambda t: (
            "events.title: een kolom van het type int64, waar waarden van het type string horen"
        ),
    ),
    "missing column": (
        lambda t: t.drop_columns(["kind"]),
        lambda t: "events: verplichte kolom 'kind' ontbreekt",
    ),
    "unknown column": (
        lambda t: _set(t, "titel", 0, "x", pa.string()),
        lambda t: "events.titel: onbekende kolom 'titel'",
    ),
    "no header": (
        lambda t: t.replace_schema_metadata({}),
        lambda t: "geen missie: de kop hoort in de metadata 'mission-timeline'",
    ),
    "header not UTF-8": (
        _header(b'{"format": 1, "mission": "\xff"}'),
        lambda t: "de kop (metadata) is geen geldige UTF-8",
    ),
    "header not JSON": (
        _header(b"{not json"),
        lambda t: (
            "de kop (metadata): JSON-syntaxfout: Sleutel tussen dubbele aanhalingstekens verwacht"
        ),
    ),
    "events in the header": (
        _events_in_header,
        lambda t: (
            "events: in een .parquet-missie staan de gebeurtenissen in de kolommen, niet in de kop"
        ),
    ),
    "no events": (
        _no_events,
        lambda t: "events: een missie heeft minstens één gebeurtenis nodig",
    ),
    "duplicate id": (
        _duplicate_id,
        lambda t: f"events[{_unnamed(t)[1]}].id: dubbele id {t['id'][_unnamed(t)[0]].as_py()!r}",
    ),
    "disagreeing utc": (
        lambda t: _set(t, "at_utc", 0, None),
        lambda t: (
            f"events[0].at_utc: een lege waarde klopt niet met at {_at(t)!r}: verwacht "
            f"{t['at_utc'][0].as_py().isoformat().replace('+00:00', 'Z')!r}"
        ),
    ),
    "utc form without its time": (
        _end_utc_alone,
        lambda t: f"events[{_without_end(t)}].end_utc: end_utc zonder end",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_parquet_file_in_dutch(
    valid: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
    case: str,
) -> None:
    change, expected = HOSTILE[case]
    path = tmp_path / "m.parquet"
    pq.write_table(change(valid), path)
    english_problems = check_file(path).problems
    english = _run(capsys, "check", path)
    request.getfixturevalue("in_dutch")
    dutch_problems = check_file(path).problems
    code, lines, err = _run(capsys, "check", path)
    assert (code, err) == (english[0], "") and code == ExitCode.DATA
    assert _places(dutch_problems) == _places(english_problems)
    assert lines == [
        f"{path}: {expected(valid)}",
        "1 bestand gecontroleerd: 1 fout, 0 waarschuwingen",
    ]
    assert lines[0] != english[1][0]


def test_a_file_that_is_not_parquet_in_dutch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], in_dutch: None
) -> None:
    path = tmp_path / "m.parquet"
    path.write_bytes(b"{not parquet}")
    code, lines, err = _run(capsys, "check", path)
    assert (code, err, len(lines)) == (ExitCode.DATA, "", 2)
    assert lines[0].startswith(f"{path}: geen Parquet-bestand (") and lines[0].endswith(")")


def test_columns_too_large_in_dutch(
    valid: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    in_dutch: None,
) -> None:
    """The file is within the limit; its columns, once read, would not be."""
    path = tmp_path / "m.parquet"
    long = _set(valid, "description", 0, "x" * 100_000)
    pq.write_table(long, path, use_dictionary=False, compression="zstd")
    size = path.stat().st_size
    monkeypatch.setenv(MAX_BYTES_VARIABLE, str(size))
    code, lines, err = _run(capsys, "check", path)
    assert (code, err, len(lines)) == (ExitCode.NO_INPUT, "", 2)
    assert lines[0].startswith(f"{path}: te groot (")
    assert lines[0].endswith(f" bytes in de kolommen; de grens is {size})")


def test_a_hostile_parquet_file_is_one_dutch_line_in_the_export(
    valid: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], in_dutch: None
) -> None:
    path = tmp_path / "m.parquet"
    pq.write_table(valid.drop_columns(["kind"]), path)
    code, lines, err = _run(capsys, "export", path, "-o", tmp_path / "out.json")
    assert (code, lines) == (ExitCode.DATA, [])
    assert err == f"mission-timeline export: {path}: events: verplichte kolom 'kind' ontbreekt\n"


NEEDS_ENGINE = "Parquet vraagt de extra 'large' (pip install 'mission-timeline[large]')"


def test_without_the_engine_parquet_says_so_in_dutch(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    in_dutch: None,
) -> None:
    monkeypatch.setenv(ENGINE_VARIABLE, "python")
    path = tmp_path / "m.parquet"
    path.write_bytes(b"PAR1")
    code, lines, _ = _run(capsys, "check", path)
    assert (code, lines[0]) == (ExitCode.NO_INPUT, f"{path}: {NEEDS_ENGINE}")
    code, lines, err = _run(capsys, "export", "--format", "parquet", "-o", tmp_path / "x.parquet")
    assert (code, lines, err) == (
        ExitCode.UNAVAILABLE,
        [],
        f"mission-timeline export: {NEEDS_ENGINE}\n",
    )
    assert not (tmp_path / "x.parquet").exists()


def test_parquet_is_never_written_to_a_terminal_in_dutch(in_dutch: None) -> None:
    command = [sys.executable, "-m", "tui", "export", "--format", "parquet"]
    result = with_a_terminal_for_output(command)
    assert result.returncode == ExitCode.USAGE
    assert result.stderr.decode() == (
        "mission-timeline export: parquet is binair, niet voor een terminal; "
        "geef een bestand op: -o PATH\n"
    )
