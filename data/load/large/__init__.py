"""The optional columnar engine for large missions (pyarrow, the `large` extra): whether it is
there and wanted.

With pyarrow installed (`pip install mission-timeline[large]`), a JSON Lines mission is read
and checked by Arrow's JSON reader and compute kernels (`data.load.jsonl_arrow`), the columns
of a large mission are cached (`data.load.large.cache`), and `.parquet` missions can be opened and
written. Without it everything works as before, at the pure-Python path's speed, and the
mission is the same, byte for byte. pyarrow is imported only by the modules that use it, only
when a large mission is read or an export made: never before the first frame.

`MISSION_TIMELINE_ENGINE=python` turns the engine off (to compare, or to rule it out). It is
not used either in a process whose address space is limited to less than `ROOM` (`ulimit -v`):
Arrow and numpy map large libraries and arenas, and would fail to load where the pure-Python
path still reads a mission or says that it is too large for the memory.

Importing this package (before any of its modules, so before pyarrow and numpy) keeps
OpenBLAS, which numpy's import starts, to one thread (`BLAS_THREADS`): the engine does no
linear algebra, and starting a thread per core with its buffers took 40 ms of CPU (a third
of numpy's import) and more of the wall time; a user's own setting is kept.
"""

from __future__ import annotations

import importlib.util
import os
import resource

from data.i18n import N_

ENGINE_VARIABLE = "MISSION_TIMELINE_ENGINE"
"""Set to `python` to read without the engine even when it is installed."""
ROOM = 2 << 30
"""The address space the engine needs at least (bytes)."""
NEEDS_ENGINE = N_("Parquet needs the large extra (pip install 'mission-timeline[large]')")
"""What opening or writing a Parquet file says without the engine (translated where shown)."""
ENGINE_SMALLEST = 8 << 20
"""Smaller JSON Lines files (about 30,000 events) are read without the engine: importing it
takes longer than it saves on them."""
CACHE_OFF_VARIABLE = "MISSION_TIMELINE_NO_CACHE"
"""Set (to anything but empty) to neither read nor write the cache of large missions."""
CACHE_SMALLEST = 8 << 20
"""JSON Lines files smaller than this (about 30,000 events) are not cached
(`data.load.large.cache` says why)."""
BLAS_THREADS = "OPENBLAS_NUM_THREADS"
"""Read by OpenBLAS once, when numpy is first imported."""

os.environ.setdefault(BLAS_THREADS, "1")


def worth_it(size: int) -> bool:
    """Whether a JSON Lines file of `size` bytes is read with the engine."""
    return size >= ENGINE_SMALLEST and available()


def caching() -> bool:
    """Whether large missions' columns are cached (`data.load.large.cache`): with the engine,
    unless turned off."""
    return not os.environ.get(CACHE_OFF_VARIABLE) and available()


def available() -> bool:
    """Whether the engine is installed, not turned off, and has room (found without
    importing it)."""
    if os.environ.get(ENGINE_VARIABLE, "").strip().lower() == "python":
        return False
    limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    if limit != resource.RLIM_INFINITY and limit < ROOM:
        return False
    return importlib.util.find_spec("pyarrow") is not None
