"""Taking decoded JSON Lines events into an event store's columns, many lines at a time.

msgspec has checked the fields, types, ids, kinds and references of each line. What it
cannot check is checked here for a whole batch at once: times (`data.times.bulk`), NUL
characters, duplicate keys (counted through colons, since msgspec keeps the last of two equal
keys) and duplicate ids within the batch. Events with rare fields (notes, stated times,
disputes, a station crew) are made into records (`rare_fields`), refused where the general
checks (`data.load.references`) would find a problem msgspec cannot. If anything fails,
nothing is taken, and the reader sends the lines the general way, which words each problem.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from functools import partial
from itertools import compress, repeat
from operator import attrgetter, is_, is_not
from typing import Any

from msgspec import UNSET

from data.load.jsonl_decode import (
    NESTED,
    OPTIONAL,
    REQUIRED,
    TEXTS,
    nested_times,
    record_of,
    written,
)
from data.store import CONFIDENCE_CODE, KIND_CODE, Extras, StoreBuilder
from data.store.columns import RARE_FIELDS, Records
from data.times.bulk_instants import instants_of
from data.times.parse import TimeFormatError

_KIND_CODE = {kind.value: code for kind, code in KIND_CODE.items()}
_CONFIDENCE_CODE: dict[Any, int] = {
    (UNSET if c is None else c.value): code for c, code in CONFIDENCE_CODE.items()
}
_EMPTY_IF_UNSET: dict[Any, Any] = {UNSET: ""}
_is_given = partial(is_not, UNSET)


def _given(values: list[Any]) -> Iterator[int]:
    """The positions of the values that were given (are not `UNSET`)."""
    return compress(range(len(values)), map(is_not, values, repeat(UNSET)))


def _texts(values: list[Any], unset: int) -> list[str]:
    """Optional texts with `""` for those not given (`unset`: how many)."""
    if not unset:
        return values
    if unset == len(values):
        return [""] * unset
    return list(map(_EMPTY_IF_UNSET.get, values, values))


class Bulk:
    """Adds decoded event lines to a builder's columns, a batch at a time."""

    def __init__(self, builder: StoreBuilder) -> None:
        self.builder = builder
        self.titles: dict[str, str] = {}
        """Each distinct title once: logs repeat titles, and shared strings cost nothing."""
        self.phase_code: dict[Any, int] = {UNSET: 0, **builder.phase_code}
        self.place_code: dict[Any, int] = {UNSET: 0, **builder.place_code}
        builder.group_code[UNSET] = 0  # type: ignore[index]

    def take(self, raws: list[Any], data: bytes) -> list[str] | None:
        """Add decoded events (one per line of `data`) if the bulk checks pass, and give their
        ids; else add nothing and give `None`."""
        count = len(raws)
        column = {name: list(map(attrgetter(name), raws)) for name in (*REQUIRED, *OPTIONAL)}
        ids = column["id"]
        if len(set(ids)) != count:
            return None
        at, planned, ends = column["at"], column["planned"], column["end"]
        chosen = at
        if UNSET in at:
            chosen = list(at)
            for position in compress(range(count), map(is_, at, repeat(UNSET))):
                chosen[position] = planned[position]
            if UNSET in chosen:
                return None  # "needs 'at' or 'planned'", from the general way
        try:
            instants = instants_of(chosen)
            instants_of(list(filter(_is_given, planned)))
            instants_of(list(filter(_is_given, ends)))
        except TimeFormatError:
            return None
        escapes = b"\\" in data
        # A NUL can only be written escaped (JSON refuses raw control characters).
        if escapes and b"\\u0000" in data:
            return None
        unset = {name: column[name].count(UNSET) for name in OPTIONAL}
        present = len(column) * count - sum(unset.values())
        inside = 0
        for name in TEXTS:
            inside += "\n".join(filter(_is_given, column[name])).count(":")
        start = len(self.builder.columns.ids)
        extras: dict[int, Extras] = {}
        rare = sorted(set().union(*(_given(column[name]) for name in RARE_FIELDS)))
        for position in rare:
            taken = self.extras(raws[position])
            if taken is None:
                return None
            extras[start + position], colons = taken
            inside += colons
        try:
            instants_of(nested_times([raws[position] for position in rare]))
        except TimeFormatError:
            return None
        # A colon written as \u003a is in a decoded string but not among the raw colons.
        # Counting every "\u003a" (even an escaped backslash followed by "u003a") can only
        # make the two sides differ, never hide a duplicate key.
        escaped = data.count(b"\\u003a") + data.count(b"\\u003A") if escapes else 0
        if data.count(b":") != present + inside - escaped:
            return None  # a duplicate key somewhere: the general way names it
        try:  # codes first: a value msgspec let through but the mission lacks adds nothing
            phases = array("H", map(self.phase_code.__getitem__, column["phase"]))
            places = array("H", map(self.place_code.__getitem__, column["place"]))
        except KeyError:
            return None
        ended = {start + position: ends[position] for position in _given(ends)}
        self._add(column, unset, instants, phases, places, extras, ended)
        return ids

    def _add(
        self,
        column: dict[str, list[Any]],
        unset: dict[str, int],
        instants: list[float],
        phases: array[int],
        places: array[int],
        extras: dict[int, Extras],
        ends: dict[int, str],
    ) -> None:
        """Extend every column with the checked events."""
        builder = self.builder
        c = builder.columns
        titles = column["title"]
        c.ids.extend_list(column["id"])
        c.titles += map(self.titles.setdefault, titles, titles)
        c.descriptions.extend_list(_texts(column["description"], unset["description"]))
        c.kinds += bytes(map(_KIND_CODE.__getitem__, column["kind"]))
        c.phases += phases
        c.places += places
        for name in ("vehicles", "people", "sources"):
            values = column[name]
            codes = list(map(builder.group_code.get, values))
            if None in codes:  # lists not met before
                for position in compress(range(len(codes)), map(is_, codes, repeat(None))):
                    codes[position] = builder.group(values[position])
            getattr(c, name).extend(codes)
        c.confidences += bytes(map(_CONFIDENCE_CODE.__getitem__, column["confidence"]))
        c.at.extend_list(_texts(column["at"], unset["at"]))
        c.planned.extend_list(_texts(column["planned"], unset["planned"]))
        c.instants.extend(instants)
        c.extras.update(extras)
        c.ends.update(ends)

    def extras(self, raw: Any) -> tuple[Extras, int] | None:
        """The rare fields of an event line, and how many colons the keys and texts inside its
        records account for; `None` sends the line the general way."""
        extras = rare_fields(raw)
        if extras is None:
            return None
        keys = 0
        texts: list[str] = []
        for name, record in NESTED:
            for element in getattr(raw, name) or ():
                more_keys, more_texts = written(element, record)
                keys += more_keys
                texts += more_texts
        return extras, keys + "\n".join(texts).count(":")


def rare_fields(raw: Any) -> Extras | None:
    """The rare fields of a decoded event line as the store keeps them (but its end, kept
    apart: `Columns.ends`; its stated times and disputes made into records by `record_of`
    when first read); `None`
    (the general way) for what `References.event` would refuse and msgspec cannot: a
    dispute without versions, a negative station crew. Every reference in them was checked
    by msgspec (the header's ids are its `Literal`s); the times inside them
    (`nested_times`) are for the caller to check, with the line's other times."""
    crew = None if raw.station_crew is UNSET else raw.station_crew
    if (crew is not None and crew < 0) or not all(d.versions for d in raw.disputes or ()):
        return None
    note = "" if raw.note is UNSET else raw.note
    later = partial(_records, raw) if raw.stated or raw.disputes else None
    return Extras(note, station_crew=crew, later=later)


def _records(raw: Any) -> Records:
    """The stated times and disputes of a decoded event line, as records."""
    stated, disputes = (
        tuple(record_of(item, record) for item in getattr(raw, name) or ())
        for name, record in NESTED
    )
    return stated, disputes
