"""Measure 5: export throughput and memory in a fresh process, against writing plain lines
from the same columns."""

from __future__ import annotations

import importlib.util
import statistics
from pathlib import Path
from typing import Any

from .common import Result, run_script

_EXPORT = """
import json, sys, time
from data.opening import load_mission

def status(key):
    # This process's own figures (kB) from /proc; VmHWM is the peak since the last reset.
    text = open("/proc/self/status").read()
    return int(text.split(key + ":")[1].split()[0]) / 1024

which, path, way = sys.argv[1], sys.argv[2], sys.argv[3]
if way == "python":
    import os
    os.environ["MISSION_TIMELINE_ENGINE"] = "python"
mission = load_mission(path)
if which != "baseline":
    from data.export import export, make_options
    options = make_options(mission)
count = len(mission.events)
before = status("VmRSS")
# Writing "5" to clear_refs resets VmHWM to the current RSS (Linux >= 4.0), so the peak
# read after writing is the peak while writing, not the loader's.
try:
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    reset = True
except OSError:
    reset = False
with open("/dev/null", "w", newline="", encoding="utf-8") as out:
    started, cpu = time.perf_counter(), time.process_time()
    if which == "baseline":
        # The floor for touching every event once, read as the exporters read it: the
        # store's columns a chunk at a time, one plain line per event, a write per chunk.
        columns = mission.events.columns
        ids, titles = columns.ids, columns.titles
        for low in range(0, count, 4096):
            high = min(low + 4096, count)
            names = ids.text(low, high).split("\\x00")
            out.write("".join([f"{i},{t}\\n" for i, t in zip(names, titles[low:high])]))
    else:
        export(mission, which, options, out)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
from data.export.fast import engine_ready
print(json.dumps({
    "engine": engine_ready(count),
    "rate": count / elapsed,
    "cpu_rate": count / cpu,
    "before_mib": before,
    "peak_mib": status("VmHWM"),
    "reset": reset,
}))
"""
EXPORT_FORMATS = {
    "text": ">= 600k events/s",
    "csv": ">= 900k events/s",
    "json": ">= 1M events/s",
    "md": "",
    "ics": "",
}
"""Formats and their targets with the columnar engine (issue 17; Markdown and iCalendar: for
information)."""
WITHOUT_ENGINE = {
    "text": ">= 75k events/s (before)",
    "csv": ">= 161k events/s (before)",
    "json": ">= 200k events/s",
}
"""Their targets without it: the figures before issue 17 or better (JSON: issue 6's)."""
ENGINE_FORMATS = ("text", "csv", "json")
"""These are written through the engine (pyarrow, if installed) and without it
(`MISSION_TIMELINE_ENGINE=python`); the others have no engine."""


def export(
    path: Path, label: str, runs: int, formats: tuple[str, ...] = ("text", "csv", "json")
) -> list[Result]:
    """Export throughput (events per second) to /dev/null, each run in a fresh process,
    through the columnar engine and without it, with the RSS before writing and the peak
    RSS while writing, against writing the same number of plain `f"{id},{title}\\n"` lines
    from the columns of the same loaded mission."""
    if importlib.util.find_spec("data.export") is None:
        return [Result("export", "", [], note="skipped: data/export is not on this branch")]
    measured: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for _ in range(runs):
        for which, way in [("baseline", "python"), *_ways(formats)]:
            found = run_script(_EXPORT, which, str(path), way)
            measured.setdefault((which, way), []).append(found)
    base = measured["baseline", "python"]
    results = []
    for name, way in _ways(formats):
        runs_of = measured[name, way]
        if way == "engine" and not all(r["engine"] for r in runs_of):
            results.append(Result(f"export {name} with the engine", "", [], note="not used"))
            continue
        target = WITHOUT_ENGINE[name] if way == "python" and name in ENGINE_FORMATS else ""
        target = EXPORT_FORMATS[name] if way == "engine" else target
        plain = way == "python" and name in ENGINE_FORMATS
        label_of = f"{label} events" + (", without the engine" if plain else "")
        growth = [r["peak_mib"] - r["before_mib"] for r in runs_of]
        cpu = statistics.median(r["cpu_rate"] for r in runs_of) / 1000
        note = (
            f"by CPU time {cpu:,.1f}k/s;"
            f" RSS before writing {statistics.median(r['before_mib'] for r in runs_of):,.1f} MiB,"
            f" peak while writing +{statistics.median(growth):,.1f} MiB"
            f" [{min(growth):,.1f}-{max(growth):,.1f}]"
        )
        if not all(r["reset"] for r in runs_of):
            note += " (peak not reset: includes loading)"
        results.append(
            Result(
                f"export {name}, {label_of}",
                "k events/s",
                [r["rate"] / 1000 for r in runs_of],
                "plain id,title lines from the columns",
                [r["rate"] / 1000 for r in base],
                target,
                note=note,
            )
        )
    growth = [r["peak_mib"] - r["before_mib"] for r in base]
    results.append(
        Result(
            f"export baseline RSS growth, {label} events",
            "MiB",
            growth,
            note="plain id,title lines: the peak while writing minus the RSS before",
        )
    )
    return results


def _ways(formats: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each format with each way it is written: through the engine, and without it."""
    return [
        (name, way)
        for name in formats
        for way in (("engine", "python") if name in ENGINE_FORMATS else ("python",))
    ]
