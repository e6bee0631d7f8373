"""Shared by the export tests: the fixture paths, the fixed export time, and validation
against a JSON Schema (the `jsonschema` package, a dev dependency).

The module has a unique name because test folders are not packages here (pytest puts this
folder on sys.path).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
FIXTURES = HERE / "fixtures"
DEMO = FIXTURES / "demo.toml"
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
"""The fixed export time (iCalendar DTSTAMP) of every golden file."""


def validate(document: Any, schema: dict[str, Any]) -> list[str]:
    """Every place where `document` breaks `schema`, as `path: problem` lines, found by the
    `jsonschema` package (draft 2020-12, formats checked)."""
    checker = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [
        f"{error.json_path}: {error.message}"
        for error in sorted(checker.iter_errors(document), key=lambda e: e.json_path)
    ]
