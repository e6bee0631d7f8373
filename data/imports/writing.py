"""An imported mission document as the text of a mission file: TOML or JSON.

TOML is written by `tomli_w` (a small, well-kept writer: strings escaped, so no value can add
a key or a table), JSON by the standard library; both hold exactly the document and load back
through the normal loader. Neither escapes every character that acts on a terminal (C1
controls such as CSI, line separators, bidirectional overrides): those are written as
`\\uXXXX` escapes, as the JSON export writes them (the same set), so printing the file shows
them and never obeys them. Every such character is inside a string, where the escape means
the same character.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tomli_w

from data.export.json_export import _UNSAFE, _escape  # the JSON export's set, not a copy

SUFFIXES = {".toml": "toml", ".json": "json"}
"""Output suffix -> the format written."""


def output_format(path: str | None) -> str | None:
    """The format an output path asks for (TOML for standard output), or None for a suffix
    that is no mission format."""
    if path is None or path == "-":
        return "toml"
    return SUFFIXES.get(Path(path).suffix.lower())


def document_text(document: dict[str, Any], form: str) -> str:
    """The text of a mission file holding `document`, as `form` ("toml" or "json")."""
    if form == "json":
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        text = tomli_w.dumps(document)
    return _UNSAFE.sub(_escape, text)
