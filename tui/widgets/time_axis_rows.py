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
from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from data.axis.lanes import Band, Lane, bars
from data.axis.markers import MARK, markers
from data.axis.scale import Scale
from data.axis.ticks import ticks
from data.facts.derived import TimeMode
from data.facts.stays import StayState
from data.i18n import N_, _, language
from data.sanitize import sanitize_line
from data.times.parse import When

PINNED = (N_("phases"), N_("time"), N_("events"))
"""The rows that stay at the top of the view while the lanes scroll under them, by their
names (translated where they are shown)."""
RULER_ROW = N_("mission")
"""The overview ruler's row name."""
LEAST_LABEL_WIDTH = 13
"""The fewest cells of the column of row names: a lane's short name keeps 12 of them."""
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
LEGEND = N_("━ in flight  █ aboard the station  ▒ docked  {mark} event  12 events")
"""What the characters mean (the view's border subtitle; translated, and `{mark}` filled,
where it is shown: `legend`)."""
PHASE_MARK = "├"
PHASE_RULE = "─"
TICK_MARK = "╵"
CURSOR_LINE = "│"
CLOCK_LINE = "┆"
"""The mission clock's column, where nothing else is drawn (the cursor's line wins)."""
CURSOR = "time-axis--cursor"
"""The component class of the selected event's column."""
ROW_NAME = "time-axis--row-name"
"""The component class of the column of row names."""
BANDS = ("time-axis--band-1", "time-axis--band-2")
"""The component classes of the phases' alternate shades (shades 1 and 2; 0: no phase)."""

PHASE_CLASSES = (CURSOR, ROW_NAME, *BANDS, "time-axis--phase", "time-axis--phase-rule")
"""The component classes of the phases row, which the overview ruler draws too."""
AXIS_CLASSES = (
    *PHASE_CLASSES,
    *STATE_CLASSES.values(),
    "time-axis--tick",
    "time-axis--tick-major",
    "time-axis--marker",
    "time-axis--count",
    "time-axis--label",
    "time-axis--bar-label",
)
"""Every component class the view's rows are drawn in (`app.tcss` colours them)."""

StyleOf = Callable[[str], Style]
"""A component class's style in the current theme."""


def legend() -> str:
    """What the characters mean, in the interface's language."""
    return _(LEGEND).format(mark=MARK)


def label_width() -> int:
    """The column of row names on the left (a lane's short name, `events`), with its space:
    as wide as the longest name of a row that is not a lane in the interface's language, at
    least `LEAST_LABEL_WIDTH`."""
    return _label_width(language())


@lru_cache(maxsize=4)
def _label_width(language: str) -> int:
    """`label_width` in `language` (the key of the cache)."""
    names = (*PINNED, RULER_ROW)
    return max(LEAST_LABEL_WIDTH, *(cell_len(_(name)) + 1 for name in names))


@dataclass(frozen=True, slots=True)
class Frame:
    """What every row of one frame shares, worked out once per frame: the scale, the time
    area's width, the shade of each of its cells (0: no phase; 1, 2: alternate phases'
    bands), the column of the selected event and the mission clock's (None: out of view)."""

    scale: Scale
    width: int
    shades: tuple[int, ...]
    cursor: int | None
    clock: int | None = None


def frame(
    scale: Scale,
    width: int,
    bands: Sequence[Band],
    cursor: float | None,
    clock: float | None = None,
) -> Frame:
    """The frame of a time area `width` cells wide on `scale`, its phases' bands shaded in
    turn, the selected event at the instant `cursor` (None: no event selected), the mission
    clock at the instant `clock` (None: no clock)."""
    shades = [0] * width
    for index, band in enumerate(bands):
        first, last = _columns(scale, band.start, band.end, width)
        if first <= last:
            shades[first : last + 1] = [1 + index % 2] * (last + 1 - first)
    columns = [None if at is None else scale.column(at) for at in (cursor, clock)]
    shown = [column if column in range(width) else None for column in columns]
    return Frame(scale, width, tuple(shades), *shown)


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


class Palette:
    """The styles of one frame's cells in the current theme, each worked out once: the row
    names, the cursor, a marked part, and each component class over each shade."""

    def __init__(self, base: Style, style_of: StyleOf, marked: str = "") -> None:
        """`base` is the widget's style; `style_of` gives a component class's; `marked`
        names the class of a marked part (the overview ruler's visible part)."""
        self._style_of = style_of
        self.base = base
        self.row_name = base + style_of(ROW_NAME)
        self.cursor = base + style_of(CURSOR)
        self.marked = base + style_of(marked) if marked else base
        self._shades = [base, base + style_of(BANDS[0]), base + style_of(BANDS[1])]
        self._cells: dict[tuple[int, str | None], Style] = {}

    def cell(self, shade: int, name: str | None) -> Style:
        """A cell's style: its component class (if any) over its phase's shade."""
        key = (shade, name)
        style = self._cells.get(key)
        if style is None:
            style = self._shades[shade]
            if name is not None:
                # The class's colour and text style over the shade: Textual resolves a
                # component class's background to the widget's, which would hide the band.
                own = self._style_of(name)
                style += Style.from_color(own.color) + own.without_color
            self._cells[key] = style
        return style


_Run = tuple[int, str | None]
"""What makes cells alike: their shade and component class (or the cursor, a marked part)."""
_CURSOR_RUN: _Run = (-1, None)
_MARKED_RUN: _Run = (-2, None)


def strip(
    view: Frame, label: str, cells: Cells, palette: Palette, marked: range = range(0)
) -> Strip:
    """A row: its name in the label column, then its cells on the phases' shades, the
    selected event's column in the cursor's colours (a blank there drawn as `│`). The cells
    in `marked` take the palette's marked colours instead of their own."""
    name_text = set_cell_size(sanitize_line(label), label_width() - 1) + " "
    segments = [Segment(name_text, palette.row_name)]
    chars, names, shades, cursor = cells.chars, cells.names, view.shades, view.cursor
    run: list[str] = []
    run_key: _Run | None = None
    for column in range(view.width):
        character = chars[column]
        if column == cursor:
            key = _CURSOR_RUN
            if character == " ":
                character = CURSOR_LINE
        elif column == view.clock and character == " ":
            key, character = (shades[column], names[column]), CLOCK_LINE
        elif column in marked:
            key = _MARKED_RUN
        else:
            key = (shades[column], names[column])
        if key != run_key:
            if run_key is not None:
                segments.append(Segment("".join(run), _run_style(run_key, palette)))
            run, run_key = [], key
        run.append(character)
    if run_key is not None:
        segments.append(Segment("".join(run), _run_style(run_key, palette)))
    return Strip(segments)


def _run_style(key: _Run, palette: Palette) -> Style:
    """The style of a run of cells alike: the cursor's, the marked part's, or a cell's."""
    if key is _CURSOR_RUN:
        return palette.cursor
    if key is _MARKED_RUN:
        return palette.marked
    return palette.cell(*key)


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


def ticks_cells(view: Frame, zone: str, mode: TimeMode, anchor: When | None) -> Cells:
    """The axis: each tick the core places for the zone and time mode (`data.axis.ticks`),
    its mark `╵` at its position and its label after it (a major tick, the start of a larger
    unit, in bold)."""
    cells = Cells(view.width)
    for tick in ticks(view.scale, view.width, zone, mode, anchor, text_width=tick_width):
        name = "time-axis--tick-major" if tick.major else "time-axis--tick"
        cells.put(tick.position, TICK_MARK + tick.label, name)
    return cells


def tick_width(label: str) -> float:
    """The cells a tick takes on the axis: its mark and its label (for `data.axis.ticks`)."""
    return cell_len(TICK_MARK + label)


def markers_cells(view: Frame, instants: Sequence[float], title_of: Callable[[int], str]) -> Cells:
    """The events row: the markers the core places for these events (`data.axis.markers`),
    one event as `●`, several in one place as their count, each with its label a cell after
    it when the core found room for one (`title_of` gives a title as drawn: sanitised)."""
    cells = Cells(view.width)
    for marker in markers(instants, view.scale, view.width, title_of):
        name = "time-axis--marker" if marker.count == 1 else "time-axis--count"
        after = cells.put(marker.position, marker.glyph, name)
        if marker.label:
            cells.put(after + 1, marker.label, "time-axis--label")
    return cells


def lane_cells(view: Frame, lane: Lane, mission_end: float) -> Cells:
    """A lane: each of its bars (`data.axis.lanes.bars`: where its stays fall in view) in its
    state's character, with the stay's short label inside when the bar has room for it."""
    cells = Cells(view.width)
    for bar in bars(lane, view.scale, view.width, mission_end):
        state = bar.stay.state
        cells.fill(bar.start, bar.end - 1, STATE_CHARS[state], STATE_CLASSES[state])
        label = sanitize_line(bar.stay.label)
        if bar.end - bar.start >= cell_len(label) + 4:
            cells.put(bar.start + 1, f" {label} ", "time-axis--bar-label")
    return cells
