"""What an export shows, shared by every format: zones, relative mode and anchor, filter,
for text and Markdown the width to wrap to and the brief form, and for a picture its time
range, width and theme.

`make_options` validates what a user typed (on the command line or in the TUI's export
dialog) against one mission and raises `OptionsError` with one line naming the problem.
The formats then read the options through the small helpers here, so "what is on screen"
means the same thing in every format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from data.facts.derived import TimeMode, unit
from data.facts.event import EventFacts, event_facts
from data.i18n import N_, _
from data.model import Event, Mission
from data.query.filters import Filter, FilterError, parse_filter
from data.sanitize import quote
from data.suggest import did_you_mean
from data.times.display import STATED
from data.times.parse import TimeFormatError, parse_when, zone_named

DEFAULT_ZONES = ("UTC",)
"""The zone used when none is asked for: ISS time is UTC, and so is the TUI's default."""


DEFAULT_WIDTH = 1600
"""A picture's width in pixels when none is asked for: a slide, or an article's full width."""
WIDTHS = range(480, 10_001)
"""The widths a picture may have: from a phone's screen to a poster."""
DEFAULT_COLUMNS = 100
"""The width in terminal cells that text and Markdown are wrapped to when none is asked for
and the export is not shown in a terminal (the command line gives a terminal's own width)."""
COLUMNS = range(40, 10_001)
"""The widths text and Markdown may be wrapped to: a narrow terminal to no wrapping at all."""


class OptionsError(ValueError):
    """An export option that does not fit the mission (bad zone, event id or filter)."""


class Theme(StrEnum):
    """A picture's colours: dark text on white, or light text on a dark background."""

    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how to show it; build it with `make_options`."""

    zones: tuple[str, ...] = DEFAULT_ZONES
    """IANA names, or `data.times.display.STATED` for the zone each source stated its time in."""
    mode: TimeMode = TimeMode.ABSOLUTE
    """`ABSOLUTE` adds no relative column; the other modes add one, as in the TUI."""
    anchor: Event | None = None
    """The event that is T-0 for relative times (the mission's reference event by default)."""
    filter: Filter | None = None
    stamp: datetime | None = None
    """When the export was made (iCalendar's DTSTAMP); `None` leaves it to the format."""
    start: float | None = None
    """A picture's first instant (POSIX seconds); `None`: the mission's first."""
    end: float | None = None
    """A picture's last instant (POSIX seconds); `None`: the mission's last."""
    width: int = DEFAULT_WIDTH
    """A picture's width in pixels."""
    theme: Theme = Theme.LIGHT
    columns: int = DEFAULT_COLUMNS
    """Text and Markdown: the width in terminal cells (`data.widths`) lines are wrapped to."""
    brief: bool = False
    """Text and Markdown: the short form for an article (time, zone, title, one line of
    detail; no source numbers, confidence or notes) instead of the full one."""

    @property
    def relative(self) -> bool:
        return self.mode is not TimeMode.ABSOLUTE and self.anchor is not None


def make_options(
    mission: Mission,
    *,
    zones: Sequence[str] = (),
    relative_to: str | None = None,
    mode: TimeMode | str | None = None,
    filter_text: str | None = None,
    stamp: datetime | None = None,
    one_zone: bool = False,
    range_from: str | None = None,
    range_to: str | None = None,
    width: int = DEFAULT_WIDTH,
    theme: Theme | str = Theme.LIGHT,
    columns: int = DEFAULT_COLUMNS,
    brief: bool = False,
) -> ExportOptions:
    """Check user-given options against `mission`; raise `OptionsError` on the first problem.

    `relative_to` alone means T-/T+ from that event; `mode` alone counts from the mission's
    reference event (its launch), exactly like the TUI. `one_zone`: a picture, whose axis
    is in one IANA zone. `range_from` and `range_to` are event ids or times (see `bound`).
    `width` is a picture's, in pixels; `columns` the width text and Markdown wrap to, in
    terminal cells.
    """
    try:
        zones = [zone if zone == STATED else zone_named(zone) for zone in zones]
    except TimeFormatError as error:
        message = _("{reason}; '{stated}' shows each source's own zone")
        raise OptionsError(message.format(reason=error, stated=STATED)) from None
    mode = TimeMode(mode) if mode is not None else None
    anchor = None
    if relative_to is not None:
        anchor = mission.event_by_id.get(relative_to)
        if anchor is None:
            hint = did_you_mean(relative_to, mission.event_by_id.keys())
            message = _("no event with id {id} in this mission{hint}")
            raise OptionsError(message.format(id=quote(relative_to), hint=hint))
        mode = mode if mode not in (None, TimeMode.ABSOLUTE) else TimeMode.T_MINUS
    elif mode not in (None, TimeMode.ABSOLUTE):
        anchor = mission.reference_event
        if anchor is None:
            raise OptionsError(_("this mission has no launch to count from; give --relative-to"))
    if one_zone and (len(zones) > 1 or STATED in zones):
        raise OptionsError(_("a picture's axis is in one IANA zone; give one zone"))
    flt = None
    if filter_text is not None and filter_text.strip():
        try:
            flt = parse_filter(filter_text, mission)
        except FilterError as error:
            raise OptionsError(_("filter: {reason}").format(reason=error)) from None
    zones = tuple(dict.fromkeys(zones)) or DEFAULT_ZONES
    start, end = time_range(mission, range_from, range_to, zones[0])
    if width not in WIDTHS:
        message = _("--width must be {least} to {most} pixels, not {width}")
        raise OptionsError(message.format(least=WIDTHS.start, most=WIDTHS.stop - 1, width=width))
    if columns not in COLUMNS:
        message = _("--width must be {least} to {most} columns, not {width}")
        raise OptionsError(
            message.format(least=COLUMNS.start, most=COLUMNS.stop - 1, width=columns)
        )
    if theme not in set(Theme):
        hint = did_you_mean(str(theme), list(Theme))
        message = _("no theme {theme}{hint}; the themes are light, dark")
        raise OptionsError(message.format(theme=quote(str(theme)), hint=hint))
    return ExportOptions(
        zones=zones,
        mode=mode or TimeMode.ABSOLUTE,
        anchor=anchor,
        filter=flt,
        stamp=stamp,
        start=start,
        end=end,
        width=width,
        theme=Theme(theme),
        columns=columns,
        brief=brief,
    )


def time_range(
    mission: Mission, range_from: str | None, range_to: str | None, zone: str
) -> tuple[float | None, float | None]:
    """A picture's range as POSIX seconds from what was typed (`None`: that end is the
    mission's); raises `OptionsError` unless its start is before its end."""
    start = None if range_from is None else bound(mission, range_from, zone, end=False)
    end = None if range_to is None else bound(mission, range_to, zone, end=True)
    if start is not None and end is not None and start >= end:
        message = _("--from {start} is not before --to {end}")
        raise OptionsError(message.format(start=quote(range_from or ""), end=quote(range_to or "")))
    return start, end


_TIME_LIKE = re.compile(r"~?\d{4}-\d{2}")
"""What a time starts with (`2021-10`); anything else given as a range bound is an event id."""
_ZONED = re.compile(r"(?:\[[^\]]*\]|Z|[+-]\d{2}:\d{2})$")


def bound(mission: Mission, text: str, zone: str, *, end: bool, option: str = "") -> float:
    """A range bound as POSIX seconds: an event's time (its `at`, else `planned`), or a time
    in the format of mission files whose whole unit is inside the range (`--to 2021-10-05`
    ends at that day's end). A time with neither offset nor zone is read in `zone`, the zone
    the picture shows. Raises `OptionsError` naming the nearest event ids, and `option`
    (by default `--from`, or `--to` for an `end`)."""
    option = option or ("--to" if end else "--from")
    event = mission.event_by_id.get(text)
    if event is not None:
        return event.when.instant.timestamp()
    if not _TIME_LIKE.match(text):
        hint = did_you_mean(text, mission.event_by_id.keys())
        message = _(
            "{option}: no event with id {id} in this mission{hint}; "
            "a time is written like 2021-10-05T08:55Z"
        )
        raise OptionsError(message.format(option=option, id=quote(text), hint=hint))
    try:
        when = parse_when(text if _ZONED.search(text) else f"{text}[{zone}]")
    except TimeFormatError as error:
        raise OptionsError(f"{option}: {error}") from None
    first, after = unit(when)
    return (after if end else first).timestamp()


MODE_LABELS = {
    TimeMode.T_MINUS: "T-/T+",
    TimeMode.MET: "MET",
    TimeMode.FLIGHT_DAY: N_("flight day"),
}
"""The name of each relative mode, in English (the CSV's column names); `_()` where shown."""
AS_STATED = N_("as stated")
"""The heading of the times in each source's own zone (`STATED`)."""


def relative_heading(options: ExportOptions) -> str:
    """`T-/T+ launch`: the heading of the relative column, in the interface's language."""
    if not options.relative or options.anchor is None:
        return ""
    return f"{_(MODE_LABELS[options.mode])} {options.anchor.id}"


def zone_heading(zone: str) -> str:
    """The heading of a zone column: the IANA name, or `as stated` in the interface's
    language."""
    return _(AS_STATED) if zone == STATED else zone


def source_numbers(mission: Mission) -> dict[str, int]:
    """Note numbers of the mission's sources (1-based, in the order the mission lists them)."""
    return {source.id: number for number, source in enumerate(mission.sources, start=1)}


def facts_of(mission: Mission, event: Event, options: ExportOptions) -> EventFacts:
    """The facts of `event` as an export with `options` shows them."""
    return event_facts(mission, event, options.zones, mode=options.mode, anchor=options.anchor)
