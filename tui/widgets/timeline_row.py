"""How the timeline draws one row: an event's columns and marks, or a phase's section line.

Meaning is never carried by colour alone: the cursor row starts with `▶`, with the mission
clock on an event the clock has passed is marked `✓` and one happening now `•` (after the
cursor's column, where no other mark goes), a planned-only event
shows `P`, a disputed one `≠`, an approximate time `~`, a search hit `◆` and an event of the
selected crew member `●`, and every row names its kind. Each part of a row names the
component class that colours it (`Timeline.COMPONENT_CLASSES`); the widget turns those into
styles of the current theme.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from data.clock.position import EventState
from data.facts.derived import TimeMode, relative
from data.model import Event, EventKind
from data.query.search import EventSearch
from data.sanitize import sanitize_line
from data.times.dates import widest_date
from data.times.display import show

CURSOR_MARK = "▶"
PLANNED_MARK = "P"
DISPUTED_MARK = "≠"
HIT_MARK = "◆"
PERSON_MARK = "●"
CLOCK_MARKS: dict[EventState | None, str] = {
    EventState.PAST: "✓",
    EventState.NOW: "•",
    EventState.TO_COME: " ",
    None: " ",
}
"""An event's mark for where it is at the clock (None: no clock)."""

KIND_SHORT: dict[EventKind, str] = {
    EventKind.ANNOUNCEMENT: "ANNC",
    EventKind.TRAINING: "TRNG",
    EventKind.LAUNCH: "LNCH",
    EventKind.ORBIT: "ORBT",
    EventKind.RENDEZVOUS: "RNDZ",
    EventKind.DOCKING: "DOCK",
    EventKind.UNDOCKING: "UNDK",
    EventKind.RELOCATION: "RELO",
    EventKind.HATCH: "HTCH",
    EventKind.BURN: "BURN",
    EventKind.LANDING: "LAND",
    EventKind.EVA: "EVA",
    EventKind.COMMAND: "CMND",
    EventKind.CREW: "CREW",
    EventKind.ANOMALY: "ANOM",
    EventKind.MILESTONE: "MILE",
    EventKind.MEDIA: "MDIA",
    EventKind.FILM: "FILM",
}
"""The kind column at narrow widths (the help screen lists them)."""

WIDE = 100
"""From this width on, the kind column spells the kind out, and a relative time mode keeps
the clock in the time column."""
KIND_WIDTH = {True: 13, False: 5}
"""The kind column, wide (`announcement`) and narrow (`ANNC`), with its space."""
MEASURED_EVENTS = 2_000
"""Up to this many events shown, the time columns are as wide as their widest text; past it,
measuring would cost a key press its frame, and they take the widest the format allows."""
MOST_CLOCK = 18
"""` 11:55:02.442 CEST`: after its date, the widest clock and zone usual zones give."""
MOST_RELATIVE = {
    TimeMode.ABSOLUTE: 0,
    TimeMode.T_MINUS: 15,
    TimeMode.MET: 13,
    TimeMode.FLIGHT_DAY: 5,
}

Part = tuple[str, str | None]
"""Text and the component class that colours it (None: the row's own style)."""


@dataclass(frozen=True, slots=True)
class Columns:
    """How the time columns of every row are laid out: whether the time keeps its clock
    (below `WIDE` a T-/T+ or elapsed-time mode shows the date: the relative time beside it
    gives the time of day, the detail pane every time in full), and how wide the time and
    relative-time columns are (0: no relative time)."""

    clock: bool
    time: int
    relative: int


@dataclass(frozen=True, slots=True)
class RowView:
    """What every event row shows the same way: the width, the zone, the time mode and its
    anchor, the search, the selected crew member's events and the columns' layout."""

    width: int
    zone: str
    mode: TimeMode
    anchor: Event | None
    search: EventSearch | None
    person_events: frozenset[str]
    columns: Columns


def time_text(event: Event, zone: str, *, clock: bool) -> str:
    """The time column of an event: its time in `zone`, or with `clock` False its date."""
    shown = show(event.when, zone)
    if clock or not shown.clock:
        return str(shown)
    return f"~{shown.date}" if shown.approximate else shown.date


def most_time(*, clock: bool) -> int:
    """The widest time column the format allows, with or without the clock: `~`, the widest
    date of the interface's language (`~2021-10-05`, `~12 sep. 2021`), then `MOST_CLOCK`."""
    return 1 + widest_date() + (MOST_CLOCK if clock else 0)


def measure_columns(
    events: Sequence[Event], width: int, zone: str, mode: TimeMode, anchor: Event | None
) -> Columns:
    """The columns that the events shown need at `width`: as wide as the widest time and
    relative time among them (the widest possible past `MEASURED_EVENTS`), so that the
    title gets every other cell."""
    clock = width >= WIDE or mode in (TimeMode.ABSOLUTE, TimeMode.FLIGHT_DAY)
    relative_to = None if mode is TimeMode.ABSOLUTE else anchor
    if len(events) > MEASURED_EVENTS:
        most_relative = 0 if relative_to is None else MOST_RELATIVE[mode]
        return Columns(clock, most_time(clock=clock), most_relative)
    time = relative_width = 0
    for event in events:
        time = max(time, len(time_text(event, zone, clock=clock)))
        if relative_to is not None:
            relative_width = max(relative_width, len(relative(event.when, relative_to.when, mode)))
    return Columns(clock, time, relative_width)


def event_parts(event: Event, view: RowView) -> list[Part]:
    """An event's row after the cursor column: its time (and relative time), its kind, its
    marks and its title."""
    columns = view.columns
    parts: list[Part] = [
        (
            f"{time_text(event, view.zone, clock=columns.clock):<{columns.time}} ",
            "timeline--planned" if event.planned_only else "timeline--time",
        )
    ]
    if columns.relative and view.anchor is not None:
        rel = relative(event.when, view.anchor.when, view.mode)
        parts.append((f"{rel:>{columns.relative}} ", "timeline--relative"))
    wide = view.width >= WIDE
    kind = event.kind.value if wide else KIND_SHORT[event.kind]
    parts.append((f"{kind:<{KIND_WIDTH[wide]}}", "timeline--kind"))
    hit = view.search is not None and view.search.matches(event)
    parts += [
        (PLANNED_MARK if event.planned_only else " ", "timeline--flag"),
        (DISPUTED_MARK if event.disputed else " ", "timeline--flag"),
        (HIT_MARK if hit else " ", "timeline--hit"),
        (PERSON_MARK if event.id in view.person_events else " ", "timeline--person"),
        (" " + sanitize_line(event.title), None),
    ]
    return parts


def event_strip(
    event: Event,
    view: RowView,
    *,
    cursor: bool,
    state: EventState | None = None,
    base: Style,
    style_of: Callable[[str], Style],
) -> Strip:
    """An event's row as a strip of exactly `view.width` cells, cut with `…` if too long.

    `state`: where the event is at the mission clock (None: no clock).
    `base` is the row's style (the cursor's on the cursor row); `style_of` gives a component
    class's style, laid over it."""
    segments = [Segment(f"{CURSOR_MARK if cursor else ' '}{CLOCK_MARKS[state]}", base)]
    segments += [
        Segment(text, base if name is None else base + style_of(name))
        for text, name in event_parts(event, view)
    ]
    strip = Strip(segments)
    if strip.cell_length > view.width:
        strip = Strip([*strip.crop(0, view.width - 1), Segment("…", base)])
    return strip.crop_extend(0, view.width, base)


def section_strip(label: str, width: int, style: Style) -> Strip:
    """A phase's section line, `── name ─────`, `width` cells wide."""
    text = f"── {sanitize_line(label)} "
    return Strip([Segment(text.ljust(width, "─"), style)]).crop_extend(0, width, style)
