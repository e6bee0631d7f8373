"""One VEVENT as the times and fields of mission events: its occurrences, start, end, status.

- DTSTART is the event's time; DTEND (exclusive in iCalendar: an all-day event's last day is
  the day before) or DURATION makes it a span (`end`); no end, `DURATION:P0D` or an end at the
  start make it a point. An all-day event is a date, never a midnight time.
- STATUS: TENTATIVE makes the time `planned` (the actual time is unknown); CANCELLED events
  are not imported (reported); any other is the actual time (`at`).
- A recurring event (RRULE, RDATE) becomes one event per occurrence (`data.imports.ics_recur`
  for the limits), less its EXDATEs and the occurrences that another VEVENT of the same UID
  replaces (RECURRENCE-ID).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from data.i18n import _
from data.imports.ics_lines import Component
from data.imports.ics_recur import Budget, occurrences
from data.imports.ics_values import Stamp, duration, stamp, stamps
from data.imports.ics_zones import Zones
from data.problems import Problem, Severity
from data.times.parse import TimeFormatError, When, parse_when


@dataclass(frozen=True, slots=True)
class Occurrence:
    """The times of one occurrence of a VEVENT, as mission time strings."""

    start: When
    end: When | None
    planned: bool
    """TENTATIVE: the time is the planned one."""


def recurrence_key(when: Stamp, zones: Zones, line: int) -> datetime:
    """What identifies an occurrence (RECURRENCE-ID, EXDATE): its instant in UTC (an all-day
    one's: its midnight in the calendar's zone), so dates and times always compare."""
    return zones.instant(when, line).astimezone(UTC)


def event_times(
    name: str,
    vevent: Component,
    zones: Zones,
    replaced: set[datetime],
    unmapped: list[Problem],
    budget: Budget,
) -> list[Occurrence]:
    """The occurrences of a VEVENT (one unless it recurs); reports what it drops."""
    start_line = vevent.first("DTSTART")
    if start_line is None:
        message = _("a VEVENT without DTSTART is not imported")
        unmapped.append(_note(name, vevent.line, message))
        return []
    status_line = vevent.first("STATUS")
    status = status_line.value.strip().upper() if status_line is not None else ""
    if status == "CANCELLED":
        unmapped.append(_note(name, vevent.line, _("a cancelled event is not imported")))
        return []
    start = stamp(name, start_line)
    length = _length(name, vevent, start, zones)
    planned = status == "TENTATIVE"
    firsts = _starts(name, vevent, start, zones, replaced, unmapped, budget)
    found: list[Occurrence] = []
    for first in firsts:
        try:
            found.append(_occurrence(first, length, zones, start_line.number, planned))
        except TimeFormatError as reason:
            message = _("not imported: {reason}").format(reason=reason)
            unmapped.append(_note(name, start_line.number, message))
    return found


def _length(name: str, vevent: Component, start: Stamp, zones: Zones) -> timedelta | None:
    """The event's length from DTEND or DURATION; None for a point (no end). An all-day
    event's length is in whole days; a timed one's on the clock of its start (local
    arithmetic across a change of offset, as RFC 5545 adds durations)."""
    end_line = vevent.first("DTEND")
    if end_line is not None:
        end = stamp(name, end_line)
        first, last = start.value, end.value
        if isinstance(first, datetime) and isinstance(last, datetime):
            if end.tzid == start.tzid and end.utc == start.utc:
                return last - first
            ends = zones.instant(end, end_line.number)
            return ends - zones.instant(start, end_line.number)
        if not isinstance(first, datetime) and not isinstance(last, datetime):
            return last - first
        return None  # a date against a date-time: RFC 5545 forbids it; read as a point
    duration_line = vevent.first("DURATION")
    return duration(name, duration_line) if duration_line is not None else None


def _starts(
    name: str,
    vevent: Component,
    start: Stamp,
    zones: Zones,
    replaced: set[datetime],
    unmapped: list[Problem],
    budget: Budget,
) -> list[Stamp]:
    """The starts of every occurrence: DTSTART, its RRULE's and RDATEs, less EXDATEs and
    replaced occurrences."""
    rule = vevent.first("RRULE")
    rdates = [s for line in vevent.every("RDATE") for s in stamps(name, line)]
    if rule is None and not rdates:
        return [start]
    first = start.value
    firsts = [start]
    if rule is not None:
        anchor = zones.instant(start, rule.number) if isinstance(first, datetime) else _naive(first)
        found, left_out = occurrences(name, rule, anchor, budget)
        firsts = [_stamp_at(moment, start) for moment in found]
        if left_out is not None:
            unmapped.append(_note(name, rule.number, left_out))
    exdates = [s for line in vevent.every("EXDATE") for s in stamps(name, line)]
    dropped = replaced | {recurrence_key(s, zones, vevent.line) for s in exdates}
    every = firsts + rdates
    unique = {recurrence_key(s, zones, vevent.line): s for s in every}
    return [s for key, s in sorted(unique.items()) if key not in dropped]


def _naive(day: date | datetime) -> datetime:
    return datetime(day.year, day.month, day.day)


def _stamp_at(moment: datetime, start: Stamp) -> Stamp:
    """An occurrence's start, in the clock of DTSTART (its zone, UTC, or a date)."""
    if not isinstance(start.value, datetime):
        return Stamp(moment.date())
    if start.utc:
        return Stamp(moment.astimezone(UTC).replace(tzinfo=None), utc=True)
    return Stamp(moment.replace(tzinfo=None), tzid=start.tzid)


def _occurrence(
    first: Stamp, length: timedelta | None, zones: Zones, line: int, planned: bool
) -> Occurrence:
    """One occurrence's start and end; raise `TimeFormatError` if a time cannot be a mission
    time (before 1900, after 2200)."""
    start = parse_when(zones.time(first, line))
    end: When | None = None
    if length is not None and length > timedelta(0):
        if not isinstance(first.value, datetime):
            last = first.value + length - timedelta(days=1)
            ending = Stamp(last) if last > first.value else None
        else:
            ending = Stamp(first.value + length, first.utc, first.tzid)
        if ending is not None:
            end = parse_when(zones.time(ending, line))
            end = end if end.instant > start.instant else None  # so it never ends before it starts
    return Occurrence(start, end, planned)


def _note(name: str, line: int, message: str) -> Problem:
    return Problem(name, "", message, line, 1, Severity.WARNING)
