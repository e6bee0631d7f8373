"""The JSON export: the whole mission in exactly the schema the loader reads.

Records are written by walking `data.load.schema.RECORDS`, so fields come in the schema's order
and nothing is left out or invented. Times are written back as the text they were given in
(`When.text`), each time of day followed by its instant in UTC as RFC 3339 and its precision
(`at_utc`, `at_precision`: `data.times.utc`, for `jq` and JavaScript's `Date`; a date or a
month has none), durations in ISO 8601, and a field still at its default is left out, so
export, load and export again gives the same bytes. Strings are kept exactly; every control,
bidi or line-separator character is written as a `\\uXXXX` escape, so the file is safe to
`cat` and its values are unchanged. Zones, relative times and filters do not apply: this is
the mission itself, not a view of it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from enum import Enum
from itertools import repeat
from typing import Any, TextIO

import msgspec

from data.export.columns import Batch, Lookup, batches, event_store, read_times
from data.export.options import ExportOptions
from data.load.schema import FORMAT_VERSION, PHASE_NAMES, PRECISIONS, RECORDS, Field, ListOf
from data.model import Dispute, Event, Mission, Stated
from data.store import CONFIDENCES, KINDS, EventStore, Extras
from data.times.parse import When, format_duration_iso
from data.times.shapes import Times
from data.times.utc import utc_form, utc_forms

INDENT = 2
# json.dumps escapes C0 controls itself; with ensure_ascii=False it leaves these raw.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_FILE_FIELDS = {"mission": "info"}
_RARE = ("note", "stated", "disputes", "station_crew")
"""The fields an event's `Extras` keeps, in the schema's order, but `end`."""
"""Top-level fields whose `Mission` attribute has another name."""


Engine = Callable[["_Records", EventStore, TextIO], bool]
"""Writes the events of a store as the list's items, with these `_Records`' values, if it
takes them (the columnar engine: `data.export.fast.json_engine`); says whether it did."""


def write(
    mission: Mission, options: ExportOptions, out: TextIO, *, engine: Engine | None = None
) -> None:
    """Write `mission` as a JSON mission file to `out`, a batch of events at a time.

    The events are written from the columns of the mission's store
    (`data.export.columns`), laid out as `json.dumps` lays out `to_data(mission)` (a test
    compares the two), or by `engine` if given and it takes them (the same bytes).
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
            _write_events(mission, out, engine)
        else:
            out.write(_indent(dumps(_value(value, field)), INDENT))
    out.write("\n}\n")


def _write_events(mission: Mission, out: TextIO, engine: Engine | None) -> None:
    """The events list, laid out as `json.dumps` lays out `to_data(mission)["events"]`, from
    the store's columns."""
    store = event_store(mission)
    if not len(store):
        out.write("[]")
        return
    out.write("[")
    records = _Records(store)
    if engine is None or not engine(records, store, out):
        separator = ""
        for batch in batches(store, range(len(store))):
            text = records.text(batch)
            if not text.isascii() or "\x7f" in text:
                text = escape_unsafe(text)
            out.write(separator + text)
            separator = ","
    out.write(f"\n{' ' * INDENT}]")


_FIELD = ",\n" + " " * (3 * INDENT)
"""Before each field of an event but the first."""
_ITEM = ",\n" + " " * (4 * INDENT)
_RECORD = "\n" + " " * (2 * INDENT)
_encode = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False


class _Records:
    """Makes the JSON text of a batch of events from the store's columns.

    Each field is a column of fragments (`,\n      "key": value`, or nothing where the field
    is at its default), fields in `data.load.schema.RECORDS` order; values many events share (a
    kind, a phase, a list of people) are encoded once."""

    def __init__(self, store: EventStore) -> None:
        groups = store.groups

        def refs(key: str) -> Lookup:
            def make(code: int) -> str:
                ids = groups[code]
                if not ids:
                    return ""
                items = _ITEM.join(map(_encode, ids))
                pad = " " * (4 * INDENT)
                return f'{_FIELD}"{key}": [\n{pad}{items}\n{" " * (3 * INDENT)}]'

            return Lookup(make)

        self.rares: dict[tuple[str, tuple[Stated, ...], tuple[Dispute, ...], int | None], str] = {}
        """The rare fields written so far (the station's crew repeats), by their values."""
        self.titles = Lookup(lambda title: _TITLE + _encode(title))
        """Each title's fragment, made once (titles repeat: the store shares them)."""
        self.kinds = Lookup(lambda code: _fragment("kind", KINDS[code].value))
        self.phases = Lookup(lambda code: _optional("phase", store.phase_ids[code]))
        self.places = Lookup(lambda code: _optional("place", store.place_ids[code]))
        self.vehicles = refs("vehicles")
        self.people = refs("people")
        self.sources = refs("sources")
        self.confidences = Lookup(
            lambda code: _optional("confidence", getattr(CONFIDENCES[code], "value", None))
        )

    def text(self, batch: Batch) -> str:
        """The events of the batch, each as `\n    {...}`, separated by commas."""
        size = batch.size
        ends, rares = self.rare(batch)
        end = [""] * size
        for n, fragment in ends.items():
            end[n] = fragment
        rare = [""] * size
        for n, fragment in rares.items():
            rare[n] = fragment
        columns: list[Iterable[str]] = [
            map(_FIRST.__add__, map(_encode, batch.ids)),
            map(self.titles.__getitem__, batch.titles),
            map(self.kinds.__getitem__, batch.kinds),
            _texts("description", batch.descriptions),
            map(self.phases.__getitem__, batch.phases),
            _texts("at", batch.at),
            _at_forms(batch),
            _texts("planned", batch.planned),
            _forms("planned", batch.size, *batch.planned_times),
            end,
            map(self.places.__getitem__, batch.places),
            map(self.vehicles.__getitem__, batch.vehicles),
            map(self.people.__getitem__, batch.people),
            map(self.sources.__getitem__, batch.sources),
            map(self.confidences.__getitem__, batch.confidences),
            rare,
            repeat(_CLOSE, size),
        ]
        return _RECORD + ("," + _RECORD).join(map("".join, zip(*columns, strict=False)))

    def rare(self, batch: Batch) -> tuple[dict[int, str], dict[int, str]]:
        """The fields few events have, by index in the batch: the end (`end`, `end_utc`,
        `end_precision`), and the note, stated times, disputes and station's crew."""
        ends = batch.ends
        rare: dict[int, str] = {}
        for n, extras in batch.extras.items():
            if extras.note or extras.stated or extras.disputes or extras.station_crew is not None:
                key = (extras.note, extras.stated, extras.disputes, extras.station_crew)
                found = self.rares.get(key)
                if found is None:
                    found = self.rares[key] = _rare(extras)
                rare[n] = found
        if ends:
            times = read_times(list(ends.values()), batch.read)
            forms = _forms("end", len(ends), range(len(ends)), times)
            ends = {
                n: _fragment("end", end) + form
                for (n, end), form in zip(ends.items(), forms, strict=True)
            }
        return ends, rare


_FIRST = "{\n" + " " * (3 * INDENT) + '"id": '
_TITLE = _FIELD + '"title": '
_CLOSE = "\n" + " " * (2 * INDENT) + "}"


def _fragment(key: str, value: str) -> str:
    return f'{_FIELD}"{key}": {_encode(value)}'


def _optional(key: str, value: str | None) -> str:
    return "" if value is None else _fragment(key, value)


def _texts(key: str, values: list[str]) -> list[str]:
    """The fragments of a text field, nothing where it is empty (its default)."""
    head = f'{_FIELD}"{key}": '
    return [head + _encode(value) if value else "" for value in values]


def _at_forms(batch: Batch) -> list[str]:
    """The `at_utc` and `at_precision` fragments of a batch (`_forms`)."""
    at, instants = batch.at, batch.instants
    if "" not in at:  # every event has happened: the store's instants are those of `at`
        return _forms("at", batch.size, range(batch.size), Times.of(at, instants))
    listed = [n for n, text in enumerate(at) if text]
    times = Times.of([at[n] for n in listed], [instants[n] for n in listed])
    return _forms("at", batch.size, listed, times)


def _forms(key: str, size: int, listed: Sequence[int], times: Times) -> list[str]:
    """The fragments of the UTC form and precision of a time field (`data.times.utc`): the
    `times` are those of the events at positions `listed` of a batch of `size`; nothing
    elsewhere, nor for a date or a month. Both values are ASCII that JSON writes as it is."""
    head = f'{_FIELD}"{key}_utc": "'
    tails = {name: f'"{_FIELD}"{key}_precision": "{name}"' for name in PRECISIONS}
    made = [head + form[0] + tails[form[1]] if form else "" for form in utc_forms(times)]
    if len(made) == size:  # every event of the batch has the time
        return made
    fragments = [""] * size
    for n, fragment in zip(listed, made, strict=True):
        fragments[n] = fragment
    return fragments


def _rare(extras: Extras) -> str:
    """The fields few events have (note, stated, disputes, station_crew; kept in the
    store's `Extras`), as `_record` writes them."""
    fields = RECORDS["event"]
    defaults = _defaults(Event)
    parts = []
    for key in _RARE:
        value = getattr(extras, key)
        if value == defaults[key]:
            continue
        text = _indent(_dumps_plain(_value(value, fields[key])), 3 * INDENT)
        parts.append(f'{_FIELD}"{key}": {text}')
    return "".join(parts)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_unsafe(text: str) -> str:
    """JSON (or TOML) text with every character that could drive a terminal written as a
    `\\uXXXX` escape, which reads back as the same value: printing the file is safe."""
    return _UNSAFE.sub(_escape, text)


def to_data(mission: Mission) -> dict[str, Any]:
    """The mission as plain data in the loader's schema (what `write` writes)."""
    data: dict[str, Any] = {}
    for key, field in RECORDS["file"].items():
        value = FORMAT_VERSION if key == "format" else getattr(mission, _FILE_FIELDS.get(key, key))
        if field.required or value not in ((), None):
            data[key] = _value(value, field)
    return data


def _record(record: Any, name: str) -> dict[str, Any]:
    """One model record as a dict, fields in schema order, defaults left out, each time of
    day followed by its UTC form and precision (`schema.TIME_FORMS`)."""
    defaults = _defaults(type(record))
    data: dict[str, Any] = {}
    for key, field in RECORDS[name].items():
        value = getattr(record, key)
        if not field.required and key in defaults and value == defaults[key]:
            continue
        data[key] = _value(value, field)
        form = utc_form(value) if isinstance(value, When) else None
        if form is not None:
            data[f"{key}_utc"], data[f"{key}_precision"] = form
    return data


def _value(value: Any, field: Field) -> Any:
    value_type = field.type
    if value_type == PHASE_NAMES:  # (language, name) pairs: the table they were read from
        return dict(value)
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
    for item in msgspec.structs.fields(model):
        if item.default is not msgspec.NODEFAULT:
            defaults[item.name] = item.default
        elif item.default_factory is not msgspec.NODEFAULT:
            defaults[item.name] = item.default_factory()
    return defaults


def dumps(value: Any) -> str:
    """`json.dumps` with indent 2, keeping text readable but escaping every character that
    could drive a terminal (the values are unchanged)."""
    return escape_unsafe(json.dumps(value, ensure_ascii=False, indent=INDENT))


def _dumps_plain(value: Any) -> str:
    """`dumps` of a value without a float (texts, whole numbers, lists, records: what an
    event's rare fields hold), in C: msgspec's encoder indented by its `format` writes the
    very text of `json.dumps`, twenty times faster than its indenting encoder (in Python);
    a float it may write otherwise (`1e16`, where `json.dumps` writes `1e+16`)."""
    return escape_unsafe(msgspec.json.format(_ENCODER.encode(value), indent=INDENT).decode())


_ENCODER = msgspec.json.Encoder()


def _indent(text: str, by: int) -> str:
    """Indent every line but the first (JSON strings never hold a raw newline)."""
    return text.replace("\n", "\n" + " " * by)
