"""Reading iCalendar values (RFC 5545 section 3.3): text, lists, dates, date-times, durations.

Each reader takes a `ContentLine` and raises `MissionDataError` naming the file and its line
when the value is not what the property must hold; nothing else escapes (a value is untrusted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from data.i18n import _
from data.imports.ics_lines import ContentLine, error

_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DATE_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)")
_DURATION = re.compile(
    r"([+-])?P(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,7})H)?(?:(\d{1,9})M)?(?:(\d{1,10})S)?)?"
)
_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ";": ";", ",": ","}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def text(line: ContentLine) -> str:
    """A TEXT value with its escapes read (`\\n` a new line, `\\,` a comma, ...)."""
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m[1], m[0]), line.value)


def text_list(line: ContentLine) -> list[str]:
    """A comma-separated list of TEXT values (CATEGORIES), each with its escapes read,
    empty items left out."""
    items = re.split(r"(?<!\\),", line.value)
    return [
        value
        for item in items
        if (value := _ESCAPE.sub(lambda m: _ESCAPES.get(m[1], m[0]), item).strip())
    ]


@dataclass(frozen=True, slots=True)
class Stamp:
    """A DATE or DATE-TIME value: the date, or the local date-time and whether it is UTC."""

    value: date | datetime
    """A `date` (all day), or a naive `datetime` (local in the zone of `tzid`, in UTC when
    `utc`, floating when neither)."""
    utc: bool = False
    tzid: str | None = None


def stamps(name: str, line: ContentLine) -> list[Stamp]:
    """Every DATE or DATE-TIME of the value (RDATE and EXDATE take lists; a PERIOD counts by
    its start), with the line's TZID."""
    return [stamp(name, line, item.partition("/")[0]) for item in line.value.split(",")]


def stamp(name: str, line: ContentLine, value: str | None = None) -> Stamp:
    """The DATE or DATE-TIME value of a property (DTSTART, DTEND, RECURRENCE-ID)."""
    written = (line.value if value is None else value).strip()
    try:
        if match := _DATE_TIME.fullmatch(written):
            year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
            local = datetime(year, month, day, hour, minute, second)
            utc = bool(match[7])
            return Stamp(local, utc, None if utc else line.parameters.get("TZID"))
        if match := _DATE.fullmatch(written):
            return Stamp(date(*(int(part) for part in match.groups())))
    except ValueError as reason:
        message = _("{name}: not a date: {value!r} ({reason})")
        raise error(
            name, line.number, message.format(name=line.name, value=written[:40], reason=reason)
        ) from None
    message = _("{name}: not a date (YYYYMMDD) or a date-time (YYYYMMDDTHHMMSS[Z]): {value!r}")
    raise error(name, line.number, message.format(name=line.name, value=written[:40]))


def duration(name: str, line: ContentLine) -> timedelta:
    """A DURATION value (`PT1H30M`, `P1D`, `P0D`, `-PT15M`)."""
    match = _DURATION.fullmatch(line.value.strip())
    if match is None or line.value.strip() in ("P", "-P", "+P") or line.value.endswith("T"):
        message = _("DURATION: not a duration: {value!r}").format(value=line.value[:40])
        raise error(name, line.number, message)
    weeks, days, hours, minutes, seconds = (int(part or 0) for part in match.groups()[1:])
    value = timedelta(
        weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds
    )  # every part's digits are bounded, so this never overflows
    return -value if match[1] == "-" else value
