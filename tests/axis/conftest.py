"""Helpers of the time-axis tests: the bundled mission, small missions written as TOML."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from data.model import Mission
from data.opening import load_bundled, load_mission

HEADER = """
format = 1
[mission]
id = "small"
title = "A small mission"
[[vehicles]]
id = "rocket"
name = "Rocket"
kind = "launch-vehicle"
[[vehicles]]
id = "station"
name = "Orbital Research Station"
kind = "station"
[[vehicles]]
id = "east"
name = "East (module)"
kind = "module"
[[vehicles]]
id = "west"
name = "West"
kind = "module"
[[vehicles]]
id = "ship"
name = "Ship \\"One\\""
kind = "spacecraft"
[[vehicles]]
id = "idle"
name = "Idle ship"
kind = "spacecraft"
"""


def event(event_id: str, kind: str, at: str, vehicles: list[str], end: str = "") -> str:
    """One `[[events]]` table of a small mission."""
    names = ", ".join(f'"{v}"' for v in vehicles)
    ending = f'end = "{end}"\n' if end else ""
    return (
        f'[[events]]\nid = "{event_id}"\ntitle = "{event_id}"\nkind = "{kind}"\n'
        f'at = "{at}"\n{ending}vehicles = [{names}]\n'
    )


SmallMission = Callable[..., Mission]


@pytest.fixture
def small(tmp_path: Path) -> SmallMission:
    """Writes a small mission of the given events and loads it."""

    def load(*events: str) -> Mission:
        path = tmp_path / "small.toml"
        path.write_text(HEADER + "\n".join(events), encoding="utf-8")
        return load_mission(path)

    return load


BUNDLED = load_bundled()
"""The bundled mission, loaded once (Hypothesis' tests take no function fixtures)."""


@pytest.fixture(scope="session")
def bundled() -> Mission:
    return BUNDLED


def utc(text: str) -> float:
    """The POSIX instant of an ISO time in UTC (`2021-10-05T12:22:31`)."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()
