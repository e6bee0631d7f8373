"""Drawing a laid-out picture with matplotlib, as SVG or PNG bytes.

matplotlib is imported here only, inside the functions, when a picture is exported: the app
and the other exports never load it (tests/test_import_hygiene.py). One figure gives both
formats: SVG through matplotlib's SVG backend with `svg.fonttype = none`, so each text stays
text a reader (or a test) can find; PNG through Agg, exactly `width` pixels wide. Text is
never parsed as mathtext (`parse_math=False`): a `$` in a mission's text is a `$`.

The figure is drawn at 100 pixels an inch in pixel coordinates (y down), so a layout's
pixels are the PNG's pixels and, in the SVG, CSS pixels (the root's `width` and `height`
are rewritten from points to pixels; its `viewBox` keeps matplotlib's units).
"""

from __future__ import annotations

import io
import re
from functools import cache
from typing import TYPE_CHECKING

from data.export.options import Theme
from data.export.picture_layout import SWATCH, Bar, Label, Layout, Measure
from data.export.picture_style import PALETTES, SIZES, Palette
from data.facts.stays import StayState

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DPI = 100
"""Pixels an inch: font sizes in points are pixels x 0.72."""
FONT = "DejaVu Sans"
"""Shipped with matplotlib (so every machine draws the same), with Latin and Cyrillic."""
_POINTS = 72 / DPI
_WEIGHTS = {"title": "bold", "heading": "bold"}
"""Bold texts: never one measured for the axis (ticks, markers), which is measured plain;
the headings are measured bold for the margin."""
_SVG_SIZE = re.compile(rb'<svg([^>]*?) width="([\d.]+)pt" height="([\d.]+)pt"')


@cache
def measure() -> Measure:
    """The width in pixels of a text at a font size in pixels, bold or not, as Agg draws it."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    # matplotlib's stubs leave these two untyped.
    renderer = RendererAgg(1, 1, DPI)  # type: ignore[no-untyped-call]

    @cache
    def width(text: str, size: int, bold: bool = False) -> float:
        weight = "bold" if bold else "normal"
        props = FontProperties(family=FONT, size=size * _POINTS, weight=weight)
        size_of = renderer.get_text_width_height_descent
        return float(size_of(text, props, ismath=False)[0])  # type: ignore[no-untyped-call]

    return width


def render(layout: Layout, theme: Theme, image_format: str) -> bytes:
    """The picture as `svg` or `png` bytes."""
    import matplotlib as mpl

    with mpl.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "mission-timeline",
            "font.family": FONT,
            "text.parse_math": False,
            "hatch.linewidth": 1.0,
        }
    ):
        figure = _figure(layout, PALETTES[theme])
        out = io.BytesIO()
        metadata = {"Date": None} if image_format == "svg" else {}
        figure.savefig(out, format=image_format, dpi=DPI, metadata=metadata)
    data = out.getvalue()
    if image_format == "svg":
        data = _SVG_SIZE.sub(rb'<svg\1 width="%dpx" height="%dpx"' % _px(layout), data, count=1)
    return data


def _px(layout: Layout) -> tuple[int, int]:
    return layout.width, round(layout.height)


def _figure(layout: Layout, palette: Palette) -> Figure:
    """A figure of the layout's size with one axes spanning it, in pixels, y down."""
    from matplotlib.figure import Figure

    width, height = _px(layout)
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor=palette.background)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)
    axes.set_axis_off()
    _draw(axes, layout, palette)
    return figure


def _draw(axes: Axes, layout: Layout, palette: Palette) -> None:
    """Everything, back to front: bands, rules, bars (and the legend's), texts. Shapes are
    added as artists, not patches: the axes' limits are set, so nothing is measured for
    them (a mission with hundreds of lanes draws thousands of bars)."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Rectangle

    for number, fill in enumerate(layout.fills):
        size = (fill.x1 - fill.x0, fill.bottom - fill.top)
        band = Rectangle(
            (fill.x0, fill.top), *size, color=palette.bands[fill.shade], lw=0, zorder=0
        )
        band.set_gid(f"band-{number}")
        axes.add_artist(band)
    for major in (False, True):
        lines = [[(r.x, r.top), (r.x, r.bottom)] for r in layout.rules if r.major is major]
        colour = palette.major_grid if major else palette.grid
        # Above the bands (zorder 0), below the bars (1) and the texts (3).
        axes.add_artist(LineCollection(lines, colors=colour, linewidths=1, zorder=0.5))
    legend = [
        Bar(x, x + SWATCH, y - _height(state) * 0.3, _height(state) * 0.6, state)
        for x, y, state in layout.swatches
    ]
    for state in StayState:
        _bars(axes, [bar for bar in (*layout.bars, *legend) if bar.state is state], palette)
    for number, label in enumerate(layout.labels):
        _text(axes, label, palette, label.gid or f"{label.role}-{number}")


def _height(state: StayState) -> float:
    """The height of a bar in a lane."""
    return SIZES.lane * (SIZES.flight_bar if state is StayState.FLIGHT else SIZES.full_bar)


def _bars(axes: Axes, bars: list[Bar], palette: Palette) -> None:
    """Bars of one state, as one collection: solid in flight (thin) and aboard the station,
    hatched when docked."""
    from matplotlib.collections import PolyCollection

    if not bars:
        return
    state = bars[0].state
    docked = state is StayState.DOCKED
    corners = [
        (
            (bar.x0, bar.top),
            (bar.x1, bar.top),
            (bar.x1, bar.top + bar.height),
            (bar.x0, bar.top + bar.height),
        )
        for bar in bars
    ]
    collection = PolyCollection(
        corners,
        facecolors=palette.stays[state],
        edgecolors=palette.edge if docked else palette.stays[state],
        hatch="////" if docked else None,
        linewidths=0.8 if docked else 0,
    )
    collection.set_gid(f"bars-{state.name.lower()}")
    axes.add_artist(collection)


def _text(axes: Axes, label: Label, palette: Palette, gid: str) -> None:
    """A label, in its role's colour and weight, with `gid` as its id in an SVG."""
    colours = {
        "subtitle": palette.muted,
        "tick": palette.muted,
        "source": palette.muted,
        "legend": palette.text,
        "event": palette.text,
        "mark": palette.marker,
        "count": palette.marker,
    }
    axes.text(
        label.x,
        label.y,
        label.text,
        fontsize=label.size * _POINTS,
        color=colours.get(label.role, palette.text),
        fontweight=_WEIGHTS.get(label.role, "normal"),
        ha=label.align,
        va="center_baseline",
        parse_math=False,
        gid=gid,
        bbox=_box(label.role, palette),
    )


def _box(role: str, palette: Palette) -> dict[str, object] | None:
    """A label on a hatched bar sits on a patch of the bar's colour, without hatching; a
    count of events has a rounded frame (its pad stays inside the gap after it)."""
    if role == "docked":
        colour = palette.stays[StayState.DOCKED]
        return {"boxstyle": "square,pad=0.2", "facecolor": colour, "linewidth": 0}
    if role == "count":
        frame = {"boxstyle": "round,pad=0.15", "facecolor": palette.background}
        return {**frame, "edgecolor": palette.marker, "linewidth": 1.2}
    return None
