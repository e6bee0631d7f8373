"""Showing instants in a chosen zone, to the precision the source gave.

Pendulum does the zone-aware display here (abbreviation and offset in force on the date);
callers only format what is visible, so this is never in a bulk loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pendulum
from pendulum.tz import local_timezone

from data.times import Precision, When, zone_info

STATED = "stated"
"""The pseudo-zone that shows every time in the zone its source stated it in."""


@dataclass(frozen=True, slots=True)
class ShownTime:
    """A time ready to print: `date`, `clock` (empty for dates), `abbrev` and `offset`."""

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
        """`2021-10-05 10:55:02 CEST (+02:00)`; the offset is left out where it repeats."""
        text = str(self)
        if self.offset and self.offset.replace(":00", "") != self.abbrev:
            text += f" ({self.offset})"
        return text


def in_zone(instant: datetime, zone: str) -> pendulum.DateTime:
    """The instant as a pendulum time in the IANA zone `zone`."""
    return pendulum.instance(instant).in_timezone(zone_info(zone).key)


def show(when: When, zone: str) -> ShownTime:
    """Format `when` in `zone` (an IANA name, or `STATED`) to its own precision.

    A date or month is shown as the source stated it, whatever the zone: converting a date
    to another zone would invent a time of day.
    """
    if when.is_date:
        local = when.instant.astimezone(when.stated_tz)
        text = local.strftime("%Y-%m-%d" if when.precision is Precision.DAY else "%Y-%m")
        return ShownTime(text, "", "", "", when.approximate)
    if zone == STATED:
        local = pendulum.instance(when.instant.astimezone(when.stated_tz))
    else:
        local = in_zone(when.instant, zone)
    clock = local.format(_CLOCK[when.precision])
    return ShownTime(
        local.format("YYYY-MM-DD"), clock, local.tzname() or "", local.format("Z"), when.approximate
    )


def zone_label(zone: str, at: datetime) -> str:
    """`Europe/Brussels CEST +02:00`: a zone's name, abbreviation and offset at an instant."""
    local = in_zone(at, zone)
    abbrev = local.tzname() or ""
    offset = local.format("Z")
    if offset.replace(":00", "") == abbrev:
        return f"{zone} {offset}"
    return f"{zone} {abbrev} {offset}"


def local_zone() -> str:
    """The viewer's own IANA zone (from TZ or the system), for the "local" zone choice."""
    name = str(local_timezone().name)
    try:
        zone_info(name)
    except ValueError:
        return "UTC"
    return name


_CLOCK = {
    Precision.MINUTE: "HH:mm",
    Precision.SECOND: "HH:mm:ss",
    Precision.MILLISECOND: "HH:mm:ss.SSS",
}
