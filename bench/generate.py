"""Write a synthetic mission of N events, for the benchmarks.

    python bench/generate.py 1000000 -o /tmp/m1m.jsonl            # JSON Lines (streamable)
    python bench/generate.py 100000 -o /tmp/m100k.json --format json

The mission (a made-up space station's log, deterministic for a given N and seed, written as
it is generated) is described in bench/synthetic/mission.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from synthetic import write_mission


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", type=int, help="how many events (at least 20)")
    parser.add_argument("-o", "--output", required=True, type=Path, help="the file to write")
    parser.add_argument(
        "--format",
        choices=("json", "jsonl"),
        help="JSON, or JSON Lines (header line, then one event per line); "
        "default: from the output's suffix",
    )
    parser.add_argument("--seed", type=int, default=19, help="random seed (default 19)")
    args = parser.parse_args(argv)
    if args.events < 20:
        parser.error("a mission needs at least 20 events")
    form = args.format or ("jsonl" if args.output.suffix == ".jsonl" else "json")
    with args.output.open("w", encoding="utf-8", newline="\n") as out:
        write_mission(out, args.events, form, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
