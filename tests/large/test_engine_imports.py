"""The engine (pyarrow, numpy) is imported by the worker that reads a large mission's events,
never before the first frame: opening a JSON Lines mission (its header, read before the app
starts) imports neither. (A small mission's first frame: tests/test_startup_imports.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.generated import write_mission

pytest.importorskip("pyarrow")

_OPENED = """
import sys
import data.load.large
data.load.large.ENGINE_SMALLEST = 0  # the engine, for this small file too
from data.load.jsonl import open_jsonl
reading = open_jsonl(sys.argv[1])
before = [name for name in ("pyarrow", "numpy") if name in sys.modules]
mission = reading.finish()
after = [name for name in ("pyarrow", "numpy") if name in sys.modules]
print(",".join(before) + "|" + ",".join(after))
"""


def test_opening_a_large_mission_leaves_the_engine_to_the_reading(tmp_path: Path) -> None:
    path = write_mission(tmp_path / "m.jsonl", 300)
    result = subprocess.run(
        [sys.executable, "-c", _OPENED, str(path)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "|pyarrow,numpy", "the check above can fail: both are used"


_BLAS = """
import os, sys

class Seen:
    \"\"\"Notes the OpenBLAS setting as numpy is first imported.\"\"\"

    def find_spec(self, name, *args):
        if name == "numpy":
            print(os.environ.get("OPENBLAS_NUM_THREADS"))
            sys.meta_path.remove(self)

sys.meta_path.insert(0, Seen())
import data.load.large
data.load.large.ENGINE_SMALLEST = 0  # the engine, for this small file too
from data.opening import load_mission
load_mission(sys.argv[1])
"""


@pytest.mark.parametrize(("given", "seen"), [(None, "1"), ("3", "3")])
def test_numpy_is_imported_with_one_blas_thread_unless_set(
    tmp_path: Path, given: str | None, seen: str
) -> None:
    path = write_mission(tmp_path / "m.jsonl", 300)
    environment = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        environment["OPENBLAS_NUM_THREADS"] = given
    environment["MISSION_TIMELINE_NO_CACHE"] = "1"
    environment.pop("MISSION_TIMELINE_ENGINE", None)
    result = subprocess.run(
        [sys.executable, "-c", _BLAS, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    assert result.stdout.split() == [seen]
