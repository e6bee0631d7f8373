"""The CSV export: one row per event, for spreadsheets and scripts.

Columns: the event's id, the instant in ISO 8601 UTC (to the event's precision; a date or a
month is written as the UTC instant its day or month begins, with `precision` saying so), one
column per requested zone, the relative time if asked, then the event's facts. Rows follow
RFC 4180 (CRLF, quoted fields where needed). Control characters become visible placeholders
(`data.sanitize`), and a cell a spreadsheet would run as a formula gets a leading `'`.
"""

from __future__ import annotations

import csv
from datetime import UTC
from typing import TextIO

from data.export.options import (
    ExportOptions,
    people_names,
    place_name,
    relative_heading,
    relative_text,
    selected_events,
    source_numbers,
    vehicle_names,
    zone_heading,
)
from data.model import Event, Mission
from data.sanitize import sanitize
from data.timefmt import show
from data.times import Precision, When

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
    """Write the CSV export of `mission` to `out`, one row per event."""
    numbers = source_numbers(mission)
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["id", "utc", "precision", "approximate", "planned_only"]
    header += [zone_heading(zone) for zone in options.zones]
    if options.relative:
        header.append(relative_heading(options))
    header += ["end_utc", "planned_utc", "title", "kind", "phase", "place", "people"]
    header += ["vehicles", "confidence", "sources", "description", "note"]
    writer.writerow([neutralise(sanitize(cell)) for cell in header])
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
        place_name(mission, event),
        "; ".join(people_names(mission, event)),
        "; ".join(vehicle_names(mission, event.vehicles)),
        event.confidence.value if event.confidence is not None else "",
        " ".join(
            f"[{numbers[s]}] {mission.source_by_id[s].title}" for s in event.sources if s in numbers
        ),
        event.description,
        event.note,
    ]
    return row
