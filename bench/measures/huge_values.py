"""Measure 6: one huge value (issue 11), each in a fresh process: `check` of a TOML file that is
one long string against `tomllib.loads` of the same text, `check` of a TOML file of strings
just under the limit against the same, and loading a JSON Lines file that is one long line
against reading the file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from data.files.reading import MAX_STRING_CHARS

from .common import Result, run_script

_SCRIPT = """
import json, sys, time
which, path = sys.argv[1], sys.argv[2]
if which == "tomllib":
    import tomllib
    text = open(path, encoding="utf-8").read()
    started = time.perf_counter()
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pass
elif which == "read":
    started = time.perf_counter()
    with open(path, "rb", buffering=0) as handle:
        while handle.read(1 << 20):
            pass
else:
    from data.opening import check_file
    import data.load.jsonl  # imported by the first .jsonl file: not the reading's time
    started = time.perf_counter()
    problems = check_file(path).problems
elapsed = time.perf_counter() - started
# VmHWM is this process image's own peak; see measures/loading.py.
status = open("/proc/self/status").read()
peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"seconds": elapsed, "peak_mib": peak}))
"""


def huge_values(work: Path, toml_mib: int, jsonl_mib: int, runs: int) -> list[Result]:
    """The three pairs, alternated `runs` times, on files made in a temporary folder."""
    with tempfile.TemporaryDirectory(dir=work) as folder:
        one_string = Path(folder) / "one-string.toml"
        _write(one_string, ['format = 1\n[mission]\ntitle = "'], "A", toml_mib << 20, '"\nx\n')
        just_under = Path(folder) / "just-under.toml"
        count = max(1, (toml_mib << 20) // MAX_STRING_CHARS)
        with just_under.open("w", encoding="utf-8") as out:
            for number in range(count):
                out.write(f'key{number} = "{"A" * MAX_STRING_CHARS}"\n')
        one_line = Path(folder) / "one-line.jsonl"
        _write(one_line, ['{"format": 1, "mission": {"title": "'], "A", jsonl_mib << 20, '"}}\n')
        refused = "refused in the time of a scan"
        pairs = [
            (f"check, TOML of one {toml_mib} MiB string", one_string, "tomllib", refused),
            (f"check, TOML of {count} strings at the limit", just_under, "tomllib", "~1x"),
            (f"check, JSON Lines of one {jsonl_mib} MiB line", one_line, "read", refused),
        ]
        return [_pair(name, path, base, target, runs) for name, path, base, target in pairs]


def _write(path: Path, before: list[str], fill: str, size: int, after: str) -> None:
    """A file of `before`, `size` times `fill` and `after`, written a block at a time."""
    block = fill * (1 << 20)
    with path.open("w", encoding="utf-8") as out:
        out.write("".join(before))
        for _ in range(size >> 20):
            out.write(block)
        out.write(after)


def _pair(name: str, path: Path, baseline: str, target: str, runs: int) -> Result:
    """The app (`check_file`) and the baseline (`tomllib.loads` of the text, or reading the
    file in blocks), alternated, each in a fresh process."""
    app: list[dict[str, float]] = []
    base: list[dict[str, float]] = []
    for _ in range(runs):
        for which, store in ((baseline, base), ("app", app)):
            store.append(run_script(_SCRIPT, which, str(path)))
    peaks = f"peak RSS {_median(app, 'peak_mib'):.0f} MiB vs {_median(base, 'peak_mib'):.0f} MiB"
    return Result(
        f"{name} (ms)",
        "ms",
        [r["seconds"] * 1000 for r in app],
        "tomllib.loads" if baseline == "tomllib" else "reading the file",
        [r["seconds"] * 1000 for r in base],
        target,
        peaks,
    )


def _median(results: list[dict[str, float]], key: str) -> float:
    values = sorted(r[key] for r in results)
    return values[len(values) // 2]
