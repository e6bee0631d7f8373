"""Importing a TimelineJS JSON file (https://timeline.knightlab.com/docs/json-format.html).

The text is parsed by the mission files' own hardened JSON reader (`data.load.syntax`:
strings over the limit refused before parsing, deep nesting, huge numbers and duplicate keys
reported, never a traceback), then mapped by `data.imports.timelinejs_map`; each problem is
placed at its line and column in the file as a mission file's are (`data.load.locate`).
"""

from __future__ import annotations

import re

from data.i18n import _
from data.imports.base import Imported, ImportFormat
from data.imports.timelinejs_map import TimelineMapper
from data.load.document import located
from data.load.syntax import parse_json
from data.problems import Problem

_SLIDE = re.compile(r'"(?:start_date|events)"\s*:\s*[\[{]')
_MISSION = re.compile(r'"format"\s*:\s*\d|"mission"\s*:\s*\{')
SNIFF_CHARS = 1 << 16
"""How much of the start of a file `sniff` looks at."""


def sniff(text: str) -> bool:
    """Whether a JSON text looks like a TimelineJS timeline rather than a mission file: an
    object with `events` or a slide's `start_date`, and no mission's `format` number or
    `mission` object (a TimelineJS date's `format` is a string)."""
    head = text[:SNIFF_CHARS]
    return head.lstrip()[:1] == "{" and bool(_SLIDE.search(head)) and not _MISSION.search(head)


def read(name: str, text: str) -> Imported:
    """The mission a TimelineJS JSON text maps to; raise `MissionDataError` (placed) for what
    cannot be read."""
    raw = parse_json(text, name)

    def place(problems: list[Problem]) -> list[Problem]:
        return located(text, True, problems)

    mapper = TimelineMapper(name, place)
    if "events" not in raw:
        raise mapper.fail("", _("a TimelineJS timeline needs an `events` list"))
    document = mapper.document(raw)
    return Imported(document, place(mapper.unmapped))


FORMAT = ImportFormat("timelinejs", "TimelineJS JSON", (".json",), sniff, read)
