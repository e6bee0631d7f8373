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

from bisect import bisect_right
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from data.i18n import _
from data.imports.ics_lines import Component
from data.imports.ics_recur import Budget, occurrences
from data.imports.ics_values import Stamp, stamp, stamps
from data.problems import Problem, Severity
from data.times.parse import TimeFormatError, zone_info


class Zones:
    """The zones of one calendar, and the notes on what was assumed about them."""

    def __init__(
        self, name: str, calendar: Component, unmapped: list[Problem], budget: Budget
    ) -> None:
        self.name = name
        self.unmapped = unmapped
        self.budget = budget
        self._observances: dict[int, list[datetime]] = {}
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
            message = _("all-day dates have no zone: read in {zone}")
            self._note("date", line, message.format(zone=self.default_name))
            return f"{when.value.isoformat()}[{self.default_name}]"
        if when.utc:
            return _clock(when.value) + "Z"
        if when.tzid is None:
            message = _("times without a zone read in {zone}")
            self._note("floating", line, message.format(zone=self.default_name))
            return self._in_zone(when.value, self.default or ZoneInfo("UTC"))
        zone = self._zone(when.tzid, line)
        if isinstance(zone, ZoneInfo):
            return self._in_zone(when.value, zone)
        if zone is None:
            return _clock(when.value) + "Z"
        return _clock(when.value) + _offset_text(self._offset(zone, when.value))

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
            return value.replace(tzinfo=timezone(self._offset(zone, value)))
        return value.replace(tzinfo=UTC)

    def _offset(self, definition: Component, local: datetime) -> timedelta:
        """The UTC offset a VTIMEZONE gives at a local time: TZOFFSETTO of the observance
        (STANDARD or DAYLIGHT) whose latest onset is at or before it (zero before them all)."""
        best: tuple[datetime, timedelta] | None = None
        for observance in definition.children:
            onsets = self._onsets(observance)
            offset_line = observance.first("TZOFFSETTO")
            at = bisect_right(onsets, local)
            offset = _utc_offset(offset_line.value) if offset_line is not None else None
            if at and offset is not None and (best is None or onsets[at - 1] > best[0]):
                best = (onsets[at - 1], offset)
        return best[1] if best is not None else timedelta(0)

    def _onsets(self, observance: Component) -> list[datetime]:
        """When an observance begins (naive local times, sorted): its DTSTART, RDATEs and
        RRULE's occurrences (expanded once, within `data.imports.ics_recur`'s limits)."""
        key = id(observance)
        if key not in self._observances:
            self._observances[key] = sorted(_onsets(self.name, observance, self.budget))
        return self._observances[key]

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
            message = _("the Windows zone {tzid!r} read as {zone}")
            self._note(tzid, line, message.format(tzid=shown, zone=zone.key))
            return zone
        if tzid in self.definitions:
            message = _("zone {tzid!r} is no IANA zone: times keep its UTC offsets")
            self._note(tzid, line, message.format(tzid=shown))
            return self.definitions[tzid]
        message = _("zone {tzid!r} is not defined (no VTIMEZONE): read as UTC")
        self._note(tzid, line, message.format(tzid=shown))
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


def _onsets(name: str, observance: Component, budget: Budget) -> list[datetime]:
    """An observance's DTSTART, RDATEs and RRULE occurrences, as naive local times."""
    start_line = observance.first("DTSTART")
    if start_line is None:
        return []
    start = stamp(name, start_line).value
    if not isinstance(start, datetime):
        start = datetime(start.year, start.month, start.day)
    found = [start]
    for rdate in observance.every("RDATE"):
        found += [s.value for s in stamps(name, rdate) if isinstance(s.value, datetime)]
    rule = observance.first("RRULE")
    if rule is not None:
        found += occurrences(name, rule, start, budget, events=False)[0]
    return found


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
