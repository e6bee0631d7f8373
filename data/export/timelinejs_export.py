"""The TimelineJS export: the mission as TimelineJS3 JSON, to show it on a web page.

The file is TimelineJS's documented JSON format (https://timeline.knightlab.com/docs/
json-format.html), for `new TL.Timeline(element, data)`:

- the title slide: the mission's title and summary;
- an era per phase (its name, start and end);
- a slide per event (the filter applies), its `unique_id` the event's id, its `group` the
  event's kind (TimelineJS puts each group in its own row of the navigation), its text the
  description, the planned time when the event also has an actual one, and the sources as
  links.
- Dates: TimelineJS has no zones. A time is written in UTC, to its own precision (seconds
  and milliseconds only when the mission gives them); a date or a month as the source stated
  it (converting a date to UTC would invent a time of day). Each date's `display_date` is
  the time as stated, with its zone (`2021-10-05 13:55:02 +05 Asia/Qyzylorda`, `~` when
  approximate), so the page shows what the source said. A planned-only event is placed at
  its planned time and its display date says "planned".

The words the file adds to the mission's ("Planned:", "Sources:", a phase's name) are in
the interface's language; a slide's `group` stays the kind's value, which an import reads.

TimelineJS renders its text fields as HTML: every mission string is HTML-escaped, so no
title or description can add markup, and only `http`/`https` source addresses become links.
The JSON is written with `data.export.json_export.dumps` (terminal controls escaped).
"""

from __future__ import annotations

import html
from datetime import UTC
from typing import Any, TextIO

from data.export.json_export import dumps
from data.export.options import ExportOptions
from data.facts.names import phase_name
from data.i18n import _
from data.model import Event, Mission
from data.records import Phase, Source
from data.times.display import STATED, show
from data.times.parse import Precision, When

_INDENT = "  "


def write(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write `mission` as a TimelineJS timeline to `out`, a slide at a time."""
    title: dict[str, Any] = {"headline": _escaped(mission.info.title)}
    if mission.info.summary:
        title["text"] = _paragraphs(mission.info.summary)
    head = {"title": {"text": title}, "eras": [era(phase) for phase in mission.phases]}
    out.write("{\n" + dumps(head)[2:-2] + ",\n")
    out.write(f'{_INDENT}"events": [')
    sources = mission.source_by_id
    first = True
    for event in mission.events:
        if options.filter is None or options.filter.matches(event):
            out.write(("\n" if first else ",\n") + _INDENT * 2)
            out.write(dumps(slide(event, sources)).replace("\n", "\n" + _INDENT * 2))
            first = False
    out.write(("\n" + _INDENT if not first else "") + "]\n}\n")


def era(phase: Phase) -> dict[str, Any]:
    """The era of a phase."""
    return {
        "start_date": date_object(phase.start),
        "end_date": date_object(phase.end),
        "text": {"headline": _escaped(phase_name(phase))},
    }


def slide(event: Event, sources: dict[str, Source]) -> dict[str, Any]:
    """The slide of an event."""
    start = date_object(event.when, planned=event.planned_only)
    result: dict[str, Any] = {"unique_id": event.id, "start_date": start}
    if event.end is not None:
        result["end_date"] = date_object(event.end)
    parts = [_paragraphs(event.description)] if event.description else []
    if event.planned is not None and event.at is not None:
        planned = _("Planned: {time}").format(time=stated(event.planned))
        parts.append(f"<p>{_escaped(planned)}</p>")
    links = [_link(sources[source]) for source in event.sources if source in sources]
    if links:
        label = _escaped(_("Sources:"))
        parts.append(f"<p>{label} {', '.join(links)}</p>")
    result["text"] = {"headline": _escaped(event.title), "text": "".join(parts)}
    result["group"] = event.kind.value
    return result


def date_object(when: When, planned: bool = False) -> dict[str, Any]:
    """A TimelineJS date: a time's UTC parts to its precision, a date's parts as stated; its
    `display_date` the time as stated, with its zone."""
    if when.is_date:
        local = when.instant.astimezone(when.stated_tz)
        values = [local.year, local.month] + (
            [local.day] if when.precision >= Precision.DAY else []
        )
    else:
        utc = when.instant.astimezone(UTC)
        values = [utc.year, utc.month, utc.day, utc.hour, utc.minute]
        if when.precision >= Precision.SECOND:
            values.append(utc.second)
        if when.precision is Precision.MILLISECOND:
            values.append(utc.microsecond // 1000)
    units = ("year", "month", "day", "hour", "minute", "second", "millisecond")
    result: dict[str, Any] = dict(zip(units, values, strict=False))
    shown = stated(when)
    result["display_date"] = _escaped(_("planned: {time}").format(time=shown) if planned else shown)
    return result


def stated(when: When) -> str:
    """The time as its source stated it, with the zone (`2021-10-05 13:55:02 +05
    Asia/Qyzylorda`, `2021-11-06 Europe/Moscow`)."""
    text = show(when, STATED).with_offset
    return f"{text} {when.zone}" if when.zone and when.zone not in text else text


def _escaped(text: str) -> str:
    """Text made safe in HTML content (TimelineJS renders its text fields as HTML)."""
    return html.escape(text, quote=False)


def _paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs, its line breaks kept."""
    return "".join(
        f"<p>{_escaped(block).replace(chr(10), '<br>')}</p>"
        for block in text.split("\n\n")
        if block.strip()
    )


def _link(source: Source) -> str:
    """A source's title, a link when its address is on the web."""
    title = _escaped(source.title)
    url = source.url or ""
    if url.lower().startswith(("https://", "http://")):
        return f'<a href="{html.escape(url, quote=True)}">{title}</a>'
    return title
