"""Field paths: how a place in a mission's data is written (`events[3].at`, `a["odd key"]`)."""

from __future__ import annotations

import json
import re

Segment = str | int
"""One step of a path: a key, or an index into a list."""
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)
_PATH_PART = re.compile(r"\.?([A-Za-z0-9_-]+)|\[(\d+)\]|\[(\"(?:[^\"\\]|\\.)*\")\]", re.ASCII)


def split_path(path: str) -> tuple[Segment, ...]:
    """`events[3].at` -> ("events", 3, "at"); the inverse of `join_path`."""
    parts: list[Segment] = []
    position = 0
    while position < len(path):
        match = _PATH_PART.match(path, position)
        if match is None:
            break
        name, index, quoted = match.groups()
        parts.append(name if name is not None else int(index) if index else json.loads(quoted))
        position = match.end()
    return tuple(parts)


def key_path(path: str, key: str) -> str:
    """The path of `key` inside the table at `path` (an unusual key is quoted)."""
    if _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key[:64], ensure_ascii=True)}]"


def join_path(parts: tuple[Segment, ...]) -> str:
    """("events", 3, "at") -> `events[3].at`."""
    path = ""
    for part in parts:
        path = f"{path}[{part}]" if isinstance(part, int) else key_path(path, part)
    return path
