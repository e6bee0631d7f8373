"""The benchmarks of issue 6: each measure against its baseline, alternated in the same run.

    python bench/run.py              # the full run: 1M events, a few minutes
    python bench/run.py --ci         # 1k and 10k events, a few seconds; information only
    python bench/run.py --only load,search --events 100000

Every measure runs the app and its baseline one after the other, several times, and prints
the median, the range (min-max) and the ratio of the medians, with the target. Nothing here
asserts a time: the numbers are printed, and the exit status is 0 whenever the run finished.
See bench/README.md for what each measure does and how.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import contextlib
import fcntl
import importlib.util
import json
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PROBE = BENCH / "frame_probe.py"
GENERATE = BENCH / "generate.py"
MEASURES = ("first-frame", "load", "large-frame", "keys", "search", "export")


@dataclass
class Result:
    """One line of the table: a measure, its figures and its baseline's."""

    name: str
    unit: str
    values: list[float]
    baseline: str = ""
    baseline_values: list[float] | None = None
    target: str = ""
    note: str = ""

    def row(self) -> str:
        if not self.values:
            return f"{self.name:<44} {self.note}"
        text = f"{self.name:<44} {_spread(self.values, self.unit)}"
        if self.baseline_values:
            ratio = statistics.median(self.values) / statistics.median(self.baseline_values)
            text += f"   vs {self.baseline} {_spread(self.baseline_values, self.unit)}"
            text += f"   ratio {ratio:.2f}x"
        if self.target:
            text += f"   target {self.target}"
        if self.note:
            text += f"   ({self.note})"
        return text


def _spread(values: list[float], unit: str) -> str:
    median = statistics.median(values)
    return f"{median:,.1f} {unit} [{min(values):,.1f}-{max(values):,.1f}]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ci", action="store_true", help="small and quick: 1k and 10k events")
    parser.add_argument("--events", type=int, default=1_000_000, help="the large mission's size")
    parser.add_argument("--runs", type=int, default=0, help="runs per measure (default: varies)")
    parser.add_argument("--only", default="", help=f"comma-separated: {', '.join(MEASURES)}")
    parser.add_argument(
        "--export-formats",
        default="text,csv,json",
        help=f"the formats the export measure writes: {', '.join(EXPORT_FORMATS)}",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "mission-timeline-bench",
        help="where generated missions are kept between runs",
    )
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) - {""} or set(MEASURES)
    args.work.mkdir(parents=True, exist_ok=True)
    sizes = [1_000, 10_000] if args.ci else [args.events]
    print(f"mission-timeline benchmarks: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    results: list[Result] = []

    def report(result: Result) -> None:
        results.append(result)
        print(result.row(), flush=True)

    runs = args.runs or (2 if args.ci else 7)
    # Every process imports the project from bytecode, as an installed app does from its
    # second start on (PYTHONDONTWRITEBYTECODE, set on some machines, would have each one
    # compile the sources anew and time the compiler).
    for folder in ("data", "tui", "bench"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    if "first-frame" in only:
        report(first_frame(runs))
    for size in sizes if only - {"first-frame"} else []:
        path = mission_file(args.work, size)
        label = f"{size:,}"
        if "load" in only:
            for result in load(path, label, args.runs or (2 if args.ci else 3)):
                report(result)
        if "large-frame" in only:
            report(first_frame(args.runs or (1 if args.ci else 3), mission=path, label=label))
            report(loaded_in_app(args.runs or (1 if args.ci else 3), path, label))
        if "keys" in only:
            for result in keys(path, label, repeats=2 if args.ci else 30):
                report(result)
        if "search" in only:
            for result in search(path, label, args.runs or (2 if args.ci else 5)):
                report(result)
        if "export" in only:
            formats = tuple(name for name in args.export_formats.split(",") if name)
            for result in export(path, label, args.runs or (1 if args.ci else 3), formats):
                report(result)
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def mission_file(work: Path, size: int) -> Path:
    """A generated JSON Lines mission of `size` events, made once and kept in `work`."""
    path = work / f"synthetic-{size}.jsonl"
    if not path.exists():
        print(f"(generating {path} ...)", flush=True)
        partial = path.with_suffix(".part")
        subprocess.run(
            [sys.executable, str(GENERATE), str(size), "-o", str(partial), "--format", "jsonl"],
            check=True,
        )
        partial.rename(path)
    return path


# 1 and 2: first frame ---------------------------------------------------------------------


def first_frame(runs: int, mission: Path | None = None, label: str = "") -> Result:
    """Process start to first frame, the app against the bare app, alternated."""
    app_args = ["app"] if mission is None else ["app", str(mission)]
    app: list[float] = []
    bare: list[float] = []
    failure = ""
    for _ in range(runs):
        for target, values in ((["bare"], bare), (app_args, app)):
            try:
                values.append(_frame_time(target, timeout=600 if mission else 60))
            except RuntimeError as error:
                failure = str(error)
    name = "first frame, bundled mission" if mission is None else f"first frame, {label} events"
    target = "<= 1.25x bare" if mission is None else "<= 2x bare"
    if failure and not app:
        return Result(name, "ms", [], note=f"could not be measured: {failure}")
    return Result(name, "ms", app, "bare app", bare, target, note=failure)


def loaded_in_app(runs: int, mission: Path, label: str) -> Result:
    """Process start to the whole large mission shown in the app (its worker done and the
    list rebuilt for it), against a fresh process that only loads it (`load_mission`)."""
    app: list[float] = []
    alone: list[float] = []
    failure = ""
    for _ in range(runs):
        try:
            app.append(_frame_time(["app-loaded", str(mission)], timeout=600) / 1000)
        except RuntimeError as error:
            failure = str(error)
        output = subprocess.run(
            [sys.executable, "-c", _LOAD, "app", str(mission)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        alone.append(json.loads(output)["seconds"])
    name = f"fully loaded in the app, {label} events (s)"
    if failure and not app:
        return Result(name, "s", [], note=f"could not be measured: {failure}")
    return Result(name, "s", app, "load_mission alone", alone, "<= 3 s at 1M", note=failure)


def _frame_time(target: list[str], timeout: float) -> float:
    """Milliseconds from spawning the probe to its first frame, on an 80x24 pseudo-terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "frame"
        env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL": ""}
        started = time.monotonic_ns()
        process = subprocess.Popen(
            [sys.executable, str(PROBE), str(report), *target],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(slave)
        output = bytearray()
        deadline = time.monotonic() + timeout
        try:
            while process.poll() is None and time.monotonic() < deadline:
                ready, _, _ = select.select([master], [], [], 0.05)
                if ready:
                    with contextlib.suppress(OSError):
                        output += os.read(master, 65536)
            if process.poll() is None:
                process.kill()
                raise RuntimeError(f"no frame within {timeout:.0f} s")
        finally:
            with contextlib.suppress(OSError):
                while select.select([master], [], [], 0)[0] and os.read(master, 65536):
                    pass
            os.close(master)
            process.wait()
        if not report.exists():
            tail = output.decode(errors="replace")[-300:].strip()
            raise RuntimeError(f"exit {process.returncode} before a frame: {tail!r}")
        return (int(report.read_text()) - started) / 1e6


# 2: loading -------------------------------------------------------------------------------

_LOAD = """
import json, resource, sys, time
started = time.perf_counter()
if sys.argv[1] == "app":
    from data.load.loader import load_mission
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
            output = subprocess.run(
                [sys.executable, "-c", _LOAD, which, str(path)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout
            store.append(json.loads(output))
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


# 3: key to frame --------------------------------------------------------------------------

# Each plan: (where to start, key): the key is timed, the start is set up before it.
KEY_PLANS = (
    ("top", "down"),
    ("top", "pagedown"),
    ("top", "end"),
    ("end", "up"),
    ("end", "pageup"),
    ("end", "home"),
    ("top", "n"),
    ("end", "n"),
)
KEY_NAMES = {"n": "n (search next)"}
"""`n` jumps to the next hit of the search set before the plans run (see `_key_times`)."""


def keys(path: Path, label: str, repeats: int) -> list[Result]:
    """Key press to the next frame, from the app's own frame hook, small vs large mission."""
    try:
        from tui.app import make_app
    except ImportError as error:
        return [Result("key to frame", "ms", [], note=f"not available on this branch: {error}")]
    from data.load.loader import load_bundled, load_mission

    small = load_bundled()
    large = load_mission(path)
    results: list[Result] = []
    small_times = asyncio.run(_key_times(make_app(small), repeats, _search_query(small)))
    large_times = asyncio.run(_key_times(make_app(large), repeats, _search_query(large)))
    for plan in KEY_PLANS:
        where, key = plan
        key = KEY_NAMES.get(key, key)
        values = large_times.get(plan, [])
        baseline = small_times.get(plan, [])
        if not values:
            results.append(Result(f"key {key} at the {where}", "ms", [], note="no frame"))
            continue
        p99 = _percentile(values, 99)
        note = f"p99 {p99:.1f} ms"
        if plan[1] == "n":
            note += f"; searching {_search_query(large)!r}, bundled {_search_query(small)!r}"
        results.append(
            Result(
                f"key {key} at the {where}, {label} events",
                "ms",
                values,
                "bundled mission",
                baseline or None,
                "median <= 16 ms, p99 <= 33 ms",
                note=note,
            )
        )
    return results


def _search_query(mission: Any) -> str:
    """What "search next" searches for: the surname of the mission's first person, so each
    `n` jumps to the next event naming them (in any spelling)."""
    return str(mission.people[0].name.split()[-1]) if mission.people else "a"


async def _key_times(app: Any, repeats: int, query: str) -> dict[tuple[str, str], list[float]]:
    """Time each plan's key from dispatch to the frame the app paints after it.

    The search for `n` is set once, as typing it after `/` would: the main screen's `search`
    holds it.

    The hook is the app's `_display`, which Textual calls with each rendered update of the
    screen (headless too: the frame is composed, only the terminal write is skipped)."""
    frames: list[float] = []
    display = app._display

    def hooked(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    app._display = hooked
    # Smooth scrolling would make the frame after a key the first of an animation.
    app.animation_level = "none"
    times: dict[tuple[str, str], list[float]] = {}
    async with app.run_test(size=(100, 40)) as pilot:
        from data.query.search import EventSearch

        screen = app.main_screen
        screen.search = EventSearch(screen.mission, query)
        await pilot.pause()
        for _ in range(repeats):
            for where, key in KEY_PLANS:
                await pilot.press("home" if where == "top" else "end")
                await pilot.pause()
                seen = len(frames)
                started = time.perf_counter()
                await pilot.press(key)
                for _ in range(20):
                    if len(frames) > seen:
                        break
                    await pilot.pause(0.005)
                if len(frames) > seen:
                    times.setdefault((where, key), []).append((frames[seen] - started) * 1000)
    return times


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


# 4: search and filter ---------------------------------------------------------------------


def search(path: Path, label: str, runs: int) -> list[Result]:
    """First hit and all hits of a search, and a filter, on the loaded mission's columns,
    against a plain Python scan of the title column (no folding, no names)."""
    from data.load.loader import load_mission
    from data.query.filters import parse_filter
    from data.query.search import EventSearch
    from data.store import EventStore

    mission = load_mission(path)
    events = mission.events
    assert isinstance(events, EventStore)
    person = mission.people[len(mission.people) // 2]
    surname = person.name.split()[1]
    dutch = person.names.nl[0].split()[1].lower()
    titles = events.columns.titles
    kinds = events.columns.kinds

    def plain_scan(needle: str) -> Callable[[], object]:
        return lambda: next((i for i, title in enumerate(titles) if needle in title), None)

    cases: list[tuple[str, Callable[[], object], Callable[[], object], str]] = [
        (
            f"search first hit, name as spelt in Dutch ({dutch})",
            lambda: EventSearch(mission, dutch).next_hit(events, 0, 1),
            plain_scan(surname),
            "<= 300 ms",
        ),
        (
            "search first hit from the end, backwards",
            lambda: EventSearch(mission, person.names.ru).next_hit(events, len(events) - 1, -1),
            plain_scan(surname),
            "<= 300 ms",
        ),
        (
            "search, no match (a full scan)",
            lambda: EventSearch(mission, "zzzzz").next_hit(events, 0, 1),
            plain_scan("zzzzz"),
            "<= 300 ms",
        ),
        (
            "search, every hit of a name",
            lambda: EventSearch(mission, surname).hits(events),
            plain_scan("zzzzz"),
            "",
        ),
        (
            "filter kind:docking,undocking",
            lambda: parse_filter("kind:docking,undocking", mission).apply(events),
            lambda: [i for i, k in enumerate(kinds) if k in (5, 6)],
            "<= 500 ms",
        ),
        (
            f"filter person:{dutch} kind:eva",
            lambda: parse_filter(f"person:{dutch} kind:eva", mission).apply(events),
            lambda: [i for i, k in enumerate(kinds) if k in (5, 6)],
            "<= 500 ms",
        ),
    ]
    results = []
    for name, measured, baseline, target in cases:
        app_times: list[float] = []
        base_times: list[float] = []
        for _ in range(runs):
            for function, store in ((baseline, base_times), (measured, app_times)):
                started = time.perf_counter()
                function()
                store.append((time.perf_counter() - started) * 1000)
        results.append(
            Result(
                f"{name}, {label} events",
                "ms",
                app_times,
                "plain title scan" if "filter" not in name else "plain kind scan",
                base_times,
                target,
            )
        )
    return results


# 5: export --------------------------------------------------------------------------------


_EXPORT = """
import json, sys, time
from data.load.loader import load_mission

def status(key):
    # This process's own figures (kB) from /proc; VmHWM is the peak since the last reset.
    text = open("/proc/self/status").read()
    return int(text.split(key + ":")[1].split()[0]) / 1024

which, path = sys.argv[1], sys.argv[2]
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
print(json.dumps({
    "rate": count / elapsed,
    "cpu_rate": count / cpu,
    "before_mib": before,
    "peak_mib": status("VmHWM"),
    "reset": reset,
}))
"""
EXPORT_FORMATS = {
    "text": ">= 300k events/s",
    "csv": ">= 300k events/s",
    "json": ">= 200k events/s",
    "md": "",
    "ics": "",
}
"""Formats and their targets (Markdown and iCalendar: for information)."""


def export(
    path: Path, label: str, runs: int, formats: tuple[str, ...] = ("text", "csv", "json")
) -> list[Result]:
    """Export throughput (events per second) to /dev/null, each run in a fresh process,
    with the RSS before writing and the peak RSS while writing, against writing the same
    number of plain `f"{id},{title}\\n"` lines from the columns of the same loaded mission."""
    if importlib.util.find_spec("data.export") is None:
        return [Result("export", "", [], note="skipped: data/export is not on this branch")]
    measured: dict[str, list[dict[str, Any]]] = {"baseline": []}
    for _ in range(runs):
        for which in ("baseline", *formats):
            output = subprocess.run(
                [sys.executable, "-c", _EXPORT, which, str(path)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout
            measured.setdefault(which, []).append(json.loads(output))
    base = measured["baseline"]
    results = []
    for name in formats:
        target = EXPORT_FORMATS[name]
        runs_of = measured[name]
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
                f"export {name}, {label} events",
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


if __name__ == "__main__":
    sys.exit(main())
