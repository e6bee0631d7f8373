"""The mission file schema, declared once.

The loader validates against these declarations, `json_schema()` turns them into the JSON
Schema that `mission-timeline schema` prints, and the JSON export writes records back in the
same field order. Field names are the model's attribute names, so records convert generically.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from data.model import Confidence, EventKind, VehicleKind

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,127}$"
TIME_PATTERN = (
    r"^~?\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?)?)?"
    r"(Z|[+-]\d{2}:\d{2})?(\[[A-Za-z0-9_/+-]+\])?$"
)


@dataclass(frozen=True, slots=True)
class Scalar:
    """A leaf value: `text`, `id`, `ref`, `time`, `date`, `duration`, `zone`, `int`, `float`,
    `bool`, or `enum` (one of `choices`' values)."""

    kind: str
    choices: type[StrEnum] | None = None
    refers_to: str | None = None
    """For a `ref`: the list of the file whose ids it names (`"events"`, `"people"`, ...)."""


@dataclass(frozen=True, slots=True)
class ListOf:
    item: Scalar | str
    """A scalar, or the name of a record in `RECORDS`."""


@dataclass(frozen=True, slots=True)
class Field:
    type: Scalar | ListOf | str
    required: bool = False


TEXT = Scalar("text")
ID = Scalar("id")
TIME = Scalar("time")
TEXTS = ListOf(TEXT)


def ref(target: str) -> Scalar:
    """The id of a record of the list `target`."""
    return Scalar("ref", refers_to=target)


def refs(target: str) -> ListOf:
    """Ids of records of the list `target`."""
    return ListOf(ref(target))


RECORDS: dict[str, dict[str, Field]] = {
    "file": {
        "format": Field(Scalar("int"), required=True),
        "mission": Field("mission", required=True),
        "sources": Field(ListOf("source")),
        "places": Field(ListOf("place")),
        "vehicles": Field(ListOf("vehicle")),
        "phases": Field(ListOf("phase")),
        "people": Field(ListOf("person")),
        "events": Field(ListOf("event"), required=True),
    },
    "mission": {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "summary": Field(TEXT),
        "reference": Field(ref("events")),
    },
    "source": {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "url": Field(TEXT),
        "note": Field(TEXT),
    },
    "place": {
        "id": Field(ID, required=True),
        "name": Field(TEXT, required=True),
        "zone": Field(Scalar("zone"), required=True),
        "lat": Field(Scalar("float")),
        "lon": Field(Scalar("float")),
        "note": Field(TEXT),
    },
    "vehicle": {
        "id": Field(ID, required=True),
        "name": Field(TEXT, required=True),
        "kind": Field(Scalar("enum", VehicleKind), required=True),
        "part_of": Field(ref("vehicles")),
        "note": Field(TEXT),
        "sources": Field(refs("sources")),
    },
    "phase": {
        "id": Field(ID, required=True),
        "name": Field(TEXT, required=True),
        "start": Field(TIME, required=True),
        "end": Field(TIME, required=True),
        "summary": Field(TEXT),
    },
    "person": {
        "id": Field(ID, required=True),
        "name": Field(TEXT, required=True),
        "names": Field("names"),
        "role": Field(TEXT),
        "affiliation": Field(TEXT),
        "born": Field(Scalar("date")),
        "birthplace": Field(TEXT),
        "bio": Field(TEXT),
        "backup": Field(Scalar("bool")),
        "time_in_space": Field("time_in_space"),
        "flights": Field(ListOf("flight")),
        "sources": Field(refs("sources")),
        "confidence": Field(Scalar("enum", Confidence)),
        "note": Field(TEXT),
    },
    "names": {
        "ru": Field(TEXT),
        "nl": Field(TEXTS),
        "other": Field(TEXTS),
    },
    "time_in_space": {
        "before": Field(Scalar("duration")),
        "after": Field(Scalar("duration")),
    },
    "flight": {
        "up": Field(ref("vehicles"), required=True),
        "down": Field(ref("vehicles"), required=True),
        "launch": Field(ref("events"), required=True),
        "landing": Field(ref("events"), required=True),
        "docking": Field(ref("events")),
        "undocking": Field(ref("events")),
        "station": Field(ref("vehicles")),
    },
    "event": {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "kind": Field(Scalar("enum", EventKind), required=True),
        "description": Field(TEXT),
        "phase": Field(ref("phases")),
        "at": Field(TIME),
        "planned": Field(TIME),
        "end": Field(TIME),
        "place": Field(ref("places")),
        "vehicles": Field(refs("vehicles")),
        "people": Field(refs("people")),
        "sources": Field(refs("sources")),
        "confidence": Field(Scalar("enum", Confidence)),
        "note": Field(TEXT),
        "stated": Field(ListOf("stated")),
        "disputes": Field(ListOf("dispute")),
        "station_crew": Field(Scalar("int")),
    },
    "stated": {
        "text": Field(TEXT, required=True),
        "source": Field(ref("sources"), required=True),
    },
    "dispute": {
        "topic": Field(TEXT, required=True),
        "versions": Field(ListOf("version"), required=True),
    },
    "version": {
        "claim": Field(TEXT, required=True),
        "at": Field(TIME),
        "sources": Field(refs("sources")),
    },
}

LISTS: dict[str, str] = {
    key: field.type.item
    for key, field in RECORDS["file"].items()
    if isinstance(field.type, ListOf) and isinstance(field.type.item, str)
}
"""The lists of records a file holds, and the record each holds (`"people"`: `"person"`)."""

_SCALAR_SCHEMAS: dict[str, dict[str, Any]] = {
    "text": {"type": "string"},
    "id": {"type": "string", "pattern": ID_PATTERN},
    "ref": {"type": "string", "pattern": ID_PATTERN},
    "time": {"type": "string", "pattern": TIME_PATTERN},
    "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "duration": {"type": "string", "pattern": r"^P(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$"},
    "zone": {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$"},
    "int": {"type": "integer"},
    "float": {"type": "number"},
    "bool": {"type": "boolean"},
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the mission format, built from `RECORDS`."""
    definitions = {name: _record_schema(fields) for name, fields in RECORDS.items()}
    root = definitions.pop("file")
    root["properties"]["format"] = {"const": FORMAT_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mission-timeline mission file",
        **root,
        "$defs": definitions,
    }


def _record_schema(fields: dict[str, Field]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _type_schema(field.type) for name, field in fields.items()},
        "required": [name for name, field in fields.items() if field.required],
        "additionalProperties": False,
    }


def _type_schema(value_type: Scalar | ListOf | str) -> dict[str, Any]:
    if isinstance(value_type, str):
        return {"$ref": f"#/$defs/{value_type}"}
    if isinstance(value_type, ListOf):
        return {"type": "array", "items": _type_schema(value_type.item)}
    if value_type.choices is not None:
        return {"enum": [choice.value for choice in value_type.choices]}
    return dict(_SCALAR_SCHEMAS[value_type.kind])
