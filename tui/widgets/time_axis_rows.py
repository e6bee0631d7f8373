"""How the time-axis view draws its rows: the phases, the axis's ticks, the events' markers and
one lane, each a strip of cells laid out from what the data core (`data.axis`) places.

Nothing here computes a position, a tick, a lane state or a marker count: the scale, the
ticks, the markers, the lanes' stays and the phases' bands come from `data.axis` and
`data.facts.stays`; this module only puts their characters into cells. Meaning never rests
on colour alone: a lane's state is its character (`━` in flight, `█` aboard the station, `▒`
docked at a port, blank on the ground), a phase starts with `├`, one event is `●` and a
dense stretch its count (`data.axis.markers`), a tick `╵`, and the selected event's column
is a line `│` (and reversed without colour).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from data.axis.lanes import Band, Lane, stay_bounds
from data.axis.markers import MARK, Marker
from data.axis.scale import Scale
from data.axis.ticks import Tick
from data.facts.stays import StayState
from data.sanitize import sanitize_line

LABEL_WIDTH = 13
"""The column of row names on the left (a lane's short name, `events`), with its space."""
STATE_CHARS: dict[StayState, str] = {
    StayState.FLIGHT: "━",
    StayState.STATION: "█",
    StayState.DOCKED: "▒",
}
"""A lane's state by character (and by colour where there is colour)."""
STATE_CLASSES: dict[StayState, str] = {
    StayState.FLIGHT: "time-axis--flight",
    StayState.STATION: "time-axis--station",
    StayState.DOCKED: "time-axis--docked",
}
LEGEND = f"━ in flight  █ aboard the station  ▒ docked  {MARK} event  12 events"
"""What the characters mean (the view's border subtitle)."""
PHASE_MARK = "├"
PHASE_RULE = "─"
TICK_MARK = "╵"
CURSOR_LINE = "│"
CURSOR = "time-axis--cursor"
"""The component class of the selected event's column."""
ROW_NAME = "time-axis--row-name"
"""The component class of the column of row names."""

StyleOf = Callable[[str], Style]
"""A component class's style in the current theme."""


@dataclass(frozen=True, slots=True)
class Frame:
    """What every row of one frame shares, worked out once per frame: the scale, the time
    area's width, the shade of each of its cells (0: no phase; 1, 2: alternate phases'
    bands) and the column of the selected event (None: out of view)."""

    scale: Scale
    width: int
    shades: tuple[int, ...]
    cursor: int | None


def frame(scale: Scale, width: int, bands: Sequence[Band], cursor: float | None) -> Frame:
    """The frame of a time area `width` cells wide on `scale`, its phases' bands shaded in
    turn, the selected event at the instant `cursor` (None: no event selected)."""
    shades = [0] * width
    for index, band in enumerate(bands):
        first, last = _columns(scale, band.start, band.end, width)
        if first <= last:
            shades[first : last + 1] = [1 + index % 2] * (last + 1 - first)
    column = None if cursor is None else scale.column(cursor)
    return Frame(scale, width, tuple(shades), column if column in range(width) else None)


def _columns(scale: Scale, start: float, end: float, width: int) -> tuple[int, int]:
    """The first and last columns of the time area a span covers (last < first: none)."""
    return max(0, scale.column(start)), min(width - 1, scale.column(end))


class Cells:
    """The time area of one row, a character (or a wide character's continuation, "") and a
    component class per cell."""

    def __init__(self, width: int) -> None:
        self.chars: list[str] = [" "] * width
        self.names: list[str | None] = [None] * width

    def put(self, column: int, text: str, name: str | None) -> int:
        """Write `text` from `column` on, cut at the area's edges; return the column after
        it. A wide character takes two cells, or none if only one is left."""
        width = len(self.chars)
        for character in text:
            size = cell_len(character)
            if size == 0:
                continue  # `sanitize_line` leaves no control characters; a lone mark goes
            if column >= 0 and column + size <= width:
                self.chars[column] = character
                self.names[column] = name
                if size == 2:
                    self.chars[column + 1] = ""
                    self.names[column + 1] = name
            column += size
        return column

    def fill(self, first: int, last: int, character: str, name: str | None) -> None:
        """Fill the cells `first` to `last` (inclusive, clipped) with one character."""
        first, last = max(0, first), min(len(self.chars) - 1, last)
        for column in range(first, last + 1):
            self.chars[column] = character
            self.names[column] = name


def strip(
    view: Frame,
    label: str,
    cells: Cells,
    base: Style,
    style_of: StyleOf,
    marked: tuple[range, str] = (range(0), ""),
) -> Strip:
    """A row: its name in the label column, then its cells on the phases' shades, the
    selected event's column in the cursor's colours (a blank there drawn as `│`). The cells
    in `marked`'s range take its component class's colours instead of their own (the
    overview ruler's visible part)."""
    name_text = set_cell_size(sanitize_line(label), LABEL_WIDTH - 1) + " "
    segments = [Segment(name_text, base + style_of(ROW_NAME))]
    shade_styles = {
        shade: base + style_of(f"time-axis--band-{shade}") if shade else base for shade in (0, 1, 2)
    }
    cursor_style = base + style_of(CURSOR)
    marked_range, marked_name = marked
    marked_style = base + style_of(marked_name) if marked_name else base
    run: list[str] = []
    run_style: Style | None = None
    for column in range(view.width):
        character, name = cells.chars[column], cells.names[column]
        if column == view.cursor:
            style = cursor_style
            if character == " ":
                character = CURSOR_LINE
        elif column in marked_range:
            style = marked_style
        else:
            style = shade_styles[view.shades[column]]
            if name is not None:
                style += style_of(name)
        if style != run_style and run:
            segments.append(Segment("".join(run), run_style))
            run = []
        run_style = style
        run.append(character)
    if run:
        segments.append(Segment("".join(run), run_style))
    return Strip(segments)


def phases_cells(view: Frame, bands: Sequence[Band]) -> Cells:
    """The phases row: each band from `├` to its end in `─`, its name after the mark (from
    the band's first visible cell when it began before the left edge)."""
    cells = Cells(view.width)
    for band in bands:
        first, last = _columns(view.scale, band.start, band.end, view.width)
        if last < first:
            continue
        cells.fill(first, last, PHASE_RULE, "time-axis--phase-rule")
        start = view.scale.column(band.start)
        if start >= 0:
            cells.put(start, PHASE_MARK, "time-axis--phase-rule")
        room = last - first - 2
        if room >= 3:
            name = sanitize_line(band.name)
            if cell_len(name) > room:
                name = set_cell_size(name, room - 1).rstrip() + "…"
            cells.put(first + 2, name, "time-axis--phase")
    return cells


def ticks_cells(view: Frame, ticks: Sequence[Tick]) -> Cells:
    """The axis: each tick's mark `╵` at its position and its label after it (a major tick,
    the start of a larger unit, in bold)."""
    cells = Cells(view.width)
    for tick in ticks:
        name = "time-axis--tick-major" if tick.major else "time-axis--tick"
        cells.put(tick.position, TICK_MARK + tick.label, name)
    return cells


def tick_width(label: str) -> float:
    """The cells a tick takes on the axis: its mark and its label (for `data.axis.ticks`)."""
    return cell_len(TICK_MARK + label)


def markers_cells(view: Frame, markers: Sequence[Marker]) -> Cells:
    """The events row: one event as `●`, several in one place as their count, each with its
    label a cell after it when the core found room for one (a title as `ShownEvents.title` gives
    it: sanitised)."""
    cells = Cells(view.width)
    for marker in markers:
        name = "time-axis--marker" if marker.count == 1 else "time-axis--count"
        after = cells.put(marker.position, marker.glyph, name)
        if marker.label:
            cells.put(after + 1, marker.label, "time-axis--label")
    return cells


def lane_cells(view: Frame, lane: Lane, mission_end: float) -> Cells:
    """A lane: each stay as a bar of its state's character, with its short label inside
    when the bar has room for it."""
    cells = Cells(view.width)
    for stay in lane.stays:
        start, end = stay_bounds(stay, mission_end)
        first, last = _columns(view.scale, start, end, view.width)
        if last < first:
            continue
        cells.fill(first, last, STATE_CHARS[stay.state], STATE_CLASSES[stay.state])
        label = sanitize_line(stay.label)
        if last - first + 1 >= cell_len(label) + 4:
            cells.put(first + 1, f" {label} ", "time-axis--bar-label")
    return cells
