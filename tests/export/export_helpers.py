"""Shared by the export tests: the fixture paths, the fixed export time, and a tiny JSON
Schema validator for the subset `data.load.schema.json_schema()` uses.

The module has a unique name because test folders are not packages here (pytest puts this
folder on sys.path).

About the validator:

`jsonschema` is not a dependency; the mission schema only uses `type`, `properties`,
`required`, `additionalProperties: false`, `items`, `$ref` to `#/$defs/...`, `pattern`,
`enum` and `const`, and anything else makes this validator fail loudly rather than pass.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
FIXTURES = HERE / "fixtures"
DEMO = FIXTURES / "demo.toml"
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
"""The fixed export time (iCalendar DTSTAMP) of every golden file."""

KNOWN = {
    "$schema",
    "title",
    "$defs",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "$ref",
    "pattern",
    "enum",
    "const",
}
TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
}


def validate(document: Any, schema: dict[str, Any]) -> list[str]:
    """Every place where `document` breaks `schema`, as `path: problem` lines."""
    errors: list[str] = []
    _check(document, schema, schema, "$", errors)
    return errors


def _check(
    value: Any, schema: dict[str, Any], root: dict[str, Any], path: str, errors: list[str]
) -> None:
    unknown = set(schema) - KNOWN
    if unknown:
        raise AssertionError(f"{path}: the validator does not know {sorted(unknown)}")
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        _check(value, root["$defs"][name], root, path, errors)
        return
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in enum")
    kind = schema.get("type")
    if kind is not None and not _is_type(value, kind):
        errors.append(f"{path}: expected {kind}, got {type(value).__name__}")
        return
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing {key!r}")
        for key, item in value.items():
            if key in properties:
                _check(item, properties[key], root, f"{path}.{key}", errors)
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected {key!r}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            _check(item, schema["items"], root, f"{path}[{index}]", errors)


def _is_type(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, TYPES[kind])
