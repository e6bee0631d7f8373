"""A reopening from the cache imports only what it uses: not `pyarrow.compute` (30 ms: its
kernels are called by name), not `numpy.ma` (which `pa.array` of a numpy array and
`np.unique` import), not `importlib.abc` (with `tempfile`), not the importers of other
tools' files, nor the JSON Lines engine that a first reading uses. Checked in a fresh
process, after another one wrote the cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.generated import write_mission

pytest.importorskip("pyarrow")

_OPEN = """
import json, sys
import data.load.large, data.load.large.cache
data.load.large.ENGINE_SMALLEST = data.load.large.CACHE_SMALLEST = 0  # this small file too
data.load.large.cache.SETTLING_NS = 0
from data.opening import load_mission
mission = load_mission(sys.argv[1])
print(json.dumps({
    "events": len(mission.events),
    "cached": "data.load.jsonl_arrow" not in sys.modules,
    "imported": [name for name in sys.argv[2:] if name in sys.modules],
}))
"""
_UNUSED = (
    "pyarrow.compute",
    "numpy.ma",
    "data.imports",
    "data.load.jsonl_arrow",
    "pandas",
    "importlib.abc",
)


def _open(path: Path, folder: Path) -> dict[str, object]:
    """Open the mission at `path` in a fresh process, the cache in `folder`."""
    environment = os.environ | {"MISSION_TIMELINE_CACHE_DIR": str(folder)}
    environment.pop("MISSION_TIMELINE_NO_CACHE", None)
    environment.pop("MISSION_TIMELINE_ENGINE", None)
    result = subprocess.run(
        [sys.executable, "-c", _OPEN, str(path), *_UNUSED],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    found: dict[str, object] = json.loads(result.stdout)
    return found


def test_a_reopening_imports_only_what_it_uses(tmp_path: Path) -> None:
    path = write_mission(tmp_path / "m.jsonl", 3000, seed=11)
    folder = tmp_path / "cache"
    first = _open(path, folder)
    assert first["cached"] is False and "data.load.jsonl_arrow" in first["imported"]
    again = _open(path, folder)
    assert again == {"events": 3000, "cached": True, "imported": []}
