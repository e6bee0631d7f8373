"""How a picture looks: its two palettes, font sizes and spacing, in pixels.

Lane states differ by shape as well as colour, as in the terminal view (`━` in flight, `█`
aboard the station, `▒` docked): a thin bar in flight, a full bar aboard the station, a
hatched bar docked at a port. Every text colour has a contrast of at least 4.5:1 with the
background it is drawn on (tests/export/test_picture_style.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from data.axis.lanes import LaneKind
from data.export.options import Theme
from data.facts.stays import StayState
from data.i18n import N_


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of one theme, as `#rrggbb`."""

    background: str
    text: str
    muted: str
    """Secondary text: the subtitle, the sources, minor ticks."""
    grid: str
    major_grid: str
    bands: tuple[str, str]
    """Phase bands alternate between these two fills."""
    stays: dict[StayState, str]
    """Fill of each lane state's bar."""
    edge: str
    """Outline of the bars and the hatching of a docked bar."""
    marker: str


PALETTES = {
    Theme.LIGHT: Palette(
        background="#ffffff",
        text="#1b1f24",
        muted="#4f5661",
        grid="#d3d8df",
        major_grid="#aab1ba",
        bands=("#f3f5f8", "#e7ecf3"),
        stays={
            StayState.FLIGHT: "#1d5fa8",
            StayState.STATION: "#bfe0c1",
            StayState.DOCKED: "#f0c987",
        },
        edge="#5b4a2e",
        marker="#b3261e",
    ),
    Theme.DARK: Palette(
        background="#14171c",
        text="#e9ecf0",
        muted="#aeb5bf",
        grid="#343a44",
        major_grid="#4d5560",
        bands=("#1b1f26", "#232933"),
        stays={
            StayState.FLIGHT: "#6fb3f2",
            StayState.STATION: "#2f5a33",
            StayState.DOCKED: "#5e4420",
        },
        edge="#d9b77f",
        marker="#ff7a70",
    ),
}

STATE_NAMES = {
    StayState.FLIGHT: N_("in flight"),
    StayState.STATION: N_("aboard the station"),
    StayState.DOCKED: N_("docked at a port"),
}
"""The legend's words for each lane state (`_()` where drawn)."""

KIND_NAMES = {LaneKind.PERSON: N_("Crew"), LaneKind.VEHICLE: N_("Vehicles")}
"""The heading above each group of lanes (`_()` where drawn)."""
EVENTS = N_("Events")
"""The heading of the events' lane."""


@dataclass(frozen=True, slots=True)
class Sizes:
    """Font sizes and spacing in pixels (a picture is drawn at 100 pixels an inch)."""

    margin: int = 28
    title: int = 26
    subtitle: int = 15
    tick: int = 13
    label: int = 14
    """Lane names, phase names and bar labels."""
    marker_label: int = 12
    small: int = 12
    """The legend and the sources line."""
    lane: int = 30
    """The height of one lane."""
    heading: int = 26
    """The height of the row naming a group of lanes."""
    flight_bar: float = 0.3
    """A bar in flight, as a share of a lane's height (aboard and docked: 0.7)."""
    full_bar: float = 0.7
    glyph: int = 16
    """A marker's glyph: `●` for an event, the count for several."""
    events: int = 48
    """The height of the events lane."""
    gap: int = 14
    """Between texts side by side: ticks, marker labels, legend entries."""


SIZES = Sizes()
