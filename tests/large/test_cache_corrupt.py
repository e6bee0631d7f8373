"""A cache that is bad in any way (empty, cut, not Arrow, another key or schema, a value out
of range, texts, separators, references, ends, rare lines or zones' changes that do not hold)
is ignored: the file is read again and the cache written again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from data.load.jsonl_cache import written
from data.opening import load_mission
from tests.large.cache_helpers import cache_files, counting_reads
from tests.large.engine_helpers import assert_same

pa = pytest.importorskip("pyarrow")
import pyarrow.ipc as ipc  # noqa: E402  (needs pyarrow)

from data.load.large import cache  # noqa: E402


def _rewrite(path: Path, change: Any, *, keep_key: bool = True) -> None:
    """Rewrite a cache file with `change(table)` (a table; its key kept if `keep_key`)."""
    table = ipc.open_file(pa.BufferReader(path.read_bytes())).read_all()
    changed = change(table)
    if keep_key:
        changed = changed.replace_schema_metadata(table.schema.metadata)
    with path.open("wb") as out, ipc.new_file(out, changed.schema) as writer:
        writer.write_table(changed)


def _with_column(name: str, values: Any) -> Any:
    def change(table: Any) -> Any:
        field = table.schema.field(name)
        column = pa.array([values], field.type)
        return table.set_column(table.schema.get_field_index(name), field, column)

    return change


def _key(table: Any) -> Any:
    key = json.loads(table.schema.metadata[b"key"])
    key["inode"] += 1
    return table.replace_schema_metadata({"key": json.dumps(key)})


CORRUPTIONS = {
    "empty": lambda path: path.write_bytes(b""),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
    "not Arrow": lambda path: path.write_bytes(b"\x80\x04pickle?" * 100),
    "foreign key": lambda path: _rewrite(path, _key, keep_key=False),
    "no key": lambda path: _rewrite(path, lambda t: t.replace_schema_metadata({}), keep_key=False),
    "other schema": lambda path: _rewrite(path, lambda t: t.drop_columns(["titles"])),
    "kind out of range": lambda path: _rewrite(path, _with_column("kinds", [200] * 3000)),
    "title out of range": lambda path: _rewrite(path, _with_column("title_of", [10**6] * 3000)),
    "instants out of order": lambda path: _rewrite(
        path, _with_column("instants", [float(3000 - n) for n in range(3000)])
    ),
    "ids' separators": lambda path: _rewrite(path, _with_column("ids_separators", [0] * 3000)),
    "separators out of order": lambda path: _rewrite(path, _separators_swapped),
    "a separator moved": lambda path: _rewrite(path, _separator_moved),
    "a NUL in an id": lambda path: _rewrite(path, _nul_in_id),
    "a NUL in a title": lambda path: _rewrite(path, _nul_in_title),
    "offsets backwards": lambda path: _rewrite(path, _offsets_backwards),
    "known id elsewhere": lambda path: _rewrite(path, _known_elsewhere),
    "a reference list missing": lambda path: _rewrite(path, _group_missing),
    "bad end": lambda path: _rewrite(path, _bad_end),
    "bad rare line": lambda path: _rewrite(path, _bad_rare),
    "ends' rows out of order": lambda path: _rewrite(path, _rows_changed("ends_at", _swapped)),
    "an end past the events": lambda path: _rewrite(path, _rows_changed("ends_at", _past)),
    "rare rows out of order": lambda path: _rewrite(path, _rows_changed("rare_at", _swapped)),
    "an end without its row": lambda path: _rewrite(path, _rows_changed("ends_at", _cut)),
    "a rare line missing": lambda path: _rewrite(path, _null_line),
    "a zone's change a second late": lambda path: _rewrite(path, _zone_change_moved),
    "a zone's change missing": lambda path: _rewrite(path, _zone_change_dropped),
    "a zone's offset wrong": lambda path: _rewrite(path, _zone_offset_wrong),
    "a zone unknown": lambda path: _rewrite(path, _zone_unknown),
}


def _unknown_ids(table: Any) -> int:
    """An id's number in the first chunk such that neither it nor the next id is one the
    header refers to (so that only the texts' checks can see a change to them)."""
    ids = table["ids"].to_pylist()[0][0].split("\0")
    known = set(table["known_ids"].to_pylist()[0])
    return next(n for n in range(1, len(ids) - 2) if not known.intersection(ids[n : n + 2]))


def _unknown_id_changed(table: Any, change: Any) -> Any:
    """`table` with the ids' first chunk changed by `change(text, at)`, `at` the separator
    of an id the header does not refer to."""
    chunks = table["ids"].to_pylist()[0]
    at = table["ids_separators"].to_pylist()[0][_unknown_ids(table)]
    chunks[0] = change(chunks[0], at)
    return _with_column("ids", chunks)(table)


def _separators_swapped(table: Any) -> Any:
    """Two ids' separators named in the wrong order: each still a NUL, as many as ids."""
    places = table["ids_separators"].to_pylist()[0]
    number = _unknown_ids(table)
    places[number], places[number + 1] = places[number + 1], places[number]
    return _with_column("ids_separators", places)(table)


def _separator_moved(table: Any) -> Any:
    """An id's separator swapped with its last character: as many NULs, one of them where
    no separator is said to be."""
    return _unknown_id_changed(
        table, lambda text, at: text[: at - 1] + "\0" + text[at - 1] + text[at + 1 :]
    )


def _nul_in_id(table: Any) -> Any:
    """An id's last character made a NUL: one NUL more than the separators."""
    return _unknown_id_changed(table, lambda text, at: text[: at - 1] + "\0" + text[at:])


def _nul_in_title(table: Any) -> Any:
    titles = table["titles"].to_pylist()[0]
    titles[0] = titles[0][:1] + "\0" + titles[0][2:]
    return _with_column("titles", titles)(table)


def _offsets_backwards(table: Any) -> Any:
    """The titles' second offset at the end of their text, past the third: the second title
    runs backwards (Arrow builds such an array without reading its offsets)."""
    titles = table["titles"].combine_chunks().flatten()
    offsets = bytearray(titles.buffers()[1].to_pybytes())
    offsets[4:8] = offsets[-4:]
    bad = pa.StringArray.from_buffers(len(titles), pa.py_buffer(offsets), titles.buffers()[2])
    column = pa.ListArray.from_arrays(pa.array([0, len(bad)], pa.int32()), bad)
    index = table.schema.get_field_index("titles")
    return table.set_column(index, table.schema.field(index), column)


def _group_missing(table: Any) -> Any:
    groups = table["groups"].to_pylist()[0]
    return _with_column("groups", [*groups, None])(table)  # a null, never used


def _known_elsewhere(table: Any) -> Any:
    places = table["known_at"].to_pylist()[0]
    assert places, "the header refers to events"
    return _with_column("known_at", places[1:] + places[:1])(table)  # each id another's place


def _bad_end(table: Any) -> Any:
    ends = table["ends"].to_pylist()[0]
    at = next(n for n, end in enumerate(ends) if end)
    ends[at] = "2021-02-30T00:00Z"
    return _with_column("ends", ends)(table)


def _bad_rare(table: Any) -> Any:
    lines = table["rare"].to_pylist()[0]
    at = next(n for n, line in enumerate(lines) if line)
    lines[at] = lines[at].replace(b'"kind":"', b'"kind":"no-such-')
    return _with_column("rare", lines)(table)


def _rows_changed(name: str, change: Any) -> Any:
    """A change of the rows of a kind of rare field (`change(rows)` gives the new rows)."""

    def changed(table: Any) -> Any:
        rows = table[name].to_pylist()[0]
        assert len(rows) > 1, "the mission has some"
        return _with_column(name, change(rows))(table)

    return changed


def _swapped(rows: list[int]) -> list[int]:
    return [rows[1], rows[0], *rows[2:]]


def _past(rows: list[int]) -> list[int]:
    return [*rows[:-1], 3000]


def _cut(rows: list[int]) -> list[int]:
    return rows[:-1]


def _null_line(table: Any) -> Any:
    lines = table["rare"].to_pylist()[0]
    return _with_column("rare", [None, *lines[1:]])(table)


def _zone_changes(table: Any) -> tuple[list[list[int]], list[list[float]], int]:
    """The zones' moments and offsets in the cache, and a zone with changes."""
    moments = table["zone_moments"].to_pylist()[0]
    offsets = table["zone_offsets"].to_pylist()[0]
    changing = next(n for n, found in enumerate(moments) if found)  # the mission has some
    return moments, offsets, changing


def _zone_change_moved(table: Any) -> Any:
    moments, _, zone = _zone_changes(table)
    moments[zone][0] += 1
    return _with_column("zone_moments", moments)(table)


def _zone_change_dropped(table: Any) -> Any:
    moments, offsets, zone = _zone_changes(table)
    del moments[zone][0], offsets[zone][1]
    changed = _with_column("zone_moments", moments)(table)
    return _with_column("zone_offsets", offsets)(changed)


def _zone_offset_wrong(table: Any) -> Any:
    _, offsets, zone = _zone_changes(table)
    offsets[zone][0] += 60_000
    return _with_column("zone_offsets", offsets)(table)


def _zone_unknown(table: Any) -> Any:
    names = table["zone_names"].to_pylist()[0]
    names[0] = "Mars/Olympus_Mons"
    return _with_column("zone_names", names)(table)


@pytest.mark.usefixtures("cached")
@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_bad_cache_is_ignored_and_written_again(
    mission: Path, corruption: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = load_mission(mission)
    (path,) = cache_files()
    CORRUPTIONS[corruption](path)
    assert cache.read_cache(str(mission), _key_of(mission), reference, _decode(mission)) is None
    reads = counting_reads(monkeypatch)
    again = load_mission(mission)
    assert reads == [1], "the bad cache was used"
    assert_same(again, reference, compare_exports=False)
    written()
    assert cache.read_cache(str(mission), _key_of(mission), again, _decode(mission)) is not None


def _key_of(mission: Path) -> dict[str, object]:
    from data.load.jsonl import open_jsonl

    reading = open_jsonl(str(mission))
    reading.close()
    opened = reading.opened
    return cache.key_of(str(mission), opened.status, opened.header_text.encode())


def _decode(mission: Path) -> Any:
    from data.load.jsonl import open_jsonl

    reading = open_jsonl(str(mission))
    reading.close()
    return reading.opened.decode_lines
