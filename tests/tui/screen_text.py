"""Reading what a region of the screen shows, line by line, as a terminal would display it."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.geometry import Region


def screen_lines(app: App[Any]) -> list[str]:
    """Every line of the screen as the terminal gets it (the compositor's strips: Textual
    has no public way to read the screen back as lines)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def region_lines(app: App[Any], region: Region) -> list[str]:
    """The lines of the screen within `region`."""
    return [line[region.x : region.right] for line in screen_lines(app)[region.y : region.bottom]]


def flowing(lines: list[str]) -> str:
    """Wrapped lines joined back into one text (words separated by single spaces)."""
    return " ".join(" ".join(lines).split())
