"""The cache of a large mission's columns: the second opening reads it instead of the file and
gives the same mission; a changed file is never served from it (another size, the same size,
the same size with its modification time put back); a missing, foreign or forged cache is
ignored and written again (a corrupt one: `test_cache_corrupt`); small and just-changed files
are not cached."""

from __future__ import annotations

import gc
import io
import json
import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from data.export import FORMATS, make_options
from data.load.jsonl import _Reader
from data.load.jsonl_cache import written
from data.model import Mission
from data.opening import load_mission, open_reading
from data.store import EventStore
from tests.generated import write_mission
from tests.large.cache_helpers import cache_files, counting_reads
from tests.large.engine_helpers import STAMP, assert_same, outcome

pa = pytest.importorskip("pyarrow")

from data.load import large  # noqa: E402
from data.load.large import cache  # noqa: E402
from data.load.large.parquet_events import ParquetEvents  # noqa: E402


def _not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, reading the file's events fails the test: only the cache may answer."""
    monkeypatch.setattr(_Reader, "finish", _refused)


def _refused(*args: object) -> None:
    raise AssertionError("the events were read from the file")


@pytest.mark.usefixtures("cached")
def test_the_second_opening_reads_the_cache(mission: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    general = outcome(mission, on=False)
    first = load_mission(mission)
    assert len(cache_files()) == 1
    _not_read(monkeypatch)
    second = load_mission(mission)
    assert_same(second, first)
    assert_same(second, general)


@pytest.mark.usefixtures("cached")
def test_the_mission_is_given_before_its_cache_is_written(
    mission: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache is written in the background; a reopening waits for it rather than read
    the file again."""
    let_write = threading.Event()
    write = cache.write_cache

    def held(*args: Any) -> None:
        assert let_write.wait(timeout=30), "the mission waited for its cache"
        write(*args)

    monkeypatch.setattr(cache, "write_cache", held)
    first = load_mission(mission)
    assert not list(cache.cache_folder().glob("*.arrow"))
    let_write.set()
    _not_read(monkeypatch)
    assert_same(load_mission(mission), first, compare_exports=False)


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


def test_writing_the_cache_leaves_the_records_unmade(mission: Path) -> None:
    """The stated times and disputes a loader leaves to be made when first read stay so
    once cached: the cache's writer reads each event's once and keeps none."""
    store = load_mission(mission).events  # not cached: no `cached` fixture
    assert isinstance(store, EventStore)
    unmade = [e for e in store.columns.extras.values() if e._later is not None]
    assert len(unmade) > 10
    cache.write_cache(str(mission), {"test": 1}, store)
    assert len(cache_files()) == 1
    assert all(e._later is not None for e in unmade)


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


@pytest.mark.usefixtures("cached")
def test_a_deleted_cache_folder_is_made_again(mission: Path) -> None:
    load_mission(mission)
    for path in cache_files():
        path.unlink()
    cache.cache_folder().rmdir()
    load_mission(mission)
    assert len(cache_files()) == 1


@pytest.mark.usefixtures("cached")
def test_only_the_most_recent_caches_are_kept(tmp_path: Path) -> None:
    for number in range(cache.KEPT + 2):
        load_mission(write_mission(tmp_path / f"m{number}.jsonl", 200, seed=number))
    assert len(cache_files()) == cache.KEPT


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
    [written] = cache_files()
    shared = written if place == "file" else written.parent
    shared.chmod(shared.stat().st_mode | stat.S_IWOTH)
    reads = counting_reads(monkeypatch)
    load_mission(mission)
    assert reads == [1]


@pytest.mark.usefixtures("cached")
def test_a_cache_of_another_owner_is_never_read(
    mission: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_mission(mission)
    [written] = cache_files()
    monkeypatch.setattr(os, "getuid", lambda: written.stat().st_uid + 1)
    reads = counting_reads(monkeypatch)
    load_mission(mission)
    assert reads == [1]


@pytest.mark.usefixtures("cached")
def test_the_cache_folder_is_the_users_alone(mission: Path) -> None:
    load_mission(mission)
    written()
    assert stat.S_IMODE(cache.cache_folder().stat().st_mode) == 0o700


def test_small_files_are_not_cached(mission: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `CACHE_SMALLEST` a file is read faster than the cache's engine is imported."""
    monkeypatch.setattr(cache, "SETTLING_NS", 0)
    assert mission.stat().st_size < large.CACHE_SMALLEST
    load_mission(mission)
    assert cache_files() == []


def test_a_file_changed_just_before_it_was_opened_is_not_cached(
    mission: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change within the file system's clock tick could keep every time the same."""
    monkeypatch.setattr(large, "CACHE_SMALLEST", 0)
    load_mission(mission)  # written this very moment
    assert cache_files() == []


@pytest.mark.usefixtures("cached")
def test_the_bundled_mission_is_never_cached() -> None:
    from data.opening import load_bundled

    load_bundled()
    written()
    assert not cache.cache_folder().exists()
