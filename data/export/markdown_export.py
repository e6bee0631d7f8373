"""The Markdown export: a heading per phase with a GitHub table of its events, then the crew
table and the numbered sources.

Every piece of mission text is escaped so it renders as the same text on GitHub: control
characters become placeholders (`data.sanitize`), pipes and the characters that start
emphasis, links, HTML, math, mentions or strikethrough are backslash-escaped, and line breaks
inside a cell become `<br>`.
"""

from __future__ import annotations

import re
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
    source_numbers,
    zone_heading,
)
from data.model import Event, Mission, Person, Phase
from data.sanitize import sanitize
from data.timefmt import show

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
    match = _BLOCK_START.match(joined) if block else None
    if match is None:
        return joined
    # Escape the block marker (or the period after a number) at the very start.
    if match.group(2).isdigit():
        end = match.end()
        return f"{joined[:end]}\\{joined[end:]}"
    return f"{joined[: match.start(2)]}\\{joined[match.start(2) :]}"


def write(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write the whole Markdown export of `mission` to `out`, event by event."""
    numbers = source_numbers(mission)
    out.write(f"# {escape(mission.info.title)}\n\n")
    if mission.info.summary:
        out.write(f"{escape(mission.info.summary, block=True)}\n\n")
    out.write(_settings(options))
    count = 0
    for section in sections(mission, options):
        _write_phase(section.phase, options, out)
        for event in section.events:
            out.write(_table_row(_event_cells(mission, event, options, numbers)))
            count += 1
    if count == 0:
        out.write("No events match the filter.\n")
    _write_crew(mission, out)
    _write_sources(mission, out)


def _settings(options: ExportOptions) -> str:
    lines = ["Times: " + ", ".join(escape(zone_heading(zone)) for zone in options.zones)]
    if options.relative and options.anchor is not None:
        anchor = escape(options.anchor.title)
        lines.append(f"Relative: {escape(relative_heading(options))} ({anchor})")
    if options.filter is not None:
        lines.append(f"Filter: {escape(str(options.filter))}")
    return "  \n".join(lines) + "\n"


def _write_phase(phase: Phase | None, options: ExportOptions, out: TextIO) -> None:
    name = escape(phase.name) if phase is not None else "Outside any phase"
    out.write(f"\n## {name}\n\n")
    if phase is not None:
        zone = options.zones[0]
        start, end = show(phase.start, zone).with_offset, show(phase.end, zone).with_offset
        out.write(f"from {escape(start)} to {escape(end)}\n\n")
        if phase.summary:
            out.write(f"{escape(phase.summary, block=True)}\n\n")
    headings = [zone_heading(zone) for zone in options.zones]
    if options.relative:
        headings.append(relative_heading(options))
    headings += ["Event", "Details", "Sources"]
    out.write(_table_row(escape(heading) for heading in headings))
    out.write(_table_row("---" for _ in headings))


def _table_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |\n"


def _event_cells(
    mission: Mission, event: Event, options: ExportOptions, numbers: dict[str, int]
) -> list[str]:
    cells = [escape(show(event.when, zone).with_offset) for zone in options.zones]
    if options.relative:
        cells.append(escape(relative_text(event.when, options)))
    title = f"**{escape(event.title)}**"
    cells.append(f"(planned) {title}" if event.planned_only else title)
    style = DetailStyle(escape, escape, lambda ids: _refs(ids, numbers), "\N{EN DASH} ")
    cells.append("<br>".join(event_details(mission, event, options, style)))
    cells.append(_refs(event.sources, numbers))
    return cells


def _refs(source_ids: Iterable[str], numbers: dict[str, int]) -> str:
    return "".join(f"\\[{numbers[s]}\\]" for s in source_ids if s in numbers)


def _write_crew(mission: Mission, out: TextIO) -> None:
    if not mission.people:
        return
    out.write("\n## Crew\n\n")
    headings = ["Name", "Role", "Up", "Down", "Time in space (this mission)", "Career (stated)"]
    out.write(_table_row(headings))
    out.write(_table_row("---" for _ in headings))
    for person in mission.people:
        out.write(_table_row(_crew_cells(mission, person)))


def _crew_cells(mission: Mission, person: Person) -> list[str]:
    facts = crew_facts(mission, person)
    return [escape(person.name), escape(person.role), *map(escape, facts)]


def _write_sources(mission: Mission, out: TextIO) -> None:
    if not mission.sources:
        return
    out.write("\n## Sources\n\n")
    for number, source in enumerate(mission.sources, start=1):
        line = f"- \\[{number}\\] {escape(source.title)}"
        if source.url:
            url = sanitize(source.url)
            safe = _SAFE_URL.fullmatch(url)
            line += f" <{url}>" if safe else f" {escape(url)}"
        if source.note:
            line += f" ({escape(source.note)})"
        out.write(line + "\n")
