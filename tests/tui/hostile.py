"""The hostile mission and what must never come out of it, shared by the TUI's safety tests.

`fixtures/hostile-mission.toml` is a copy of tests/hostile/hostile-mission.toml (made by
tests/hostile/make_hostile_mission.py): a valid mission whose every text field carries markup
and OSC 52 / OSC 8 / OSC 0 / CSI / DCS / C1 / bidi payloads.
"""

from __future__ import annotations

import re
from pathlib import Path

HOSTILE = Path(__file__).parent / "fixtures" / "hostile-mission.toml"

MARKUP = "[@click=app.quit]click me[/]"
"""In every field; shown literally, it proves no markup parser saw the text."""

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What must never reach the screen from mission text: C0 (tab and newline aside), DEL, C1, bidi
embeddings, overrides and isolates, line and paragraph separators."""


def unsafe_characters(text: str) -> list[str]:
    """The unsafe characters in `text`, as their code points, for readable failures."""
    return sorted({f"U+{ord(char):04X}" for char in UNSAFE.findall(text)})
