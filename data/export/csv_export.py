"""The CSV export: one row per event, for spreadsheets and scripts.

Columns: the event's id, the instant in ISO 8601 UTC (to the event's precision; a date or a
month is written as the UTC instant its day or month begins, with `precision` saying so), one
column per requested zone, the relative time if asked, then the event's facts. Rows follow
RFC 4180 (CRLF, quoted fields where needed). Control characters become visible placeholders
(`data.sanitize`), and a cell a spreadsheet would run as a formula gets a leading `'`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC
from operator import attrgetter
from typing import TYPE_CHECKING, TextIO

from data.export.options import (
    ExportOptions,
    people_names,
    place_name,
    relative_heading,
    relative_text,
    relative_texts,
    selected_events,
    source_numbers,
    vehicle_names,
    zone_heading,
)
from data.model import Event, Mission
from data.sanitize import sanitize
from data.times.display import BulkShow, Times, show
from data.times.parse import Precision, When

if TYPE_CHECKING:  # imported when writing: a small mission's first frame needs neither
    from data.export.columns import Batch
    from data.store import EventStore

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""First characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula
(OWASP "CSV injection"); leading spaces are ignored by some of them, so they are skipped."""


def neutralise(cell: str) -> str:
    """A cell that no spreadsheet runs as a formula: a leading `'` where it could be one."""
    stripped = cell.lstrip(" ")
    if stripped.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def iso_utc(when: When) -> str:
    """`2021-10-05T08:55:02.442Z`: the instant in UTC to the precision it was given.

    A date or month has no instant: it is written as the source stated it (`2021-11-06`).
    """
    if when.is_date:
        day = when.local_date.isoformat()
        return day if when.precision is Precision.DAY else day[:7]
    instant = when.instant.astimezone(UTC)
    if when.precision is Precision.MILLISECOND:
        return instant.strftime("%Y-%m-%dT%H:%M:%S.") + f"{instant.microsecond // 1000:03d}Z"
    if when.precision is Precision.SECOND:
        return instant.strftime("%Y-%m-%dT%H:%M:%SZ")
    return instant.strftime("%Y-%m-%dT%H:%MZ")


def write(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write the CSV export of `mission` to `out`, a batch of rows at a time.

    The rows are made from the columns of the mission's store (`data.export.columns`):
    the same bytes as `write_reference`, which makes each row from an `Event`."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(sanitize(cell)) for cell in _header(options)])
    from data.export.columns import batches, event_store, selection

    store = event_store(mission)
    rows = _Rows(mission, store, options)
    for batch in batches(store, selection(store, options)):
        out.write(rows.text(batch))


def _header(options: ExportOptions) -> list[str]:
    header = ["id", "utc", "precision", "approximate", "planned_only"]
    header += [zone_heading(zone) for zone in options.zones]
    if options.relative:
        header.append(relative_heading(options))
    header += ["end_utc", "planned_utc", "title", "kind", "phase", "place", "people"]
    header += ["vehicles", "confidence", "sources", "description", "note"]
    return header


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
    from data.export.columns import SEPARATOR, needs_sanitizing

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


class _Codes(dict[int, str]):
    """A store code (kind, phase, place, list of people...) -> its CSV field."""

    def __init__(self, make: Callable[[int], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, code: int) -> str:
        text = self[code] = cell(self.make(code))
        return text


class _Rows:
    """Makes the CSV rows of a batch of events from the store's columns."""

    def __init__(self, mission: Mission, store: EventStore, options: ExportOptions) -> None:
        from data.store import CONFIDENCES, KINDS

        self.options = options
        self.iso = BulkShow("UTC", sep="T", suffix="Z", approximate=False)
        self.zones = [BulkShow(zone) for zone in options.zones]
        numbers = source_numbers(mission)
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
            return " ".join(
                f"[{numbers[s]}] {mission.source_by_id[s].title}"
                for s in groups[code]
                if s in numbers
            )

        self.kinds = _Codes(lambda code: KINDS[code].value)
        self.phases = _Codes(phase)
        self.places = _Codes(place)
        self.people = _Codes(people)
        self.vehicles = _Codes(lambda code: "; ".join(vehicle_names(mission, groups[code])))
        self.sources = _Codes(sources)
        self.confidences = _Codes(lambda code: getattr(CONFIDENCES[code], "value", ""))

    def text(self, batch: Batch) -> str:
        """The rows of the batch, each ended by CRLF."""
        times = Times.of(batch.whens, batch.instants)
        shapes = times.shapes
        columns: list[Iterable[str]] = [
            cells(batch.ids),
            self.iso.cells(times),
            map(_PRECISION_NAMES.__getitem__, map(_PRECISION, shapes)),
            map(_YES.__getitem__, map(_APPROXIMATE, shapes)),
            map(_NO.__getitem__, map(bool, batch.at)),
        ]
        columns += [cells(zone.cells(times)) for zone in self.zones]
        if self.options.relative:
            columns.append(cells(relative_texts(times, self.options)))
        columns += [
            self._sparse(batch, [x.end or "" for x in batch.extras.values()], batch.extras),
            self._sparse(batch, batch.planned, None),
            cells(batch.titles),
            map(self.kinds.__getitem__, batch.kinds),
            map(self.phases.__getitem__, batch.phases),
            map(self.places.__getitem__, batch.places),
            map(self.people.__getitem__, batch.people),
            map(self.vehicles.__getitem__, batch.vehicles),
            map(self.confidences.__getitem__, batch.confidences),
            map(self.sources.__getitem__, batch.sources),
            cells(batch.descriptions),
            self._notes(batch),
        ]
        return "\r\n".join(map(",".join, zip(*columns, strict=True))) + "\r\n"

    def _sparse(
        self, batch: Batch, texts: list[str], where: Mapping[int, object] | None
    ) -> list[str]:
        """The ISO UTC form of times only some events have (`texts` by event, or for the
        events in `where`), empty for the others."""
        if where is not None:
            column = [""] * batch.size
            given = [(n, t) for n, t in zip(where, texts, strict=True) if t]
        else:
            column = list(texts)
            given = [(n, t) for n, t in enumerate(texts) if t]
        if given:
            shown = self.iso.cells(Times.of([t for _, t in given]))
            for (n, _), text in zip(given, shown, strict=True):
                column[n] = text
        return column

    def _notes(self, batch: Batch) -> list[str]:
        notes = [""] * batch.size
        for n, extras in batch.extras.items():
            if extras.note:
                notes[n] = cell(extras.note)
        return notes


_PRECISION_NAMES = {precision: precision.name.lower() for precision in Precision}
_PRECISION = attrgetter("precision")
_APPROXIMATE = attrgetter("approximate")
_YES = ("", "yes")
_NO = ("yes", "")


def write_reference(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """The CSV export made event by event from `Event`s with `csv.writer`: the definition
    `write` is tested against, byte for byte (slow: for tests and single rows)."""
    numbers = source_numbers(mission)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(sanitize(cell)) for cell in _header(options)])
    for event in selected_events(mission, options):
        row = _row(mission, event, options, numbers)
        writer.writerow([neutralise(sanitize(cell)) for cell in row])


def _row(
    mission: Mission, event: Event, options: ExportOptions, numbers: dict[str, int]
) -> list[str]:
    when = event.when
    phase = mission.phase_by_id.get(event.phase) if event.phase else None
    row = [
        event.id,
        iso_utc(when),
        when.precision.name.lower(),
        "yes" if when.approximate else "",
        "yes" if event.planned_only else "",
    ]
    row += [show(when, zone).with_offset for zone in options.zones]
    if options.relative:
        row.append(relative_text(when, options))
    row += [
        iso_utc(event.end) if event.end is not None else "",
        iso_utc(event.planned) if event.planned is not None else "",
        event.title,
        event.kind.value,
        phase.name if phase is not None else "",
        place_name(mission, event.place),
        "; ".join(people_names(mission, event.people)),
        "; ".join(vehicle_names(mission, event.vehicles)),
        event.confidence.value if event.confidence is not None else "",
        " ".join(
            f"[{numbers[s]}] {mission.source_by_id[s].title}" for s in event.sources if s in numbers
        ),
        event.description,
        event.note,
    ]
    return row
