"""The bundled mission as each surface shows it, read as a user reads it: the detail and
crew panes (`describe()`), the `y` copy, and the text, Markdown, CSV and iCalendar exports
with the times in UTC and Europe/Brussels and T-/T+ from the launch."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from icalendar import Calendar

from data.export import export, make_options
from data.export.csv_export import BOM
from data.export.markdown_export import escape
from data.export.options import COLUMNS
from data.export.text_export import format_event
from data.facts.derived import TimeMode
from data.facts.event import shown_title
from data.model import Event, Person
from data.opening import load_bundled
from data.sanitize import sanitize_line
from tui.widgets.crew_pane import CrewPane
from tui.widgets.event_detail import EventDetail

MISSION = load_bundled()
ZONE = "Europe/Brussels"
ZONES = ("UTC", ZONE)
ANCHOR = MISSION.event_by_id["launch"]
UNWRAPPED = COLUMNS.stop - 1
"""Text and Markdown as wide as they may be: each value on one line, to be found whole
(tests/export/test_wrap.py checks the wrapping)."""


def render(format_name: str) -> str:
    options = make_options(
        MISSION,
        zones=ZONES if format_name != "ics" else (),
        relative_to="launch",
        mode=TimeMode.T_MINUS,
        columns=UNWRAPPED,
    )
    out = io.StringIO(newline="")
    export(MISSION, format_name, options, out)
    return out.getvalue()


TEXT = render("text")
MARKDOWN = render("md")
CSV_TEXT = render("csv").removeprefix(BOM)
CSV_ROWS = {row["id"]: row for row in csv.DictReader(io.StringIO(CSV_TEXT, newline=""))}
ICS = {
    str(item.get("uid")).split("@")[0]: item
    for item in Calendar.from_ical(render("ics")).walk("VEVENT")
}


def pane(event: Event, mode: TimeMode = TimeMode.T_MINUS) -> str:
    detail = EventDetail(MISSION)
    detail.event = event
    detail.zone = ZONE
    detail.mode = mode
    detail.anchor_event = ANCHOR
    return detail.describe().plain


def copied(event: Event) -> str:
    """What `y` copies with the zone chosen and T-/T+ from the launch (the app's options)."""
    options = make_options(
        MISSION, zones=[ZONE], relative_to="launch", mode=TimeMode.T_MINUS, columns=UNWRAPPED
    )
    return format_event(MISSION, event, options)


def text_block(event: Event) -> str:
    """The event's row in the text export and its indented details."""
    lines = TEXT.splitlines()
    title = sanitize_line(shown_title(event.title, event.planned_only))
    start = next(n for n, line in enumerate(lines) if f"  {title} [" in line)
    end = next(
        (n for n in range(start + 1, len(lines)) if not lines[n].startswith("    ")), len(lines)
    )
    return "\n".join(lines[start:end])


def markdown_row(event: Event) -> str:
    return next(line for line in MARKDOWN.splitlines() if f"**{escape(event.title)}**" in line)


def ics_text(event: Event) -> str:
    item = ICS[event.id]
    return f"{item.get('summary')}\n{item.get('description')}"


def surfaces(event: Event) -> Iterator[tuple[str, str]]:
    yield "pane", pane(event)
    yield "copy", copied(event)
    yield "text", text_block(event)
    yield "md", markdown_row(event)
    yield "csv", "\n".join(f"{key}={value}" for key, value in CSV_ROWS[event.id].items())
    yield "ics", ics_text(event)


def crew_pane(person: Person, at: Event | None = None) -> str:
    crew = CrewPane(MISSION)
    crew.person = person
    crew.at = at
    crew.zone = ZONE
    return crew.describe().plain


def crew_rows(person: Person) -> tuple[str, str]:
    """The person's row in the text and Markdown crew tables."""
    text = TEXT.split("\nCrew\n----\n")[1]
    text_row = next(line for line in text.splitlines() if line.startswith(person.name + "  "))
    md = MARKDOWN.split("\n## Crew\n")[1]
    md_row = next(line for line in md.splitlines() if line.startswith(f"| {escape(person.name)} |"))
    return text_row, md_row
