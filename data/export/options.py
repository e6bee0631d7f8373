"""What an export shows, shared by every format: zones, relative mode and anchor, filter.

`make_options` validates what a user typed (on the command line or in the TUI's export
dialog) against one mission and raises `OptionsError` with one line naming the problem.
The formats then read the options through the small helpers here, so "what is on screen"
means the same thing in every format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import chain, compress
from operator import and_
from typing import TYPE_CHECKING, Any

from data.facts.derived import TimeMode, format_duration, planned_delta, relative, time_in_space
from data.model import Confidence, Event, EventKind, Mission, Person, Phase
from data.query.filters import Filter, FilterError, parse_filter
from data.query.search import is_store
from data.times.display import STATED, BulkShow, Times, show
from data.times.parse import Precision, TimeFormatError, When, zone_info

if TYPE_CHECKING:
    from data.export.columns import Batch
    from data.store import EventStore

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
    for zone in zones:
        if zone != STATED:
            try:
                zone_info(zone)
            except TimeFormatError as error:
                raise OptionsError(f"{error} (or use '{STATED}')") from None
    mode = TimeMode(mode) if mode is not None else None
    anchor = None
    if relative_to is not None:
        anchor = mission.event_by_id.get(relative_to)
        if anchor is None:
            raise OptionsError(f"no event with id {relative_to!r} in this mission")
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


def selected_events(mission: Mission, options: ExportOptions) -> Iterator[Event]:
    """The mission's events that pass the filter, in time order, one at a time."""
    flt = options.filter
    for event in mission.events:
        if flt is None or flt.matches(event):
            yield event


@dataclass(frozen=True)
class Section:
    """A phase (or `None`: events outside any phase) with its selected events."""

    phase: Phase | None
    events: Iterator[Event]


def sections(mission: Mission, options: ExportOptions) -> Iterator[Section]:
    """The selected events grouped by phase: phases in order of their start, events in time
    order, then the events outside any phase. Empty sections are left out.

    Each section is one more pass over the events, so nothing is collected in memory.
    """
    phases = sorted(mission.phases, key=lambda phase: phase.start.instant)
    known = frozenset(phase.id for phase in phases)
    for phase in [*phases, None]:
        if is_store(mission.events):
            events = _selected(_store_in_phase(mission.events, phase, known), options)
        else:
            events = _in_phase(selected_events(mission, options), phase, known)
        first = next(events, None)
        if first is not None:
            yield Section(phase, chain((first,), events))


def _selected(events: Iterator[Event], options: ExportOptions) -> Iterator[Event]:
    flt = options.filter
    return events if flt is None else (event for event in events if flt.matches(event))


def _store_in_phase(
    store: EventStore, phase: Phase | None, known: frozenset[str]
) -> Iterator[Event]:
    """`_in_phase` on a compact store: the pass reads the phase column, and only the events
    of `phase` are made (a pass per phase would otherwise make every event each time)."""
    if phase is not None:
        wanted = bytes(phase_id == phase.id for phase_id in store.phase_ids)
    else:
        wanted = bytes(phase_id not in known for phase_id in store.phase_ids)
    inside = compress(range(len(store)), map(wanted.__getitem__, store.columns.phases))
    return map(store.make, inside)


def _in_phase(
    events: Iterator[Event], phase: Phase | None, known: frozenset[str]
) -> Iterator[Event]:
    """The events of `phase`, or with `None` those in no known phase."""
    for event in events:
        if (event.phase == phase.id) if phase is not None else (event.phase not in known):
            yield event


def _with_offset(when: When, zone: str) -> str:
    return show(when, zone).with_offset


def relative_texts(times: Times, options: ExportOptions) -> list[str]:
    """`relative_text` for many times: the reference `relative` on a light `When` per time,
    with no parsing of a time of day (a date is parsed, for its stated day)."""
    if not options.relative or options.anchor is None:
        return [""] * len(times.texts)
    from data.times.bulk import fast_when  # the large-mission parser: not for the first frame

    reference = options.anchor.when
    mode = options.mode
    cells = []
    for text, shape, ms in zip(times.texts, times.shapes, times.millis, strict=True):
        if shape.is_date:
            when = fast_when(text)
        else:
            instant = _EPOCH + timedelta(milliseconds=ms)
            when = When(instant, shape.precision, None, None, shape.approximate, text)
        cells.append(relative(when, reference, mode))
    return cells


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def relative_text(when: When, options: ExportOptions) -> str:
    """`when` relative to the anchor in the chosen mode; empty when not relative."""
    if not options.relative or options.anchor is None:
        return ""
    return relative(when, options.anchor.when, options.mode)


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


def place_name(mission: Mission, place_id: str | None) -> str:
    """The name of a place given by id, or an empty string."""
    place = mission.place_by_id.get(place_id) if place_id else None
    return place.name if place is not None else ""


def people_names(mission: Mission, ids: Sequence[str]) -> list[str]:
    """The names of people given by id, in the given order."""
    return [mission.person_by_id[p].name for p in ids if p in mission.person_by_id]


def vehicle_names(mission: Mission, ids: Sequence[str]) -> list[str]:
    """The names of vehicles given by id, in the given order."""
    return [mission.vehicle_by_id[v].name for v in ids if v in mission.vehicle_by_id]


def planned_note(event: Event, zone: str) -> str:
    """`planned 2021-10-05 14:12 CEST (+02:00), 0h 10m 31s late` for an event with both times.

    The difference is given only to the coarser of the two precisions: a landing known to
    the minute is never "42 s early" against a plan given to the second.
    """
    delta = planned_delta(event)
    if delta is None or event.planned is None or event.at is None:
        return ""
    shown = show(event.planned, zone).with_offset
    precision = min(event.planned.precision, event.at.precision)
    if precision is Precision.MINUTE:
        delta = _to_minute(event.at.instant) - _to_minute(event.planned.instant)
    return planned_phrase(shown, precision, delta // _MILLISECOND)


_MILLISECOND = timedelta(milliseconds=1)


def planned_phrase(shown: str, precision: Precision, late_ms: int) -> str:
    """`planned_note` from its parts: the planned time as shown, the coarser precision of the
    two times, and how late the event was in ms (to the minute when that precision is
    minutes; times are given to the millisecond at most)."""
    if precision <= Precision.DAY:
        return f"planned {shown}"
    if precision is Precision.MINUTE and not late_ms:
        return f"planned {shown}, in the same minute"
    if not late_ms:
        return f"planned {shown}, on time"
    return f"planned {shown}, {_lateness(late_ms, precision > Precision.MINUTE)}"


def planned_phrases(batch: Batch, times: Times, shows: BulkShow) -> Iterator[tuple[int, str]]:
    """`planned_note` for the events of a batch that have both times: (index in the batch,
    note), the planned time shown by `shows`; `times` are the batch's actual times."""
    at, planned_texts = batch.at, batch.planned
    both = list(compress(range(batch.size), map(and_, map(bool, at), map(bool, planned_texts))))
    if not both:
        return
    planned = Times.of([planned_texts[n] for n in both])
    shown = shows.cells(planned)
    millis, shapes = times.millis, times.shapes
    for n, planned_ms, planned_shape, text in zip(
        both, planned.millis, planned.shapes, shown, strict=True
    ):
        at_ms = millis[n]
        precision = min(shapes[n].precision, planned_shape.precision)
        if precision is Precision.MINUTE:
            at_ms -= at_ms % 60_000
            planned_ms -= planned_ms % 60_000
        yield n, planned_phrase(text, precision, at_ms - planned_ms)


@lru_cache(maxsize=4096)
def _lateness(late_ms: int, seconds: bool) -> str:
    """`0h 10m 31s late`; cached: plans are mostly met within minutes, so these repeat."""
    late = "late" if late_ms > 0 else "early"
    duration = timedelta(milliseconds=abs(late_ms))
    return f"{format_duration(duration, seconds=seconds)} {late}"


def _to_minute(instant: datetime) -> datetime:
    return instant.replace(second=0, microsecond=0)


def crew_facts(mission: Mission, person: Person) -> tuple[str, str, str, str]:
    """Up vehicles, down vehicles, time in space on this mission and the stated career
    totals, as plain (unsanitised) text; a backup who did not fly has only a note.

    Time in space is rounded to the minute: a landing known to the minute must not lose
    one by truncation (176d 02h 32m 57s is 176d 02h 33m).
    """
    if not person.flights:
        return ("(backup, did not fly)" if person.backup else "", "", "", _career(person))
    up = ", ".join(vehicle_names(mission, [flight.up for flight in person.flights]))
    down = ", ".join(vehicle_names(mission, [flight.down for flight in person.flights]))
    seconds = time_in_space(person, mission).total_seconds()
    in_space = format_duration(timedelta(minutes=round(seconds / 60)), seconds=False)
    return up, down, in_space, _career(person)


def _career(person: Person) -> str:
    stated = person.time_in_space
    career = []
    if stated.before is not None:
        career.append(f"before {format_duration(stated.before, seconds=False)}")
    if stated.after is not None:
        career.append(f"after {format_duration(stated.after, seconds=False)}")
    return ", ".join(career)


def facts_text(
    kind: EventKind, approximate: bool, confidence: Confidence | None, place: str
) -> str:
    """`docking · approximate time · confidence C2+ · at Baikonur`: an event's first detail
    line in the text and Markdown exports."""
    facts = [kind.value]
    if approximate:
        facts.append("approximate time")
    if confidence is not None:
        facts.append(f"confidence {confidence.value}")
    if place:
        facts.append(f"at {place}")
    return " · ".join(facts)


def people_text(mission: Mission, ids: Sequence[str]) -> str:
    """`people: Anton Shkaplerov, Yulia Peresild`, or an empty string."""
    names = people_names(mission, ids)
    return "people: " + ", ".join(names) if names else ""


def vehicles_text(mission: Mission, ids: Sequence[str]) -> str:
    """`vehicles: Soyuz MS-19`, or an empty string."""
    names = vehicle_names(mission, ids)
    return "vehicles: " + ", ".join(names) if names else ""


class Lookup(dict[Any, str]):
    """A key -> text made by `make` on first use: what many events share is made once."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> str:
        text = self[key] = self.make(key)
        return text


class DetailRows:
    """What the text and Markdown exports share to write a batch's detail lines from a
    store's columns. The lines many events share are made once per code: `facts` by (kind,
    approximate, confidence, place code), `people` and `vehicles` by reference group; the
    rare fields come from the event itself, by `rare_details` as in the reference walk.

    A format gives its `style` and how it writes a line: `first` the facts line that opens
    an event's details and `line` each later one (from plain text), `made` a line that
    `style` has already made safe."""

    def __init__(
        self,
        mission: Mission,
        store: EventStore,
        options: ExportOptions,
        style: DetailStyle,
        *,
        first: Callable[[str], str],
        line: Callable[[str], str],
        made: Callable[[str], str],
    ) -> None:
        from data.store import CONFIDENCES, KINDS  # loaded already: `store` is one

        self.options = options
        self.style = style
        self.line = line
        self.made = made
        self.zones = [BulkShow(zone) for zone in options.zones]
        self.first_zone = self.zones[0]
        groups, place_ids = store.groups, store.place_ids

        def facts(key: tuple[int, bool, int, int]) -> str:
            kind, approximate, confidence, place = key
            name = place_name(mission, place_ids[place])
            return first(facts_text(KINDS[kind], approximate, CONFIDENCES[confidence], name))

        def shown(text: str) -> str:
            return line(text) if text else ""

        self.facts = Lookup(facts)
        self.people = Lookup(lambda code: shown(people_text(mission, groups[code])))
        self.vehicles = Lookup(lambda code: shown(vehicles_text(mission, groups[code])))

    def ends(self, batch: Batch) -> list[str]:
        """`until ...` for the events that end later (in every zone, each shown once)."""
        lines = [""] * batch.size
        ends = [(n, x.end) for n, x in batch.extras.items() if x.end]
        if ends:
            times = Times.of([end for _, end in ends])
            shown = [zone.cells(times) for zone in self.zones]
            for number, (n, _) in enumerate(ends):
                cells = dict.fromkeys(column[number] for column in shown)
                lines[n] = self.line("until " + " / ".join(cells))
        return lines

    def planned(self, batch: Batch, times: Times) -> list[str]:
        """`planned ...` for the events with both a planned and an actual time."""
        lines = [""] * batch.size
        for n, phrase in planned_phrases(batch, times, self.first_zone):
            lines[n] = self.line(phrase)
        return lines

    def rare(self, batch: Batch) -> list[str]:
        """Stated times, disputes, notes and the station's crew, where an event has any."""
        lines = [""] * batch.size
        for n, extras in batch.extras.items():
            if extras.stated or extras.disputes or extras.note or extras.station_crew is not None:
                details = rare_details(batch.event(n), self.options, self.style, self._shown)
                lines[n] = "".join(map(self.made, details))
        return lines

    def _shown(self, when: When, zone: str) -> str:
        """`show(when, zone).with_offset`, by `BulkShow`."""
        shows = self.first_zone if zone == self.first_zone.zone else BulkShow(zone)
        return shows.cells(Times.of([when.text]))[0]


@dataclass(frozen=True, slots=True)
class DetailStyle:
    """How a format writes an event's detail lines: what makes a line of mission text safe
    (`line`, and `block` for text that may hold newlines), how source numbers look, and the
    bullet before a disputed version."""

    line: Callable[[str], str]
    block: Callable[[str], str]
    refs: Callable[[Iterable[str]], str]
    bullet: str


def event_details(
    mission: Mission, event: Event, options: ExportOptions, style: DetailStyle
) -> Iterator[str]:
    """The lines under an event in the text and Markdown exports, in a format's style."""
    zone = options.zones[0]
    approximate = event.at is not None and event.at.approximate
    place = place_name(mission, event.place)
    yield style.line(facts_text(event.kind, approximate, event.confidence, place))
    if event.end is not None:
        ends = dict.fromkeys(show(event.end, z).with_offset for z in options.zones)
        yield style.line("until " + " / ".join(ends))
    planned = planned_note(event, zone)
    if planned:
        yield style.line(planned)
    people = people_text(mission, event.people)
    if people:
        yield style.line(people)
    vehicles = vehicles_text(mission, event.vehicles)
    if vehicles:
        yield style.line(vehicles)
    if event.description:
        yield style.block(event.description)
    yield from rare_details(event, options, style)


def rare_details(
    event: Event,
    options: ExportOptions,
    style: DetailStyle,
    shown: Callable[[When, str], str] | None = None,
) -> Iterator[str]:
    """The last of `event_details`: stated times, disputes, the note and the station's crew
    (fields few events have). `shown` is `show(when, zone).with_offset` or a stand-in."""
    shown = shown or _with_offset
    zone = options.zones[0]
    for stated in event.stated:
        yield f"{style.line('stated: ' + stated.text)} {style.refs([stated.source])}".rstrip()
    for dispute in event.disputes:
        yield style.line(f"disputed: {dispute.topic}")
        for version in dispute.versions:
            at = f" ({shown(version.at, zone)})" if version.at is not None else ""
            claim = style.line(version.claim + at)
            yield f"{style.bullet}{claim} {style.refs(version.sources)}".rstrip()
    if event.note:
        yield style.block(f"note: {event.note}")
    if event.station_crew is not None:
        yield f"aboard the station afterwards: {event.station_crew}"
