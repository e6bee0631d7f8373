"""The mission file schema, declared once.

The loader validates against these declarations, `json_schema()` turns them into the JSON
Schema that `mission-timeline schema` prints, and the JSON export writes records back in the
same field order. Field names are the model's attribute names, so records convert generically.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from data.i18n import LANGUAGES
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
    doc: str = ""
    """What the field holds: its `description` in the JSON Schema."""


TEXT = Scalar("text")
ID = Scalar("id")
TIME = Scalar("time")
TEXTS = ListOf(TEXT)
CONFIDENCE = Scalar("enum", Confidence)


def ref(target: str) -> Scalar:
    """The id of a record of the list `target`."""
    return Scalar("ref", refers_to=target)


def refs(target: str) -> ListOf:
    """Ids of records of the list `target`."""
    return ListOf(ref(target))


RECORDS: dict[str, dict[str, Field]] = {
    "file": {
        "format": Field(Scalar("int"), True, "The version of the mission format: 1."),
        "mission": Field("mission", True, "What the mission is: its id, title and summary."),
        "sources": Field(ListOf("source"), doc="The sources the facts come from."),
        "places": Field(ListOf("place"), doc="The places events happen at, with their zones."),
        "vehicles": Field(ListOf("vehicle"), doc="Rockets, spacecraft, stations and modules."),
        "phases": Field(ListOf("phase"), doc="The phases: the sections of the timeline."),
        "people": Field(ListOf("person"), doc="The crews, backups and others named."),
        "events": Field(ListOf("event"), True, "Everything that happened or was planned."),
    },
    "mission": {
        "id": Field(ID, True, "The mission's id (a-z, 0-9, '-', '_'); names export files."),
        "title": Field(TEXT, True, "The mission's name, e.g. Soyuz MS-19."),
        "summary": Field(TEXT, doc="A paragraph about the mission."),
        "reference": Field(
            ref("events"),
            doc="The event that is T-0 for relative times and flight days (an event id); "
            "defaults to the first event of kind launch.",
        ),
    },
    "source": {
        "id": Field(ID, True, "The source's id, which events and people cite."),
        "title": Field(TEXT, True, "What the source is: publisher and title."),
        "url": Field(TEXT, doc="Where to read the source."),
        "note": Field(TEXT, doc="A remark about the source."),
    },
    "place": {
        "id": Field(ID, True, "The place's id, which events refer to."),
        "name": Field(TEXT, True, "The place's name."),
        "zone": Field(Scalar("zone"), True, "The IANA time zone of the place (Asia/Almaty)."),
        "lat": Field(Scalar("float"), doc="Latitude in decimal degrees (-90 to 90)."),
        "lon": Field(Scalar("float"), doc="Longitude in decimal degrees (-180 to 180)."),
        "note": Field(TEXT, doc="A remark about the place."),
    },
    "vehicle": {
        "id": Field(ID, True, "The vehicle's id, which events and flights refer to."),
        "name": Field(TEXT, True, "The vehicle's name."),
        "kind": Field(Scalar("enum", VehicleKind), True, "What sort of vehicle it is."),
        "part_of": Field(ref("vehicles"), doc="The vehicle it is part of (a vehicle id)."),
        "note": Field(TEXT, doc="A remark about the vehicle."),
        "sources": Field(refs("sources"), doc="The sources about it (source ids)."),
    },
    "phase": {
        "id": Field(ID, True, "The phase's id, which events refer to."),
        "name": Field(TEXT, True, "The phase's name: a section heading of the timeline."),
        "names": Field(
            "phase_names",
            doc="The phase's name in the other languages of the interface, by language code "
            '(nl = "Lancering en koppeling").',
        ),
        "start": Field(TIME, True, "When the phase begins (a mission time string)."),
        "end": Field(TIME, True, "When the phase ends (a mission time string)."),
        "summary": Field(TEXT, doc="A paragraph about the phase."),
    },
    "person": {
        "id": Field(ID, True, "The person's id, which events refer to."),
        "name": Field(TEXT, True, "The person's name in English."),
        "names": Field("names", doc="Other spellings of the name, for search."),
        "role": Field(TEXT, doc="The person's role in the mission (Commander)."),
        "affiliation": Field(TEXT, doc="Who the person works for."),
        "born": Field(Scalar("date"), doc="Date of birth, YYYY-MM-DD."),
        "birthplace": Field(TEXT, doc="Where the person was born."),
        "bio": Field(TEXT, doc="A short biography."),
        "backup": Field(Scalar("bool"), doc="true for a backup who did not fly."),
        "time_in_space": Field("time_in_space", doc="Career time in space as sources state it."),
        "flights": Field(ListOf("flight"), doc="The person's trips in this mission."),
        "sources": Field(refs("sources"), doc="The sources about the person (source ids)."),
        "confidence": Field(CONFIDENCE, doc="How well the facts about the person are established."),
        "note": Field(TEXT, doc="A remark about the person."),
    },
    "phase_names": {
        code: Field(TEXT, doc=f"The phase's name in the language {code!r} (ISO 639-1).")
        for code in LANGUAGES
        if code != "en"
    },
    "names": {
        "ru": Field(TEXT, doc="The name in Cyrillic."),
        "nl": Field(TEXTS, doc="Dutch spellings of the name."),
        "other": Field(TEXTS, doc="Other spellings seen in the sources."),
    },
    "time_in_space": {
        "before": Field(Scalar("duration"), doc="Time in space before this mission (P533DT5H31M)."),
        "after": Field(Scalar("duration"), doc="Time in space after this mission (P533DT5H31M)."),
    },
    "flight": {
        "up": Field(ref("vehicles"), True, "The vehicle the person flew up in (a vehicle id)."),
        "down": Field(ref("vehicles"), True, "The vehicle the person came down in."),
        "launch": Field(ref("events"), True, "The launch event (an event id)."),
        "landing": Field(ref("events"), True, "The landing event (an event id)."),
        "docking": Field(ref("events"), doc="The docking at the station (an event id)."),
        "undocking": Field(ref("events"), doc="The undocking from the station (an event id)."),
        "station": Field(ref("vehicles"), doc="The station aboard between docking and undocking."),
    },
    "event": {
        "id": Field(ID, True, "The event's id, which other fields refer to."),
        "title": Field(TEXT, True, "What happened, in a few words."),
        "kind": Field(Scalar("enum", EventKind), True, "What sort of event it is."),
        "description": Field(TEXT, doc="What happened, in more words."),
        "phase": Field(ref("phases"), doc="The phase the event belongs to (a phase id)."),
        "at": Field(TIME, doc="When it happened (a mission time string); at or planned is needed."),
        "planned": Field(TIME, doc="When it was planned (a mission time string)."),
        "end": Field(TIME, doc="When it ended, for an event that lasted (a span)."),
        "place": Field(ref("places"), doc="Where it happened (a place id)."),
        "vehicles": Field(refs("vehicles"), doc="The vehicles involved (vehicle ids)."),
        "people": Field(refs("people"), doc="The people involved (person ids)."),
        "sources": Field(refs("sources"), doc="The sources for the event (source ids)."),
        "confidence": Field(CONFIDENCE, doc="How well the event is established."),
        "note": Field(TEXT, doc="A compiler's note about the event."),
        "stated": Field(ListOf("stated"), doc="The time as each source worded it."),
        "disputes": Field(ListOf("dispute"), doc="Where the sources disagree."),
        "station_crew": Field(Scalar("int"), doc="How many are aboard the station afterwards."),
    },
    "stated": {
        "text": Field(TEXT, True, "The time as the source worded it (13:55 QYZT)."),
        "source": Field(ref("sources"), True, "The source that worded it (a source id)."),
    },
    "dispute": {
        "topic": Field(TEXT, True, "What the sources disagree about."),
        "versions": Field(ListOf("version"), True, "Each side of the disagreement."),
    },
    "version": {
        "claim": Field(TEXT, True, "What this side says."),
        "at": Field(TIME, doc="The time this side gives, when the dispute is about a time."),
        "sources": Field(refs("sources"), doc="The sources on this side (source ids)."),
    },
}

RECORD_DOCS: dict[str, str] = {
    "file": "A spaceflight mission as a timeline: its events, phases, people, vehicles, "
    "places and sources (docs/format.md).",
    "mission": "The mission as a whole.",
    "source": "A source of facts: an article, a press kit, a video.",
    "place": "A place, with the time zone its local times are stated in.",
    "vehicle": "A rocket, spacecraft, station or module.",
    "phase": "A named span of the mission: a section of the timeline.",
    "phase_names": "A phase's name in the other languages the interface speaks (its name "
    "is English).",
    "person": "A crew member, a backup or anyone else the mission names.",
    "names": "A person's name in every spelling the sources use.",
    "time_in_space": "A person's career time in space as sources state it (not derived).",
    "flight": "One person's trip: the vehicles and the events that bound each stage of it.",
    "event": "Something that happened (at) or was planned (planned), or both.",
    "stated": "The time as one source worded it.",
    "dispute": "A disagreement between sources.",
    "version": "One side of a disagreement between sources.",
}
"""What each record is: the `description` of its definition in the JSON Schema."""

PHASE_NAMES = "phase_names"
"""The record of a phase's names in other languages: its fields are language codes, those
the interface speaks but English (`data.i18n.LANGUAGES`; the phase's `name` is English)."""

LISTS: dict[str, str] = {
    key: field.type.item
    for key, field in RECORDS["file"].items()
    if isinstance(field.type, ListOf) and isinstance(field.type.item, str)
}
"""The lists of records a file holds, and the record each holds (`"people"`: `"person"`)."""

PRECISIONS = ("minute", "second", "millisecond")
"""The precisions a time's UTC form goes with: those of a time of day."""
RFC3339_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$"
"""A time's UTC form, as `data.times.utc` writes it."""
TIME_FORMS: dict[str, dict[str, tuple[str, str]]] = {
    name: {
        f"{key}_{form}": (key, form)
        for key, field in fields.items()
        if field.type == TIME
        for form in ("utc", "precision")
    }
    for name, fields in RECORDS.items()
}
"""The fields a record may carry beside each of its times for programs, and the time and the
form each gives: `"at_utc": ("at", "utc")`, `"at_precision": ("at", "precision")`. The JSON
export writes them (`data.times.utc`); the loader checks them against the time and keeps
nothing else of them. A JSON Lines event line that has them is read the general way (line by
line, not in bulk: msgspec's structs do not declare them)."""
SCHEMA_KEY = "$schema"
"""A mission file may name its JSON Schema here (for editors); the loader ignores it."""
SCHEMA_ID = f"urn:mission-timeline:mission-file:{FORMAT_VERSION}"
"""The schema's `$id`: a name, not an address (the project publishes the schema at no web
address; editors find it by the path of `data/missions/mission.schema.json`)."""

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
    """The JSON Schema (draft 2020-12) of the mission format, built from `RECORDS`: every
    property has a `description`."""
    definitions = {name: _record_schema(name) for name in RECORDS}
    root = definitions.pop("file")
    properties = root["properties"]
    properties["format"] = {
        "description": properties["format"]["description"],
        "const": FORMAT_VERSION,
    }
    root["properties"] = {
        SCHEMA_KEY: {
            "type": "string",
            "description": "The JSON Schema of this file, for editors (this schema's path); "
            "ignored by mission-timeline.",
        },
        **properties,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "mission-timeline mission file",
        **root,
        "$defs": definitions,
    }


def _record_schema(name: str) -> dict[str, Any]:
    fields = RECORDS[name]
    forms: dict[str, list[str]] = {key: [] for key in fields}
    for derived, (key, _) in TIME_FORMS[name].items():
        forms[key].append(derived)
    properties: dict[str, Any] = {}
    for key, field in fields.items():
        properties[key] = {"description": field.doc, **_type_schema(field.type)}
        for derived in forms[key]:
            properties[derived] = _form_schema(key, TIME_FORMS[name][derived][1])
    schema: dict[str, Any] = {
        "description": RECORD_DOCS[name],
        "type": "object",
        "properties": properties,
        "required": [key for key, field in fields.items() if field.required],
        "additionalProperties": False,
    }
    if TIME_FORMS[name]:
        schema["dependentRequired"] = {
            derived: [key, *(other for other in forms[key] if other != derived)]
            for derived, (key, _) in TIME_FORMS[name].items()
        }
    return schema


def _form_schema(key: str, form: str) -> dict[str, Any]:
    """The schema of `at_utc` or `at_precision` (`data.times.utc`)."""
    if form == "utc":
        return {
            "description": f"{key} in UTC as RFC 3339 (2021-04-09T07:42:41Z), for programs; "
            f"only for a time of day (a date has none), with {key}_precision. Written by the "
            f"JSON export; must agree with {key}.",
            "type": "string",
            "format": "date-time",
            "pattern": RFC3339_PATTERN,
        }
    return {
        "description": f"How precisely {key} is known: the seconds of {key}_utc are :00 for "
        f"a time known to the minute. Written by the JSON export; must agree with {key}.",
        "enum": list(PRECISIONS),
    }


def _type_schema(value_type: Scalar | ListOf | str) -> dict[str, Any]:
    if isinstance(value_type, str):
        return {"$ref": f"#/$defs/{value_type}"}
    if isinstance(value_type, ListOf):
        return {"type": "array", "items": _type_schema(value_type.item)}
    if value_type.choices is not None:
        return {"enum": [choice.value for choice in value_type.choices]}
    return dict(_SCALAR_SCHEMAS[value_type.kind])
