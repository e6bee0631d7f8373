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
  iCalendar, so a day is added. A timed event at one instant has `DURATION:P0D` (zero, as
  the `icalendar` library writes it; `PT0S` is the same): RFC 5545 already ends an event
  without DTEND at its start, but calendar apps show it an hour long unless told (khal
  0.10 shows `08:55-09:55` without it, `08:55-08:55` with it). DTEND equal to DTSTART would
  break RFC 5545, which wants DTEND later than DTSTART.
- SUMMARY (the title), DESCRIPTION (description, facts, planned time, relative time if asked,
  and the numbered sources; its labels and the kind's name in the interface's language),
  LOCATION (and GEO when the place has coordinates), CATEGORIES (the kind's value, as
  programs read it), STATUS (TENTATIVE for planned-only events), COLOR (RFC 7986: one CSS
  colour name per phase, `PHASE_COLORS`; the description names the phase too, so the colour
  is never the only sign of it). Property names and the mission's text never change with
  the language.
- The calendar's name is the mission's title, as RFC 7986 `NAME` and as `X-WR-CALNAME` for
  the clients that predate it (Apple Calendar, Google Calendar, Outlook).

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

from data.export.options import ExportOptions, relative_heading, source_numbers
from data.facts.event import EventFacts, event_facts
from data.facts.kinds import kind_name
from data.i18n import _
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
    calendar.add("name", vText(sanitize_line(mission.info.title)))
    calendar.add("x-wr-calname", vText(sanitize_line(mission.info.title)))
    if mission.info.summary:
        calendar.add("x-wr-caldesc", vText(sanitize(mission.info.summary)))
    frame = calendar.to_ical().decode("utf-8")
    tail = "END:VCALENDAR\r\n"
    assert frame.endswith(tail)
    out.write(frame[: -len(tail)])
    flt = options.filter
    colors = phase_colors(mission)
    for event in mission.events:
        if flt is None or flt.matches(event):
            vevent = _vevent(mission, event, options, numbers, stamp)
            if event.phase in colors:
                vevent.add("color", colors[event.phase])
            out.write(vevent.to_ical().decode("utf-8"))
    out.write(tail)


PHASE_COLORS = (
    "royalblue",
    "darkorange",
    "seagreen",
    "crimson",
    "darkviolet",
    "teal",
    "goldenrod",
    "slategray",
)
"""The CSS colour names (RFC 7986 `COLOR`) given to the phases in the mission's order,
again from the first after the last: apart, and readable on light and dark themes."""


def phase_colors(mission: Mission) -> dict[str, str]:
    """Phase id -> its colour name."""
    return {
        phase.id: PHASE_COLORS[index % len(PHASE_COLORS)]
        for index, phase in enumerate(mission.phases)
    }


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
    else:
        component.add("duration", timedelta(0))
    facts = event_facts(mission, event, ZONES, mode=options.mode, anchor=options.anchor)
    component.add("summary", sanitize_line(facts.title))
    component.add("description", "\n".join(_description(facts, options, numbers)))
    place = mission.place_by_id.get(event.place) if event.place else None
    if place is not None:
        component.add("location", sanitize_line(place.name))
        if place.lat is not None and place.lon is not None:
            component.add("geo", (place.lat, place.lon))
    component.add("categories", [event.kind.value])
    component.add("status", "TENTATIVE" if event.planned_only else "CONFIRMED")
    return component


def _span(start: When, end: When | None) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND values (no DTEND: an instant); all-day dates if either end is known
    only to the day."""
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
    facts: EventFacts, options: ExportOptions, numbers: dict[str, int]
) -> Iterable[str]:
    event = facts.event
    if event.description:
        yield sanitize(event.description)
        yield ""
    items = [kind_name(event.kind)]
    if facts.phase:
        items.append(_("phase: {phase}").format(phase=sanitize_line(facts.phase)))
    if event.when.precision is Precision.MONTH:
        items.append(_("date known to the month only"))
    if event.when.approximate:
        items.append(_("approximate time"))
    if event.when.precision is Precision.MILLISECOND:
        clock = event.when.instant.strftime("%H:%M:%S.%f")[:-3]
        items.append(_("at {time} UTC").format(time=clock))
    if event.confidence is not None:
        items.append(_("confidence {confidence}").format(confidence=event.confidence.value))
    yield "; ".join(items)
    if facts.plan is not None and facts.plan.actual is not None:
        yield facts.plan.phrase
    if facts.relative:
        yield f"{relative_heading(options)}: {facts.relative}"
    if facts.people:
        names = ", ".join(sanitize_line(name) for name in facts.people)
        yield _("People: {names}").format(names=names)
    if facts.vehicles:
        names = ", ".join(sanitize_line(name) for name in facts.vehicles)
        yield _("Vehicles: {names}").format(names=names)
    for text, source in facts.stated:
        note = f" [{numbers[source.id]}]" if source is not None and source.id in numbers else ""
        yield _("Stated: {text}").format(text=sanitize_line(text)) + note
    for dispute in facts.disputes:
        claims = "; ".join(sanitize_line(version.text) for version in dispute.versions)
        topic = sanitize_line(dispute.topic)
        yield _("Disputed ({topic}): {claims}").format(topic=topic, claims=claims)
    if event.note:
        yield _("Note: {note}").format(note=sanitize(event.note))
    if facts.sources:
        yield _("Sources:")
        for source in facts.sources:
            url = f" {sanitize_line(source.url)}" if source.url else ""
            yield f"[{numbers[source.id]}] {sanitize_line(source.title)}{url}"


ZONES = ("UTC",)
"""iCalendar gives every time in UTC, and so do the times in its descriptions."""
