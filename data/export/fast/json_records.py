"""The JSON export's events, a batch at a time through the engine: the fragments of
`json_export._Records.text`, in its order.

Shared values are the Python writer's own lookups (`_Records.kinds`, `.people`...), the
fields few events have its own function (`_Records.rare`), the UTC forms those of
`data.times.utc` (`data.export.fast.times`). A text column is written as it is between
quotes when its batch holds nothing JSON escapes (a quote, a backslash, a control
character), else by `json.encoder.encode_basestring` itself, as the Python writer does; the
batch's text goes through `json_export.escape_unsafe` unless it is plain ASCII.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data.export.columns import SEPARATOR, needs_sanitizing
from data.export.fast.ahead import in_order
from data.export.fast.arrays import Columns, content, from_list, spans
from data.export.fast.parts import Looked, Part, Table, assemble, sparse, spread
from data.export.fast.times import Clock, Clocks, parts
from data.export.json_export import (
    _CLOSE,
    _FIELD,
    _FIRST,
    _RECORD,
    _TITLE,
    _encode,
    _Records,
    _texts,
    escape_unsafe,
)
from data.export.stream import write_utf8
from data.store import EventStore
from data.times.shapes import Times
from data.times.utc import PRECISION_NAMES, utc_forms


def write_records(records: _Records, store: EventStore, out: TextIO) -> None:
    """Write the events of `store` to `out` as the JSON file's list of events (without its
    brackets), a batch at a time."""
    made = _Made(records)
    skip = 1  # the comma before the first event
    for rows in in_order(lambda where: made.of(Columns(store, where)), spans(range(len(store)))):
        data = content(rows)[skip:]
        if _plain(data):  # then nothing to escape (`_write_events`)
            write_utf8(data, out)
        else:
            out.write(escape_unsafe(str(data, "utf-8")))
        skip = 0


def _plain(data: memoryview) -> bool:
    """Whether UTF-8 `data` is ASCII without DEL: every byte below 0x7F (numpy's maximum
    reads the bytes in place, without Python's lock)."""
    return not len(data) or int(np.frombuffer(data, np.uint8).max()) < 0x7F


class _Made:
    """Makes the events of a batch, with the lookups of the Python writer's records."""

    def __init__(self, records: _Records) -> None:
        self.records = records
        self.tables = [
            Table(lookup.__getitem__)
            for lookup in (
                records.kinds,
                records.phases,
                records.places,
                records.vehicles,
                records.people,
                records.sources,
                records.confidences,
            )
        ]

    def of(self, batch: Columns) -> pa.StringArray:
        """Each event of the batch as `,\n    {...}`."""
        c = batch.store.columns
        size = batch.size
        kinds, phases, places, vehicles, people, sources, confidences = (
            table.part(batch.codes(column))
            for table, column in zip(
                self.tables,
                (c.kinds, c.phases, c.places, c.vehicles, c.people, c.sources, c.confidences),
                strict=True,
            )
        )
        clocks = Clocks(batch.whens, batch.instants)
        has_at = pc.not_equal(batch.at, "")
        titles = batch.batch.titles
        ends, rare = self.records.rare(batch.batch)
        fields: list[Sequence[Part]] = [
            ["," + _RECORD + _FIRST, *_encoded(batch.ids, batch.joined(c.ids))],
            [_TITLE, *_encoded(pa.array(titles, pa.string()), SEPARATOR.join(titles))],
            [kinds],
            _optional("description", batch.descriptions, batch.joined(c.descriptions)),
            [phases],
            _optional("at", batch.at, batch.joined(c.at)),
            _forms("at", clocks, has_at),
            [self._plans(batch)],
            [sparse(size, ends)],
            [places, vehicles, people, sources, confidences],
            [sparse(size, rare)],
            [_CLOSE],
        ]
        return assemble(fields)

    def _plans(self, batch: Columns) -> Looked:
        """The planned time and its UTC form and precision, as one part (most events have
        none)."""
        planned = batch.planned
        listed = pc.indices_nonzero(pc.not_equal(planned, ""))
        if not len(listed):
            return Looked([""])
        texts = planned.take(listed)
        plans = Clocks.read(texts)
        joined = SEPARATOR.join(texts.to_pylist())
        fields = [_optional("planned", texts, joined), _forms("planned", plans, None)]
        return spread(batch.size, listed, assemble(fields))


def _escaped(joined: str) -> bool:
    """Whether `json.encoder.encode_basestring` could escape anything in the texts joined by
    `SEPARATOR` (a quote, a backslash, a control character; or more: then the encoder
    itself writes them), checked at C speed."""
    return any(mark in joined for mark in _MARKS) or needs_sanitizing(joined)


_MARKS = ('"', "\\", "\t", "\n")


def _encoded(texts: pa.StringArray, joined: str) -> list[Part]:
    """`_encode` of each text, as parts."""
    if _escaped(joined):
        return [from_list(list(map(_encode, texts.to_pylist())))]
    return ['"', texts, '"']


def _optional(key: str, texts: pa.StringArray, joined: str) -> list[Part]:
    """The fragments of a text field (`json_export._texts`): none where it is empty."""
    if _escaped(joined):
        return [from_list(_texts(key, texts.to_pylist()))]
    given = pc.cast(pc.not_equal(texts, ""), pa.int8())
    return [Looked(["", f'{_FIELD}"{key}": "'], given), texts, Looked(["", '"'], given)]


def _forms(key: str, clocks: Clocks, only: pa.BooleanArray | None) -> list[Part]:
    """The `<key>_utc` and `<key>_precision` fragments (`json_export._forms`) of the times
    (`only` where true), none for a date or a month: those are not shown at all (their
    form is empty), which spares showing each of them one by one (`times.parts`)."""
    timed = pc.invert(clocks.dated)
    if only is not None:
        timed = pc.and_(timed, only)
    given = pc.cast(timed, pa.int8())
    tails = [
        f'"{_FIELD}"{key}_precision": "{PRECISION_NAMES[shape.precision]}"'
        for shape in clocks.shapes
    ]
    return [
        Looked(["", f'{_FIELD}"{key}_utc": "'], given),
        *parts(clocks, "UTC", _utc_texts, Clock.SECONDS, marks=False, only=timed),
        Looked(tails, pc.if_else(timed, clocks.shape_codes, pa.scalar(None, pa.int32()))),
    ]


def _utc_texts(times: Times) -> list[str]:
    """Each time's UTC form (`data.times.utc.utc_forms`), empty for a date or a month."""
    return [form[0] if form is not None else "" for form in utc_forms(times)]
