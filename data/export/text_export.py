"""The plain-text export: a fixed-width, aligned timeline for reading, printing and pasting.

Phases are headings, each zone is a column, an optional relative column follows, then the
title and the event's source note numbers; details sit indented under each event. A crew
section and the numbered sources end the document. Nothing depends on the terminal: fields
are never cut, and column widths come from a first pass over the events (which keeps only
the widths, so memory does not grow with the number of events).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from data.export.options import (
    DetailStyle,
    ExportOptions,
    crew_facts,
    event_details,
    relative_heading,
    relative_text,
    sections,
    selected_events,
    source_numbers,
    zone_heading,
)
from data.model import Event, Mission, Phase, Source
from data.sanitize import sanitize, sanitize_line
from data.timefmt import STATED, show

GAP = "  "
INDENT = "    "


def write(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write the whole text export of `mission` to `out`, event by event."""
    numbers = source_numbers(mission)
    _write_header(mission, options, out)
    widths = _widths(mission, options)
    headings = [zone_heading(zone) for zone in options.zones]
    if options.relative:
        headings.append(relative_heading(options))
    out.write(_row([*headings, "event"], widths) + "\n")
    out.write(_row(["-" * width for width in widths] + ["-----"], widths) + "\n")
    count = 0
    for section in sections(mission, options):
        _write_phase(section.phase, options, out)
        for event in section.events:
            _write_event(mission, event, options, widths, numbers, out)
            count += 1
    if count == 0:
        out.write("\n(no events match the filter)\n")
    _write_crew(mission, out)
    _write_sources(mission, out)


def _write_header(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    title = sanitize_line(mission.info.title)
    out.write(f"{title}\n{_rule(title, '=')}\n")
    if mission.info.summary:
        out.write(f"\n{sanitize(mission.info.summary).rstrip()}\n")
    out.write("\n")
    zones = ", ".join(_zone_description(zone) for zone in options.zones)
    out.write(f"Times: {zones}\n")
    if options.relative and options.anchor is not None:
        anchor = sanitize_line(options.anchor.title)
        out.write(f"Relative: {relative_heading(options)} ({anchor})\n")
    if options.filter is not None:
        out.write(f"Filter: {sanitize_line(str(options.filter))}\n")
    out.write("\n")


def _zone_description(zone: str) -> str:
    return "as stated (each time in the zone its source gave)" if zone == STATED else zone


def _widths(mission: Mission, options: ExportOptions) -> list[int]:
    """The width of each time column: its heading or its longest cell."""
    widths = [len(zone_heading(zone)) for zone in options.zones]
    if options.relative:
        widths.append(len(relative_heading(options)))
    for event in selected_events(mission, options):
        for index, cell in enumerate(_time_cells(event, options)):
            widths[index] = max(widths[index], len(cell))
    return widths


def _time_cells(event: Event, options: ExportOptions) -> list[str]:
    cells = [show(event.when, zone).with_offset for zone in options.zones]
    if options.relative:
        cells.append(relative_text(event.when, options))
    return cells


def _row(cells: list[str], widths: list[int]) -> str:
    """Cells padded to their column widths; the last cell is not padded."""
    padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=False)]
    return GAP.join([*padded, *cells[len(widths) :]]).rstrip()


def _rule(text: str, char: str) -> str:
    return char * max(len(text), 3)


def _write_phase(phase: Phase | None, options: ExportOptions, out: TextIO) -> None:
    name = sanitize_line(phase.name) if phase is not None else "Outside any phase"
    out.write(f"\n{name}\n{_rule(name, '-')}\n")
    if phase is not None:
        zone = options.zones[0]
        start = show(phase.start, zone).with_offset
        end = show(phase.end, zone).with_offset
        out.write(f"from {start} to {end}\n")
        if phase.summary:
            out.write(_indented(sanitize(phase.summary), ""))
    out.write("\n")


def format_event(mission: Mission, event: Event, options: ExportOptions) -> str:
    """One event as the text export shows it, on its own (the TUI's `y` copies this).

    The same lines as in the full export, with columns as wide as this event needs, followed
    by the sources it cites, numbered as in the full export.
    """
    numbers = source_numbers(mission)
    widths = [len(cell) for cell in _time_cells(event, options)]
    parts = [_event_text(mission, event, options, widths, numbers)]
    cited = [source for source in mission.sources if source.id in event.sources]
    if cited:
        width = len(f"[{len(mission.sources)}]")
        parts.append("\n")
        parts.extend(_source_text(numbers[source.id], source, width) for source in cited)
    return "".join(parts)


def _write_event(
    mission: Mission,
    event: Event,
    options: ExportOptions,
    widths: list[int],
    numbers: dict[str, int],
    out: TextIO,
) -> None:
    out.write(_event_text(mission, event, options, widths, numbers))


def _event_text(
    mission: Mission,
    event: Event,
    options: ExportOptions,
    widths: list[int],
    numbers: dict[str, int],
) -> str:
    """The event's row and its indented details, each line ending with a newline."""
    title = sanitize_line(event.title)
    if event.planned_only:
        title = f"(planned) {title}"
    notes = "".join(f"[{numbers[s]}]" for s in event.sources if s in numbers)
    row = _row([*_time_cells(event, options), f"{title} {notes}".rstrip()], widths) + "\n"
    style = DetailStyle(sanitize_line, sanitize, lambda ids: _refs(ids, numbers), "  - ")
    details = (_indented(line, INDENT) for line in event_details(mission, event, options, style))
    return row + "".join(details)


def _indented(text: str, indent: str) -> str:
    """Every line of `text` (tabs kept as spaces) indented, ending with a newline."""
    lines = text.expandtabs(4).rstrip().split("\n")
    return "".join(f"{indent}{line}".rstrip() + "\n" for line in lines)


def _write_crew(mission: Mission, out: TextIO) -> None:
    if not mission.people:
        return
    out.write("\nCrew\n----\n")
    rows = [["name", "up", "down", "time in space (this mission)", "career (stated)"]]
    rows.extend(
        [sanitize_line(person.name), *map(sanitize_line, crew_facts(mission, person))]
        for person in mission.people
    )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    out.write(_row(rows[0], widths) + "\n")
    out.write(_row(["-" * width for width in widths] + ["-" * 15], widths) + "\n")
    for person, row in zip(mission.people, rows[1:], strict=True):
        out.write(_row(row, widths) + "\n")
        if person.role:
            out.write(_indented(sanitize_line(person.role), INDENT))


def _write_sources(mission: Mission, out: TextIO) -> None:
    if not mission.sources:
        return
    out.write("\nSources\n-------\n")
    width = len(f"[{len(mission.sources)}]")
    for number, source in enumerate(mission.sources, start=1):
        out.write(_source_text(number, source, width))


def _source_text(number: int, source: Source, width: int) -> str:
    """`[3] Title <url>` and the source's note, indented; `width` fits the largest label."""
    label = f"[{number}]".ljust(width)
    line = sanitize_line(source.title)
    if source.url:
        line += f" <{sanitize_line(source.url)}>"
    note = _indented(sanitize(source.note), " " * (width + 1)) if source.note else ""
    return f"{label} {line}\n{note}"


def _refs(source_ids: Iterable[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[s]}]" for s in source_ids if s in numbers)
