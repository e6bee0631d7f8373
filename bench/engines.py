"""Issue 17, target 3: which columnar engine reads a million JSON Lines events fastest,
checked, times parsed, sorted, into the event store's columns, against the current loader.

    python bench/engines.py                       # the 1M-event file of bench/run.py
    python bench/engines.py --events 100000 --runs 3

Each run is a fresh process that loads the generated mission and prints its wall time, CPU
time and peak RSS (`VmHWM`), and its RSS once loaded:

- `python`: the loader without an engine (`MISSION_TIMELINE_ENGINE=python`): msgspec and the
  pure-Python bulk checks (the baseline).
- `pyarrow`: the adopted engine, as `load_mission` runs it: Arrow's JSON reader a block at a
  time (the next one parsed while this one is checked), numpy for times and the text's
  colons and quotes, Arrow to sort, then the store's columns (`data.load.jsonl_arrow`).
- `polars`, `duckdb`: each engine's own JSON Lines reader, typed by the event schema, gives
  an Arrow table; the same checks, times, sort and columns follow (`take_events`). Their
  readers are laxer than the checks need (DuckDB turns a number or an object into a string,
  ignores unknown keys, accepts a trailing comma; neither says which line a row came from),
  so adopting one would need the text checks of `data.load.large.json_blocks` as well: the rows
  here show what their parsing alone would gain.

No cache is read or written (an empty cache folder each run). Nothing asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from measures.common import run_script

ENGINES = ("python", "pyarrow", "polars", "duckdb")

SCRIPT = """
import json, os, sys, time
engine, path = sys.argv[1], sys.argv[2]
started, cpu = time.perf_counter(), time.process_time()
if engine in ("python", "pyarrow"):
    from data.opening import load_mission
    count = len(load_mission(path).events)
else:
    import pyarrow as pa
    from data.load.large.arrow_schema import event_schema
    from data.load.jsonl import open_jsonl
    from data.load.jsonl_arrow import ArrowLines
    from data.steps import STEP, go_on
    reading = open_jsonl(path)
    reader = reading._reader
    schema = event_schema()
    if engine == "polars":
        import polars as pl
        frame = pl.read_ndjson(path, schema=pl.from_arrow(schema.empty_table()).schema)
        table = frame.to_arrow()
    else:
        import duckdb
        kinds = {"string": "VARCHAR", "int64": "BIGINT", "list<item: string>": "VARCHAR[]"}
        columns = ", ".join(f"'{f.name}': '{kinds.get(str(f.type), 'JSON')}'" for f in schema)
        connection = duckdb.connect()
        connection.execute("SET enable_progress_bar = false")
        table = connection.sql(
            f"select * from read_json('{path}', format='newline_delimited', columns={{{columns}}})"
        ).to_arrow_table()
        table = pa.Table.from_arrays(
            [table[f.name] if str(f.type) in kinds else pa.nulls(len(table), f.type)
             for f in schema], schema=schema)
    table = table.filter(table["id"].is_valid()).cast(schema)  # the header line's row
    engine_lines = ArrowLines(reader.builder, reader.ids, reader.struct, None, reader.wanted,
                              reader._taken)
    for low in range(0, table.num_rows, 1 << 16):
        engine_lines.take_events(table.slice(low, 1 << 16).combine_chunks(), low + 2)
    engine_lines.finish(go_on, STEP)
    count = len(reader.builder.build())
elapsed, used = time.perf_counter() - started, time.process_time() - cpu
status = open("/proc/self/status").read()
peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
now = int(status.split("VmRSS:")[1].split()[0]) / 1024
print(json.dumps({"seconds": elapsed, "cpu": used, "peak": peak, "rss": now, "count": count}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "mission-timeline-bench"
    )
    args = parser.parse_args(argv)
    from run import mission_file

    path = mission_file(args.work, args.events)
    version = sys.version.split()[0]
    print(f"engines: {args.events:,} events, Python {version}, {os.cpu_count()} CPUs")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    results: dict[str, list[dict[str, float]]] = {}
    engines = [name for name in args.engines.split(",") if name]
    for _ in range(args.runs):
        for engine in engines:  # alternated, so that each sees the same load
            with tempfile.TemporaryDirectory() as cache:
                os.environ["MISSION_TIMELINE_CACHE_DIR"] = cache
                os.environ["MISSION_TIMELINE_ENGINE"] = "python" if engine == "python" else ""
                results.setdefault(engine, []).append(run_script(SCRIPT, engine, str(path)))
    base = statistics.median(run["seconds"] for run in results.get("python", [{"seconds": 0}]))
    for engine, runs in results.items():
        seconds = statistics.median(run["seconds"] for run in runs)
        ratio = f"   {seconds / base:.2f}x the python loader" if base else ""
        low, high = min(r["seconds"] for r in runs), max(r["seconds"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        peak = statistics.median(r["peak"] for r in runs)
        loaded = statistics.median(r["rss"] for r in runs)
        print(
            f"{engine:8} {seconds:6.2f} s [{low:.2f}-{high:.2f}]   cpu {cpu:.2f} s"
            f"   peak {peak:5.0f} MiB   loaded {loaded:5.0f} MiB{ratio}"
        )
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
