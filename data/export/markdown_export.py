"""The Markdown export: a heading per phase with a GitHub table of its events, then the crew
table and the numbered sources.

Every piece of mission text is escaped so it renders as the same text on GitHub: control
characters become placeholders (`data.sanitize`), pipes and the characters that start
emphasis, links, HTML, math, mentions or strikethrough are backslash-escaped, and line breaks
inside a cell become `<br>`.

Each source number (`[53]`) links to its entry in the source list, which carries an anchor
(`<a id="source-53" name="source-53">`: pandoc's HTML keeps the `id`, GitHub the `name`,
which it documents for custom anchors). Paragraphs and list items are wrapped to
`options.columns` (`data.export.wrap`); a table row cannot be (GitHub and pandoc read a pipe
table's row from one line), so the tables keep one line per row. The brief form
(`options.brief`) keeps each event's times, title and one line of detail, with no sources,
confidence, notes, crew or source list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import compress
from operator import and_, attrgetter, not_
from typing import TextIO

from data.export.columns import (
    SEPARATOR,
    Batch,
    Lookup,
    batches,
    event_store,
    needs_sanitizing,
    section_name,
    sections,
    selection,
)
from data.export.detail_rows import DetailRows, relative_texts
from data.export.details import DetailStyle, event_details
from data.export.options import ExportOptions, relative_heading, source_numbers, zone_heading
from data.export.wrap import wrap_line
from data.facts.event import EventFacts, planned_mark
from data.facts.names import person_name
from data.facts.person import person_facts
from data.i18n import N_, _, pgettext
from data.model import Mission, Person, Phase
from data.sanitize import sanitize
from data.store import EventStore
from data.times.display import show
from data.times.shapes import Times

# Characters that mean something inline in GitHub Markdown: escapes, code, emphasis, links
# and images, HTML and entities, table cells, strikethrough, math, headings, mentions.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$&#@])")
# Line starts that would make a block (list, setext underline, quote, numbered list).
_BLOCK_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")
_SAFE_URL = re.compile(r"https?://[^\s<>\\`|]+")


def escape(text: str, *, block: bool = False) -> str:
    """Mission text as one line of Markdown that renders exactly as the text.

    With `block`, the text starts a paragraph of its own, so a leading list, quote or
    underline marker is escaped too (table cells and headings cannot start a block).
    """
    lines = sanitize(text).expandtabs(4).strip("\n").split("\n")
    escaped = [_SPECIAL.sub(r"\\\1", line.strip()) for line in lines]
    joined = "<br>".join(escaped)
    return _unblock(joined) if block else joined


def _unblock(line: str) -> str:
    """`line` with the marker that would make it start a block (a list, a quote, a setext
    underline, a numbered list) escaped: the line's text is shown as it is."""
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    # Escape the block marker (or the period after a number) at the very start.
    if match.group(2).isdigit():
        end = match.end()
        return f"{line[:end]}\\{line[end:]}"
    return f"{line[: match.start(2)]}\\{line[match.start(2) :]}"


def paragraph(text: str, width: int, *, more: int = 0, prefix: str = "") -> str:
    """Escaped Markdown `text` wrapped to `width` cells at its spaces, after `prefix` (a
    list item's marker and anchor, never broken); each continuation line is indented by
    `more` and cannot start a block, so the paragraph renders as one. A word is never cut
    (a line break inside it would render as a space): one longer than a line stays whole."""
    lines = wrap_line(text, width, more, used=len(prefix), cut=False)
    pad = " " * more
    rest = [pad + _unblock(line[more:]) for line in lines[1:]]
    return "\n".join([prefix + lines[0], *rest])


def escapes(texts: list[str]) -> list[str]:
    """`escape` for a column of a batch: with no tab, newline or control character in the
    batch, each text is stripped and the special characters of all are escaped at once."""
    joined = SEPARATOR.join(texts)
    if needs_sanitizing(joined) or "\t" in joined or "\n" in joined:
        return list(map(escape, texts))
    joined = SEPARATOR.join(map(str.strip, texts))
    if _SPECIAL.search(joined):
        joined = _SPECIAL.sub(r"\\\1", joined)
    return joined.split(SEPARATOR)


def write(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write the whole Markdown export of `mission` to `out`, a batch of events at a time.

    The events are formatted from the columns of the mission's store
    (`data.export.columns`), as `event_cells` formats one event's facts."""
    numbers = source_numbers(mission)
    write_header(mission, options, out)
    store = event_store(mission)
    chosen = selection(store, options)
    rows = _Rows(mission, store, options, numbers)
    for section in sections(mission, store, chosen):
        write_phase(section.phase, options, out)
        for batch in batches(store, section.positions):
            out.write(rows.text(batch))
    if not chosen:
        write_no_events(out)
    if not options.brief:
        write_crew(mission, out)
        write_sources(mission, options.columns, out)


NO_EVENTS = N_("No events match the filter.")


def write_no_events(out: TextIO) -> None:
    """What stands in place of the events when the filter keeps none."""
    out.write(f"{_(NO_EVENTS)}\n")


class _Rows(DetailRows):
    """Makes the table rows of a batch of events from the store's columns."""

    def __init__(
        self, mission: Mission, store: EventStore, options: ExportOptions, numbers: dict[str, int]
    ) -> None:
        super().__init__(
            mission,
            store,
            options,
            detail_style(numbers),
            first=escape,
            line=lambda text: _BREAK + escape(text),
            made=lambda line: _BREAK + line,
        )
        self.refs = Lookup(lambda code: refs(store.groups[code], numbers))

    def text(self, batch: Batch) -> str:
        """The table rows of the batch (in the brief form, with one line of detail)."""
        times = Times.of(batch.whens, batch.instants)
        columns: list[Iterable[str]] = [escapes(zone.cells(times)) for zone in self.zones]
        if self.options.relative:
            columns.append(escapes(relative_texts(times, self.options)))
        titles = [f"**{title}**" for title in escapes(batch.titles)]
        at = batch.at
        if "" in at:
            raw = batch.titles
            for n in compress(range(batch.size), map(not_, at)):
                titles[n] = planned_mark(raw[n], True) + titles[n]
        if self.options.brief:
            columns += [titles, self.briefs(batch)]
            return "".join(map(_ROW.format, map(_CELL.join, zip(*columns, strict=True))))
        approximate: Iterable[bool] = map(_APPROXIMATE, times.shapes)
        if "" in at:
            approximate = map(and_, map(bool, at), approximate)
        details = [
            map(
                self.facts.__getitem__,
                zip(batch.kinds, approximate, batch.confidences, batch.places, strict=True),
            ),
            self.ends(batch),
            self.planned(batch, times),
            map(self.people.__getitem__, batch.people),
            map(self.vehicles.__getitem__, batch.vehicles),
            [_BREAK + text if text else "" for text in escapes(batch.descriptions)],
            self.rare(batch),
        ]
        columns.append(titles)
        columns.append(map("".join, zip(*details, strict=True)))
        columns.append(map(self.refs.__getitem__, batch.sources))
        return "".join(map(_ROW.format, map(_CELL.join, zip(*columns, strict=True))))


_BREAK = "<br>"
_CELL = " | "
_ROW = "| {} |\n"
_APPROXIMATE = attrgetter("approximate")


def detail_style(numbers: dict[str, int]) -> DetailStyle:
    """How the Markdown export writes detail lines: escaped, sources as `\\[3\\]`."""
    return DetailStyle(escape, escape, lambda ids: refs(ids, numbers), "\N{EN DASH} ")


def write_header(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """The title, summary and what the export shows (zones, relative times, filter)."""
    width = options.columns
    out.write(f"# {escape(mission.info.title)}\n\n")
    if mission.info.summary:
        out.write(f"{paragraph(escape(mission.info.summary, block=True), width)}\n\n")
    zones = ", ".join(escape(zone_heading(zone)) for zone in options.zones)
    lines = [_("Times: {zones}").format(zones=zones)]
    if options.relative and options.anchor is not None:
        anchor = escape(options.anchor.title)
        heading = escape(relative_heading(options))
        relative = _("Relative: {heading} ({anchor})")
        lines.append(relative.format(heading=heading, anchor=anchor))
    if options.filter is not None:
        shown = _("Filter: {filter}")
        lines.append(shown.format(filter=escape(str(options.filter))))
    out.write("  \n".join(paragraph(line, width) for line in lines) + "\n")


def write_phase(phase: Phase | None, options: ExportOptions, out: TextIO) -> None:
    """A phase's heading, span, summary and the head of its table."""
    out.write(f"\n## {escape(section_name(phase))}\n\n")
    if phase is not None:
        zone = options.zones[0]
        start, end = show(phase.start, zone).with_offset, show(phase.end, zone).with_offset
        span = _("from {start} to {end}").format(start=escape(start), end=escape(end))
        out.write(f"{paragraph(span, options.columns)}\n\n")
        if phase.summary:
            out.write(f"{paragraph(escape(phase.summary, block=True), options.columns)}\n\n")
    headings = [zone_heading(zone) for zone in options.zones]
    if options.relative:
        headings.append(relative_heading(options))
    headings += map(_, BRIEF_HEADINGS if options.brief else EVENT_HEADINGS)
    out.write(table_row(escape(heading) for heading in headings))
    out.write(table_row(["---"] * len(headings)))


EVENT_HEADINGS = (N_("Event"), N_("Details"), N_("Sources"))
"""The headings of a table's columns after the times (and the relative time)."""
BRIEF_HEADINGS = (N_("Event"), N_("Detail"))
"""`EVENT_HEADINGS` of the brief form."""


def table_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |\n"


def event_cells(facts: EventFacts, numbers: dict[str, int]) -> list[str]:
    """One event's cells: its times, relative time, title, details and sources."""
    event = facts.event
    cells = [escape(shown.with_offset) for shown in facts.times]
    if facts.relative:
        cells.append(escape(facts.relative))
    cells.append(planned_mark(event.title, event.planned_only) + f"**{escape(event.title)}**")
    cells.append("<br>".join(event_details(facts, detail_style(numbers))))
    cells.append(refs(event.sources, numbers))
    return cells


def refs(source_ids: Iterable[str], numbers: dict[str, int]) -> str:
    """`[\\[3\\]](#source-3)[\\[12\\]](#source-12)`: the note numbers of sources, each a link
    to its entry in the source list."""
    return "".join(
        f"[\\[{numbers[s]}\\]](#{source_anchor(numbers[s])})" for s in source_ids if s in numbers
    )


def source_anchor(number: int) -> str:
    """`source-3`: the anchor of a source's entry in the source list."""
    return f"source-{number}"


def crew_headings() -> list[str]:
    """The crew table's headings; "Up" and "Down" name the vehicles (not the keys)."""
    return [
        _("Name"),
        _("Role"),
        _("Age at launch"),
        pgettext("crew table", "Up"),
        pgettext("crew table", "Down"),
        _("Time in space (this mission)"),
        _("Career (stated)"),
    ]


def write_crew(mission: Mission, out: TextIO) -> None:
    """The crew table: each person's facts."""
    if not mission.people:
        return
    out.write(f"\n## {_('Crew')}\n\n")
    headings = crew_headings()
    out.write(table_row(headings))
    out.write(table_row(["---"] * len(headings)))
    for person in mission.people:
        out.write(table_row(_crew_cells(mission, person)))


def _crew_cells(mission: Mission, person: Person) -> list[str]:
    facts = person_facts(mission, person)
    age = str(facts.age_at_launch) if facts.age_at_launch is not None else ""
    cells = [person_name(person), person.role, age, facts.up or facts.flight, facts.down]
    return list(map(escape, [*cells, facts.in_space or "", facts.career]))


def write_sources(mission: Mission, columns: int, out: TextIO) -> None:
    """The numbered list of sources, each with the anchor its references link to; an entry
    wrapped to `columns` cells."""
    if not mission.sources:
        return
    out.write(f"\n## {_('Sources')}\n\n")
    for number, source in enumerate(mission.sources, start=1):
        anchor = source_anchor(number)
        prefix = f'- <a id="{anchor}" name="{anchor}"></a>'
        line = f"\\[{number}\\] {escape(source.title)}"
        if source.url:
            url = sanitize(source.url)
            safe = _SAFE_URL.fullmatch(url)
            line += f" <{url}>" if safe else f" {escape(url)}"
        if source.note:
            line += f" ({escape(source.note)})"
        out.write(paragraph(line, columns, more=2, prefix=prefix) + "\n")
