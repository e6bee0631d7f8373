"""Shared by the hostile-input tests: a small valid mission to break, and CLI results."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent

BASE: dict[str, Any] = {
    "format": 1,
    "mission": {"id": "demo", "title": "A short demo flight", "reference": "launch"},
    "sources": [{"id": "press", "title": "Agency press kit"}],
    "places": [{"id": "pad", "name": "Launch pad", "zone": "Asia/Qyzylorda"}],
    "vehicles": [
        {"id": "capsule", "name": "Capsule One", "kind": "spacecraft"},
        {"id": "station", "name": "Station", "kind": "station"},
    ],
    "phases": [
        {
            "id": "ascent",
            "name": "Ascent",
            "start": "2021-10-05T08:00Z",
            "end": "2021-10-05T13:00Z",
        },
        {"id": "stay", "name": "Stay", "start": "2021-10-05T13:00Z", "end": "2021-10-17T06:00Z"},
    ],
    "people": [
        {
            "id": "ada",
            "name": "Ada Example",
            "flights": [
                {
                    "up": "capsule",
                    "down": "capsule",
                    "launch": "launch",
                    "docking": "docking",
                    "undocking": "undocking",
                    "landing": "landing",
                    "station": "station",
                }
            ],
        }
    ],
    "events": [
        {
            "id": "launch",
            "title": "Launch",
            "kind": "launch",
            "phase": "ascent",
            "at": "2021-10-05T13:55:02+05:00[Asia/Qyzylorda]",
            "place": "pad",
            "vehicles": ["capsule"],
            "people": ["ada"],
            "sources": ["press"],
        },
        {
            "id": "docking",
            "title": "Docking",
            "kind": "docking",
            "phase": "ascent",
            "planned": "2021-10-05T12:12Z",
            "at": "2021-10-05T12:22:31Z",
        },
        {
            "id": "undocking",
            "title": "Undocking",
            "kind": "undocking",
            "phase": "stay",
            "at": "2021-10-17T00:14Z",
        },
        {
            "id": "landing",
            "title": "Landing",
            "kind": "landing",
            "phase": "stay",
            "at": "~2021-10-17T04:36Z",
        },
    ],
}

BASE_TOML = """\
format = 1

[mission]
id = "demo"
title = "A short demo flight"

[[places]]
id = "pad"
name = "Launch pad"
zone = "Asia/Qyzylorda"

[[phases]]
id = "ascent"
name = "Ascent"
start = "2021-10-05T08:00Z"
end = "2021-10-05T10:00Z"

[[events]]
id = "launch"
title = "Launch"
kind = "launch"
phase = "ascent"
at = "2021-10-05T13:55:02+05:00[Asia/Qyzylorda]"
place = "pad"

[[events]]
id = "orbit"
title = "Orbit"
kind = "orbit"
at = "2021-10-05T09:04Z"
"""


def mission(**changes: Any) -> dict[str, Any]:
    """A deep copy of `BASE` with top-level fields replaced."""
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def event(index: int, data: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    """`BASE` (or `data`) with fields of its `index`-th event replaced (None deletes)."""
    data = copy.deepcopy(data or BASE)
    for key, value in changes.items():
        if value is None:
            data["events"][index].pop(key, None)
        else:
            data["events"][index][key] = value
    return data


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()
