"""The iCalendar import (RFC 5545, `.ics`): each VEVENT becomes one mission event or more.

The mapping (every VEVENT's times: `data.imports.ics_events`; zones: `data.imports.ics_zones`):

- the mission: its title from `NAME` or `X-WR-CALNAME` (else the file's name), its summary
  from `X-WR-CALDESC`, its id a slug of the title;
- SUMMARY -> `title` (the event's id is a slug of it, made unique: `launch`, `launch-2`);
  DESCRIPTION -> `description`;
- CATEGORIES: a category that names an event kind (`launch`, `docking`, ...: our own export
  writes the kind there) becomes the event's `kind` (else `milestone`); the first other
  category becomes the event's phase, a phase spanning all of its events; further categories
  are reported;
- LOCATION -> a place (one per distinct name; its zone is the event's IANA zone, else the
  zone assumed for the calendar), GEO -> its `lat` and `lon`; URL -> a source;
- the calendar's bookkeeping (UID, DTSTAMP, SEQUENCE, PRODID, TRANSP, X- properties, ...) is
  left out silently; every other property and component that cannot be mapped (ATTENDEE,
  VALARM, VTODO, ...) is reported, once for each event, as a warning in `unmapped`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from data.i18n import _
from data.imports.base import Imported, ImportFormat
from data.imports.ics_events import Occurrence, event_times, recurrence_key
from data.imports.ics_lines import Component, ContentLine, error, read_components
from data.imports.ics_recur import Budget
from data.imports.ics_values import stamp, text, text_list
from data.imports.ics_zones import Zones
from data.imports.ids import Ids
from data.imports.spans import phase_span
from data.problems import Problem, Severity
from data.records import EventKind

BOOKKEEPING = frozenset(
    [
        "UID",
        "DTSTAMP",
        "CREATED",
        "LAST-MODIFIED",
        "SEQUENCE",
        "TRANSP",
        "CLASS",
        "PRIORITY",
        "STATUS",
        "ORGANIZER",
        "RECURRENCE-ID",
        "DTSTART",
        "DTEND",
        "DURATION",
        "RRULE",
        "RDATE",
        "EXDATE",
        "SUMMARY",
        "DESCRIPTION",
        "CATEGORIES",
        "LOCATION",
        "GEO",
        "URL",
    ]
)
"""VEVENT properties that are mapped, or that only keep a calendar in order (no timeline
fact is lost by leaving them out): never reported. X- properties are left out too."""
CALENDAR_PROPERTIES = frozenset(
    [
        "PRODID",
        "VERSION",
        "CALSCALE",
        "METHOD",
        "NAME",
        "X-WR-CALNAME",
        "X-WR-CALDESC",
        "X-WR-TIMEZONE",
    ]
)
KINDS = frozenset(kind.value for kind in EventKind)
UNTITLED = "Untitled event"
"""The title of an event without SUMMARY: the mission's text, in English whatever the
interface's language (an import gives the same mission in every language)."""


def sniff(content: str) -> bool:
    """An iCalendar text starts with `BEGIN:VCALENDAR` (after a BOM or blank lines)."""
    return content[:1024].lstrip("\ufeff \t\r\n")[:15].upper() == "BEGIN:VCALENDAR"


def read(name: str, content: str) -> Imported:
    """Map an iCalendar text onto a mission document; raise `MissionDataError` naming the
    line of the first thing that cannot be read."""
    components = read_components(name, content)
    unmapped: list[Problem] = []
    calendars = [c for c in components if c.name == "VCALENDAR"]
    if not calendars:
        raise error(name, 1, _("not an iCalendar file: no BEGIN:VCALENDAR"))
    for other in components:
        if other.name != "VCALENDAR":
            message = _("{component} outside VCALENDAR").format(component=other.name)
            unmapped.append(_note(name, other.line, message))
    builder = _Builder(name, unmapped)
    for calendar in calendars:
        builder.add_calendar(calendar)
    return Imported(builder.document(calendars[0]), unmapped)


FORMAT = ImportFormat("ics", "iCalendar", (".ics", ".ical"), sniff, read)


class _Builder:
    """The mission document being made from one or more calendars."""

    def __init__(self, name: str, unmapped: list[Problem]) -> None:
        self.name = name
        self.unmapped = unmapped
        self.event_ids, self.place_ids_made, self.other_ids = Ids(), Ids(), Ids()
        self.events: list[dict[str, Any]] = []
        self.places: dict[str, dict[str, Any]] = {}
        """Place id -> the place; its zone is its first event's IANA zone."""
        self.place_ids: dict[str, str] = {}
        """Place name -> its id."""
        self.sources: dict[str, dict[str, Any]] = {}
        self.phases: dict[str, tuple[str, list[Occurrence]]] = {}
        """Phase id -> its name and the occurrences of its events."""
        self.phase_ids: dict[str, str] = {}
        """Phase name -> its id."""
        self.budget = Budget(name)

    def add_calendar(self, calendar: Component) -> None:
        """Add the events of one VCALENDAR; report its properties and components that are
        not mapped."""
        zones = Zones(self.name, calendar, self.unmapped, self.budget)
        for line in calendar.properties:
            if line.name not in CALENDAR_PROPERTIES and not line.name.startswith("X-"):
                message = _("the calendar's {property} is not imported")
                self._drop(line.number, message.format(property=line.name))
        vevents = [c for c in calendar.children if c.name == "VEVENT"]
        replaced: dict[str, set[datetime]] = {}
        """UID -> the occurrences other VEVENTs replace (RECURRENCE-ID)."""
        for vevent in vevents:
            uid, again = vevent.first("UID"), vevent.first("RECURRENCE-ID")
            if uid is not None and again is not None:
                key = recurrence_key(stamp(self.name, again), zones, again.number)
                replaced.setdefault(uid.value, set()).add(key)
        for component in calendar.children:
            if component.name == "VEVENT":
                uid = component.first("UID")
                is_override = component.first("RECURRENCE-ID") is not None
                done = set() if uid is None or is_override else replaced.get(uid.value, set())
                self._add_event(
                    component,
                    event_times(self.name, component, zones, done, self.unmapped, self.budget),
                )
            elif component.name != "VTIMEZONE":
                message = _("{component} is not imported (only VEVENTs are)")
                self._drop(component.line, message.format(component=component.name))

    def _add_event(self, vevent: Component, times: list[Occurrence]) -> None:
        """The events of one VEVENT's occurrences, with their shared fields."""
        summary = vevent.first("SUMMARY")
        title = " ".join(text(summary).split()) if summary is not None else ""
        if not title:
            title = UNTITLED
            message = _("a VEVENT without SUMMARY: titled {title!r}")
            self._drop(vevent.line, message.format(title=title))
        fields = self._fields(vevent)
        phase = fields.get("phase")
        places: dict[str, Any] = {k: fields.pop(k) for k in ("place", "sources") if k in fields}
        for occurrence in times:
            event: dict[str, Any] = {"id": self.event_ids.new(title, "event"), "title": title}
            event |= fields
            event["planned" if occurrence.planned else "at"] = occurrence.start.text
            if occurrence.end is not None:
                event["end"] = occurrence.end.text
            event |= places
            place = self.places.get(places.get("place", ""))
            if place is not None and "zone" not in place and occurrence.start.zone:
                place["zone"] = occurrence.start.zone
            if phase is not None:
                self.phases[phase][1].append(occurrence)
            self.events.append(event)

    def _fields(self, vevent: Component) -> dict[str, Any]:
        """kind, phase, description, place and source of a VEVENT; reports the rest."""
        fields: dict[str, Any] = {"kind": EventKind.MILESTONE.value}
        others: list[str] = []
        for line in vevent.every("CATEGORIES"):
            for category in text_list(line):
                if category.lower() in KINDS:
                    fields["kind"] = category.lower()
                else:
                    others.append(category)
        if others:
            fields["phase"] = self._phase(others[0])
        for category in others[1:]:
            message = _("category {category!r} not imported (one phase each)")
            self._drop(vevent.line, message.format(category=category[:80]))
        if (about := vevent.first("DESCRIPTION")) is not None and text(about).strip():
            fields["description"] = text(about).strip()
        if (where := vevent.first("LOCATION")) is not None and text(where).strip():
            fields["place"] = self._place(text(where), vevent.first("GEO"))
        if (url := vevent.first("URL")) is not None and url.value.strip():
            fields["sources"] = [self._source(url.value.strip())]
        self._report_unmapped(vevent)
        return fields

    def _report_unmapped(self, vevent: Component) -> None:
        """One warning for each property name and component the mapping leaves out."""
        names = {line.name: line.number for line in reversed(vevent.properties)}
        for name, number in names.items():
            if name not in BOOKKEEPING and not name.startswith("X-"):
                self._drop(number, _("{name} not imported").format(name=name))
        children = {child.name: child.line for child in reversed(vevent.children)}
        for name, number in children.items():
            self._drop(number, _("{name} not imported").format(name=name))

    def _phase(self, category: str) -> str:
        """The id of the phase a category names (made at its first use)."""
        phase_name = " ".join(category.split())
        if phase_name not in self.phase_ids:
            phase_id = self.other_ids.new(phase_name, "phase")
            self.phase_ids[phase_name] = phase_id
            self.phases[phase_id] = (phase_name, [])
        return self.phase_ids[phase_name]

    def _place(self, location: str, geo: ContentLine | None) -> str:
        place_name = ", ".join(part.strip() for part in location.splitlines() if part.strip())
        if place_name not in self.place_ids:
            place_id = self.place_ids_made.new(place_name, "place")
            self.place_ids[place_name] = place_id
            self.places[place_id] = {"id": place_id, "name": place_name}
            if geo is not None:
                self.places[place_id] |= _coordinates(geo.value)
        return self.place_ids[place_name]

    def _source(self, url: str) -> str:
        if url not in self.sources:
            self.sources[url] = {"id": self.other_ids.new("source"), "title": url, "url": url}
        return str(self.sources[url]["id"])

    def _drop(self, line: int | None, message: str) -> None:
        self.unmapped.append(_note(self.name, line, message))

    def document(self, calendar: Component) -> dict[str, Any]:
        """The mission document of everything added."""
        title_line = calendar.first("NAME") or calendar.first("X-WR-CALNAME")
        title = " ".join(text(title_line).split()) if title_line is not None else ""
        title = title or Path(self.name).stem or "Calendar"
        mission: dict[str, Any] = {"id": Ids().new(title), "title": title}
        if (line := calendar.first("X-WR-CALDESC")) is not None and text(line).strip():
            mission["summary"] = text(line).strip()
        document: dict[str, Any] = {"format": 1, "mission": mission}
        if self.sources:
            document["sources"] = list(self.sources.values())
        if self.places:
            document["places"] = [self._zoned(place) for place in self.places.values()]
        if self.phases:
            document["phases"] = [
                {"id": phase_id, "name": phase_name, **phase_span(times)}
                for phase_id, (phase_name, times) in self.phases.items()
                if times
            ]
        document["events"] = self.events
        return document

    def _zoned(self, place: dict[str, Any]) -> dict[str, Any]:
        """A place with its zone: its first event's IANA zone, else UTC (reported)."""
        if "zone" in place:
            return place
        message = _("place {place!r}: no IANA zone known, UTC given")
        self._drop(None, message.format(place=place["name"][:80]))
        return place | {"zone": "UTC"}


def _coordinates(value: str) -> dict[str, float]:
    """GEO `lat;lon` as the place's `lat` and `lon` (nothing if it is not two numbers)."""
    try:
        lat, lon = (float(part) for part in value.split(";"))
    except ValueError:
        return {}
    return {"lat": lat, "lon": lon} if abs(lat) <= 90 and abs(lon) <= 180 else {}


def _note(name: str, line: int | None, message: str) -> Problem:
    """A warning about what was not mapped, at a line of the calendar."""
    return Problem(name, "", message, line, 1 if line else None, Severity.WARNING)
