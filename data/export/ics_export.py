"""The iCalendar export (RFC 5545), made with the `icalendar` library: one VEVENT per event.

- UID: `<event id>@<mission id>.mission-timeline`, stable across exports, so re-importing
  updates events instead of duplicating them.
- DTSTART in UTC for events known to the minute or better (iCalendar has no fractions of a
  second, so milliseconds are dropped); an all-day date (VALUE=DATE, the date as the source
  stated it) for day precision.
- Month precision: an all-day event covering the whole month (DTSTART the 1st, DTEND the 1st
  of the next month), because any single day would invent a date the sources never gave;
  the description says the date is known to the month only.
- DTEND for spans (`end`); an all-day end date is inclusive in the mission and exclusive in
  iCalendar, so a day is added.
- SUMMARY (the title), DESCRIPTION (description, facts, planned time, relative time if asked,
  and the numbered sources), LOCATION (and GEO when the place has coordinates), CATEGORIES
  (the kind), STATUS (TENTATIVE for planned-only events).

Mission text passes through `data.sanitize` and then the library's own escaping and line
folding, so no title or description can add a line, a property or a component. The calendar
is streamed: its head, each VEVENT as it is made, then its tail.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TextIO

from icalendar import Calendar, vText
from icalendar import Event as VEvent

from data.export.options import (
    ExportOptions,
    people_names,
    planned_note,
    relative_heading,
    relative_text,
    selected_events,
    source_numbers,
    vehicle_names,
)
from data.model import Event, Mission
from data.sanitize import sanitize, sanitize_line
from data.times.parse import Precision, When

PRODID = "-//mission-timeline//mission-timeline//EN"
UID_DOMAIN = "mission-timeline"


def uid(mission: Mission, event: Event) -> str:
    """The event's stable UID (ids are limited to `a-z0-9_-`, so this is always valid)."""
    return f"{event.id}@{mission.info.id}.{UID_DOMAIN}"


def write(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write `mission` as an iCalendar file to `out`, one VEVENT at a time."""
    stamp = (options.stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    numbers = source_numbers(mission)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # Unknown (X-) properties are not escaped unless they are given as TEXT values.
    calendar.add("x-wr-calname", vText(sanitize_line(mission.info.title)))
    if mission.info.summary:
        calendar.add("x-wr-caldesc", vText(sanitize(mission.info.summary)))
    frame = calendar.to_ical().decode("utf-8")
    tail = "END:VCALENDAR\r\n"
    assert frame.endswith(tail)
    out.write(frame[: -len(tail)])
    for event in selected_events(mission, options):
        out.write(_vevent(mission, event, options, numbers, stamp).to_ical().decode("utf-8"))
    out.write(tail)


def _vevent(
    mission: Mission,
    event: Event,
    options: ExportOptions,
    numbers: dict[str, int],
    stamp: datetime,
) -> VEvent:
    component = VEvent()
    component.add("uid", uid(mission, event))
    component.add("dtstamp", stamp)
    start, end = _span(event.when, event.end)
    component.add("dtstart", start)
    if end is not None:
        component.add("dtend", end)
    title = sanitize_line(event.title)
    component.add("summary", f"(planned) {title}" if event.planned_only else title)
    component.add("description", "\n".join(_description(mission, event, options, numbers)))
    place = mission.place_by_id.get(event.place) if event.place else None
    if place is not None:
        component.add("location", sanitize_line(place.name))
        if place.lat is not None and place.lon is not None:
            component.add("geo", (place.lat, place.lon))
    component.add("categories", [event.kind.value])
    component.add("status", "TENTATIVE" if event.planned_only else "CONFIRMED")
    return component


def _span(start: When, end: When | None) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND values; all-day dates if either end is known only to the day."""
    all_day = start.is_date or (end is not None and end.is_date)
    if not all_day:
        first = _utc(start)
        last = _utc(end) if end is not None else None
        return first, last if last is not None and last > first else None
    first_day = start.local_date
    if start.precision is Precision.MONTH:
        first_day = first_day.replace(day=1)
    last_day = _day_after(end if end is not None else start)
    return first_day, last_day if last_day > first_day else first_day + timedelta(days=1)


def _utc(when: When) -> datetime:
    return when.instant.astimezone(UTC).replace(microsecond=0)


def _day_after(when: When) -> date:
    """The exclusive all-day end for a time: the next day, or the next month's 1st."""
    day = when.local_date
    if when.precision is Precision.MONTH:
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + timedelta(days=1)


def _description(
    mission: Mission, event: Event, options: ExportOptions, numbers: dict[str, int]
) -> Iterable[str]:
    if event.description:
        yield sanitize(event.description)
        yield ""
    facts = [event.kind.value]
    if event.when.precision is Precision.MONTH:
        facts.append("date known to the month only")
    if event.when.approximate:
        facts.append("approximate time")
    if event.when.precision is Precision.MILLISECOND:
        facts.append(f"at {event.when.instant.strftime('%H:%M:%S.%f')[:-3]} UTC")
    if event.confidence is not None:
        facts.append(f"confidence {event.confidence.value}")
    yield "; ".join(facts)
    planned = planned_note(event, "UTC")
    if planned:
        yield planned
    if options.relative:
        yield f"{relative_heading(options)}: {relative_text(event.when, options)}"
    people = people_names(mission, event.people)
    if people:
        yield "People: " + ", ".join(sanitize_line(name) for name in people)
    vehicles = vehicle_names(mission, event.vehicles)
    if vehicles:
        yield "Vehicles: " + ", ".join(sanitize_line(name) for name in vehicles)
    for stated in event.stated:
        note = f" [{numbers[stated.source]}]" if stated.source in numbers else ""
        yield f"Stated: {sanitize_line(stated.text)}{note}"
    for dispute in event.disputes:
        claims = "; ".join(sanitize_line(version.claim) for version in dispute.versions)
        yield f"Disputed ({sanitize_line(dispute.topic)}): {claims}"
    if event.note:
        yield f"Note: {sanitize(event.note)}"
    sources = [s for s in event.sources if s in numbers]
    if sources:
        yield "Sources:"
        for source_id in sources:
            source = mission.source_by_id[source_id]
            url = f" {sanitize_line(source.url)}" if source.url else ""
            yield f"[{numbers[source_id]}] {sanitize_line(source.title)}{url}"
