"""The cache of a large mission's columns: the second opening reads it instead of the file and
gives the same mission; a changed file is never served from it (another size, the same size,
the same size with its modification time put back); a missing, corrupt, foreign or forged
cache is ignored and written again; small and just-changed files are not cached."""

from __future__ import annotations

import gc
import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from data.export import FORMATS, make_options
from data.load.jsonl import _Reader
from data.model import Mission
from data.opening import load_mission, open_reading
from data.store import EventStore
from tests.generated import write_mission
from tests.large.engine_helpers import STAMP, assert_same, outcome

pa = pytest.importorskip("pyarrow")
import pyarrow.ipc as ipc  # noqa: E402  (needs pyarrow)

from data.load import large  # noqa: E402
from data.load.large import cache  # noqa: E402
from data.load.large.parquet_events import ParquetEvents  # noqa: E402


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cache every JSON Lines file, however small or new (the rules below test those)."""
    monkeypatch.setattr(large, "CACHE_SMALLEST", 0)
    monkeypatch.setattr(cache, "SETTLING_NS", 0)


@pytest.fixture
def mission(tmp_path: Path) -> Path:
    return write_mission(tmp_path / "m.jsonl", 3000, seed=11)


def _not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, reading the file's events fails the test: only the cache may answer."""
    monkeypatch.setattr(_Reader, "finish", _refused)


def _refused(*args: object) -> None:
    raise AssertionError("the events were read from the file")


def _cache_files() -> list[Path]:
    return sorted(cache.cache_folder().glob("*.arrow"))


@pytest.mark.usefixtures("cached")
def test_the_second_opening_reads_the_cache(mission: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    general = outcome(mission, on=False)
    first = load_mission(mission)
    assert len(_cache_files()) == 1
    _not_read(monkeypatch)
    second = load_mission(mission)
    assert_same(second, first)
    assert_same(second, general)


@pytest.mark.usefixtures("cached")
@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_a_reopening_tells_its_progress_once_all_read(
    mission: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if suffix == ".parquet":
        mission = _exported(load_mission(mission), mission.with_suffix(suffix))
    load_mission(mission)
    _not_read(monkeypatch)
    monkeypatch.setattr(ParquetEvents, "read", _refused)
    reading = open_reading(str(mission))
    assert reading is not None
    told: list[tuple[int, int]] = []
    again = reading.finish(lambda read, size: told.append((read, size)))
    assert told == [(3000, mission.stat().st_size)]
    assert len(again.events) == 3000


def _exported(mission: Mission, path: Path) -> Path:
    """`mission` written as Parquet at `path`."""
    with io.TextIOWrapper(path.open("wb"), encoding="utf-8", newline="") as out:
        FORMATS["parquet"].write(mission, make_options(mission, stamp=STAMP), out)
    return path


@pytest.mark.usefixtures("cached")
def test_a_store_read_back_is_left_to_no_young_collection(mission: Path) -> None:
    """Its objects (none in a cycle) are counted among the oldest at once: no young
    collection walks them again after the reading."""
    load_mission(mission)
    store = load_mission(mission).events
    assert isinstance(store, EventStore)
    made = {id(extras) for extras in store.columns.extras.values()}
    assert len(made) > 50  # the check below can fail
    young = {id(found) for generation in (0, 1) for found in gc.get_objects(generation)}
    assert not made & young


def _with_other_scripts(path: Path) -> Path:
    """The mission with every third description and title in other scripts (characters of
    two, three and four bytes in UTF-8), the rest ASCII: the text columns' chunks mix both."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number in range(1, len(lines), 3):
        event = json.loads(lines[number])
        event["description"] = f"Пуск {number} — 打ち上げ 🚀 {event.get('description', '')}"
        event["title"] = f"Ракета {number % 11} 🛰"
        lines[number] = json.dumps(event, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.usefixtures("cached")
def test_texts_in_other_scripts_come_back_whole(
    mission: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_other_scripts(mission)
    general = outcome(mission, on=False)
    load_mission(mission)
    _not_read(monkeypatch)
    second = load_mission(mission)
    assert_same(second, general)
    assert any(not text.isascii() for text in second.events.columns.descriptions.blobs)


def _change_same_size(path: Path) -> None:
    """Change one title's letter, keeping the size."""
    text = path.read_text(encoding="utf-8")
    at = text.index('"title":"', text.index("\n")) + len('"title":"')
    swapped = "b" if text[at] != "b" else "c"
    path.write_text(text[:at] + swapped + text[at + 1 :], encoding="utf-8")


@pytest.mark.usefixtures("cached")
@pytest.mark.parametrize("change", ["append", "same size", "same size, time put back"])
def test_a_changed_file_is_never_served_from_the_cache(mission: Path, change: str) -> None:
    load_mission(mission)
    before = mission.stat()
    if change == "append":
        line = json.dumps(
            {"id": "late", "title": "Late", "kind": "media", "at": "2030-01-01T00:00Z"}
        )
        with mission.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
    else:
        _change_same_size(mission)
        if change == "same size, time put back":
            os.utime(mission, ns=(before.st_atime_ns, before.st_mtime_ns))
            assert mission.stat().st_mtime_ns == before.st_mtime_ns
        assert mission.stat().st_size == before.st_size
    again = load_mission(mission)
    assert_same(again, outcome(mission, on=False), compare_exports=False)


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


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the file's events are read from now on (one item per reading)."""
    reads: list[int] = []
    finish = _Reader.finish

    def counted(self: _Reader) -> Any:
        reads.append(1)
        return finish(self)

    monkeypatch.setattr(_Reader, "finish", counted)
    return reads


@pytest.mark.usefixtures("cached")
@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_bad_cache_is_ignored_and_written_again(
    mission: Path, corruption: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = load_mission(mission)
    (path,) = _cache_files()
    CORRUPTIONS[corruption](path)
    assert cache.read_cache(str(mission), _key_of(mission), reference, _decode(mission)) is None
    reads = _counting_reads(monkeypatch)
    again = load_mission(mission)
    assert reads == [1], "the bad cache was used"
    assert_same(again, reference, compare_exports=False)
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


@pytest.mark.usefixtures("cached")
def test_a_deleted_cache_folder_is_made_again(mission: Path) -> None:
    load_mission(mission)
    for path in _cache_files():
        path.unlink()
    cache.cache_folder().rmdir()
    load_mission(mission)
    assert len(_cache_files()) == 1


@pytest.mark.usefixtures("cached")
def test_only_the_most_recent_caches_are_kept(tmp_path: Path) -> None:
    for number in range(cache.KEPT + 2):
        load_mission(write_mission(tmp_path / f"m{number}.jsonl", 200, seed=number))
    assert len(_cache_files()) == cache.KEPT


@pytest.mark.usefixtures("cached")
def test_an_unwritable_cache_folder_is_no_problem(
    mission: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(blocked / "cache"))
    assert_same(load_mission(mission), outcome(mission, on=False), compare_exports=False)


@pytest.mark.usefixtures("cached")
@pytest.mark.parametrize("place", ["file", "folder"])
def test_a_cache_others_could_write_is_never_read(
    mission: Path, monkeypatch: pytest.MonkeyPatch, place: str
) -> None:
    load_mission(mission)
    [written] = _cache_files()
    shared = written if place == "file" else written.parent
    shared.chmod(shared.stat().st_mode | stat.S_IWOTH)
    reads = _counting_reads(monkeypatch)
    load_mission(mission)
    assert reads == [1]


@pytest.mark.usefixtures("cached")
def test_a_cache_of_another_owner_is_never_read(
    mission: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_mission(mission)
    [written] = _cache_files()
    monkeypatch.setattr(os, "getuid", lambda: written.stat().st_uid + 1)
    reads = _counting_reads(monkeypatch)
    load_mission(mission)
    assert reads == [1]


@pytest.mark.usefixtures("cached")
def test_the_cache_folder_is_the_users_alone(mission: Path) -> None:
    load_mission(mission)
    assert stat.S_IMODE(cache.cache_folder().stat().st_mode) == 0o700


def test_small_files_are_not_cached(mission: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `CACHE_SMALLEST` a file is read faster than the cache's engine is imported."""
    monkeypatch.setattr(cache, "SETTLING_NS", 0)
    assert mission.stat().st_size < large.CACHE_SMALLEST
    load_mission(mission)
    assert _cache_files() == []


def test_a_file_changed_just_before_it_was_opened_is_not_cached(
    mission: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change within the file system's clock tick could keep every time the same."""
    monkeypatch.setattr(large, "CACHE_SMALLEST", 0)
    load_mission(mission)  # written this very moment
    assert _cache_files() == []


def test_the_bundled_mission_is_never_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    from data.opening import load_bundled

    monkeypatch.setattr(large, "CACHE_SMALLEST", 0)
    monkeypatch.setattr(cache, "SETTLING_NS", 0)
    load_bundled()
    assert not cache.cache_folder().exists()
