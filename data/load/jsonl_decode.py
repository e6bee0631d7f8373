"""Decoding JSON Lines event lines into typed structs, which are built from the schema.

For each mission, `event_decoder` makes msgspec structs from `data.load.schema.RECORDS`:
every field of an event (and of its stated times and disputes) with its type, so that msgspec
refuses in C unknown fields, wrong types, malformed ids, unknown kinds, strings longer than
`MAX_STRING_CHARS` and every reference to an id the header does not define. Times and text
are checked afterwards, in bulk. A kind of field the bulk checks do not cover makes
`event_decoder` fail at once, rather than let a value through unchecked. `record_of` turns a
decoded struct back into the model's record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from data.files.reading import MAX_STRING_CHARS
from data.load.convert import MAX_INT, MODEL_TYPES
from data.load.schema import ID_PATTERN, RECORDS, ListOf, Scalar
from data.times.bulk import fast_when

EVENT = RECORDS["event"]
REQUIRED = tuple(name for name, field in EVENT.items() if field.required)
"""The fields every event line has."""
OPTIONAL = tuple(name for name, field in EVENT.items() if not field.required)
"""The fields an event line may leave out (`UNSET` in its struct)."""
TEXTS = tuple(
    name
    for name, field in EVENT.items()
    if isinstance(field.type, Scalar) and field.type.kind in ("text", "time")
)
"""The fields of an event written as free text or time: the only ones whose values may hold
colons (ids, kinds and references cannot)."""
_NONE = Annotated[str, Meta(pattern="(?!)")]
"""A string type no value matches: a reference to an empty list."""
_TEXT = Annotated[str, Meta(max_length=MAX_STRING_CHARS)]


def event_decoder(ids: Mapping[str, Sequence[str]]) -> msgspec.json.Decoder[Any]:
    """A decoder of one mission's event lines; `ids`: the ids of each list of the header
    (`"phases"`, `"people"`, ...) that an event may refer to."""
    structs: dict[str, Any] = {}

    def struct(record: str) -> Any:
        if record not in structs:
            fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [
                (name, value_type(field.type))
                if field.required
                else (name, value_type(field.type) | UnsetType, UNSET)
                for name, field in RECORDS[record].items()
            ]
            structs[record] = msgspec.defstruct(
                f"{record.title()}Line", fields, kw_only=True, forbid_unknown_fields=True, gc=False
            )
        return structs[record]

    def value_type(declared: Scalar | ListOf | str) -> Any:
        if isinstance(declared, str):
            return struct(declared)
        if isinstance(declared, ListOf):
            return tuple[value_type(declared.item), ...]  # type: ignore[misc]
        if declared.choices is not None:
            return Literal[tuple(choice.value for choice in declared.choices)]
        kind = declared.kind
        if kind == "id":
            return Annotated[str, Meta(pattern=ID_PATTERN)]
        if kind == "ref" and declared.refers_to is not None:
            known = tuple(ids[declared.refers_to])
            return Literal[known] if known else _NONE
        if kind in ("text", "time"):
            return _TEXT
        if kind == "int":
            return Annotated[int, Meta(gt=-MAX_INT, lt=MAX_INT)]
        raise TypeError(f"event lines cannot hold {kind} fields: the bulk checks miss them")

    return msgspec.json.Decoder(struct("event"))


def record_of(value: Any, record: str) -> Any:
    """The model record of a decoded struct. Raises `TimeFormatError` for a time that
    `fast_when` refuses."""
    return MODEL_TYPES[record](
        **{
            name: _value(item, field.type)
            for name, field in RECORDS[record].items()
            if (item := getattr(value, name)) is not UNSET
        }
    )


def _value(item: Any, declared: Scalar | ListOf | str) -> Any:
    if isinstance(declared, str):
        return record_of(item, declared)
    if isinstance(declared, ListOf):
        return tuple(_value(element, declared.item) for element in item)
    if declared.kind == "time":
        return fast_when(item)
    if declared.choices is not None:
        return declared.choices(item)
    return item


def written(value: Any, record: str) -> tuple[int, list[str]]:
    """The keys a decoded struct was written with and its texts and times, those of the
    records inside it included: what its colons are counted against, to find a duplicate
    key (msgspec keeps the last of two equal keys)."""
    keys = 0
    texts: list[str] = []
    for name, field in RECORDS[record].items():
        item = getattr(value, name)
        if item is UNSET:
            continue
        keys += 1
        declared = field.type
        inner, elements = (
            (declared.item, item) if isinstance(declared, ListOf) else (declared, (item,))
        )
        if isinstance(inner, str):
            for element in elements:
                more_keys, more_texts = written(element, inner)
                keys += more_keys
                texts += more_texts
        elif inner.kind in ("text", "time"):
            texts += elements
    return keys, texts


def nested_times(raws: list[Any]) -> list[str]:
    """The times written in the records inside decoded event lines (their disputes'
    versions'): what the checks of their times must see too."""
    found: list[str] = []
    for path in _TIMES_INSIDE:
        values: list[Any] = raws
        for name, many in path:
            values = [getattr(value, name) for value in values]
            values = [value for value in values if value is not UNSET]
            if many:
                values = [item for value in values for item in value]
        found += values
    return found


def _time_paths(record: str) -> list[tuple[tuple[str, bool], ...]]:
    """The fields leading to each time inside a record (each with whether it is a list)."""
    paths: list[tuple[tuple[str, bool], ...]] = []
    for name, field in RECORDS[record].items():
        many = isinstance(field.type, ListOf)
        inner = field.type.item if isinstance(field.type, ListOf) else field.type
        if isinstance(inner, str):
            paths += [((name, many), *rest) for rest in _time_paths(inner)]
        elif inner.kind == "time":
            paths.append(((name, many),))
    return paths


def _records_inside(declared: Scalar | ListOf | str) -> str | None:
    """The record a field holds (alone or in a list), if it holds records."""
    inner = declared.item if isinstance(declared, ListOf) else declared
    return inner if isinstance(inner, str) else None


NESTED = tuple(
    (name, record) for name, field in EVENT.items() if (record := _records_inside(field.type))
)
"""The fields of an event that hold records (its stated times, its disputes), and the
records they hold."""
_TIMES_INSIDE = tuple(path for path in _time_paths("event") if len(path) > 1)
"""The path to each time inside the records of an event."""
