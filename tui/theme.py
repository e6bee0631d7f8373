"""The app's colours: the house theme, and every theme's text colours made readable.

`readable` runs on the CSS variables of whichever theme is active (the house theme or any of
Textual's) and moves each colour the app draws text in just far enough from its backgrounds
to reach WCAG AA, 4.5:1, so no theme hides a word (tests/tui/test_contrast.py checks every
rendered character of the main screen, the help and a dialog in every theme).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import chain

from rich.terminal_theme import TerminalTheme
from textual.color import Color
from textual.theme import Theme

HOUSE_THEME = "mission-timeline"

MISSION_TIMELINE_THEME = Theme(
    name=HOUSE_THEME,
    primary="#4FA3E0",
    secondary="#2D6A9F",
    accent="#F2A541",
    warning="#F2C14E",
    error="#E0556A",
    success="#6CC487",
    foreground="#DCE3EA",
    background="#0E1620",
    surface="#15202C",
    panel="#1C2A38",
    dark=True,
    variables={
        "footer-key-foreground": "#F2A541",
        "block-cursor-background": "#2D6A9F",
        "block-cursor-foreground": "#FFFFFF",
    },
)

MINIMUM_CONTRAST = 4.5
"""WCAG 2 AA for text of normal size."""

Background = tuple[str, ...]
"""A background as it is painted: CSS variables (each `name` or `name N%`), each layer over
the one before, the first over the screen's background."""

FOCUS_TINT = "foreground 5%"
"""The tint Textual lays over a focused input, select or list."""

Backgrounds = tuple[Background, ...]

SURFACES = ("background", "surface", "panel")

PANES: Backgrounds = (
    *((surface,) for surface in SURFACES),
    ("surface", FOCUS_TINT),
    ("panel", FOCUS_TINT),
)
"""The backgrounds of the app's screens, panes, header, dialogs and inputs."""


def _under(highlight: str) -> Backgrounds:
    """A highlight (a list's cursor, which may be translucent) over each of the surfaces."""
    return tuple((surface, highlight) for surface in SURFACES)


READABLE_ON: Mapping[str, Backgrounds] = {
    # First: the focus tint of the backgrounds below is made of it. Textual's lists also draw
    # the highlighted option of an unfocused list in it.
    "foreground": (*PANES, *_under("block-cursor-blurred-background")),
    **dict.fromkeys(
        (
            "text",
            "text-muted",
            "text-primary",
            "text-secondary",
            "text-accent",
            "text-warning",
            "text-error",
            "text-success",
            "button-foreground",
        ),
        PANES,
    ),
    "footer-foreground": (("footer-background",),),
    "footer-key-foreground": (("footer-background", "footer-key-background"),),
    "footer-description-foreground": (("footer-background", "footer-description-background"),),
    "block-cursor-foreground": _under("block-cursor-background"),
    "block-cursor-blurred-foreground": _under("block-cursor-blurred-background"),
    "button-color-foreground": (("primary",),),
}
"""Each variable the app, or a Textual widget it shows, draws text in, and the backgrounds
it is drawn on."""

_ANSI_FALLBACKS = ("ansi_default", "ansi_bright_white", "ansi_black", "ansi_white")
"""What an ANSI theme's text colour becomes when it is unreadable: the terminal's own
foreground first (ANSI themes leave the colours to the terminal's palette)."""


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour (0 for black, 1 for white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast_ratio(first: Color, second: Color) -> float:
    """WCAG 2 contrast ratio of two opaque colours, from 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(variables: Mapping[str, str], palette: TerminalTheme) -> dict[str, str]:
    """A theme's CSS variables with each text colour of `READABLE_ON` moved, as little as
    needed, to at least `MINIMUM_CONTRAST` against each of its backgrounds (or as near as
    they allow). ANSI colours are measured in `palette`, the terminal colours Textual
    renders them with."""
    result = dict(variables)
    for name, backgrounds in READABLE_ON.items():
        if name not in variables:
            continue

        def worst(value: str, name: str = name, backgrounds: Backgrounds = backgrounds) -> float:
            # A background may be tinted with the very colour chosen (the focus tint).
            chosen = {**result, name: value}
            fills = [_paint(background, chosen, palette) for background in backgrounds]
            return min(contrast_ratio(_text(value, fill, palette), fill) for fill in fills)

        # Worked out one at a time: the colour itself, the first, mostly passes, and the
        # blends after it cost start-up ~25M instructions when all made up front.
        passing = (value for value in _all(variables, name) if worst(value) >= MINIMUM_CONTRAST)
        result[name] = next(passing, None) or max(_all(variables, name), key=worst)
    return result


def _all(variables: Mapping[str, str], name: str) -> Iterator[str]:
    """What variable `name` may become, in the order of preference."""
    return chain(_candidates(variables[name]), _last_resorts(variables))


def _candidates(value: str) -> Iterator[str]:
    """The colour itself, then colours ever further from it, towards full contrast."""
    color, alpha = _parse(value)
    if color.ansi is None or alpha == 1:  # Textual cannot blend an ANSI colour
        yield value
    if color.auto:
        for percent in range(round(alpha * 100) + 5, 101, 5):
            yield f"auto {percent}%"
    elif color.ansi is not None:
        yield from _ANSI_FALLBACKS
    else:
        for step in range(1, 21):
            for target in (Color(255, 255, 255), Color(0, 0, 0)):
                yield color.blend(target, step / 20).hex


def _last_resorts(variables: Mapping[str, str]) -> Iterator[str]:
    """For a colour that cannot be moved far enough (white text on a mid blue): the theme's
    own foreground or background, then black or white."""
    yield variables["foreground"]
    yield variables["background"]
    yield from ("#000000", "#FFFFFF")


def _parse(value: str) -> tuple[Color, float]:
    """A CSS colour value (`#hex`, a name, `ansi_red`, `auto 60%`, `#hex 40%`) and its alpha."""
    text, _, percent = value.strip().partition(" ")
    alpha = float(percent.rstrip("%")) / 100 if percent else 1.0
    if text == "auto":
        return Color.automatic(alpha * 100), alpha
    color = Color.parse(text)
    return color, color.a * alpha


def _ansi(color: Color, palette: TerminalTheme, *, foreground: bool) -> Color:
    """An ANSI colour as `palette` shows it."""
    r, g, b = color.rich_color.get_truecolor(palette, foreground=foreground)
    return Color(r, g, b)


def _paint(background: Background, variables: Mapping[str, str], palette: TerminalTheme) -> Color:
    """The opaque colour of a background: its layers painted over the screen's background,
    itself over the terminal's."""
    fill = Color(*palette.background_color)
    for layer in ("background", *background):
        name, _, percent = layer.partition(" ")
        color, alpha = _parse(variables.get(name, "transparent"))
        alpha *= float(percent.rstrip("%")) / 100 if percent else 1.0
        if color.ansi is not None:
            # Textual paints an ANSI background as it is and never tints with one.
            fill = _ansi(color, palette, foreground=False) if alpha == 1 else fill
        else:
            fill = fill + color.with_alpha(alpha)
    return fill


def _text(value: str, over: Color, palette: TerminalTheme) -> Color:
    """The opaque colour of text in `value` drawn over the opaque colour `over`."""
    color, alpha = _parse(value)
    if color.auto:
        return over + over.get_contrast_text(alpha)
    if color.ansi is not None:
        return _ansi(color, palette, foreground=True)
    return over + color.with_alpha(alpha)
