"""Measure 2: loading the large mission in a fresh process (time and peak memory), against
`json.loads` per line."""

from __future__ import annotations

from pathlib import Path

from .common import Result, run_script

LOAD_SCRIPT = """
import json, resource, sys, time
started = time.perf_counter()
if sys.argv[1] == "app":
    from data.opening import load_mission
    mission = load_mission(sys.argv[2])
    count = len(mission.events)
else:
    count = 0
    with open(sys.argv[2], "rb") as lines:
        for line in lines:
            json.loads(line)
            count += 1
elapsed = time.perf_counter() - started
# VmHWM is this process image's own peak; ru_maxrss can carry the parent's size over exec.
try:
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError, ValueError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mib": peak, "count": count}))
"""


def load(path: Path, label: str, runs: int) -> list[Result]:
    """Full load (validated, in memory) and peak RSS, each in a fresh process, against
    reading the same file with the standard library's json.loads line by line."""
    app: list[dict[str, float]] = []
    base: list[dict[str, float]] = []
    for _ in range(runs):
        for which, store in (("baseline", base), ("app", app)):
            store.append(run_script(LOAD_SCRIPT, which, str(path)))
    return [
        Result(
            f"load {label} events (s)",
            "s",
            [r["seconds"] for r in app],
            "json.loads per line",
            [r["seconds"] for r in base],
            "<= 3 s at 1M",
        ),
        Result(
            f"peak RSS loading {label} events",
            "MiB",
            [r["peak_mib"] for r in app],
            "json.loads per line",
            [r["peak_mib"] for r in base],
            "<= 400 MiB at 1M",
        ),
    ]
