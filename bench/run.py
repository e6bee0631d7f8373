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
import compileall
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from measures.clock import clock
from measures.clock_app import clock_app
from measures.common import ROOT, Result
from measures.export import EXPORT_FORMATS, export
from measures.frames import first_frame, first_screen, loaded_in_app
from measures.huge_values import huge_values
from measures.keys import keys
from measures.large import large
from measures.loading import load
from measures.quit import quit_latency
from measures.search import search

GENERATE = Path(__file__).resolve().parent / "generate.py"
MEASURES = (
    "first-frame",
    "load",
    "large",
    "large-frame",
    "keys",
    "search",
    "export",
    "huge-values",
    "quit",
    "clock",
    "clock-app",
)


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
        "--huge-mib",
        default="",
        help="huge-values: the TOML string's and the JSON Lines line's size in MiB "
        "(default 60,256; with --ci 6,24)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "mission-timeline-bench",
        help="where generated missions are kept between runs",
    )
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) - {""} or set(MEASURES)
    # No cache of large missions unless a measure asks for one: each load is a first load.
    os.environ["MISSION_TIMELINE_NO_CACHE"] = "1"
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
        for result in first_screen(runs):
            report(result)
    if "clock-app" in only:
        for result in clock_app(args.runs or (1 if args.ci else 3)):
            report(result)
    if "huge-values" in only:
        toml_mib, jsonl_mib = map(
            int, (args.huge_mib or ("6,24" if args.ci else "60,256")).split(",")
        )
        for result in huge_values(
            args.work, toml_mib, jsonl_mib, args.runs or (1 if args.ci else 3)
        ):
            report(result)
    for size in sizes if only - {"first-frame", "huge-values", "clock-app"} else []:
        path = mission_file(args.work, size)
        label = f"{size:,}"
        if "load" in only:
            for result in load(path, label, args.runs or (2 if args.ci else 3)):
                report(result)
        if "large" in only:
            for result in large(path, label, args.runs or (1 if args.ci else 3)):
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
        if "quit" in only:
            for result in quit_latency(path, label, args.runs or (1 if args.ci else 5)):
                report(result)
        if "clock" in only:
            for result in clock(path, label, args.runs or (2 if args.ci else 5)):
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


if __name__ == "__main__":
    sys.exit(main())
