"""The engine (pyarrow, numpy) is imported by the worker that reads a large mission's events,
never before the first frame: opening a JSON Lines mission (its header, read before the app
starts) imports neither. (A small mission's first frame: tests/test_startup_imports.py.)"""

from __future__ import annotations

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
