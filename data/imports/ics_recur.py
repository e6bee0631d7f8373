"""Expanding a recurring VEVENT (RRULE, RDATE, EXDATE) into its occurrences, within limits.

An RRULE is expanded by `dateutil.rrule` (the library `icalendar` builds on), never past
`LAST_YEAR` (the last year a mission time may have) and never to more than
`MAX_OCCURRENCES` occurrences of one event: a weekly meeting without end gives its first
`MAX_OCCURRENCES`, and the rest are reported. `COUNT` is applied while iterating, so a huge
`COUNT` costs nothing; every rule is bounded in time, so a rule that never matches ends.
A calendar may add at most `MAX_EXTRA_EVENTS` events by recurrence in all; more is refused
(a small file must not become millions of events).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from itertools import islice

from dateutil.rrule import rrule, rrulestr

from data.imports.ics_lines import ContentLine, error

MAX_OCCURRENCES = 1000
"""At most this many occurrences of one recurring event are imported (about three years
of a daily event)."""
MAX_EXTRA_EVENTS = 100_000
"""At most this many events may come from recurrences in one calendar."""
LAST_YEAR = 2200
"""Occurrences after this year are never made: mission times end there (docs/format.md)."""

_UNTIL = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?")


def occurrences(name: str, line: ContentLine, start: datetime) -> tuple[list[datetime], bool]:
    """The occurrences of the RRULE `line` from `start` (aware for a timed event, naive for
    an all-day one), at most `MAX_OCCURRENCES`, and whether the rule has more."""
    count: int | None = None
    until: datetime | None = None
    kept: list[str] = []
    for part in "".join(line.value.split()).split(";"):  # Outlook writes "MO, TU"
        key, _, value = part.partition("=")
        if key.upper() == "COUNT":
            if not value.isdigit() or len(value) > 12:
                raise error(name, line.number, f"RRULE: COUNT is not a number: {value[:20]!r}")
            count = int(value)
        elif key.upper() == "UNTIL":
            until = _until(name, line, value, start)
        elif part:
            kept.append(part)
    last = datetime.combine(date(LAST_YEAR, 12, 31), time(23, 59, 59), start.tzinfo)
    try:
        rule = rrulestr(";".join(kept), dtstart=start)
        assert isinstance(rule, rrule)
        rule = rule.replace(until=min(until, last) if until is not None else last)
        wanted = MAX_OCCURRENCES + 1 if count is None else min(count, MAX_OCCURRENCES + 1)
        found = list(islice(rule, wanted))
    except (ValueError, TypeError, OverflowError, AssertionError) as reason:
        raise error(name, line.number, f"RRULE cannot be read: {str(reason)[:120]}") from None
    return found[:MAX_OCCURRENCES], len(found) > MAX_OCCURRENCES


def _until(name: str, line: ContentLine, value: str, start: datetime) -> datetime:
    """UNTIL as a date-time comparable with `start` (a date: the end of that day)."""
    match = _UNTIL.fullmatch(value)
    if match is None:
        raise error(name, line.number, f"RRULE: UNTIL is not a date: {value[:40]!r}")
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    try:
        if match[4] is None:
            return datetime.combine(date(year, month, day), time(23, 59, 59), start.tzinfo)
        moment = datetime(year, month, day, int(match[4]), int(match[5]), int(match[6]))
    except ValueError as reason:
        raise error(name, line.number, f"RRULE: UNTIL is not a date: {reason}") from None
    if start.tzinfo is None:
        return moment
    return moment.replace(tzinfo=UTC if match[7] else start.tzinfo)
