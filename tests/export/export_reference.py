"""The exports made event by event from `Event`s and their `EventFacts`: the oracles the
column paths of `data.export` (made for a million events) are tested against, byte for
byte. Slow, and only for tests.

They share with the exports everything but the walk over the events: the headers, phase
headings, crew tables and source lists, and each event's lines from its facts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import TextIO

from data.export import csv_export, markdown_export, text_export
from data.export.json_export import dumps, to_data
from data.export.options import ExportOptions, facts_of, source_numbers
from data.facts.derived import between
from data.facts.event import people_names, place_name, vehicle_names, verdict
from data.model import Event, Mission, Phase
from data.sanitize import sanitize
from data.times.display import ShownTime, show
from data.times.parse import Precision, When


def selected(mission: Mission, options: ExportOptions) -> Iterator[Event]:
    """The mission's events that pass the filter, in time order."""
    flt = options.filter
    return (event for event in mission.events if flt is None or flt.matches(event))


@dataclass(frozen=True)
class Section:
    """A phase (or `None`: events outside any phase) with its selected events."""

    phase: Phase | None
    events: list[Event]


def sections(mission: Mission, options: ExportOptions) -> Iterator[Section]:
    """The selected events grouped by phase: phases in order of their start, then the events
    outside any phase; empty sections left out."""
    phases = sorted(mission.phases, key=lambda phase: phase.start.instant)
    known = {phase.id for phase in phases}
    for phase in [*phases, None]:
        events = [
            event
            for event in selected(mission, options)
            if (event.phase == phase.id if phase is not None else event.phase not in known)
        ]
        if events:
            yield Section(phase, events)


def write_text(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """The text export, event by event."""
    numbers = source_numbers(mission)
    text_export.write_header(mission, options, out)
    widths = text_export.heading_widths(options)
    for event in selected(mission, options):
        cells = text_export.time_cells(facts_of(mission, event, options))
        widths = [max(width, len(cell)) for width, cell in zip(widths, cells, strict=True)]
    text_export.write_headings(options, widths, out)
    count = 0
    for section in sections(mission, options):
        text_export.write_phase(section.phase, options, out)
        for event in section.events:
            facts = facts_of(mission, event, options)
            out.write(text_export.event_text(facts, widths, numbers, options.columns))
            count += 1
    if not count:
        text_export.write_no_events(out)
    text_export.write_crew(mission, options.columns, out)
    text_export.write_sources(mission, options.columns, out)


def write_markdown(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """The Markdown export, event by event."""
    numbers = source_numbers(mission)
    markdown_export.write_header(mission, options, out)
    count = 0
    for section in sections(mission, options):
        markdown_export.write_phase(section.phase, options, out)
        for event in section.events:
            cells = markdown_export.event_cells(facts_of(mission, event, options), numbers)
            out.write(markdown_export.table_row(cells))
            count += 1
    if not count:
        markdown_export.write_no_events(out)
    markdown_export.write_crew(mission, out)
    markdown_export.write_sources(mission, options.columns, out)


def write_csv(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """The CSV export, row by row with `csv.writer`."""
    numbers = source_numbers(mission)
    if csv_export.starts_a_file(out):
        out.write(csv_export.BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_export.neutralise(sanitize(cell)) for cell in csv_export.header(options))
    for event in selected(mission, options):
        row = csv_row(mission, event, options, numbers)
        writer.writerow([csv_export.neutralise(sanitize(cell)) for cell in row])


def csv_row(
    mission: Mission, event: Event, options: ExportOptions, numbers: dict[str, int]
) -> list[str]:
    """One event's CSV cells, from its facts; in English and with the mission's own names in
    every language (a CSV is read by programs)."""
    facts = facts_of(mission, event, options)
    phase = mission.phase_by_id.get(event.phase) if event.phase else None
    when = event.when
    iso = sheet_utc
    row = [
        event.id,
        iso(when),
        when.precision.name.lower(),
        "true" if when.approximate else "false",
        "true" if event.planned_only else "false",
    ]
    row += [cell for shown in facts.times for cell in sheet_shown(shown)]
    if options.relative:
        row.append(facts.relative)
    row += [
        iso(event.end) if event.end is not None else "",
        iso(event.planned) if event.planned is not None else "",
    ]
    plan = facts.plan
    if plan is not None and event.planned is not None:
        row += [cell for zone in options.zones for cell in sheet_shown(show(event.planned, zone))]
    else:
        row += [""] * 2 * len(options.zones)
    row += [
        delay(event) if plan is not None else "",
        event.title,
        event.kind.value,
        phase.name if phase is not None else "",
        place_name(mission, event.place),
        "; ".join(people_names(mission, event.people)),
        "; ".join(vehicle_names(mission, event.vehicles)),
        event.confidence.value if event.confidence is not None else "",
        csv_export.sources_cell(mission, event.sources, numbers),
        event.description,
        csv_export.stated_cell(event.stated, numbers),
        csv_export.disputes_cell(facts.disputes, numbers),
        event.note,
        str(event.station_crew) if event.station_crew is not None else "",
    ]
    return row


def delay(event: Event) -> str:
    """The delay of an event with a plan, in the CSV's words (English)."""
    if event.at is None or event.planned is None:
        return ""
    return verdict(between(event.planned, event.at))


def write_json(mission: Mission, out: TextIO) -> None:
    """The JSON export as one `json.dumps` of the whole mission."""
    out.write(dumps(to_data(mission)) + "\n")


def sheet_shown(shown: ShownTime) -> tuple[str, str]:
    """A time as the text export shows it in a zone, as the CSV's two cells: its local
    date-time in the sheet form (a date or month at 00:00 of its first day), and what the
    text shows after the date and clock (abbreviation and offset; `UTC+06` for `+06`)."""
    day = shown.date if len(shown.date) == 10 else shown.date + "-01"
    clock = shown.clock or "00:00"
    clock = clock + ":00" if len(clock) == 5 else clock
    clock = clock if "." in clock else clock + ".000"
    written = " ".join(part for part in (shown.date, shown.clock) if part)
    rest = shown.with_offset.removeprefix("~").removeprefix(written).strip()
    return f"{day} {clock}", f"UTC{rest}" if rest.startswith(("+", "-")) else rest


def sheet_utc(when: When) -> str:
    """`2021-10-05 08:55:02.442`: the instant in UTC, always to the millisecond.

    A date or month has no instant: it is its first day as the source stated it, at 00:00.
    """
    if when.is_date:
        day = when.local_date
        if when.precision is Precision.MONTH:
            day = day.replace(day=1)
        return f"{day.isoformat()} 00:00:00.000"
    instant = when.instant.astimezone(UTC)
    return instant.strftime("%Y-%m-%d %H:%M:%S.") + f"{instant.microsecond // 1000:03d}"
