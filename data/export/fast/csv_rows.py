"""The CSV export's rows, a batch at a time through the engine: the columns of
`csv_export._Rows.text`, in its order, with its cells.

Every shared value is the Python writer's own lookup (`_Rows.kinds`, `.people`...), every
rare cell its own function (`_Rows.ends`, `.rare`), every time what its `BulkShow`s and
`utc_cells` show (`data.export.fast.times`). What is done here per event, in C++: reading
the columns, looking values up, putting a time's parts together, quoting a field that holds
a comma, a quote or a line break (as `csv_export.cell`; a batch with text to sanitise or a
cell a spreadsheet could run as a formula is made by `csv_export.cells` itself), and
joining the fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TextIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data.export.columns import SEPARATOR, needs_sanitizing
from data.export.csv_export import (
    BOOLEANS,
    FORMULA_STARTS,
    _Rows,
    cells,
)
from data.export.detail_rows import relative_texts
from data.export.fast.ahead import in_order
from data.export.fast.arrays import Columns, from_list, spans, write
from data.export.fast.delays import delay_texts
from data.export.fast.parts import Looked, Part, Table, assemble, sparse, spread
from data.export.fast.times import Clock, Clocks, Form, parts
from data.store import EventStore
from data.times.parse import Precision
from data.times.shapes import Times
from data.times.utc import PRECISION_NAMES, utc_cells


def write_rows(rows: _Rows, store: EventStore, chosen: Sequence[int], out: TextIO) -> None:
    """Write the CSV rows of the events at `chosen` to `out`, a batch at a time."""
    made = _Made(rows)
    for batch_rows in in_order(lambda where: made.of(Columns(store, where)), spans(chosen)):
        write(batch_rows, out)


class _Made:
    """Makes the rows of a batch of events, with the lookups of the Python writer's rows."""

    def __init__(self, rows: _Rows) -> None:
        self.rows = rows
        self.tables = [
            Table(lookup.__getitem__)
            for lookup in (
                rows.kinds,
                rows.phases,
                rows.places,
                rows.people,
                rows.vehicles,
                rows.confidences,
                rows.sources,
            )
        ]
        self.worded: dict[tuple[int, Precision, Precision], str] = {}
        """The delays worded so far (see `detail_rows.delays`)."""

    def of(self, batch: Columns) -> pa.StringArray:
        """The rows of the batch, each ended by CRLF."""
        rows, c = self.rows, batch.store.columns
        size = batch.size
        clocks = Clocks(batch.whens, batch.instants)
        shapes = clocks.shapes
        sheet = [s.precision for s in shapes]
        fields: list[Sequence[Part]] = [
            [_cells(batch.ids, batch.joined(c.ids))],
            _times(clocks, "UTC", utc_cells),
            [Looked([PRECISION_NAMES[p] for p in sheet], clocks.shape_codes)],
            [Looked([BOOLEANS[s.approximate] for s in shapes], clocks.shape_codes)],
            [Looked(list(BOOLEANS), pc.cast(pc.equal(batch.at, ""), pa.int8()))],
        ]
        for sheets, zone in zip(rows.sheets, rows.zones, strict=True):
            fields += [
                _times(clocks, zone.zone, sheets.cells),
                parts(clocks, zone.zone, _offsets(zone.offsets), Clock.NONE, marks=False),
            ]
        if rows.options.relative:
            times = clocks.times(list(range(size)))
            fields.append([from_list(cells(relative_texts(times, rows.options)))])
        fields.append([self._ends(batch)])
        fields.append([self._plans(batch, clocks)])
        titles = batch.batch.titles
        fields.append([_cells(pa.array(titles, pa.string()), SEPARATOR.join(titles))])
        codes = (c.kinds, c.phases, c.places, c.people, c.vehicles, c.confidences, c.sources)
        tables = zip(self.tables, codes, strict=True)
        fields += [[table.part(batch.codes(column))] for table, column in tables]
        fields.append([_cells(batch.descriptions, batch.joined(c.descriptions))])
        fields += [[sparse(size, found)] for found in rows.rare(batch.batch)]
        return assemble(fields, ",", "\r\n")

    def _ends(self, batch: Columns) -> Looked:
        """The UTC end of the events that end later (`csv_export._Rows.ends`)."""
        ends = batch.batch.ends
        if not ends:
            return Looked([""])
        texts = list(ends.values())
        clocks = Clocks.read(pa.array(texts, pa.string()))
        listed = pa.array(list(ends), pa.int32())
        return spread(batch.size, listed, assemble([_times(clocks, "UTC", utc_cells)]))

    def _plans(self, batch: Columns, clocks: Clocks) -> Looked:
        """The fields of the plan: its time in UTC and in each zone (each with its offset),
        and the delay (`csv_export._Rows._plans`), as one part (most events have none)."""
        rows, size = self.rows, batch.size
        count = 2 + 2 * len(rows.zones)
        planned = batch.planned
        listed = pc.indices_nonzero(pc.not_equal(planned, ""))
        if not len(listed):
            return Looked(["," * (count - 1)])
        texts = planned.take(listed)
        plans = Clocks.read(texts)
        fields: list[Sequence[Part]] = [_times(plans, "UTC", utc_cells)]
        for sheet, zone in zip(rows.sheets, rows.zones, strict=True):
            fields += [
                _times(plans, zone.zone, sheet.cells),
                parts(plans, zone.zone, _offsets(zone.offsets), Clock.NONE, marks=False),
            ]
        fields.append([self._delays(batch, clocks, plans, listed)])
        return spread(size, listed, assemble(fields, ","), "," * (count - 1))

    def _delays(self, batch: Columns, clocks: Clocks, plans: Clocks, listed: pa.Array) -> Looked:
        """The delay cell of each planned event (by its index among the planned ones),
        empty for those without an actual time."""
        return Looked(*delay_texts(batch, clocks, plans, listed, self.worded, cells))


def _times(clocks: Clocks, zone: str, sheet: Form) -> list[Part]:
    """The times in `zone` in the spreadsheet form (`BulkShow(zone, sheet=True).cells`)."""
    return parts(clocks, zone, sheet, Clock.MILLISECONDS, marks=False, name="sheet")


def _offsets(offsets: Callable[[Times], list[str]]) -> Form:
    """A zone's offsets column as cells (`_Rows.text` makes them cells)."""
    return lambda times: cells(offsets(times))


def _may_be_formulas(texts: pa.StringArray) -> bool:
    """Whether a text starts as one `csv_export.neutralise` may change (`FORMULA_STARTS`,
    or a space, which it skips): each text's first byte read with numpy in place, without
    Python's lock, where a search of the joined texts holds it."""
    offsets = np.frombuffer(texts.buffers()[1], np.int32)[texts.offset :][: len(texts) + 1]
    starts = offsets[:-1][offsets[1:] > offsets[:-1]]
    if not len(starts):
        return False
    data = np.frombuffer(texts.buffers()[2], np.uint8)
    return bool(np.isin(data[starts], _FORMULA_BYTES).any())


_FORMULA_BYTES = np.frombuffer(("".join(FORMULA_STARTS) + " ").encode("ascii"), np.uint8)
"""The first bytes of a text that may be a formula: `FORMULA_STARTS`, and a space."""
_QUOTED = (",", '"', "\r", "\n")
"""What makes `csv_export.cell` quote a field."""


def _cells(texts: pa.StringArray, joined_texts: str) -> pa.StringArray:
    """`csv_export.cells` of a text column, `joined_texts` its texts joined by `SEPARATOR`
    (or more texts around them: then a needless check costs time, never a byte)."""
    if needs_sanitizing(joined_texts) or _may_be_formulas(texts):
        return from_list(cells(texts.to_pylist()))
    marks = [mark for mark in _QUOTED if mark in joined_texts]
    if not marks:
        return texts
    where = pc.match_substring(texts, marks[0])
    for mark in marks[1:]:
        where = pc.or_(where, pc.match_substring(texts, mark))
    some = texts.filter(where)
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(some, '"', '""'), '"', "")
    return pc.replace_with_mask(texts, where, quoted)
