"""A cache of a large mission's columns, so that it opens again in a moment: written once a
JSON Lines mission has been read and checked, read instead of the file while the file is the
same.

Where: one file per mission file, `<hash of its path>.arrow` in `cache_folder()` (the
platform's cache folder, `~/.cache/mission-timeline/columns` on Linux, or
`MISSION_TIMELINE_CACHE_DIR`); deleting the folder is always safe. What: the event store's
own columns (`data.load.large.cache_columns`), in Arrow's IPC format, which holds data only and
cannot run code (never `pickle`), written to a temporary file and renamed, so that a reader
never sees half of one. It is read mapped into memory: its columns are checked (Arrow's
full validation first: every offset within its data, every text UTF-8) and copied into the
store straight from the file, and nothing of the store points into it, so it is unmapped once
read. A cache is only ever replaced by a rename or deleted, never cut short in place, so the
mapping stays whole while it is read (a file cut short under a mapping ends the process).

When it is used: only if its key is the file's as it was opened (`key_of`: the path, device,
inode, size, modification and change times in nanoseconds, and the header line's hash) and
the app's (its version, the zone data's version, the cache's format), and its schema is
exactly the one written. A change that keeps the size and puts the modification time back
changes the change time (which no user can set), so it is seen. A file changed less than
`SETTLING_NS` before it was opened is not cached: a change within the file system's clock tick
could keep every time the same. Anything missing, unreadable, foreign or inconsistent is
ignored (and rewritten after the next reading), never trusted: the columns are checked for all
that could mislead the app (`cache_columns`). And only a cache that no one but this user can
have written is read (`_private`: the file and its folder owned by the user and writable by
no one else, as ssh treats its keys): nothing another user planted is ever read.

Which missions: JSON Lines files of at least `CACHE_SMALLEST` bytes (8 MiB). A smaller one is
read faster than the engine that reads the cache is imported, and would only fill the folder;
the bundled mission and other TOML or JSON missions are read whole in milliseconds.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc

from data import __version__
from data.load import large
from data.load.large.cache_columns import CACHE_SCHEMA, store_of, table_of
from data.load.large.cache_extras import Decode
from data.load.large.engine import give_back  # the system allocator, no pandas: first
from data.model import Mission
from data.store import EventStore

CACHE_FORMAT = 4
"""Raised whenever the cache's layout or the store's meaning changes."""
CACHE_DIR_ENV = "MISSION_TIMELINE_CACHE_DIR"
SETTLING_NS = 2 * 10**9
"""A file changed this recently before it was opened is not cached."""
KEPT = 8
"""The most recently used caches kept; older ones are deleted when one is written."""
_SUFFIX = ".arrow"


def cache_folder() -> Path:
    """Where the caches live (the folder may not exist yet)."""
    folder = os.environ.get(CACHE_DIR_ENV)
    if folder:
        return Path(folder)
    import platformdirs

    return Path(platformdirs.user_cache_dir("mission-timeline")) / "columns"


def key_of(name: str, status: os.stat_result, header: bytes) -> dict[str, object]:
    """What a cache of the file `name` (opened with `status`, its first line `header`) must
    have been written for."""
    import tzdata

    return {
        "format": CACHE_FORMAT,
        "app": __version__,
        "tzdata": tzdata.IANA_VERSION,
        "path": os.path.realpath(name),
        "device": status.st_dev,
        "inode": status.st_ino,
        "size": status.st_size,
        "modified_ns": status.st_mtime_ns,
        "changed_ns": status.st_ctime_ns,
        "header": hashlib.sha256(header).hexdigest(),
    }


def cache_path(name: str) -> Path:
    """The cache file of the mission file `name`."""
    digest = hashlib.sha256(os.path.realpath(name).encode("utf-8", "surrogatepass")).hexdigest()
    return cache_folder() / f"{digest[:32]}{_SUFFIX}"


def worth_caching(status: os.stat_result, opened_ns: int) -> bool:
    """Whether a file of this status, opened at `opened_ns`, is to be cached."""
    newest = max(status.st_mtime_ns, status.st_ctime_ns)
    return status.st_size >= large.CACHE_SMALLEST and opened_ns - newest >= SETTLING_NS


def read_cache(
    name: str, key: dict[str, object], header: Mission, decode: Decode
) -> EventStore | None:
    """The store cached for the file `name` under `key`, if there is a good one."""
    path = cache_path(name)
    try:
        if not (_private(path.parent) and _private(path)):
            return None
        with pa.memory_map(str(path)) as source:
            reader = ipc.open_file(source)
            schema = reader.schema
            if schema.remove_metadata() != CACHE_SCHEMA or reader.num_record_batches != 1:
                return None
            written = json.loads((schema.metadata or {}).get(b"key", b"null"))
            if written != key:
                return None
            batch = reader.get_batch(0)
            batch.validate(full=True)  # offsets within their data, texts UTF-8
            with _uncollected():
                store = store_of(batch, header, decode)
    except (OSError, ValueError, pa.ArrowException):
        return None
    if store is not None:
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used
    give_back()
    return store


def _private(path: Path) -> bool:
    """Whether only this user can have written `path`: owned by them, and writable by
    neither its group nor others."""
    status = path.stat()
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@contextlib.contextmanager
def _uncollected() -> Iterator[None]:
    """No cyclic garbage collection inside: a store read back makes a hundred thousand
    objects and more (the rare fields' records, the titles' list), none in a cycle, which
    the collector would otherwise walk again and again (a tenth of a second). Made, they
    are counted among the oldest objects at once (frozen and unfrozen, which moves every
    tracked object there without walking any): else the first young collection after
    would walk them all once more (25 ms), to free nothing. They are walked again only
    by a full collection, as every old object is."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if collecting:
            gc.enable()


def write_cache(name: str, key: dict[str, object], store: EventStore) -> None:
    """Cache `store` for the file `name` under `key` (a failure to write is no problem: the
    file is read again next time)."""
    folder = cache_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return  # it would not be read
        table = table_of(store)
        schema = table.schema.with_metadata({"key": json.dumps(key)})
        import tempfile  # only to write

        descriptor, written = tempfile.mkstemp(dir=folder, prefix=".writing-", suffix=_SUFFIX)
        temporary = Path(written)
        try:
            with os.fdopen(descriptor, "wb") as out, ipc.new_file(out, schema) as writer:
                writer.write_table(table.replace_schema_metadata(schema.metadata))
            temporary.replace(cache_path(name))
        finally:
            temporary.unlink(missing_ok=True)
    except (OSError, ValueError, pa.ArrowException):
        return
    finally:
        give_back()
    _keep_recent(folder)


def _keep_recent(folder: Path) -> None:
    """Delete all but the `KEPT` most recently used caches (and writings left over)."""
    with contextlib.suppress(OSError):
        caches = sorted(
            (entry for entry in folder.iterdir() if entry.suffix == _SUFFIX),
            key=lambda entry: entry.stat().st_mtime_ns,
            reverse=True,
        )
        for entry in caches[KEPT:]:
            with contextlib.suppress(OSError):
                entry.unlink()
