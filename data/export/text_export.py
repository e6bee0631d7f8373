"""The plain-text export: a fixed-width, aligned timeline for reading, printing and pasting.

Phases are headings, each zone is a column, an optional relative column follows, then the
title and the event's source note numbers; details sit indented under each event. A crew
section and the numbered sources end the document. Column widths come from a first pass over
the events (which keeps only the widths, so memory does not grow with the number of events).
Widths are terminal cells (`data.widths`), so a CJK, emoji or combining name keeps the
columns after it in line. No line is wider than `options.columns`: longer ones are wrapped
(`data.export.wrap`), a title under its column, a detail under its first word.

The brief form (`options.brief`) keeps what a reader of an article needs: each event's
times, title and one line of detail (`details.brief_line`); no source numbers, confidence,
notes, crew table or source list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress
from operator import and_, attrgetter, not_
from typing import Protocol, TextIO

from data.export.columns import (
    SEPARATOR,
    Batch,
    Lookup,
    Section,
    batches,
    event_store,
    needs_sanitizing,
    section_name,
    sections,
    selection,
)
from data.export.detail_rows import DetailRows, relative_texts
from data.export.details import DetailStyle, event_details
from data.export.options import (
    ExportOptions,
    facts_of,
    relative_heading,
    source_numbers,
    zone_heading,
)
from data.export.stream import write_utf8
from data.export.text_layout import GAP, INDENT, indented, row, rule, title_column
from data.export.wrap import fit
from data.facts.event import EventFacts, planned_mark
from data.facts.names import person_name
from data.facts.person import person_facts
from data.i18n import N_, _
from data.model import Event, Mission, Phase, Source
from data.sanitize import sanitize, sanitize_line
from data.store import EventStore
from data.times.display import STATED, show
from data.times.shapes import Times
from data.widths import cell_width, pad, pad_column, widest


class Batches(Protocol):
    """Makes the events' rows in batches (the columnar engine: `data.export.fast`)."""

    def widths(self, chosen: Sequence[int]) -> list[int]:
        """The width of each time column for the events at `chosen` (`_Rows.widths`)."""

    def texts(self, sections: Iterable[Section], widths: list[int]) -> Iterator[SectionText]:
        """The rows of each section's events (`_Rows.text`), batch by batch, in order."""


SectionText = tuple[Section, str | memoryview]
"""A batch's rows (text, or UTF-8 bytes), with the section (phase) they are in."""
Engine = Callable[["_Rows", EventStore, Sequence[int]], Batches | None]
"""Gives what writes the rows of the events chosen with these `_Rows`' values, if it takes
them (`data.export.fast.text_engine`)."""


def write(
    mission: Mission, options: ExportOptions, out: TextIO, *, engine: Engine | None = None
) -> None:
    """Write the whole text export of `mission` to `out`, a batch of events at a time.

    The events are formatted from the columns of the mission's store
    (`data.export.columns`), with the lines `event_text` makes from one event's facts (or
    by `engine`, if given and it takes them: the same bytes)."""
    numbers = source_numbers(mission)
    write_header(mission, options, out)
    store = event_store(mission)
    chosen = selection(store, options)
    rows = _Rows(mission, store, options, numbers)
    made = engine(rows, store, chosen) if engine is not None else None
    widths = made.widths(chosen) if made is not None else rows.widths(batches(store, chosen))
    write_headings(options, widths, out)
    chosen_sections = sections(mission, store, chosen)
    if made is not None:
        texts = made.texts(chosen_sections, widths)
    else:
        texts = (
            (section, rows.text(batch, widths))
            for section in chosen_sections
            for batch in batches(store, section.positions)
        )
    last = None
    for section, text in texts:
        if section is not last:
            write_phase(section.phase, options, out)
            last = section
        write_utf8(text, out)
    if not chosen:
        write_no_events(out)
    if not options.brief:
        write_crew(mission, options.columns, out)
        write_sources(mission, options.columns, out)


NO_EVENTS = N_("(no events match the filter)")


def write_no_events(out: TextIO) -> None:
    """What stands in place of the events when the filter keeps none."""
    out.write(f"\n{_(NO_EVENTS)}\n")


class _Rows(DetailRows):
    """Makes the text of a batch of events (rows and details) from the store's columns."""

    def __init__(
        self, mission: Mission, store: EventStore, options: ExportOptions, numbers: dict[str, int]
    ) -> None:
        super().__init__(
            mission,
            store,
            options,
            detail_style(numbers),
            first=_detail,
            line=_detail,
            made=lambda line: indented(line, INDENT),
        )
        self.notes = Lookup(lambda code: refs(store.groups[code], numbers))

    def time_columns(self, batch: Batch) -> tuple[Times, list[list[str]]]:
        """The batch's times, and its time cells: one column per zone, then the relative
        column if asked."""
        times = Times.of(batch.whens, batch.instants)
        cells = [zone.cells(times) for zone in self.zones]
        if self.options.relative:
            cells.append(relative_texts(times, self.options))
        return times, cells

    def widths(self, batches: Iterable[Batch]) -> list[int]:
        """The width of each time column in cells: its heading or its widest cell (a zone's
        cells are printable ASCII, so `widest_of`'s count of characters is their width)."""
        options = self.options
        widths = heading_widths(options)
        for batch in batches:
            whens, instants = batch.whens, batch.instants
            longest = [zone.widest_of(whens, instants) for zone in self.zones]
            if options.relative:
                times = Times.of(whens, instants)
                longest.append(widest(relative_texts(times, options)))
            widths = list(map(max, widths, longest))
        return widths

    def text(self, batch: Batch, widths: list[int]) -> str:
        """The rows of the batch, each followed by its indented details (in the brief form,
        its one line of detail), wrapped to the options' columns."""
        times, columns = self.time_columns(batch)
        padded = [pad_column(column, width) for column, width in zip(columns, widths, strict=True)]
        titles = batch.titles
        if needs_sanitizing(SEPARATOR.join(titles)) or _has_breaks(titles):
            titles = list(map(sanitize_line, titles))
        at = batch.at
        if "" in at:
            titles = list(titles)
            for n in compress(range(batch.size), map(not_, at)):
                titles[n] = planned_mark(titles[n], True) + titles[n]
        if self.options.brief:
            rows = _rows(padded, titles)
            text = "".join(map("".join, zip(rows, self.briefs(batch), strict=True)))
            return fit(text, self.options.columns, title_column(widths))
        notes = map(self.notes.__getitem__, batch.sources)
        rows = _rows(padded, map(str.rstrip, map(" ".join, zip(titles, notes, strict=True))))
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
        text = "".join(map("".join, zip(*parts, strict=True)))
        return fit(text, self.options.columns, title_column(widths))

    def _descriptions(self, batch: Batch) -> list[str]:
        texts = batch.descriptions
        joined = SEPARATOR.join(texts)
        if needs_sanitizing(joined):
            texts = list(map(sanitize, texts))
        if "\t" in joined or "\n" in joined:
            return [indented(text, INDENT) if text else "" for text in texts]
        return [_one_line(text) if text else "" for text in texts]


_LINE = "{}\n"
_APPROXIMATE = attrgetter("approximate")


def _rows(padded: list[list[str]], lasts: Iterable[str]) -> Iterator[str]:
    """Each row's line: its padded time cells and its last cell (title and sources)."""
    return map(_LINE.format, map(str.rstrip, map(GAP.join, zip(*padded, lasts, strict=True))))


def _detail(line: str) -> str:
    """A one-line detail (`style.line`), indented, with its newline."""
    if line.isprintable():  # then sanitize_line leaves it as it is, and it is one line
        return f"{INDENT}{line}".rstrip() + "\n"
    return indented(sanitize_line(line), INDENT)


def _one_line(text: str) -> str:
    """`indented(text, INDENT)` for a text with no tab and no newline."""
    text = text.rstrip()
    return f"{INDENT}{text}\n" if text else "\n"


def _has_breaks(texts: list[str]) -> bool:
    joined = SEPARATOR.join(texts)
    return "\t" in joined or "\n" in joined


def detail_style(numbers: dict[str, int]) -> DetailStyle:
    """How the text export writes detail lines: sanitised, sources as `[3]`."""
    return DetailStyle(sanitize_line, sanitize, lambda ids: refs(ids, numbers), "  - ")


def write_header(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """The title, summary and what the export shows (zones, relative times, filter)."""
    title = sanitize_line(mission.info.title)
    parts = [f"{title}\n{rule(title, '=')}\n"]
    if mission.info.summary:
        parts.append(f"\n{sanitize(mission.info.summary).rstrip()}\n")
    parts.append("\n")
    zones = ", ".join(_zone_description(zone) for zone in options.zones)
    parts.append(_("Times: {zones}").format(zones=zones) + "\n")
    if options.relative and options.anchor is not None:
        anchor = sanitize_line(options.anchor.title)
        relative = _("Relative: {heading} ({anchor})")
        parts.append(relative.format(heading=relative_heading(options), anchor=anchor) + "\n")
    if options.filter is not None:
        shown = _("Filter: {filter}").format(filter=sanitize_line(str(options.filter)))
        parts.append(shown + "\n")
    parts.append("\n")
    out.write(fit("".join(parts), options.columns, 0))


def _zone_description(zone: str) -> str:
    return _("as stated (each time in the zone its source gave)") if zone == STATED else zone


def heading_widths(options: ExportOptions) -> list[int]:
    """The width of each time column's heading."""
    widths = [cell_width(zone_heading(zone)) for zone in options.zones]
    if options.relative:
        widths.append(cell_width(relative_heading(options)))
    return widths


def write_headings(options: ExportOptions, widths: list[int], out: TextIO) -> None:
    """The headings of the columns, and their rule."""
    headings = [zone_heading(zone) for zone in options.zones]
    if options.relative:
        headings.append(relative_heading(options))
    event = _("event")
    lines = row([*headings, event], widths) + "\n"
    lines += row(["-" * width for width in widths] + ["-" * cell_width(event)], widths) + "\n"
    out.write(fit(lines, options.columns, title_column(widths)))


def time_cells(facts: EventFacts) -> list[str]:
    """An event's time in each zone, then its relative time if the export shows one."""
    cells = [shown.with_offset for shown in facts.times]
    if facts.relative:
        cells.append(facts.relative)
    return cells


def write_phase(phase: Phase | None, options: ExportOptions, out: TextIO) -> None:
    """A phase's heading, its span in the first zone and its summary."""
    name = sanitize_line(section_name(phase))
    parts = [f"\n{name}\n{rule(name, '-')}\n"]
    if phase is not None:
        zone = options.zones[0]
        start = show(phase.start, zone).with_offset
        end = show(phase.end, zone).with_offset
        parts.append(_("from {start} to {end}").format(start=start, end=end) + "\n")
        if phase.summary:
            parts.append(indented(sanitize(phase.summary), ""))
    parts.append("\n")
    out.write(fit("".join(parts), options.columns, 0))


def format_event(mission: Mission, event: Event, options: ExportOptions) -> str:
    """One event as the text export shows it, on its own (the TUI's `y` copies this).

    The same lines as in the full export, with columns as wide as this event needs, followed
    by the sources it cites, numbered as in the full export; wrapped to the options' columns.
    """
    numbers = source_numbers(mission)
    facts = facts_of(mission, event, options)
    widths = [cell_width(cell) for cell in time_cells(facts)]
    parts = [event_text(facts, widths, numbers, options.columns)]
    if facts.sources:
        width = cell_width(f"[{len(mission.sources)}]")
        parts.append("\n")
        parts.extend(
            source_text(numbers[source.id], source, width, options.columns)
            for source in facts.sources
        )
    return "".join(parts)


def event_text(facts: EventFacts, widths: list[int], numbers: dict[str, int], columns: int) -> str:
    """The event's row and its indented details, each line ending with a newline, wrapped
    to `columns` cells."""
    event = facts.event
    title = sanitize_line(facts.title)
    cells = [*time_cells(facts), f"{title} {refs(event.sources, numbers)}".rstrip()]
    details = event_details(facts, detail_style(numbers))
    text = row(cells, widths) + "\n" + "".join(indented(line, INDENT) for line in details)
    return fit(text, columns, title_column(widths))


CREW_HEADINGS = (
    N_("name"),
    N_("age at launch"),
    N_("up"),
    N_("down"),
    N_("time in space (this mission)"),
    N_("career (stated)"),
)
"""The crew table's headings, the last one's column not padded."""


def write_crew(mission: Mission, columns: int, out: TextIO) -> None:
    """The crew table: each person's facts, and their role indented below; wrapped to
    `columns` cells (a career under its column)."""
    if not mission.people:
        return
    title = _("Crew")
    out.write(f"\n{title}\n{rule(title, '-')}\n")
    rows = [list(map(_, CREW_HEADINGS))]
    for person in mission.people:
        facts = person_facts(mission, person)
        age = str(facts.age_at_launch) if facts.age_at_launch is not None else ""
        name = person_name(person)
        cells = [name, age, facts.up or facts.flight, facts.down, facts.in_space or ""]
        rows.append([*map(sanitize_line, cells), sanitize_line(facts.career)])
    widths = [widest(texts[i] for texts in rows) for i in range(len(rows[0]) - 1)]
    lines = [row(rows[0], widths) + "\n"]
    career = ["-" * cell_width(rows[0][-1])]
    lines.append(row(["-" * width for width in widths] + career, widths) + "\n")
    for person, cells in zip(mission.people, rows[1:], strict=True):
        lines.append(row(cells, widths) + "\n")
        if person.role:
            lines.append(indented(sanitize_line(person.role), INDENT))
    out.write(fit("".join(lines), columns, title_column(widths)))


def write_sources(mission: Mission, columns: int, out: TextIO) -> None:
    """The numbered list of sources, wrapped to `columns` cells."""
    if not mission.sources:
        return
    title = _("Sources")
    out.write(f"\n{title}\n{rule(title, '-')}\n")
    width = cell_width(f"[{len(mission.sources)}]")
    for number, source in enumerate(mission.sources, start=1):
        out.write(source_text(number, source, width, columns))


def source_text(number: int, source: Source, width: int, columns: int) -> str:
    """`[3] Title <url>` and the source's note, indented; `width` fits the largest label;
    wrapped to `columns` cells, under the title."""
    label = pad(f"[{number}]", width)
    line = sanitize_line(source.title)
    if source.url:
        line += f" <{sanitize_line(source.url)}>"
    note = indented(sanitize(source.note), " " * (width + 1)) if source.note else ""
    return fit(f"{label} {line}\n{note}", columns, width + 1)


def refs(source_ids: Iterable[str], numbers: dict[str, int]) -> str:
    """`[3][12]`: the note numbers of sources."""
    return "".join(f"[{numbers[s]}]" for s in source_ids if s in numbers)
