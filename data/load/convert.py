"""Converting parsed data into the model's records, field by field, against the schema.

`Converter` walks plain data (from TOML, JSON or a JSON line) along `data.load.schema.RECORDS`
and makes the records of `data.records`; every value that does not fit becomes a `Problem`
with its field path, and conversion goes on, so one pass finds every problem. `convert_file`
turns a whole file's data into the mission without its events and the events in file order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from data.i18n import _
from data.load.paths import key_path
from data.load.references import duplicate_id
from data.load.schema import (
    FORMAT_VERSION,
    ID_PATTERN,
    LISTS,
    PHASE_NAMES,
    RECORDS,
    SCHEMA_KEY,
    TEXT,
    TIME_FORMS,
    Field,
    ListOf,
    Scalar,
)
from data.load.syntax import MAX_INT_DIGITS, Rejected, type_name
from data.model import Mission
from data.problems import Problem
from data.records import (
    Dispute,
    Event,
    Flight,
    MissionInfo,
    Names,
    Person,
    Phase,
    Place,
    Source,
    Stated,
    TimeInSpace,
    Vehicle,
    Version,
)
from data.sanitize import quote
from data.store import store_of
from data.suggest import did_you_mean
from data.times.parse import TimeFormatError, parse_date, parse_duration, parse_when, zone_info

MAX_INT = 10**MAX_INT_DIGITS
"""Integers must be smaller than this in magnitude."""
_ID = re.compile(ID_PATTERN)


def language_pairs(**names: str) -> tuple[tuple[str, str], ...]:
    """A phase's `names` table as `Phase.names` holds it: (language, name) pairs, in the
    schema's order of the languages (whatever the file's), so that an export is the same
    whichever order the file wrote them in."""
    return tuple((code, names[code]) for code in RECORDS[PHASE_NAMES] if code in names)


MODEL_TYPES: dict[str, Callable[..., Any]] = {
    "mission": MissionInfo,
    "source": Source,
    "place": Place,
    "vehicle": Vehicle,
    "phase": Phase,
    PHASE_NAMES: language_pairs,
    "person": Person,
    "names": Names,
    "time_in_space": TimeInSpace,
    "flight": Flight,
    "event": Event,
    "stated": Stated,
    "dispute": Dispute,
    "version": Version,
}
_SUGGESTIONS = 100
"""Unknown fields get a did-you-mean hint, up to this many per file (difflib is slow)."""
_RANGES = {"lat": 90.0, "lon": 180.0}
_SCHEMA = (SCHEMA_KEY, "file")
"""Where a file may name its JSON Schema."""


def convert_file(raw: Any, converter: Converter) -> tuple[Mission, tuple[Event, ...]] | None:
    """A file's data as the mission without its events (in an empty store) and the events in
    file order; `None` if it is not a table. Every problem goes to `converter`."""
    fields = converter.record(raw, "file", "")
    if not isinstance(fields, dict):
        return None
    found = fields.get("format", FORMAT_VERSION)
    if found != FORMAT_VERSION:
        message = _("unsupported format {found}; expected {version}")
        converter.problem("format", message.format(found=found, version=FORMAT_VERSION))
    phases: tuple[Phase, ...] = tuple(fields.get("phases", ()))
    places: tuple[Place, ...] = tuple(fields.get("places", ()))
    header = Mission(
        info=fields.get("mission") or MissionInfo(id="-", title="-"),
        events=store_of((), [phase.id for phase in phases], [place.id for place in places]),
        sources=tuple(fields.get("sources", ())),
        places=places,
        vehicles=tuple(fields.get("vehicles", ())),
        phases=phases,
        people=tuple(fields.get("people", ())),
    )
    return header, tuple(fields.get("events", ()))


class Converter:
    """Turns parsed data into model records, field by field, collecting problems."""

    def __init__(self, name: str, problems: list[Problem] | None = None) -> None:
        self.name = name
        self.problems: list[Problem] = [] if problems is None else problems
        self.indexes: dict[str, list[int]] = {}
        self.failed_ids: dict[str, frozenset[str]] = {}
        self.suggestions = 0

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.name, path, message))

    def record(self, value: Any, record: str, path: str) -> Any:
        if not isinstance(value, dict):
            what = _("a mission (a table of fields)") if record == "file" else _("a table/object")
            self.wrong(path, what, value)
            return None
        fields = RECORDS[record]
        problems_before = len(self.problems)
        converted: dict[str, Any] = {}
        forms: dict[str, Any] = {}
        for key, item in value.items():
            field = fields.get(key)
            if field is None and (key in TIME_FORMS[record] or (key, record) == _SCHEMA):
                forms[key] = item
                continue
            if field is None:
                self.suggestions += 1
                hint = self.suggestions <= _SUGGESTIONS
                self.problem(key_path(path, key), _unknown_field(key, record, hint=hint))
                continue
            result = self.value(item, field, f"{path}.{key}" if path else key)
            if result is not None:
                converted[key] = result
        for key, field in fields.items():
            if field.required and key not in value:
                message = _("missing required field {key}").format(key=repr(key))
                self.problem(key_path(path, key), message)
        if forms:
            self.check_forms(forms, record, path, converted, value)
        if record == "file":
            return converted
        if len(self.problems) > problems_before:
            return None
        return MODEL_TYPES[record](**converted)

    def check_forms(
        self,
        given: dict[str, Any],
        record: str,
        path: str,
        converted: dict[str, Any],
        written: dict[str, Any],
    ) -> None:
        """Check the UTC forms given beside a record's times (`at_utc`, `at_precision`: see
        `schema.TIME_FORMS`) against the times, and that a `$schema` is text."""
        from data.times.utc import utc_form  # only for files that carry them

        for key, item in given.items():
            place = key_path(path, key)
            text = self.value(item, Field(TEXT), place)
            if text is None or key == SCHEMA_KEY:
                continue
            time_key, form = TIME_FORMS[record][key]
            partner = f"{time_key}_{'precision' if form == 'utc' else 'utc'}"
            when = converted.get(time_key)
            if partner not in given:
                message = _("{key} goes with {partner}, which is missing")
                self.problem(place, message.format(key=key, partner=partner))
            elif when is None:
                if time_key not in written:  # else the time itself is wrong, and said so
                    message = _("{key} without {time_key}")
                    self.problem(place, message.format(key=key, time_key=time_key))
            elif (forms := utc_form(when)) is None:
                message = _("{time_key} {time} is a date: no UTC form")
                self.problem(place, message.format(time_key=time_key, time=quote(when.text)))
            elif text != (expected := forms[form == "precision"]):
                message = _("{value} does not agree with {time_key} {time}: expected {expected}")
                self.problem(
                    place,
                    message.format(
                        value=quote(text),
                        time_key=time_key,
                        time=quote(when.text),
                        expected=quote(expected),
                    ),
                )

    def value(self, item: Any, field: Field, path: str) -> Any:
        if isinstance(item, Rejected):
            self.problem(path, item.reason)
            return None
        value_type = field.type
        if isinstance(value_type, str):
            return self.record(item, value_type, path)
        if isinstance(value_type, ListOf):
            if not isinstance(item, list):
                self.wrong(path, _("a list"), item)
                return None
            element = Field(value_type.item)
            items = [self.value(x, element, f"{path}[{i}]") for i, x in enumerate(item)]
            if path in LISTS:
                self.note_positions(path, item, items)
            return tuple(x for x in items if x is not None)
        return self.scalar(item, value_type, path)

    def note_positions(self, path: str, raw: list[Any], items: list[Any]) -> None:
        """Remember which records of a top-level list were kept, and the ids of the rest."""
        self.indexes[path] = [i for i, x in enumerate(items) if x is not None]
        first: dict[str, int] = {}
        for index, record in enumerate(raw):
            record_id = record.get("id") if isinstance(record, dict) else None
            if not isinstance(record_id, str):
                continue
            if record_id in first:
                self.problem(
                    f"{path}[{index}].id",
                    duplicate_id(record_id, f"{path}[{first[record_id]}]"),
                )
            else:
                first[record_id] = index
        self.failed_ids[path] = frozenset(
            r["id"]
            for r, x in zip(raw, items, strict=True)
            if x is None and isinstance(r, dict) and isinstance(r.get("id"), str)
        )

    def scalar(self, item: Any, scalar: Scalar, path: str) -> Any:
        kind = scalar.kind
        if kind == "bool":
            return item if isinstance(item, bool) else self.wrong(path, _("true or false"), item)
        if kind in ("int", "float"):
            return self.number(item, kind, path)
        if not isinstance(item, str):
            if kind in ("time", "date") and hasattr(item, "isoformat"):
                return self.wrong(path, _("a quoted string (write times in quotes)"), item)
            return self.wrong(path, _("a string"), item)
        if not item.isascii() and _has_surrogates(item):
            self.problem(path, _("text contains a lone surrogate (not valid Unicode)"))
            return None
        if "\x00" in item:
            self.problem(path, _("text contains a NUL character"))
            return None
        try:
            return self.parse_string(item, scalar, path)
        except TimeFormatError as error:
            self.problem(path, str(error))
            return None

    def number(self, item: Any, kind: str, path: str) -> Any:
        if isinstance(item, bool) or not isinstance(item, int | float):
            return self.wrong(path, _("an integer") if kind == "int" else _("a number"), item)
        if isinstance(item, float) and kind == "int":
            return self.wrong(path, _("an integer"), item)
        if isinstance(item, int) and not -MAX_INT < item < MAX_INT:
            message = _("integer out of range (at most {count} digits)")
            self.problem(path, message.format(count=MAX_INT_DIGITS))
            return None
        if kind == "int":
            return item
        value = float(item)
        bound = _RANGES.get(path.rpartition(".")[2])
        if bound is not None and not -bound <= value <= bound:
            message = _("{value} is out of range ({low} to {high})")
            shown = {"value": f"{value:g}", "low": f"{-bound:g}", "high": f"{bound:g}"}
            self.problem(path, message.format(**shown))
            return None
        return value

    def parse_string(self, item: str, scalar: Scalar, path: str) -> Any:
        kind = scalar.kind
        if kind in ("id", "ref") and not _ID.fullmatch(item):
            message = _("not a valid id: {value} (a-z, 0-9, '-', '_')")
            self.problem(path, message.format(value=quote(item)))
            return None
        if scalar.choices is not None:
            try:
                return scalar.choices(item)
            except ValueError:
                allowed = ", ".join(choice.value for choice in scalar.choices)
                message = _("unknown value {value}; expected one of: {allowed}")
                self.problem(path, message.format(value=quote(item), allowed=allowed))
                return None
        if kind == "time":
            return parse_when(item)
        if kind == "date":
            return parse_date(item)
        if kind == "duration":
            return parse_duration(item)
        if kind == "zone":
            zone_info(item)
        return item

    def wrong(self, path: str, expected: str, item: Any) -> None:
        """The problem of a value of the wrong sort: `expected` says what it should be."""
        message = _("expected {expected}, got {found}")
        self.problem(path, message.format(expected=expected, found=type_name(item)))


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _unknown_field(key: str, record: str, *, hint: bool) -> str:
    """`unknown field 'titel' in event (did you mean 'title'?)`: unknown fields are errors;
    in a phase's `names`, `unknown language code 'fr'; expected one of: nl`."""
    known = RECORDS[record].keys()
    if record == PHASE_NAMES:
        message = _("unknown language code {code}; expected one of: {allowed}")
        return message.format(code=quote(key), allowed=", ".join(known))
    close = did_you_mean(key, known, shown=1) if hint and len(key) <= 40 else ""
    return _("unknown field {key} in {record}").format(key=quote(key), record=record) + close
