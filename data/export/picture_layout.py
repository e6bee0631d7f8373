"""Where everything of a picture goes, in pixels: placed from the axis core, never computed.

Every tick, marker (and its count), lane state, band and position comes from `data.axis`
and `data.facts.stays`, with text widths measured in pixels; this module only adds the
picture's margins, rows and the offset of the plot. Nothing here draws (`picture_draw` does)
and nothing imports the drawing library: a test can read a layout without it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from data.axis.lanes import Band, Lane, LaneKind, bands, bars, lanes, span
from data.axis.markers import ELLIPSIS, MARK, Picked, markers
from data.axis.scale import Scale
from data.axis.ticks import ticks
from data.export.columns import event_store, selection
from data.export.options import ExportOptions
from data.export.picture_style import EVENTS, KIND_NAMES, SIZES, STATE_NAMES, Sizes
from data.export.picture_words import sources_lines, subtitle, title, wrap
from data.facts.stays import StayState
from data.i18n import _
from data.model import Mission
from data.sanitize import sanitize_line

SHORTEST_CUT = 6
"""A title cut shorter than this (`Rus…`) is left out: in a picture it reads as a glitch."""

SWATCH = 26
"""The width of a lane state's bar in the legend."""


class Measure(Protocol):
    """The width in pixels of a text in a font size in pixels, `bold` or not."""

    def __call__(self, text: str, size: int, bold: bool = False) -> float: ...


@dataclass(frozen=True, slots=True)
class Label:
    """A text at `x`, its baseline's middle at `y`; `align` is left, center or right."""

    x: float
    y: float
    text: str
    size: int
    role: str
    """What it is, for its colour and weight: title, subtitle, tick, major-tick, lane,
    heading, phase, bar, docked (on a docked bar), mark (one event), count (of events),
    event (an event's title), legend, source."""
    align: str = "left"
    gid: str = ""
    """Its id in the SVG, if it needs one: `marker-N` for the marker of instant N."""


@dataclass(frozen=True, slots=True)
class Bar:
    """A stay as a bar in its lane: `state` sets its look."""

    x0: float
    x1: float
    top: float
    height: float
    state: StayState


@dataclass(frozen=True, slots=True)
class Rule:
    """A vertical line from `top` to `bottom`: a tick through the lanes."""

    x: float
    top: float
    bottom: float
    major: bool


@dataclass(frozen=True, slots=True)
class Fill:
    """A phase band: a rectangle behind the lanes, in one of two alternating shades."""

    x0: float
    x1: float
    top: float
    bottom: float
    shade: int


@dataclass
class Layout:
    """A whole picture: its size in pixels and everything on it, back to front."""

    width: int
    height: float = 0.0
    plot: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """The time axis's area: left, right, top, bottom."""
    fills: list[Fill] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    swatches: list[tuple[float, float, StayState]] = field(default_factory=list)
    """The legend's bar of each lane state, at (x, y)."""


def layout(
    mission: Mission, options: ExportOptions, measure: Measure, sizes: Sizes = SIZES
) -> Layout:
    """The picture of `mission` with `options`, laid out with texts measured by `measure`."""
    zone = options.zones[0]
    shown = lanes(mission)
    names = [measure(sanitize_line(lane.name), sizes.label) for lane in shown]
    headings = [*map(_, KIND_NAMES.values()), _(EVENTS)]  # drawn bold
    names += [measure(heading, sizes.label, bold=True) for heading in headings]
    # A whole pixel, so that each unit of the axis is a pixel of the PNG: crisp lines.
    left = math.ceil(sizes.margin + max(names) + sizes.gap)
    right = options.width - sizes.margin
    first, last = span(mission)
    start = first if options.start is None else options.start
    end = last if options.end is None else options.end
    scale = Scale.fit(start, end, max(1, round(right - left)))
    out = Layout(options.width)
    y = _heading(out, mission, options, zone, measure, sizes)
    axis_y, y = y, y + sizes.tick + 14
    top = y
    y += sizes.label + 12  # the phase names' row
    out.plot = (left, right, top, top)
    rows = _lanes(out, shown, scale, y, last, measure, sizes)
    events_y = rows + sizes.events / 2
    bottom = rows + sizes.events
    out.plot = (left, right, top, bottom)
    _bands(out, bands(mission), scale, measure, sizes)
    _ticks(out, scale, zone, options, measure, axis_y, sizes)
    out.labels.append(Label(sizes.margin, events_y, _(EVENTS), sizes.label, "heading"))
    _markers(out, mission, options, scale, measure, events_y, sizes)
    y = _legend(out, bottom + 24, measure, sizes)
    for line in sources_lines(mission, right - sizes.margin, partial(_width, measure, sizes.small)):
        out.labels.append(Label(sizes.margin, y, line, sizes.small, "source"))
        y += sizes.small + 6
    out.height = y + sizes.margin - sizes.small
    return out


def _heading(
    out: Layout,
    mission: Mission,
    options: ExportOptions,
    zone: str,
    measure: Measure,
    sizes: Sizes,
) -> float:
    """The title and the subtitle, each on as many lines as the width takes; the y below."""
    room = options.width - 2 * sizes.margin
    y = float(sizes.margin)
    for text, size, role, after in (
        (title(mission), sizes.title, "title", 10),
        (subtitle(options, zone), sizes.subtitle, "subtitle", 22),
    ):
        for line in wrap(text.split(" "), room, partial(_width, measure, size)):
            out.labels.append(Label(sizes.margin, y + size / 2, line, size, role))
            y += size * 1.3
        y += after - size * 0.3
    return y


def _width(measure: Measure, size: int, text: str) -> float:
    """The width of `text` in font size `size` (for a `partial`)."""
    return measure(text, size)


def _lanes(
    out: Layout,
    shown: Sequence[Lane],
    scale: Scale,
    y: float,
    mission_end: float,
    measure: Measure,
    sizes: Sizes,
) -> float:
    """A heading per kind of lane, then each lane with a stay in the range: its name, bars
    and their labels where they fit; the y below them."""
    left, right = out.plot[0], out.plot[1]
    kind: LaneKind | None = None
    for lane in shown:
        found = bars(lane, scale, round(right - left), mission_end)
        if not found:
            continue
        if lane.kind is not kind:
            kind = lane.kind
            middle = y + sizes.heading / 2
            heading = _(KIND_NAMES[kind])
            out.labels.append(Label(sizes.margin, middle, heading, sizes.label, "heading"))
            y += sizes.heading
        middle = y + sizes.lane / 2
        out.labels.append(
            Label(sizes.margin, middle, sanitize_line(lane.name), sizes.label, "lane")
        )
        for bar in found:
            state = bar.stay.state
            x0, x1 = left + bar.start, left + bar.end
            height = sizes.lane * (
                sizes.flight_bar if state is StayState.FLIGHT else sizes.full_bar
            )
            out.bars.append(Bar(x0, x1, middle - height / 2, height, state))
            text = sanitize_line(bar.stay.label)
            if state is not StayState.FLIGHT and measure(text, sizes.small) + 12 <= x1 - x0:
                role = "docked" if state is StayState.DOCKED else "bar"
                out.labels.append(Label(x0 + 6, middle, text, sizes.small, role))
        y += sizes.lane
    return y


def _bands(
    out: Layout, phases: Sequence[Band], scale: Scale, measure: Measure, sizes: Sizes
) -> None:
    """The phases as bands behind the lanes, each named above the lanes where it fits."""
    left, right, top, bottom = out.plot
    for number, band in enumerate(phases):
        x0, x1 = max(left, left + scale.at(band.start)), min(right, left + scale.at(band.end))
        if x1 <= x0:
            continue
        out.fills.append(Fill(x0, x1, top, bottom, number % 2))
        name = sanitize_line(band.name)
        if measure(name, sizes.label) + sizes.gap <= x1 - x0:
            y = top + (sizes.label + 12) / 2
            out.labels.append(Label((x0 + x1) / 2, y, name, sizes.label, "phase", "center"))


def _ticks(
    out: Layout,
    scale: Scale,
    zone: str,
    options: ExportOptions,
    measure: Measure,
    y: float,
    sizes: Sizes,
) -> None:
    """The axis's ticks as rules through the lanes, their labels above the plot."""
    left, right, top, bottom = out.plot
    anchor = options.anchor.when if options.relative and options.anchor else None
    found = ticks(
        scale,
        round(right - left),
        zone,
        options.mode,
        anchor,
        text_width=lambda text: measure(text, sizes.tick),
        gap=sizes.gap,
    )
    for tick in found:
        x = left + tick.position
        out.rules.append(Rule(x, top, bottom, tick.major))
        role = "major-tick" if tick.major else "tick"
        out.labels.append(Label(x, y, tick.label, sizes.tick, role))


def _markers(
    out: Layout,
    mission: Mission,
    options: ExportOptions,
    scale: Scale,
    measure: Measure,
    y: float,
    sizes: Sizes,
) -> None:
    """The events drawn (those the filter keeps) as markers, with the labels that fit: a
    marker's glyph (`●`, or the count) starts at its position and its label follows `gap`
    after it, as `data.axis.markers` places them."""
    left, right, _, _ = out.plot
    store = event_store(mission)
    chosen = selection(store, options)
    every = store.columns.instants
    instants = every if options.filter is None else Picked(every, chosen)

    def width(text: str) -> float:
        """A glyph (`●`, a count) is drawn larger than the titles beside it."""
        glyph = text == MARK or text.isdigit()
        return measure(text, sizes.glyph if glyph else sizes.marker_label)

    def title_of(index: int) -> str:
        return sanitize_line(store.make(chosen[index]).title)

    found = markers(instants, scale, round(right - left), title_of, width, sizes.gap)
    for marker in found:
        x = left + marker.position
        role = "mark" if marker.count == 1 else "count"
        gid = f"marker-{marker.first}"
        out.labels.append(Label(x, y, marker.glyph, sizes.glyph, role, gid=gid))
        if _readable(marker.label):
            label_x = x + width(marker.glyph) + sizes.gap
            out.labels.append(Label(label_x, y, marker.label, sizes.marker_label, "event"))


def _readable(label: str) -> bool:
    """Whether a marker's label says something: not empty, and not cut (by the core, to
    the room there is) to fewer than `SHORTEST_CUT` characters of its title."""
    return len(label) > SHORTEST_CUT or (bool(label) and not label.endswith(ELLIPSIS))


def _legend(out: Layout, y: float, measure: Measure, sizes: Sizes) -> float:
    """The legend: a bar for each lane state, the glyphs of an event and of a count, each
    with its words, in rows as wide as the picture; the y below it."""
    entries: list[tuple[StayState | str, str]] = [
        *((state, _(words)) for state, words in STATE_NAMES.items()),
        (MARK, _("an event")),
        ("12", _("events too close to tell apart, counted")),
    ]
    x, right = float(sizes.margin), out.width - sizes.margin
    for key, words in entries:
        key_width = SWATCH if isinstance(key, StayState) else measure(key, sizes.glyph)
        width = key_width + 8 + measure(words, sizes.small)
        if x > sizes.margin and x + width > right:
            x, y = float(sizes.margin), y + sizes.small + 14
        if isinstance(key, StayState):
            out.swatches.append((x, y, key))
        else:
            role = "mark" if key == MARK else "count"
            out.labels.append(Label(x, y, key, sizes.glyph, role))
        out.labels.append(Label(x + key_width + 8, y, words, sizes.small, "legend"))
        x += width + sizes.gap * 2
    return y + sizes.small + 20
