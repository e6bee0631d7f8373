"""What an export shows, shared by every format: zones, relative mode and anchor, filter.

`make_options` validates what a user typed (on the command line or in the TUI's export
dialog) against one mission and raises `OptionsError` with one line naming the problem.
The formats then read the options through the small helpers here, so "what is on screen"
means the same thing in every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from data.facts.derived import TimeMode
from data.facts.event import EventFacts, event_facts
from data.model import Event, Mission
from data.query.filters import Filter, FilterError, parse_filter
from data.sanitize import quote
from data.suggest import did_you_mean
from data.times.display import STATED
from data.times.parse import TimeFormatError, zone_named

DEFAULT_ZONES = ("UTC",)
"""The zone used when none is asked for: ISS time is UTC, and so is the TUI's default."""


class OptionsError(ValueError):
    """An export option that does not fit the mission (bad zone, event id or filter)."""


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
) -> ExportOptions:
    """Check user-given options against `mission`; raise `OptionsError` on the first problem.

    `relative_to` alone means T-/T+ from that event; `mode` alone counts from the mission's
    reference event (its launch), exactly like the TUI.
    """
    try:
        zones = [zone if zone == STATED else zone_named(zone) for zone in zones]
    except TimeFormatError as error:
        raise OptionsError(f"{error}; '{STATED}' shows each source's own zone") from None
    mode = TimeMode(mode) if mode is not None else None
    anchor = None
    if relative_to is not None:
        anchor = mission.event_by_id.get(relative_to)
        if anchor is None:
            hint = did_you_mean(relative_to, mission.event_by_id.keys())
            raise OptionsError(f"no event with id {quote(relative_to)} in this mission{hint}")
        mode = mode if mode not in (None, TimeMode.ABSOLUTE) else TimeMode.T_MINUS
    elif mode not in (None, TimeMode.ABSOLUTE):
        anchor = mission.reference_event
        if anchor is None:
            raise OptionsError("this mission has no launch to count from; give --relative-to")
    flt = None
    if filter_text is not None and filter_text.strip():
        try:
            flt = parse_filter(filter_text, mission)
        except FilterError as error:
            raise OptionsError(f"filter: {error}") from None
    return ExportOptions(
        zones=tuple(dict.fromkeys(zones)) or DEFAULT_ZONES,
        mode=mode or TimeMode.ABSOLUTE,
        anchor=anchor,
        filter=flt,
        stamp=stamp,
    )


MODE_LABELS = {
    TimeMode.T_MINUS: "T-/T+",
    TimeMode.MET: "MET",
    TimeMode.FLIGHT_DAY: "flight day",
}


def relative_heading(options: ExportOptions) -> str:
    """`T-/T+ launch`: the heading of the relative column."""
    if not options.relative or options.anchor is None:
        return ""
    return f"{MODE_LABELS[options.mode]} {options.anchor.id}"


def zone_heading(zone: str) -> str:
    """The heading of a zone column: the IANA name, or `as stated`."""
    return "as stated" if zone == STATED else zone


def source_numbers(mission: Mission) -> dict[str, int]:
    """Note numbers of the mission's sources (1-based, in the order the mission lists them)."""
    return {source.id: number for number, source in enumerate(mission.sources, start=1)}


def facts_of(mission: Mission, event: Event, options: ExportOptions) -> EventFacts:
    """The facts of `event` as an export with `options` shows them."""
    return event_facts(mission, event, options.zones, mode=options.mode, anchor=options.anchor)
