"""An imported mission document as the text of a mission file: TOML or JSON.

TOML is written by `tomli_w` (a small, well-kept writer: strings escaped, so no value can add
a key or a table), JSON by the standard library; both hold exactly the document, in the order
of docs/format.md, and load back through the normal loader.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tomli_w

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
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return tomli_w.dumps(document)
