"""The JSON export: the whole mission in exactly the schema the loader reads.

Records are written by walking `data.schema.RECORDS`, so fields come in the schema's order
and nothing is left out or invented. Times are written back as the text they were given in
(`When.text`), durations in ISO 8601, and a field still at its default is left out, so
export, load and export again gives the same bytes. Strings are kept exactly; every control,
bidi or line-separator character is written as a `\\uXXXX` escape, so the file is safe to
`cat` and its values are unchanged. Zones, relative times and filters do not apply: this is
the mission itself, not a view of it.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, timedelta
from enum import Enum
from typing import Any, TextIO

from data.export.options import ExportOptions
from data.model import Mission
from data.schema import FORMAT_VERSION, RECORDS, Field, ListOf
from data.times import When, format_duration_iso

INDENT = 2
# json.dumps escapes C0 controls itself; with ensure_ascii=False it leaves these raw.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_FILE_FIELDS = {"mission": "info"}
"""Top-level fields whose `Mission` attribute has another name."""


def write(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write `mission` as a JSON mission file to `out`, one event at a time.

    `options` is accepted for a uniform interface; it cannot change the result.
    """
    del options
    fields = RECORDS["file"]
    out.write("{")
    first = True
    for key, field in fields.items():
        if key == "format":
            value: Any = FORMAT_VERSION
        else:
            value = getattr(mission, _FILE_FIELDS.get(key, key))
        if not field.required and value in ((), None):
            continue
        out.write(("" if first else ",") + f"\n{' ' * INDENT}{dumps(key)}: ")
        first = False
        if key == "events":
            _write_list(value, field, out)
        else:
            out.write(_indent(dumps(_value(value, field)), INDENT))
    out.write("\n}\n")


def to_data(mission: Mission) -> dict[str, Any]:
    """The mission as plain data in the loader's schema (what `write` writes)."""
    data: dict[str, Any] = {}
    for key, field in RECORDS["file"].items():
        value = FORMAT_VERSION if key == "format" else getattr(mission, _FILE_FIELDS.get(key, key))
        if field.required or value not in ((), None):
            data[key] = _value(value, field)
    return data


def _write_list(records: tuple[Any, ...], field: Field, out: TextIO) -> None:
    """A list written item by item, as `json.dumps(..., indent=2)` would lay it out."""
    assert isinstance(field.type, ListOf)
    item = Field(field.type.item)
    if not records:
        out.write("[]")
        return
    out.write("[")
    pad = " " * (2 * INDENT)
    for number, record in enumerate(records):
        text = _indent(dumps(_value(record, item)), 2 * INDENT)
        out.write(("," if number else "") + f"\n{pad}{text}")
    out.write(f"\n{' ' * INDENT}]")


def _record(record: Any, name: str) -> dict[str, Any]:
    """One model record as a dict, fields in schema order, defaults left out."""
    defaults = _defaults(type(record))
    data: dict[str, Any] = {}
    for key, field in RECORDS[name].items():
        value = getattr(record, key)
        if not field.required and key in defaults and value == defaults[key]:
            continue
        data[key] = _value(value, field)
    return data


def _value(value: Any, field: Field) -> Any:
    value_type = field.type
    if isinstance(value_type, str):
        return _record(value, value_type)
    if isinstance(value_type, ListOf):
        return [_value(item, Field(value_type.item)) for item in value]
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if isinstance(value, When):
        return value.text
    if isinstance(value, timedelta):
        return format_duration_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _defaults(model: type) -> dict[str, Any]:
    if model not in _DEFAULTS:
        _DEFAULTS[model] = _field_defaults(model)
    return _DEFAULTS[model]


_DEFAULTS: dict[type, dict[str, Any]] = {}


def _field_defaults(model: type) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for item in dataclasses.fields(model):
        if item.default is not dataclasses.MISSING:
            defaults[item.name] = item.default
        elif item.default_factory is not dataclasses.MISSING:
            defaults[item.name] = item.default_factory()
    return defaults


def dumps(value: Any) -> str:
    """`json.dumps` with indent 2, keeping text readable but escaping every character that
    could drive a terminal (the values are unchanged)."""
    text = json.dumps(value, ensure_ascii=False, indent=INDENT)
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _indent(text: str, by: int) -> str:
    """Indent every line but the first (JSON strings never hold a raw newline)."""
    return text.replace("\n", "\n" + " " * by)
