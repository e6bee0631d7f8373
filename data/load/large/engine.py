"""pyarrow as the engine uses it: with the system's allocator (one heap for every thread),
without pandas, its compute kernels called by name; and giving the memory a large reading
freed back to the system.

Arrow's own allocator (mimalloc) keeps the memory freed for later: after a million events
are read, a third of a gigabyte would stay with the process. The system's allocator gives it
back, so a loaded mission costs the memory of its store; glibc's, though, keeps the pages
freed inside its heap until asked (`give_back`, after a large reading).

The first time pyarrow turns a Python value into Arrow, it imports pandas if it is installed
(half a second here), to recognise pandas objects; the engine never gives it any, so pyarrow
is told, once, that there is no pandas (`import pandas` fails just then). Later, pandas is
imported as usual by whoever asks for it.

Every module of the engine that works with Arrow imports this first.
"""

from __future__ import annotations

import ctypes
import sys

import pyarrow as pa
from pyarrow._compute import call_function

pa.set_memory_pool(pa.system_memory_pool())

_M_ARENA_MAX = -8
"""glibc's `mallopt` parameter: how many heaps threads may allocate from."""

kernel = call_function
"""`pyarrow.compute.call_function` (a compute kernel by name), for the modules that a
reopening imports: importing `pyarrow.compute` itself, which makes a Python function of every
kernel, takes 30 ms."""


class _NoPandas:
    """An import finder that says pandas cannot be imported. (A finder needs only
    `find_spec`: not deriving from `importlib.abc.MetaPathFinder` spares importing
    `importlib.abc`, and `tempfile` with it, 3 ms.)"""

    def find_spec(self, name: str, *args: object) -> None:
        if name == "pandas":
            raise ImportError("pandas is not used by the engine")


def _without_pandas() -> None:
    """Let pyarrow look for pandas, and not find it, once."""
    if "pandas" in sys.modules:
        return  # imported already: nothing to spare
    blocker = _NoPandas()
    sys.meta_path.insert(0, blocker)
    try:
        pa.scalar(0)
    finally:
        sys.meta_path.remove(blocker)


_without_pandas()


def _one_heap() -> None:
    """Let every thread allocate from glibc's one heap: a large reading's threads (the
    next batch read while this one is checked) then reuse the memory each other freed,
    where a heap per thread kept its own (70-100 MiB more at the peak of a million
    events)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        options = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return
    options(_M_ARENA_MAX, 1)


_one_heap()


def give_back() -> None:
    """Return the memory freed inside the C allocator's heap to the system (glibc's
    `malloc_trim`, looked up among the symbols the process has loaded: finding the C
    library by name runs `ldconfig`, 5 ms; nothing elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
