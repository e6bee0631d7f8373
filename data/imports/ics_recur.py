"""Expanding a recurring VEVENT's RRULE into its occurrences, within limits that hold for
any rule, however hostile.

The rule is expanded by `dateutil.rrule` (the library `icalendar` builds on) on wall-clock
times (UNTIL in UTC is turned into the start's wall clock first), and:

- at most `MAX_OCCURRENCES` occurrences of one event are made: a weekly meeting without end
  gives its first `MAX_OCCURRENCES`, and the rest are reported; `COUNT` is applied while
  iterating, so a huge `COUNT` costs nothing;
- never past `LAST_YEAR` (mission times end there), nor past `MAX_PERIODS` of the rule's
  periods (FREQ times INTERVAL) from its start (reported);
- only DAILY, WEEKLY, MONTHLY and YEARLY rules are expanded (what calendar apps write); a
  finer one gives its first occurrence only (reported);
- a rule whose parts never match would make `dateutil` walk period after period up to the
  year 9999: the expansion runs in years moved forward by whole 400-year cycles (the
  Gregorian calendar repeats exactly every 400 years, weekdays and leap days included), so
  that walk is at most about 400 years long; and the periods walked by all the rules of a
  calendar are counted (`Budget`): past `MAX_PERIODS_TOTAL`, or past `MAX_EXTRA_EVENTS`
  events made by recurrences, the file is refused (a small file must not take minutes or
  become millions of events).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from data.i18n import _
from data.imports.ics_lines import ContentLine, error

MAX_OCCURRENCES = 1000
"""At most this many occurrences of one recurring event are imported (about three years
of a daily event)."""
MAX_PERIODS = 2000
"""A rule is followed over at most this many of its periods from its start: 2000 days of a
daily rule, about 38 years of a weekly one."""
MAX_PERIODS_TOTAL = 2_000_000
"""The periods the rules of one calendar may walk in all (a daily rule that never matches
walks at most about 150,000 days: 400 years and its window)."""
MAX_EXTRA_EVENTS = 100_000
"""At most this many events may come from recurrences in one calendar."""
LAST_YEAR = 2200
"""Occurrences after this year are never made: mission times end there (docs/format.md)."""

_CYCLE_YEARS = 400
_UNTIL = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?")
_PERIODS = {
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(weeks=1),
    "MONTHLY": timedelta(days=31),
    "YEARLY": timedelta(days=366),
}
"""The longest each FREQ's period can be (a bound, so a month is 31 days)."""


class Budget:
    """What the recurrences of one calendar have cost so far, against the limits."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.periods = 0
        self.extra = 0

    def spend(self, line: int, periods: int, occurrences: int) -> None:
        """Count a rule's walk and its occurrences; raise `MissionDataError` past a limit."""
        self.periods += periods
        self.extra += max(0, occurrences - 1)
        if self.periods > MAX_PERIODS_TOTAL:
            message = _("recurrence rules walk more than {count} periods in all")
            raise error(self.name, line, message.format(count=f"{MAX_PERIODS_TOTAL:,}"))
        if self.extra > MAX_EXTRA_EVENTS:
            message = _("recurring events expand to more than {count} events")
            raise error(self.name, line, message.format(count=f"{MAX_EXTRA_EVENTS:,}"))


def occurrences(
    name: str, line: ContentLine, start: datetime, budget: Budget, *, events: bool = True
) -> tuple[list[datetime], str | None]:
    """The occurrences of the RRULE `line` from `start` (aware for a timed event, naive for
    an all-day one), within the limits, and what was left out (None: nothing). With
    `events=False` (a VTIMEZONE's onsets) the walk counts against the budget, the
    occurrences do not."""
    count, until, kept = _parts(name, line, start)
    frequency = next(
        (p.partition("=")[2].upper() for p in kept if p.upper().startswith("FREQ=")), ""
    )
    if frequency not in _PERIODS:
        message = _("RRULE FREQ={frequency} is not expanded: the first occurrence only")
        return [start], message.format(frequency=frequency[:20])
    period = _PERIODS[frequency] * _interval(name, line, kept)  # at most 6 digits: no overflow
    wall = start.replace(tzinfo=None)
    last = datetime.combine(date(LAST_YEAR, 12, 31), time(23, 59, 59))
    end = min(until, last) if until is not None else last
    reach = period.total_seconds() * MAX_PERIODS
    window = wall + timedelta(seconds=reach) if reach < (end - wall).total_seconds() else end
    wanted = MAX_OCCURRENCES + 1 if count is None else min(count, MAX_OCCURRENCES + 1)
    found, walked = _walk(name, line, ";".join(kept), wall, window, wanted)
    budget.spend(line.number, max(0, int(walked / period)) + 1, len(found) if events else 1)
    found = [moment.replace(tzinfo=start.tzinfo) for moment in found]
    if len(found) > MAX_OCCURRENCES:
        limit = MAX_OCCURRENCES
        message = _("recurs more than {limit} times: only the first {limit} imported")
        return found[:limit], message.format(limit=limit)
    if not found:
        return found, _("its RRULE gives no occurrence: not imported")
    if window < end and (count is None or len(found) < count):
        message = _("recurrence followed over {count} periods only (to {day})")
        return found, message.format(count=MAX_PERIODS, day=window.date())
    return found, None


def _walk(
    name: str, line: ContentLine, rule_text: str, start: datetime, window: datetime, wanted: int
) -> tuple[list[datetime], timedelta]:
    """The rule's wall-clock occurrences from `start` to `window` (at most `wanted`), and how
    far `dateutil` walked to find them; run in years moved forward by whole 400-year cycles,
    so that a rule that never matches stops at the year 9999 soon after `window`."""
    from dateutil.rrule import rrulestr  # imported when a calendar is, not at start-up

    cycles = (datetime.max.year - 1 - max(window, start).year) // _CYCLE_YEARS
    shift = cycles * _CYCLE_YEARS
    found: list[datetime] = []
    stop = datetime.max
    try:
        rule = rrulestr(rule_text, dtstart=start.replace(year=start.year + shift))
        for moment in rule:
            back = moment.replace(year=moment.year - shift)
            if back > window:
                stop = back
                break
            found.append(back)
            if len(found) == wanted:
                stop = back
                break
    except (ValueError, TypeError, OverflowError, KeyError, IndexError) as reason:
        message = _("RRULE cannot be read: {reason}").format(reason=str(reason)[:120])
        raise error(name, line.number, message) from None
    reached = (
        stop if stop is not datetime.max else datetime.max.replace(year=datetime.max.year - shift)
    )
    return found, reached - start


def _parts(
    name: str, line: ContentLine, start: datetime
) -> tuple[int | None, datetime | None, list[str]]:
    """COUNT, UNTIL (on the start's wall clock) and the rule's other parts."""
    count: int | None = None
    until: datetime | None = None
    kept: list[str] = []
    for part in "".join(line.value.split()).split(";"):  # Outlook writes "MO, TU"
        key, _equals, value = part.partition("=")
        if key.upper() == "COUNT":
            count = _number(name, line, "COUNT", value)
        elif key.upper() == "UNTIL":
            until = _until(name, line, value, start)
        elif part:
            kept.append(part)
    return count, until, kept


def _interval(name: str, line: ContentLine, parts: list[str]) -> int:
    """The rule's INTERVAL (1 when not given)."""
    for part in parts:
        key, _equals, value = part.upper().partition("=")
        if key == "INTERVAL":
            return _number(name, line, "INTERVAL", value)
    return 1


def _number(name: str, line: ContentLine, key: str, value: str) -> int:
    """A COUNT or INTERVAL: a positive number of at most 6 digits (COUNT: 12)."""
    digits = 12 if key == "COUNT" else 6
    if not value.isdigit() or len(value) > digits or not int(value):
        message = _("RRULE: {key} is not a positive number: {value!r}")
        raise error(name, line.number, message.format(key=key, value=value[:20]))
    return int(value)


def _until(name: str, line: ContentLine, value: str, start: datetime) -> datetime:
    """UNTIL on the wall clock of `start` (a date: the end of that day; a UTC time: turned
    into the start's zone)."""
    match = _UNTIL.fullmatch(value)
    if match is None:
        message = _("RRULE: UNTIL is not a date: {value!r}").format(value=value[:40])
        raise error(name, line.number, message)
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    try:
        if match[4] is None:
            return datetime.combine(date(year, month, day), time(23, 59, 59))
        moment = datetime(year, month, day, int(match[4]), int(match[5]), int(match[6]))
        if match[7] and start.tzinfo is not None:
            return moment.replace(tzinfo=UTC).astimezone(start.tzinfo).replace(tzinfo=None)
    except (ValueError, OverflowError) as reason:
        message = _("RRULE: UNTIL is not a date: {reason}").format(reason=reason)
        raise error(name, line.number, message) from None
    return moment
