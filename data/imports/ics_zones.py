"""Writing iCalendar dates and date-times as mission times, in the zones the calendar gives.

A DATE-TIME is in UTC (`Z`), in the zone of its TZID, or floating (neither). A TZID is read
as an IANA zone when it is one (`Europe/Berlin`), as the IANA zone of a Windows zone name
(`Eastern Standard Time`, the CLDR mapping the `icalendar` library ships), or by the offsets
its VTIMEZONE gives (the time then keeps its UTC offset and no zone). What is assumed is said
once per zone in `unmapped`: a floating time or an all-day date (which a mission needs in a
zone) is read in the calendar's `X-WR-TIMEZONE` when that is an IANA zone, else in UTC.

A time whose seconds are zero is written to the minute: iCalendar has no way to leave the
seconds out, and calendar apps write `:00`, so a second of zero is not a stated second.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from data.imports.ics_lines import Component
from data.imports.ics_values import Stamp, stamp, stamps
from data.problems import Problem, Severity
from data.times.parse import TimeFormatError, zone_info


class Zones:
    """The zones of one calendar, and the notes on what was assumed about them."""

    def __init__(self, name: str, calendar: Component, unmapped: list[Problem]) -> None:
        self.name = name
        self.unmapped = unmapped
        self.definitions = {
            tzid.value: component
            for component in calendar.children
            if component.name == "VTIMEZONE" and (tzid := component.first("TZID")) is not None
        }
        default = calendar.first("X-WR-TIMEZONE")
        self.default = _iana(default.value.strip()) if default is not None else None
        self.default_name = self.default.key if self.default is not None else "UTC"
        self._resolved: dict[str, ZoneInfo | Component | None] = {}
        self._noted: set[str] = set()

    def time(self, when: Stamp, line: int) -> str:
        """The mission time of a DATE or DATE-TIME (`line`: where it is written)."""
        if not isinstance(when.value, datetime):
            self._note("date", line, f"all-day dates have no zone: read in {self.default_name}")
            return f"{when.value.isoformat()}[{self.default_name}]"
        if when.utc:
            return _clock(when.value) + "Z"
        if when.tzid is None:
            self._note("floating", line, f"times without a zone read in {self.default_name}")
            return self._in_zone(when.value, self.default or ZoneInfo("UTC"))
        zone = self._zone(when.tzid, line)
        if isinstance(zone, ZoneInfo):
            return self._in_zone(when.value, zone)
        if zone is None:
            return _clock(when.value) + "Z"
        return _clock(when.value) + _offset_text(_offset(self.name, zone, when.value))

    def instant(self, when: Stamp, line: int) -> datetime:
        """The aware date-time of a DATE-TIME (a date: its midnight in the default zone), for
        expanding recurrences."""
        value = when.value
        if not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day, tzinfo=self.default or UTC)
        if when.utc:
            return value.replace(tzinfo=UTC)
        zone = self._zone(when.tzid, line) if when.tzid else self.default
        if isinstance(zone, ZoneInfo):
            return value.replace(tzinfo=zone)
        if isinstance(zone, Component):
            return value.replace(tzinfo=timezone(_offset(self.name, zone, value)))
        return value.replace(tzinfo=UTC)

    def _in_zone(self, local: datetime, zone: ZoneInfo) -> str:
        """A local time in an IANA zone, with the offset in force (a time in a gap moves to
        the instant RFC 5545 gives it: the offset before the gap)."""
        moment = local.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
        offset = moment.utcoffset() or timedelta(0)
        return f"{_clock(moment.replace(tzinfo=None))}{_offset_text(offset)}[{zone.key}]"

    def _zone(self, tzid: str, line: int) -> ZoneInfo | Component | None:
        """The IANA zone or the VTIMEZONE of a TZID; None (UTC) for one that is neither."""
        if tzid not in self._resolved:
            self._resolved[tzid] = self._resolve(tzid, line)
        return self._resolved[tzid]

    def _resolve(self, tzid: str, line: int) -> ZoneInfo | Component | None:
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON  # not at start-up

        shown = tzid[:80]
        if (zone := _iana(tzid)) is not None:
            return zone
        if tzid in WINDOWS_TO_OLSON and (zone := _iana(WINDOWS_TO_OLSON[tzid])) is not None:
            self._note(tzid, line, f"the Windows zone {shown!r} read as {zone.key}")
            return zone
        if tzid in self.definitions:
            self._note(tzid, line, f"zone {shown!r} is no IANA zone: times keep its UTC offsets")
            return self.definitions[tzid]
        self._note(tzid, line, f"zone {shown!r} is not defined (no VTIMEZONE): read as UTC")
        return None

    def _note(self, key: str, line: int, message: str) -> None:
        """Say once (for each key) what was assumed."""
        if key not in self._noted:
            self._noted.add(key)
            self.unmapped.append(Problem(self.name, "", message, line, 1, Severity.WARNING))


def _iana(name: str) -> ZoneInfo | None:
    """The IANA zone of that name, or None."""
    try:
        return zone_info(name)
    except TimeFormatError:
        return None


def _clock(local: datetime) -> str:
    """`YYYY-MM-DDTHH:MM`, with `:SS` only when the seconds are not zero."""
    return local.isoformat(timespec="seconds" if local.second else "minutes")


def _offset_text(offset: timedelta) -> str:
    """`+03:00`, `-04:00` or `Z`."""
    if not offset:
        return "Z"
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _offset(name: str, definition: Component, local: datetime) -> timedelta:
    """The UTC offset a VTIMEZONE gives at a local time: TZOFFSETTO of the observance (STANDARD
    or DAYLIGHT) whose latest onset is at or before it (or of the earliest one before all)."""
    best: tuple[datetime, timedelta] | None = None
    for observance in definition.children:
        onset = _latest_onset(name, observance, local)
        offset_line = observance.first("TZOFFSETTO")
        if onset is None or offset_line is None:
            continue
        offset = _utc_offset(offset_line.value)
        if offset is not None and (best is None or onset > best[0]):
            best = (onset, offset)
    return best[1] if best is not None else timedelta(0)


def _latest_onset(name: str, observance: Component, local: datetime) -> datetime | None:
    """The latest onset of an observance at or before `local` (naive local times)."""
    from dateutil.rrule import rrulestr  # imported when a calendar is, not at start-up

    start_line = observance.first("DTSTART")
    if start_line is None:
        return None
    start = stamp(name, start_line).value
    if not isinstance(start, datetime):
        start = datetime(start.year, start.month, start.day)
    if start > local:
        return None
    onsets = [start]
    for rdate in observance.every("RDATE"):
        onsets += [s.value for s in stamps(name, rdate) if isinstance(s.value, datetime)]
    rule = observance.first("RRULE")
    if rule is not None and re.search(r"FREQ=(YEARLY|MONTHLY)(;|$)", rule.value.upper()):
        # Zones change their offsets yearly; a finer rule is no zone's, and could take
        # long to walk from 1601 (Outlook's DTSTART) to today.
        try:
            found = rrulestr(rule.value, dtstart=start, ignoretz=True).before(local, inc=True)
        except (ValueError, TypeError, OverflowError):
            found = None
        if isinstance(found, datetime):
            onsets.append(found)
    return max((o for o in onsets if isinstance(o, datetime) and o <= local), default=None)


def _utc_offset(text: str) -> timedelta | None:
    """`+0200`, `-0500` or `+000115` as a timedelta; None if it is not one."""
    value = text.strip()
    if len(value) not in (5, 7) or value[0] not in "+-" or not value[1:].isdigit():
        return None
    hours, minutes, seconds = int(value[1:3]), int(value[3:5]), int(value[5:7] or 0)
    size = timedelta(hours=hours, minutes=minutes, seconds=seconds)
    if size >= timedelta(hours=24):
        return None
    return -size if value[0] == "-" else size
