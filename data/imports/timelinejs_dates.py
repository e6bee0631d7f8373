"""Turning a TimelineJS date object into a mission time, at exactly the precision it gives.

A TimelineJS date is `{year, month, day, hour, minute, second, millisecond}`, each a number or
a string of digits, every part after the year optional; the parts given must come in order
(a day needs a month). Each part given is checked (month 13, day 0 and 31 February are
errors); the mission format supports the years 1900 to 2200 (`OutsideYearsError` for the others:
a valid TimelineJS date the mission cannot hold).

TimelineJS has no zones: every time is read as UTC (`ASSUMED_ZONE`). The mission format has no
year and no hour precision, so neither is written as a point: a year is the span of its
months (January to December) and an hour the span of its minutes (`:00` to `:59`); the
bound a date is used as (`first` or last) picks the end of that span. Nothing finer than the
source gave is ever written.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from typing import Any

from data.i18n import _
from data.load.syntax import MAX_INT_DIGITS, Rejected

UNITS = ("year", "month", "day", "hour", "minute", "second", "millisecond")
"""The parts of a TimelineJS date, coarse to fine."""
FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a mission time may have (docs/format.md)."""
ASSUMED_ZONE = "UTC"
"""The zone every TimelineJS time is read in: TimelineJS dates carry no zone."""
_LIMITS = {"month": (1, 12), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}
_LIMITS["millisecond"] = (0, 999)


class DateError(ValueError):
    """A date part that is not a valid date: `part` names it (`month`), `str` says why."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(message)
        self.part = part


class OutsideYearsError(ValueError):
    """A valid date whose year a mission cannot hold (before 1900 or after 2200)."""


Parts = tuple[int, ...]
"""The parts a date gives, in `UNITS` order: `(2021, 10)` is October 2021."""


def date_parts(raw: Any) -> Parts:
    """The parts of a TimelineJS date object, checked; raise `DateError` or `OutsideYearsError`."""
    if not isinstance(raw, Mapping):
        raise DateError("", _("a date must be an object with at least a year"))
    parts: list[int] = []
    missing = ""
    for unit in UNITS:
        value = _number(unit, raw.get(unit))
        if value is None:
            missing = missing or unit
            continue
        if missing:
            message = _("{unit} given without {missing}")
            raise DateError(unit, message.format(unit=unit, missing=missing))
        parts.append(value)
    if not parts:
        raise DateError("year", _("a date needs a year"))
    _check_ranges(parts)
    return tuple(parts)


def _number(unit: str, value: Any) -> int | None:
    """A part's value: a whole number, or a string of one (TimelineJS sheets give strings, with
    spaces or thousands commas that TimelineJS removes); blank is absent."""
    if value is None:
        return None
    if isinstance(value, Rejected):
        raise DateError(unit, value.reason)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise DateError(unit, _("{unit} must be a whole number").format(unit=unit))
    if isinstance(value, float):
        if not value.is_integer():
            message = _("{unit} {value!r} is not a whole number")
            raise DateError(unit, message.format(unit=unit, value=value))
        value = int(value)
    if isinstance(value, str):
        text = "".join(value.split()).replace(",", "")
        if not text:
            return None
        digits = text.removeprefix("-")
        if not digits.isascii() or not digits.isdigit():
            message = _("{unit} {value!r} is not a whole number")
            raise DateError(unit, message.format(unit=unit, value=value[:20]))
        if len(digits) > MAX_INT_DIGITS:
            message = _("{unit} with {count} digits is out of range")
            raise DateError(unit, message.format(unit=unit, count=len(digits)))
        return int(text)
    return int(value)


def _check_ranges(parts: list[int]) -> None:
    """Raise `DateError` for a part out of its range, `OutsideYearsError` for a year a
    mission cannot hold."""
    for unit, value in zip(UNITS, parts, strict=False):
        low, high = _LIMITS.get(unit, (value, value))
        if unit == "day":
            low, high = 1, calendar.monthrange(min(max(parts[0], 1), 9999), parts[1])[1]
        if not low <= value <= high:
            message = _("{unit} {value} is out of range ({low} to {high})")
            raise DateError(unit, message.format(unit=unit, value=value, low=low, high=high))
    if not FIRST_YEAR <= parts[0] <= LAST_YEAR:
        message = _("year {year} is outside the years a mission holds ({first} to {last})")
        raise OutsideYearsError(message.format(year=parts[0], first=FIRST_YEAR, last=LAST_YEAR))


def widened(parts: Parts) -> str | None:
    """How a date at a precision the mission format lacks is written (the warning that says
    so), or None: `year` is the span of its months, `hour` of its minutes."""
    if len(parts) == 1:
        message = _(
            "year {year} only: written as the months {year}-01 to {year}-12 "
            "(a mission has no year precision)"
        )
        return message.format(year=parts[0])
    if len(parts) == 4:
        message = _(
            "hour {hour} only: written as the minutes :00 to :59 (a mission has no hour precision)"
        )
        return message.format(hour=f"{parts[3]:02d}")
    return None


def time_text(parts: Parts, first: bool) -> str:
    """The mission time of `parts` in `ASSUMED_ZONE`, as the start (`first`) or the end of the
    span a year or an hour stands for."""
    if len(parts) == 1:
        parts = (parts[0], 1 if first else 12)
    if len(parts) == 4:
        parts = (*parts, 0 if first else 59)
    text = f"{parts[0]:04d}-{parts[1]:02d}"
    if len(parts) >= 3:
        text += f"-{parts[2]:02d}"
    if len(parts) == 2 or len(parts) == 3:
        return f"{text}[{ASSUMED_ZONE}]"
    text += f"T{parts[3]:02d}:{parts[4]:02d}"
    if len(parts) >= 6:
        text += f":{parts[5]:02d}"
    if len(parts) == 7:
        text += f".{parts[6]:03d}"
    return f"{text}Z"


def lowest(parts: Parts) -> tuple[int, ...]:
    """The earliest moment `parts` can mean, for comparing: the missing parts at their least."""
    return (*parts, *(0,) * (len(UNITS) - len(parts)))


def highest(parts: Parts) -> tuple[int, ...]:
    """The latest moment `parts` can mean, for comparing: the missing parts above any value."""
    return (*parts, *(1 << 20,) * (len(UNITS) - len(parts)))


def ordered(start: Parts, end: Parts) -> bool:
    """Whether a span from `start` to `end` does not end before it starts (each as wide as
    its precision: a year from January to December)."""
    return highest(end) >= lowest(start)
