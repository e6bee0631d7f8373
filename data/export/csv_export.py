"""The CSV export: one row per event, for spreadsheets and scripts.

Columns: the event's id, the instant in UTC in the one form spreadsheets and data-frame
libraries read as a date-time (`2021-04-09 07:42:41.000`, `display_bulk.SHEET_FORM`; a date
or a month as its first day at 00:00 as stated), its `precision` (month, day, minute, second,
millisecond: how much of that cell is known) and whether it is `approximate` or
`planned_only` (`true`/`false`), two columns per requested zone: the local date-time in the
same `SHEET_FORM` (a date or month as stated) and beside it, in `<zone> offset`, the zone's
abbreviation and offset then (`CEST (+02:00)`; for a date, its own zone's where the zone
shown is at another day, `BulkShow.offsets`), the relative time if asked, the end and the
plan (the planned time in UTC and in each zone with its offset, and the delay), then the
event's facts: title, kind, phase, place, people, vehicles, confidence, sources,
description, the times as the sources stated them, the disagreements between sources, the
note and the station's crew afterwards. Every date-time column sorts in time order in a
spreadsheet; `precision` says how much of the event's time cells is known. A CSV is read by
programs, so nothing in it follows the interface's language: the column names, kinds and
delays are in English, and people and phases are named as the mission names them.

A file starts with a UTF-8 byte-order mark: Excel on Windows reads a CSV without one in
the machine's legacy code page (garbling Cyrillic and accented names), and LibreOffice,
Google Sheets, pandas and polars skip it. A pipe, a terminal or a file that already holds
text (`>>`) gets none (`starts_a_file`): a script reading standard output sees plain UTF-8,
and a mark in the middle of a file would be a stray character. Rows follow RFC 4180 (CRLF,
quoted fields where needed). Control characters become visible placeholders
(`data.sanitize`), and a cell a spreadsheet would run as a formula gets a leading `'`.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter, not_
from typing import TextIO

from data.export.columns import (
    SEPARATOR,
    Batch,
    Lookup,
    batches,
    event_store,
    needs_sanitizing,
    read_times,
    selection,
)
from data.export.detail_rows import disputed_times, plans, relative_texts, shower, spread
from data.export.options import ExportOptions, relative_heading, source_numbers, zone_heading
from data.facts.event import (
    DisputeFacts,
    dispute_facts,
    people_names,
    place_name,
    vehicle_names,
)
from data.i18n import speaking
from data.model import Mission, Stated
from data.sanitize import sanitize
from data.store import CONFIDENCES, KINDS, EventStore
from data.times.display_bulk import BulkShow
from data.times.shapes import Times
from data.times.utc import PRECISION_NAMES, utc_cells

BOM = "\ufeff"
"""The byte-order mark the file starts with (see the module's docstring)."""
BOOLEANS = ("false", "true")
"""How a yes/no cell is written: the words spreadsheets and pandas read as booleans."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""First characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula
(OWASP "CSV injection"); leading spaces are ignored by some of them, so they are skipped."""


def neutralise(cell: str) -> str:
    """A cell that no spreadsheet runs as a formula: a leading `'` where it could be one."""
    stripped = cell.lstrip(" ")
    if stripped.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


Engine = Callable[["_Rows", EventStore, Sequence[int], TextIO], bool]
"""Writes the rows of the events at the positions given, with these `_Rows`' values, if it
takes them (the columnar engine: `data.export.fast.csv_engine`); says whether it did."""


def write(
    mission: Mission, options: ExportOptions, out: TextIO, *, engine: Engine | None = None
) -> None:
    """Write the CSV export of `mission` to `out`, a batch of rows at a time.

    The rows are made from the columns of the mission's store (`data.export.columns`),
    with the facts layer's functions on the batch's values (or by `engine`, if given and
    it takes them: the same bytes). Programs read it, so it is the same in every language:
    English (`speaking`), whatever the interface speaks."""
    if starts_a_file(out):
        out.write(BOM)
    with speaking("en"):
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([neutralise(sanitize(cell)) for cell in header(options)])
        store = event_store(mission)
        rows = _Rows(mission, store, options)
        chosen = selection(store, options)
        if engine is not None and engine(rows, store, chosen, out):
            return
        for batch in batches(store, chosen):
            out.write(rows.text(batch))


def starts_a_file(out: TextIO) -> bool:
    """Whether `out` is the start of a file (an empty regular file, or text in memory), where
    the byte-order mark goes; not a pipe, a terminal, or the end of a file being appended to."""
    try:
        if not out.seekable() or out.tell() != 0:
            return False
        descriptor = out.fileno()
    except io.UnsupportedOperation:  # text in memory (`io.StringIO`)
        return True
    return os.fstat(descriptor).st_size == 0


def header(options: ExportOptions) -> list[str]:
    """The names of the columns, in English (`write` speaks it for the whole file)."""
    names = ["id", "utc", "precision", "approximate", "planned_only"]
    zones = [zone_heading(zone) for zone in options.zones]
    names += [name for zone in zones for name in _zone_names(zone)]
    if options.relative:
        names.append(relative_heading(options))
    names += ["end_utc", "planned_utc"]
    names += [name for zone in zones for name in _zone_names(f"planned {zone}")]
    names += ["delay", "title", "kind", "phase", "place", "people", "vehicles", "confidence"]
    names += ["sources", "description", "stated", "disputes", "note", "station_crew"]
    return names


def _zone_names(heading: str) -> tuple[str, str]:
    """A zone's two columns: the local date-time, and its abbreviation and offset."""
    return heading, f"{heading} offset"


def stated_cell(stated: Iterable[Stated], numbers: dict[str, int]) -> str:
    """The times as the sources stated them, one a line: `13:55 QYZT [93]`."""
    return "\n".join(f"{s.text} {refs([s.source], numbers)}".rstrip() for s in stated)


def disputes_cell(disputes: Sequence[DisputeFacts], numbers: dict[str, int]) -> str:
    """The disagreements, one a line: `The landing second: 14:28:04 MSK (...) [2]; ...`."""
    lines = []
    for dispute in disputes:
        versions = "; ".join(
            f"{v.text} {refs(v.sources, numbers)}".rstrip() for v in dispute.versions
        )
        lines.append(f"{dispute.topic}: {versions}")
    return "\n".join(lines)


def refs(source_ids: Iterable[str], numbers: dict[str, int]) -> str:
    """`[3][12]`: the note numbers of sources."""
    return "".join(f"[{numbers[s]}]" for s in source_ids if s in numbers)


def sources_cell(mission: Mission, source_ids: Iterable[str], numbers: dict[str, int]) -> str:
    """`[2] RussianSpaceWeb (RSW), Soyuz MS-19 page [5] ...`: the sources, numbered."""
    return " ".join(
        f"[{numbers[s]}] {mission.source_by_id[s].title}" for s in source_ids if s in numbers
    )


def cell(text: str) -> str:
    """One field as `csv.writer` writes it (minimal quoting), made safe first:
    `neutralise(sanitize(text))`."""
    return _quote(neutralise(sanitize(text)))


def _quote(text: str) -> str:
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def cells(texts: list[str]) -> list[str]:
    """`cell` for a column of a batch: each step is taken only if the batch's joined text
    needs it (most batches need no sanitising and no neutralising)."""
    joined = SEPARATOR.join(texts)
    if needs_sanitizing(joined):
        texts = list(map(sanitize, texts))
        joined = SEPARATOR.join(texts)
    if _FORMULA_AFTER(joined) or joined.lstrip(" ").startswith(FORMULA_STARTS):
        texts = list(map(neutralise, texts))
    if "," in joined or '"' in joined or "\n" in joined or "\r" in joined:
        return list(map(_quote, texts))
    return texts


_FORMULA_AFTER = re.compile("\x00[-=+@\t\r\n ]").search
"""A text after the first that `neutralise` may change (`FORMULA_STARTS`, or a leading space:
rare, and then every text is checked)."""


def _cells(make: Callable[[int], str]) -> Lookup:
    """A store code (kind, phase, place, list of people...) -> its CSV field."""
    return Lookup(lambda code: cell(make(code)))


class _Rows:
    """Makes the CSV rows of a batch of events from the store's columns."""

    def __init__(self, mission: Mission, store: EventStore, options: ExportOptions) -> None:
        self.options = options
        self.zones = [BulkShow(zone) for zone in options.zones]
        """The zones as people read them: for the offsets, and the times in disputes."""
        self.sheets = [BulkShow(zone, sheet=True) for zone in options.zones]
        self.numbers = numbers = source_numbers(mission)
        groups = store.groups
        phase_ids, place_ids = store.phase_ids, store.place_ids

        def phase(code: int) -> str:
            found = mission.phase_by_id.get(phase_ids[code] or "")
            return found.name if found is not None else ""

        def place(code: int) -> str:
            return place_name(mission, place_ids[code])

        def people(code: int) -> str:
            return "; ".join(people_names(mission, groups[code]))

        def sources(code: int) -> str:
            return sources_cell(mission, groups[code], numbers)

        self.kinds = _cells(lambda code: KINDS[code].value)
        self.phases = _cells(phase)
        self.places = _cells(place)
        self.people = _cells(people)
        self.vehicles = _cells(lambda code: "; ".join(vehicle_names(mission, groups[code])))
        self.sources = _cells(sources)
        self.confidences = _cells(lambda code: getattr(CONFIDENCES[code], "value", ""))

    def text(self, batch: Batch) -> str:
        """The rows of the batch, each ended by CRLF."""
        times = Times.of(batch.whens, batch.instants)
        shapes = times.shapes
        columns: list[Iterable[str]] = [
            cells(batch.ids),
            utc_cells(times),
            map(PRECISION_NAMES.__getitem__, map(_PRECISION, shapes)),
            map(BOOLEANS.__getitem__, map(_APPROXIMATE, shapes)),
            map(BOOLEANS.__getitem__, map(not_, batch.at)),
        ]
        for sheet, zone in zip(self.sheets, self.zones, strict=True):
            columns += [sheet.cells(times), cells(zone.offsets(times))]
        if self.options.relative:
            columns.append(cells(relative_texts(times, self.options)))
        columns += [
            self._ends(batch),
            *self._plans(batch, times),
            cells(batch.titles),
            map(self.kinds.__getitem__, batch.kinds),
            map(self.phases.__getitem__, batch.phases),
            map(self.places.__getitem__, batch.places),
            map(self.people.__getitem__, batch.people),
            map(self.vehicles.__getitem__, batch.vehicles),
            map(self.confidences.__getitem__, batch.confidences),
            map(self.sources.__getitem__, batch.sources),
            cells(batch.descriptions),
            *self._rare(batch),
        ]
        return "\r\n".join(map(",".join, zip(*columns, strict=True))) + "\r\n"

    def _plans(self, batch: Batch, times: Times) -> list[list[str]]:
        """The planned time in UTC and in each zone (`SHEET_FORM`, each zone's with its
        offset), and the delay, of each event with a plan."""
        found = plans(batch, times, self.sheets)
        listed, size = found.listed, batch.size
        planned = batch.planned_times[1]
        iso = utc_cells(planned) if listed else []
        columns = [spread(size, listed, iso)]
        for shown, zone in zip(found.planned, self.zones, strict=True):
            offsets = zone.offsets(planned) if listed else []
            columns += [spread(size, listed, shown), cells(spread(size, listed, offsets))]
        columns.append(cells(spread(size, listed, found.verdicts)))
        return columns

    def _rare(self, batch: Batch) -> list[list[str]]:
        """The stated times, disputes, note and station's crew, where an event has any."""
        return [spread(batch.size, list(found), found.values()) for found in self.rare(batch)]

    def rare(self, batch: Batch) -> list[dict[int, str]]:
        """The stated times, disputes, note and station's crew cells of the events of the
        batch that have any, by index in the batch."""
        stated: dict[int, str] = {}
        disputes: dict[int, str] = {}
        notes: dict[int, str] = {}
        crews: dict[int, str] = {}
        found = {n: x for n, x in batch.extras.items() if x.stated or x.disputes}
        shown = shower(self.zones, disputed_times(x.disputes for x in found.values()))
        for n, extras in found.items():
            stated[n] = cell(stated_cell(extras.stated, self.numbers))
            facts = [dispute_facts(d, shown) for d in extras.disputes]
            disputes[n] = cell(disputes_cell(facts, self.numbers))
        for n, extras in batch.extras.items():
            if extras.note:
                notes[n] = cell(extras.note)
            if extras.station_crew is not None:
                crews[n] = str(extras.station_crew)
        return [stated, disputes, notes, crews]

    def _ends(self, batch: Batch) -> list[str]:
        """The UTC end (`SHEET_FORM`) of the events that end later, empty for the others."""
        ends = self.ends(batch)
        return spread(batch.size, list(ends), ends.values())

    def ends(self, batch: Batch) -> dict[int, str]:
        """The UTC end (`SHEET_FORM`) of the events of the batch that end later, by index."""
        ends = batch.ends
        shown = utc_cells(read_times(list(ends.values()), batch.read)) if ends else []
        return dict(zip(ends, shown, strict=True))


_PRECISION = attrgetter("precision")
_APPROXIMATE = attrgetter("approximate")
