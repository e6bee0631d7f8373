"""Issue 17, targets 2 to 4: the first load with the columnar engine against the loader
without it, the reopening from the cache of the columns, and a Parquet mission opened
(checked, then from the cache); each in a fresh process, alternated with its baseline."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .common import ROOT, Result, run_script

LOAD_SCRIPT = """
import json, sys, time
started, cpu = time.perf_counter(), time.process_time()
from data.opening import load_mission
count = len(load_mission(sys.argv[1]).events)
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
from data.load.jsonl_cache import written
written()  # the cache written in the background: its memory counts, its time does not
status = open("/proc/self/status").read()
peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
loaded = int(status.split("VmRSS:")[1].split()[0]) / 1024
print(json.dumps(
    {"seconds": elapsed, "cpu": cpu, "peak_mib": peak, "loaded_mib": loaded, "count": count}
))
"""


@contextmanager
def settings(engine: bool, cache: Path | None) -> Iterator[None]:
    """The engine on or off, and the cache in `cache` (None: no cache), for the processes
    started inside."""
    names = ("MISSION_TIMELINE_ENGINE", "MISSION_TIMELINE_NO_CACHE", "MISSION_TIMELINE_CACHE_DIR")
    before = {name: os.environ.get(name) for name in names}
    os.environ["MISSION_TIMELINE_ENGINE"] = "" if engine else "python"
    os.environ["MISSION_TIMELINE_NO_CACHE"] = "" if cache else "1"
    os.environ["MISSION_TIMELINE_CACHE_DIR"] = str(cache or "")
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _load(path: Path, engine: bool, cache: Path | None = None) -> dict[str, float]:
    with settings(engine, cache):
        return run_script(LOAD_SCRIPT, str(path))


def parquet_file(path: Path) -> Path:
    """The mission of `path` exported as Parquet, made once and kept beside it."""
    target = path.with_suffix(".parquet")
    if not target.exists():
        with settings(True, None):
            subprocess.run(
                [sys.executable, "-m", "tui", "export", str(path), "-o", str(target)],
                check=True,
                cwd=ROOT,
            )
    return target


def large(path: Path, label: str, runs: int) -> list[Result]:
    """The rows of targets 2 to 4 for the mission at `path`."""
    first, python = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as empty:  # as a user's first opening: cached
            first.append(_load(path, engine=True, cache=Path(empty) / "c"))
        python.append(_load(path, engine=False))
    parquet = parquet_file(path)
    reopened, parquet_first, parquet_again = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        _load(path, engine=True, cache=cache)  # writes the cache
        for _ in range(runs):
            reopened.append(_load(path, engine=True, cache=cache))
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as empty:
                parquet_first.append(_load(parquet, engine=True, cache=Path(empty) / "c"))
        _load(parquet, engine=True, cache=cache)  # writes the Parquet file's cache
        for _ in range(runs):
            parquet_again.append(_load(parquet, engine=True, cache=cache))

    def seconds(runs: list[dict[str, float]]) -> list[float]:
        return [run["seconds"] for run in runs]

    def milliseconds(runs: list[dict[str, float]]) -> list[float]:
        """The reopenings' times in ms: a tenth of a second is too coarse for a 0.5 s target."""
        return [run["seconds"] * 1000 for run in runs]

    def mib(runs: list[dict[str, float]], key: str) -> list[float]:
        return [run[key] for run in runs]

    return [
        Result(
            f"first load {label} events, engine (s)",
            "s",
            seconds(first),
            "loader without it",
            seconds(python),
            "<= 4 s at 1M",
        ),
        Result(
            f"peak RSS first load {label}, engine",
            "MiB",
            mib(first, "peak_mib"),
            "loader without it",
            mib(python, "peak_mib"),
            "<= 800 MiB at 1M",
        ),
        Result(
            f"RSS once loaded {label}, engine",
            "MiB",
            mib(first, "loaded_mib"),
            "loader without it",
            mib(python, "loaded_mib"),
            "<= 400 MiB at 1M",
        ),
        Result(
            f"reopen {label} from the cache",
            "ms",
            milliseconds(reopened),
            "first load, engine",
            milliseconds(first),
            "<= 500 ms at 1M",
            f"CPU {statistics.median(mib(reopened, 'cpu')):.2f} s, "
            f"peak {max(mib(reopened, 'peak_mib')):.0f} MiB, "
            f"{statistics.median(mib(reopened, 'loaded_mib')):.0f} MiB once loaded",
        ),
        Result(
            f"open {label} Parquet, checked (s)",
            "s",
            seconds(parquet_first),
            "first load of the JSON Lines, engine",
            seconds(first),
            "as fast as the cache",
            f"peak {max(mib(parquet_first, 'peak_mib')):.0f} MiB",
        ),
        Result(
            f"reopen {label} Parquet from the cache",
            "ms",
            milliseconds(parquet_again),
            "reopen the JSON Lines from the cache",
            milliseconds(reopened),
            "as fast as the cache",
        ),
    ]
