"""The text export's events, a batch at a time through the engine: the lines of
`text_export._Rows.text` (the full form; the brief form is written by it alone).

Each event's row (its time in each zone, padded to the column's width, its title and source
numbers) and its details (facts, end, plan, people, vehicles, description, rare fields) are
the Python writer's own: its lookups and line functions (`_Rows.facts`, `.people`,
`.ends_of`, `.planned_lines`, `.rare_of`...), its `BulkShow`s for the times
(`data.export.fast.times`). A batch whose titles or descriptions need more than joining (text
to sanitise or fold, a tab, a line break, a space at the end) has those made by the Python
writer's own functions. The batch's text is wrapped by `wrap.fit`, as the Python writer's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import pyarrow as pa
import pyarrow.compute as pc

from data.export.columns import SEPARATOR, Batch, Section, needs_sanitizing
from data.export.detail_rows import relative_texts
from data.export.fast.ahead import in_order
from data.export.fast.arrays import (
    Columns,
    content,
    fits,
    from_list,
    listed_instants,
    spans,
    text_of,
)
from data.export.fast.breaks import broken
from data.export.fast.delays import delay_texts
from data.export.fast.parts import (
    Keyed,
    Looked,
    Part,
    Table,
    assemble,
    printable,
    sparse,
    spread,
    widest,
)
from data.export.fast.times import Clock, Clocks, parts, shown
from data.export.text_export import SectionText, _has_breaks, _Rows, heading_widths
from data.export.text_layout import GAP, INDENT, title_column
from data.export.wrap import fit
from data.facts.event import planned_mark
from data.sanitize import sanitize_line
from data.store import EventStore
from data.times.parse import Precision
from data.widths import pad_column
from data.widths import widest as widest_cells


class Made:
    """Writes the text export's events through the engine, with the Python writer's rows
    (`text_export._Rows`) for every value and line."""

    def __init__(self, rows: _Rows, store: EventStore) -> None:
        self.rows = rows
        self.store = store
        notes = rows.notes
        self.notes = Table(lambda code: f" {notes[code]}" if notes[code] else "")
        self.people = Table(rows.people.__getitem__)
        self.vehicles = Table(rows.vehicles.__getitem__)
        self.facts = Keyed(lambda key: rows.facts[_facts_key(key)])
        self.worded: dict[tuple[int, Precision, Precision], str] = {}
        """The delays worded so far (see `detail_rows.delays`)."""

    def widths(self, chosen: Sequence[int]) -> list[int]:
        """The width of each time column (`_Rows.widths`), in one pass over the events: the
        longest row of each column's parts, without putting them together."""
        widths = heading_widths(self.rows.options)
        for longest in in_order(self._widths, spans(chosen)):
            widths = list(map(max, widths, longest))
        return widths

    def _widths(self, where: Sequence[int]) -> list[int]:
        """The longest row of each time column's parts in the batch at `where`."""
        rows = self.rows
        batch = Columns(self.store, where)
        clocks = Clocks(batch.whens, batch.instants)
        longest = []
        for zone in rows.zones:
            made = parts(clocks, zone.zone, zone.cells, Clock.OWN, marks=True)
            found = widest(made)
            longest.append(found if found is not None else _widest(assemble([made])))
        if rows.options.relative:
            longest.append(_widest(self._cells(clocks)[-1]))
        return longest

    def texts(self, sections: Iterable[Section], widths: list[int]) -> Iterator[SectionText]:
        """The text of each section's events, a batch at a time: the batches of every
        section are made ahead, in turn (a phase is often a single batch)."""
        batches = ((section, where) for section in sections for where in spans(section.positions))
        return in_order(lambda batch: (batch[0], self._text(batch[1], widths)), batches)

    def _text(self, where: Sequence[int], widths: list[int]) -> str | memoryview:
        """The text of the events at `where` (one batch): its UTF-8 bytes where no line
        needs wrapping."""
        if len(where) < _FEWEST:  # quicker in Python
            return self.rows.text(Batch(self.store, where, listed_instants), widths)
        data = content(self._lines(Columns(self.store, where), widths))
        columns = self.rows.options.columns
        if fits(data, columns):
            return data
        return fit(str(data, "utf-8"), columns, title_column(widths))

    def _cells(self, clocks: Clocks) -> list[pa.StringArray]:
        """The time cells of the batch: a column per zone, then the relative column."""
        rows = self.rows
        cells = [shown(clocks, zone.zone, zone.cells, Clock.OWN, marks=True) for zone in rows.zones]
        if rows.options.relative:
            times = clocks.times(list(range(len(clocks))))
            cells.append(from_list(relative_texts(times, rows.options)))
        return cells

    def _lines(self, batch: Columns, widths: list[int]) -> pa.StringArray:
        """Each event's row and details (`_Rows.text`, before the wrap)."""
        rows, c, size = self.rows, batch.store.columns, batch.size
        clocks = Clocks(batch.whens, batch.instants)
        has_at = pc.not_equal(batch.at, "")
        approximate = pc.and_(clocks.approximate, has_at)
        facts_keys = pc.add(
            pc.multiply(
                pc.add(
                    pc.multiply(
                        pc.add(
                            pc.multiply(pc.cast(batch.codes(c.kinds), pa.int64()), 2),
                            pc.cast(approximate, pa.int64()),
                        ),
                        256,
                    ),
                    pc.cast(batch.codes(c.confidences), pa.int64()),
                ),
                1 << 32,
            ),
            pc.cast(batch.codes(c.places), pa.int64()),
        )
        fields: list[Sequence[Part]] = [
            self._row(batch, clocks, widths),
            [self.facts.part(facts_keys)],
            [self._ends(batch)],
            [self._planned(batch, clocks)],
            [self.people.part(batch.codes(c.people))],
            [self.vehicles.part(batch.codes(c.vehicles))],
            self._descriptions(batch),
            [sparse(size, rows.rare_of(batch.batch))],
        ]
        return assemble(fields)

    def _row(self, batch: Columns, clocks: Clocks, widths: list[int]) -> list[Part]:
        """Each event's row: its padded time cells, its title and its source numbers."""
        cells = zip(self._cells(clocks), widths, strict=True)
        padded = [_padded(column, width) for column, width in cells]
        titles = batch.batch.titles
        joined = SEPARATOR.join(titles)
        if needs_sanitizing(joined) or _has_breaks(titles):
            titles = list(map(sanitize_line, titles))
            joined = SEPARATOR.join(titles)
        title_column = pa.array(titles, pa.string())
        unplanned = pc.indices_nonzero(pc.equal(batch.at, "")).to_pylist()
        if unplanned:  # only planned: `(planned) ` before the title, unless it says so
            marked = [planned_mark(titles[n], True) + titles[n] for n in unplanned]
            mask = pc.equal(batch.at, "")
            title_column = pc.replace_with_mask(title_column, mask, pa.array(marked, pa.string()))
        notes = self.notes.part(batch.codes(batch.store.columns.sources))
        starts: list[Part] = []
        for column in padded:
            starts += [column, GAP]
        if _ends_bare(joined + SEPARATOR):
            # a title that is empty or ends with a space: the row is cut as `_Rows` cuts it
            # (a title marked `(planned) ` ends as it did, or with a space if it was empty)
            lasts = text_of(assemble([[title_column, notes, SEPARATOR]])).split(SEPARATOR)
            lasts.pop()
            heads = zip(*(column.to_pylist() for column in padded), strict=True)
            lines = [
                GAP.join([*head, last.rstrip()]).rstrip() + "\n"
                for head, last in zip(heads, lasts, strict=True)
            ]
            return [from_list(lines)]
        return [*starts, title_column, notes, "\n"]

    def _ends(self, batch: Columns) -> Looked:
        """`until ...` of each event that ends later (`_Rows.ends_of`)."""
        ends = batch.batch.ends
        if not ends:
            return Looked([""])
        texts = list(ends.values())
        clocks = Clocks.read(pa.array(texts, pa.string()))
        columns = [
            shown(clocks, zone.zone, zone.cells, Clock.OWN, marks=True) for zone in self.rows.zones
        ]
        listed = pa.array(list(ends), pa.int32())
        return spread(batch.size, listed, self._until_lines(columns))

    def _until_lines(self, columns: list[pa.StringArray]) -> pa.Array:
        """`_Rows.until_lines` of ends shown in each zone (`columns`): the line it writes for
        markers in their place, cut around them, and each event's texts put in between in
        C++; the events whose line that would not give (`_odd`) written by `until_lines`
        itself, as is every event of a batch with other than printable ASCII."""
        rows = self.rows
        marks = [f"@{number}@" for number in range(len(columns))]
        cut = _cut(rows.until_lines([marks])[0], marks, marks)
        if cut is None or not all(printable(column.buffers()[2]) for column in columns):
            return from_list(rows.until_lines(_listed(columns)))
        made: list[Part] = []
        for piece, column in zip(cut, columns, strict=False):
            made += [piece, column]
        lines = assemble([[*made, cut[-1]]])
        odd = _odd(columns)
        if not odd.true_count:
            return lines
        redone = rows.until_lines(_listed([column.filter(odd) for column in columns]))
        return pc.replace_with_mask(lines, odd, pa.array(redone, pa.string()))

    def _planned(self, batch: Columns, clocks: Clocks) -> Looked:
        """`planned ...` of each event with both a planned and an actual time."""
        both = pc.and_(pc.not_equal(batch.planned, ""), pc.not_equal(batch.at, ""))
        listed = pc.indices_nonzero(both)
        if not len(listed):
            return Looked([""])
        texts = batch.planned.take(listed)
        plans = Clocks.read(texts)
        columns = [
            shown(plans, zone.zone, zone.cells, Clock.OWN, marks=True) for zone in self.rows.zones
        ]
        texts, indexes = delay_texts(batch, clocks, plans, listed, self.worded)
        verdicts = pc.fill_null(texts.take(indexes), "")
        return spread(batch.size, listed, self._planned_lines(columns, verdicts))

    def _planned_lines(self, columns: list[pa.StringArray], verdicts: pa.StringArray) -> pa.Array:
        """`_Rows.planned_lines` of planned times shown in each zone (`columns`) and their
        delays: the line it writes for markers in their place, cut around them
        (`_phrase_cuts`), and each event's texts put in between in C++. The events whose
        line that would not give (a text two zones share, written once; an empty text, or
        one that ends with a space, which the line's end would strip) are written by
        `planned_lines` itself, as is every event of a batch with other than printable
        ASCII."""
        rows = self.rows
        cuts = _phrase_cuts(rows, len(columns))
        texts = [*columns, verdicts]
        if cuts is None or not all(printable(column.buffers()[2]) for column in texts):
            return from_list(rows.planned_lines(_listed(columns), verdicts.to_pylist()))
        plain, delayed = cuts
        has = pc.cast(pc.not_equal(verdicts, ""), pa.int8())
        made: list[Part] = []
        for number, column in enumerate(columns):
            made += [Looked([plain[number], delayed[number]], has), column]
        made += [Looked([plain[-1], delayed[-2]], has), verdicts, Looked(["", delayed[-1]], has)]
        lines = assemble([made])
        odd = pc.or_(pc.ends_with(verdicts, " "), _odd(columns))
        if not odd.true_count:
            return lines
        redone = rows.planned_lines(
            _listed([column.filter(odd) for column in columns]), verdicts.filter(odd).to_pylist()
        )
        return pc.replace_with_mask(lines, odd, pa.array(redone, pa.string()))

    def _descriptions(self, batch: Columns) -> list[Part]:
        """Each event's description, indented on its own line (`text_export._descriptions`)."""
        joined = batch.joined(batch.store.columns.descriptions)
        texts = batch.descriptions
        if needs_sanitizing(joined) or "\t" in joined or "\n" in joined or _SPACE_AT_END(joined):
            return [from_list(self.rows._descriptions(batch.batch))]
        given = pc.cast(pc.not_equal(texts, ""), pa.int8())
        texts = broken(texts, INDENT, self.rows.options.columns)
        return [Looked(["", INDENT], given), texts, Looked(["", "\n"], given)]


def _phrase_cuts(rows: _Rows, zones: int) -> tuple[list[str], list[str]] | None:
    """The line `rows.planned_lines` writes for times in `zones` zones, without a delay and
    with one, each cut around its times and delay (`_cut`); `None` if a line cannot be."""
    marks = [f"@{number}@" for number in range(zones + 1)]
    cuts = []
    for verdict in ("", marks[-1]):
        line = rows.planned_lines([marks[:-1]], [verdict])[0]
        cut = _cut(line, marks, marks[: zones + bool(verdict)])
        if cut is None:
            return None
        cuts.append(cut)
    return cuts[0], cuts[1]


def _cut(line: str, marks: list[str], used: list[str]) -> list[str] | None:
    """A line written for the markers `used` (of `marks`) in place of texts, cut around
    them: the texts before, between and after them; `None` if it cannot be cut so (a
    marker found twice, or not in this order, or a line that is not printable and would be
    sanitised)."""
    if not line[:-1].isprintable() or any(line.count(mark) != (mark in used) for mark in marks):
        return None
    pieces = []
    for mark in used:  # each once: in this order, else the line is not cut so
        head, _, line = line.partition(mark)
        if any(other in head for other in used):
            return None
        pieces.append(head)
    return [*pieces, line]


def _odd(columns: list[pa.StringArray]) -> pa.BooleanArray:
    """Where a time is empty or ends with a space, or two zones show the same text (which
    `planned_lines` and `until_lines` write once)."""
    odd = pa.repeat(pa.scalar(False), len(columns[0]))
    for number, column in enumerate(columns):
        odd = pc.or_(odd, pc.or_(pc.equal(column, ""), pc.ends_with(column, " ")))
        for other in columns[:number]:
            odd = pc.or_(odd, pc.equal(column, other))
    return odd


def _listed(columns: list[pa.StringArray]) -> Iterator[tuple[str, ...]]:
    """Each event's texts, a text per column."""
    return zip(*(column.to_pylist() for column in columns), strict=True)


_FEWEST = 2048
"""A batch of fewer events (a short phase) is written by the Python writer: quicker."""
_SPACE_AT_END = re.compile(f"{SEPARATOR}(?<=\\s{SEPARATOR})").search
"""A text that ends with a space (of any kind), among texts joined by `SEPARATOR` (each
followed by one): searched from each separator, a character the search skips to (a pattern
that starts with `\\s` is tried at every character: ten times slower)."""


def _ends_bare(joined: str) -> bool:
    """Whether a text ends with a space (of any kind) or is empty, among texts joined by
    `SEPARATOR` (each followed by one)."""
    return (
        joined.startswith(SEPARATOR)
        or SEPARATOR + SEPARATOR in joined
        or _SPACE_AT_END(joined) is not None
    )


def _facts_key(key: int) -> tuple[int, bool, int, int]:
    """The (kind, approximate, confidence, place) of a facts line from its key (see
    `Made._lines`)."""
    head, place = divmod(key, 1 << 32)
    head, confidence = divmod(head, 256)
    kind, approximate = divmod(head, 2)
    return kind, bool(approximate), confidence, place


def _padded(cells: pa.StringArray, width: int) -> pa.StringArray:
    """`pad_column(cells, width)`: each cell followed by spaces up to `width` cells."""
    if _plain(cells):
        return pc.utf8_rpad(cells, width)
    return from_list(pad_column(cells.to_pylist(), width))


def _widest(cells: pa.StringArray) -> int:
    """`widest(cells)`: the width in cells of the widest."""
    if not len(cells):
        return 0
    if _plain(cells):
        return int(pc.max(pc.utf8_length(cells)).as_py())
    return widest_cells(cells.to_pylist())


def _plain(cells: pa.StringArray) -> bool:
    """Whether every cell is printable ASCII (a cell a character), read from the bytes."""
    return printable(cells.buffers()[2])
