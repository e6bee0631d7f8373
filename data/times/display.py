"""Showing instants in a chosen zone, to the precision the source gave.

The standard library's zoneinfo gives the abbreviation and offset in force on the date, as
pendulum would (a test compares the two): the first frame of the app shows times, and
importing pendulum costs start-up about 20 ms. `show` formats one time (the rows on screen,
the detail panes); `data.times.display_bulk.BulkShow` gives the same text for many (exports).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import cache

import msgspec

from data.times.dates import date_text
from data.times.parse import Precision, When, zone_info

STATED = "stated"
"""The pseudo-zone that shows every time in the zone its source stated it in."""


@cache
def clock_texts() -> tuple[list[str], list[str]]:
    """`HH:MM` for every minute of a day and `:SS` for every second of a minute, by number:
    the tables the relative times and the bulk exports read a clock from. Made on first use:
    start-up shows absolute times, and making the 1,500 strings took it about 8M
    instructions."""
    hours_minutes = [f"{h:02d}:{m:02d}" for h in range(24) for m in range(60)]
    return hours_minutes, [f":{s:02d}" for s in range(60)]


class ShownTime(msgspec.Struct, frozen=True):
    """A time ready to print: `date` (in the interface's language: `data.times.dates`),
    `clock` (empty for dates), `abbrev` and `offset`."""

    date: str
    clock: str
    abbrev: str
    offset: str
    approximate: bool

    def __str__(self) -> str:
        parts = [self.date, self.clock, self.abbrev]
        text = " ".join(part for part in parts if part)
        return f"~{text}" if self.approximate else text

    @property
    def with_offset(self) -> str:
        """`2021-10-05 10:55:02 CEST (+02:00)` (Dutch: `5 okt. 2021 10:55:02 CEST (+02:00)`);
        the offset is left out where it repeats."""
        text = str(self)
        if self.offset and self.offset.replace(":00", "") != self.abbrev:
            text += f" ({self.offset})"
        return text


def in_zone(instant: datetime, zone: str) -> datetime:
    """The instant as a local time in the IANA zone `zone`."""
    return instant.astimezone(zone_info(zone))


def show(when: When, zone: str) -> ShownTime:
    """Format `when` in `zone` (an IANA name, or `STATED`) to its own precision.

    A date or month is shown as the source stated it, whatever the zone: converting a date
    to another zone would invent a time of day. It is ordered at its last second in its own
    zone; where `zone`'s calendar is at another day (or month) by then, as Tokyo is at
    6 October when Moscow's 5 October ends, the date names its own zone (`2021-10-05 MSK`),
    so that the dates of a list in `zone` never seem to go backwards unexplained.
    The date is written in the interface's language (`data.times.dates.date_text`).
    """
    if when.is_date:
        local = when.instant.astimezone(when.stated_tz)
        form = "%Y-%m-%d" if when.precision is Precision.DAY else "%Y-%m"
        iso = local.strftime(form)
        text = date_text(iso)
        if zone == STATED or in_zone(when.instant, zone).strftime(form) == iso:
            return ShownTime(text, "", "", "", when.approximate)
        return ShownTime(text, "", _abbrev(local), _offset(local), when.approximate)
    if zone == STATED:
        local = when.instant.astimezone(when.stated_tz)
    else:
        local = in_zone(when.instant, zone)
    clock = local.strftime(_CLOCK[when.precision])
    if when.precision is Precision.MILLISECOND:
        clock += f".{local.microsecond // 1000:03d}"
    day = date_text(local.strftime("%Y-%m-%d"))
    return ShownTime(day, clock, _abbrev(local), _offset(local), when.approximate)


def _offset(local: datetime) -> str:
    """`+02:00`, `-00:44` (whole minutes, cut towards zero, as pendulum's `Z` token)."""
    offset = local.utcoffset() or timedelta(0)
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{'-' if offset < timedelta(0) else '+'}{minutes // 60:02d}:{minutes % 60:02d}"


def _abbrev(local: datetime) -> str:
    """The zone abbreviation; a bare offset is named by itself (`+03:00`), zero as `UTC`."""
    if isinstance(local.tzinfo, timezone):
        return "UTC" if not local.utcoffset() else _offset(local)
    return local.tzname() or ""


def local_zone() -> str:
    """The viewer's own IANA zone (from TZ or the system), for the "local" zone choice."""
    from pendulum.tz import local_timezone  # reads the system's settings; only when asked

    name = str(local_timezone().name)
    try:
        zone_info(name)
    except ValueError:
        return "UTC"
    return name


_CLOCK = {
    Precision.MINUTE: "%H:%M",
    Precision.SECOND: "%H:%M:%S",
    Precision.MILLISECOND: "%H:%M:%S",
}
