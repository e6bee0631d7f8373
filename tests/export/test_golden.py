"""Golden files: every format of the bundled mission and of the demo fixture, byte for byte.

The views (text, md, csv) are shown in two zones, Europe/Brussels and each source's own zone,
with T-/T+ from the launch; json and ics do not take zones. Regenerate after a deliberate
change with `pytest tests/export --update-golden`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

import pytest

from data.export import FORMATS, export, make_options
from data.model import Mission

ZONES = ("Europe/Brussels", "stated")


def render(mission: Mission, format_name: str, stamp: datetime) -> bytes:
    fmt = FORMATS[format_name]
    options = make_options(
        mission,
        zones=ZONES if fmt.zones else (),
        relative_to="launch" if fmt.views else None,
        stamp=stamp,
    )
    out = io.StringIO(newline="")
    export(mission, format_name, options, out)
    return out.getvalue().encode("utf-8")


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


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_exports_are_deterministic(bundled: Mission, format_name: str, stamp: datetime) -> None:
    assert render(bundled, format_name, stamp) == render(bundled, format_name, stamp)
