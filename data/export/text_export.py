"""The plain-text export: a fixed-width, aligned timeline for reading, printing and pasting.

Phases are headings, each zone is a column, an optional relative column follows, then the
title and the event's source note numbers; details sit indented under each event. A crew
section and the numbered sources end the document. Nothing depends on the terminal: fields
are never cut, and column widths come from a first pass over the events (which keeps only
the widths, so memory does not grow with the number of events).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress, repeat
from operator import and_, attrgetter, not_
from typing import TYPE_CHECKING, TextIO

from data.export.options import (
    DetailRows,
    DetailStyle,
    ExportOptions,
    Lookup,
    crew_facts,
    event_details,
    relative_heading,
    relative_text,
    relative_texts,
    sections,
    selected_events,
    source_numbers,
    zone_heading,
)
from data.model import Event, Mission, Phase, Source
from data.sanitize import sanitize, sanitize_line
from data.times.display import STATED, Times, show

if TYPE_CHECKING:  # imported when writing: a small mission's first frame needs neither
    from data.export.columns import Batch
    from data.store import EventStore

GAP = "  "
INDENT = "    "


def write(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write the whole text export of `mission` to `out`, a batch of events at a time.

    The events are formatted from the columns of the mission's store
    (`data.export.columns`): the same bytes as `write_reference`, which formats `Event`s."""
    from data.export.columns import batches, event_store, selection
    from data.export.columns import sections as column_sections

    numbers = source_numbers(mission)
    _write_header(mission, options, out)
    store = event_store(mission)
    chosen = selection(store, options)
    rows = _Rows(mission, store, options, numbers)
    widths = rows.widths(batches(store, chosen))
    headings = [zone_heading(zone) for zone in options.zones]
    if options.relative:
        headings.append(relative_heading(options))
    out.write(_row([*headings, "event"], widths) + "\n")
    out.write(_row(["-" * width for width in widths] + ["-----"], widths) + "\n")
    for section in column_sections(mission, store, chosen):
        _write_phase(section.phase, options, out)
        for batch in batches(store, section.positions):
            out.write(rows.text(batch, widths))
    if not chosen:
        out.write("\n(no events match the filter)\n")
    _write_crew(mission, out)
    _write_sources(mission, out)


class _Rows(DetailRows):
    """Makes the text of a batch of events (rows and details) from the store's columns."""

    def __init__(
        self, mission: Mission, store: EventStore, options: ExportOptions, numbers: dict[str, int]
    ) -> None:
        style = DetailStyle(sanitize_line, sanitize, lambda ids: _refs(ids, numbers), "  - ")
        super().__init__(
            mission,
            store,
            options,
            style,
            first=_detail,
            line=_detail,
            made=lambda line: _indented(line, INDENT),
        )
        self.notes = Lookup(lambda code: _refs(store.groups[code], numbers))

    def time_columns(self, batch: Batch) -> tuple[Times, list[list[str]]]:
        """The batch's times, and its time cells: one column per zone, then the relative
        column if asked."""
        times = Times.of(batch.whens, batch.instants)
        cells = [zone.cells(times) for zone in self.zones]
        if self.options.relative:
            cells.append(relative_texts(times, self.options))
        return times, cells

    def widths(self, batches: Iterable[Batch]) -> list[int]:
        """The width of each time column: its heading or its longest cell."""
        options = self.options
        widths = [len(zone_heading(zone)) for zone in options.zones]
        if options.relative:
            widths.append(len(relative_heading(options)))
        for batch in batches:
            whens, instants = batch.whens, batch.instants
            longest = [zone.widest_of(whens, instants) for zone in self.zones]
            if options.relative:
                times = Times.of(whens, instants)
                longest.append(max(map(len, relative_texts(times, options)), default=0))
            widths = list(map(max, widths, longest))
        return widths

    def text(self, batch: Batch, widths: list[int]) -> str:
        """The rows of the batch, each followed by its indented details."""
        from data.export.columns import SEPARATOR, needs_sanitizing

        times, cells = self.time_columns(batch)
        padded = [
            list(map(str.ljust, column, repeat(width)))
            for column, width in zip(cells, widths, strict=True)
        ]
        titles = batch.titles
        if needs_sanitizing(SEPARATOR.join(titles)) or _has_breaks(titles):
            titles = list(map(sanitize_line, titles))
        at = batch.at
        if "" in at:
            titles = list(titles)
            for n in compress(range(batch.size), map(not_, at)):
                titles[n] = f"(planned) {titles[n]}"
        notes = map(self.notes.__getitem__, batch.sources)
        lasts = map(str.rstrip, map(" ".join, zip(titles, notes, strict=True)))
        rows = map(_LINE.format, map(str.rstrip, map(GAP.join, zip(*padded, lasts, strict=True))))
        shapes = times.shapes
        approximate: Iterable[bool] = map(_APPROXIMATE, shapes)
        if "" in at:
            approximate = map(and_, map(bool, at), approximate)
        facts = map(
            self.facts.__getitem__,
            zip(batch.kinds, approximate, batch.confidences, batch.places, strict=True),
        )
        parts = [
            rows,
            facts,
            self.ends(batch),
            self.planned(batch, times),
            map(self.people.__getitem__, batch.people),
            map(self.vehicles.__getitem__, batch.vehicles),
            self._descriptions(batch),
            self.rare(batch),
        ]
        return "".join(map("".join, zip(*parts, strict=True)))

    def _descriptions(self, batch: Batch) -> list[str]:
        from data.export.columns import SEPARATOR, needs_sanitizing

        texts = batch.descriptions
        joined = SEPARATOR.join(texts)
        if needs_sanitizing(joined):
            texts = list(map(sanitize, texts))
        if "\t" in joined or "\n" in joined:
            return [_indented(text, INDENT) if text else "" for text in texts]
        return [_one_line(text) if text else "" for text in texts]


_LINE = "{}\n"
_APPROXIMATE = attrgetter("approximate")


def _detail(line: str) -> str:
    """A one-line detail (`style.line`), indented, with its newline."""
    if line.isprintable():  # then sanitize_line leaves it as it is, and it is one line
        return f"{INDENT}{line}".rstrip() + "\n"
    return _indented(sanitize_line(line), INDENT)


def _one_line(text: str) -> str:
    """`_indented(text, INDENT)` for a text with no tab and no newline."""
    text = text.rstrip()
    return f"{INDENT}{text}\n" if text else "\n"


def _has_breaks(texts: list[str]) -> bool:
    from data.export.columns import SEPARATOR

    joined = SEPARATOR.join(texts)
    return "\t" in joined or "\n" in joined


def write_reference(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """The text export made event by event from `Event`s: the definition `write` is tested
    against, byte for byte (slow: for tests)."""
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
