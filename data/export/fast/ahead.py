"""The engine's batches made on two threads and handed back in order: most of a batch's
time is spent in Arrow's C++ kernels, which let go of Python's lock, so one thread's
kernels run while the other makes its Python parts (measured on a million events with two
cores: a CSV export 1.3x as fast; a third thread was slower).

What the writers share while they make batches is safe to share: their lookups make a
value at most twice and keep one (`parts.Table` publishes its texts whole), and the time
layer's shared tables are locked (`data.times.periods`, `data.export.fast.times`).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextvars import copy_context
from typing import TypeVar

Item = TypeVar("Item")
Made = TypeVar("Made")


def _cores() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


THREADS = min(2, _cores())
"""Threads that make batches: two where two cores are there to run them, else one (then
the batches are made in the calling thread)."""


def in_order(make: Callable[[Item], Made], items: Iterable[Item]) -> Iterator[Made]:
    """`make(item)` for each item, in the items' order, made up to `THREADS` at a time; at
    most one more made than `THREADS` is held (memory stays flat however many items), each
    in the caller's context. An error in `make` is raised where its item's result would
    have been."""
    if THREADS < 2:
        yield from map(make, items)
        return
    pool = ThreadPoolExecutor(THREADS, thread_name_prefix="export")
    pending: deque[Future[Made]] = deque()
    try:
        for item in items:
            # Each batch in the caller's context: its language (`data.i18n.speaking`).
            pending.append(pool.submit(copy_context().run, make, item))
            if len(pending) > THREADS:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # A reader that stops early (a closed pipe) leaves no batch being made behind it.
        pool.shutdown(wait=True, cancel_futures=True)
