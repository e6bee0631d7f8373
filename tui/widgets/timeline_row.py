"""How the timeline draws one row: an event's columns and marks, or a phase's section line.

Meaning is never carried by colour alone: the cursor row starts with `▶`, a planned-only event
shows `P`, a disputed one `≠`, an approximate time `~`, a search hit `◆` and an event of the
selected crew member `●`, and every row names its kind. Each part of a row names the
component class that colours it (`Timeline.COMPONENT_CLASSES`); the widget turns those into
styles of the current theme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from data.facts.derived import TimeMode, relative
from data.model import Event, EventKind
from data.query.search import EventSearch
from data.sanitize import sanitize_line
from data.times.display import show

CURSOR_MARK = "▶"
PLANNED_MARK = "P"
DISPUTED_MARK = "≠"
HIT_MARK = "◆"
PERSON_MARK = "●"

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

TIME_WIDTH = 29
"""`~2021-10-05 11:55:02.442 CEST` fits."""
RELATIVE_WIDTH = {
    TimeMode.ABSOLUTE: 0,
    TimeMode.T_MINUS: 16,
    TimeMode.MET: 14,
    TimeMode.FLIGHT_DAY: 6,
}
WIDE = 100
"""From this width on, the kind column spells the kind out."""

Part = tuple[str, str | None]
"""Text and the component class that colours it (None: the row's own style)."""


@dataclass(frozen=True, slots=True)
class RowView:
    """What every event row shows the same way: the width, the zone, the time mode and its
    anchor, the search and the selected crew member's events."""

    width: int
    zone: str
    mode: TimeMode
    anchor: Event | None
    search: EventSearch | None
    person_events: frozenset[str]


def event_parts(event: Event, view: RowView) -> list[Part]:
    """An event's row after the cursor column: its time (and relative time), its kind, its
    marks and its title."""
    time_text = str(show(event.when, view.zone))
    parts: list[Part] = [
        (
            f"{time_text:<{TIME_WIDTH}} ",
            "timeline--planned" if event.planned_only else "timeline--time",
        )
    ]
    if view.mode is not TimeMode.ABSOLUTE and view.anchor is not None:
        rel = relative(event.when, view.anchor.when, view.mode)
        parts.append((f"{rel:>{RELATIVE_WIDTH[view.mode] - 1}} ", "timeline--relative"))
    wide = view.width >= WIDE
    kind = event.kind.value if wide else KIND_SHORT[event.kind]
    parts.append((f"{kind:<{13 if wide else 5}}", "timeline--kind"))
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
    base: Style,
    style_of: Callable[[str], Style],
) -> Strip:
    """An event's row as a strip of exactly `view.width` cells, cut with `…` if too long.

    `base` is the row's style (the cursor's on the cursor row); `style_of` gives a component
    class's style, laid over it."""
    segments = [Segment(f"{CURSOR_MARK if cursor else ' '} ", base)]
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
