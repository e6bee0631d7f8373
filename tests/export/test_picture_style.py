"""A picture's palettes: every text readable (WCAG contrast >= 4.5:1) on what it is drawn on,
measured with the same function as the app's themes (tui.theme.contrast_ratio)."""

from __future__ import annotations

import pytest
from textual.color import Color

from data.export.options import Theme
from data.export.picture_style import PALETTES, Palette
from data.facts.stays import StayState
from tui.theme import contrast_ratio

MINIMUM = 4.5


def pairs(palette: Palette) -> dict[str, tuple[str, str]]:
    """Each kind of text and the colour it is drawn on."""
    return {
        "text on the background": (palette.text, palette.background),
        "muted on the background": (palette.muted, palette.background),
        "marker on the background": (palette.marker, palette.background),
        **{f"text on band {n}": (palette.text, band) for n, band in enumerate(palette.bands)},
        **{f"muted on band {n}": (palette.muted, band) for n, band in enumerate(palette.bands)},
        **{f"marker on band {n}": (palette.marker, band) for n, band in enumerate(palette.bands)},
        "label on a station bar": (palette.text, palette.stays[StayState.STATION]),
        "label on a docked bar": (palette.text, palette.stays[StayState.DOCKED]),
    }


@pytest.mark.parametrize("theme", list(Theme))
def test_every_text_is_readable(theme: Theme) -> None:
    unreadable = {
        what: round(ratio, 2)
        for what, (text, ground) in pairs(PALETTES[theme]).items()
        if (ratio := contrast_ratio(Color.parse(text), Color.parse(ground))) < MINIMUM
    }
    assert unreadable == {}


@pytest.mark.parametrize("theme", list(Theme))
def test_lane_states_differ_by_more_than_colour(theme: Theme) -> None:
    """In flight, aboard and docked are told apart by shape (a thin bar, a hatched one) in
    the drawing; here: their colours differ too, and each bar stands out from the bands."""
    palette = PALETTES[theme]
    fills = list(palette.stays.values())
    assert len(set(fills)) == len(StayState)
    for fill in fills:
        for band in palette.bands:
            assert contrast_ratio(Color.parse(fill), Color.parse(band)) > 1.2, (fill, band)
