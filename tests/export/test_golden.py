"""Golden files: every format of the bundled mission and of the demo fixture, byte for byte.

The views (text, md, csv) are shown in two zones, Europe/Brussels and each source's own zone,
with T-/T+ from the launch; json and ics do not take zones. Regenerate after a deliberate
change with `pytest tests/export --update-golden`.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from export_helpers import STAMP

from data.export import FORMATS, export, make_options
from data.load.large import available
from data.model import Mission
from data.opening import load_bundled

ROOT = Path(__file__).parents[2]

ZONES = ("Europe/Brussels", "stated")


def render(mission: Mission, format_name: str, stamp: datetime) -> bytes:
    fmt = FORMATS[format_name]
    if format_name == "parquet" and not available():
        pytest.skip("the parquet format needs the large extra")
    options = make_options(
        mission,
        zones=ZONES if fmt.zones else (),
        relative_to="launch" if fmt.views else None,
        stamp=stamp,
    )
    data = io.BytesIO()
    out = io.TextIOWrapper(data, encoding="utf-8", newline="")  # a PNG writes to its buffer
    export(mission, format_name, options, out)
    out.flush()
    return data.getvalue()


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_bundled_mission_golden(
    bundled: Mission, format_name: str, golden: Callable[[str, bytes], None], stamp: datetime
) -> None:
    golden(f"soyuz-ms-19{FORMATS[format_name].suffix}", render(bundled, format_name, stamp))


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_demo_mission_golden(
    demo: Mission, format_name: str, golden: Callable[[str, bytes], None], stamp: datetime
) -> None:
    golden(f"demo{FORMATS[format_name].suffix}", render(demo, format_name, stamp))


PROCESSES = [
    {"PYTHONHASHSEED": "1", "TZ": "Pacific/Kiritimati"},  # UTC+14
    {"PYTHONHASHSEED": "2", "TZ": "America/Adak"},  # UTC-10, with summer time
]
"""Two processes whose set and dict orders and local zones differ."""


def render_in_a_process(folder: Path, environment: dict[str, str]) -> dict[str, bytes]:
    """Every format of the bundled mission, rendered by a fresh interpreter (this module run
    as a script) with `environment`."""
    folder.mkdir()
    subprocess.run(
        [sys.executable, __file__, str(folder)],
        env={**os.environ, "PYTHONPATH": str(ROOT), **environment},
        check=True,
        timeout=120,
    )
    return {name: (folder / name).read_bytes() for name in FORMATS}


def test_exports_are_deterministic(bundled: Mission, stamp: datetime, tmp_path: Path) -> None:
    """The same bytes from two processes with another hash seed and local zone each (and from
    this one): nothing depends on hash order, the local zone or the process."""
    here = {name: render(bundled, name, stamp) for name in FORMATS}
    for number, environment in enumerate(PROCESSES):
        there = render_in_a_process(tmp_path / str(number), environment)
        differing = [name for name in FORMATS if there[name] != here[name]]
        assert differing == [], f"{differing} differ with {environment}"


if __name__ == "__main__":  # what render_in_a_process runs
    out = Path(sys.argv[1])
    mission = load_bundled()
    for name in FORMATS:
        (out / name).write_bytes(render(mission, name, STAMP))
