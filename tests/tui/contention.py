"""Keeps one CPU busy while a test runs its children there, so that they run under contention.

The monkey's crashes under load (tui/compat/: DuplicateIds, the AttributeError of a mouse
down on a removed widget, the palette's IndexError) came from the app's event loop being
stopped in the middle of its work, so that its timers, screen refreshes and worker threads
landed between messages they never land between on an idle machine. A child pinned to the
CPU of a busy loop of the same priority is stopped like that every few milliseconds of every
run, whether the machine is otherwise idle or has 64 free cores; the hog is not niced, since a
niced hog gives the CPU up to the child and contends with nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

HOG = """
import os
parent = os.getppid()
while os.getppid() == parent:  # a hog whose test process died stops on its own
    for _ in range(100_000):
        pass
"""
"""A busy loop that never gives up the CPU, checking every millisecond or so that the
process that started it is still there."""


def worker_cpu() -> int | None:
    """The CPU this pytest-xdist worker's children share with its hog: worker N gets the Nth of
    the CPUs this process may use (round robin), so the workers spread evenly over them.
    None where the system cannot pin a process to a CPU."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    number = re.sub(r"\D", "", os.environ.get("PYTEST_XDIST_WORKER", "")) or "0"
    return cpus[int(number) % len(cpus)]


@dataclass(frozen=True)
class Hog:
    """A running busy loop."""

    process: subprocess.Popen[bytes]
    cpu: int | None
    """The CPU it keeps busy, for `run_child(..., cpu=...)`; None: it runs anywhere, and only
    adds load."""


@contextmanager
def busy_cpu() -> Iterator[Hog]:
    """Keep one CPU busy until the `with` ends, even on a failure."""
    cpu = worker_cpu()
    process = subprocess.Popen([sys.executable, "-c", HOG], stdin=subprocess.DEVNULL)
    try:
        if cpu is not None:
            os.sched_setaffinity(process.pid, {cpu})
        yield Hog(process, cpu)
    finally:
        process.kill()
        process.wait()
