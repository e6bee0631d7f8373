"""The mission timeline: one row per event, drawn on demand with the Line API.

A `ScrollView` renders only the visible rows, so the widget costs the same for forty events
as for a million (STYLE.md 4).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from data.model import Mission
from data.sanitize import sanitize_line
from data.timefmt import show


class Timeline(ScrollView, can_focus=True):
    """A scrollable list of the mission's events, in time order."""

    DEFAULT_CSS = """
    Timeline { height: 1fr; }
    """

    def __init__(self, mission: Mission, zone: str = "UTC", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.mission = mission
        self.zone = zone
        self.virtual_size = Size(0, len(mission.events))

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if index >= len(self.mission.events):
            return Strip.blank(self.size.width, self.rich_style)
        event = self.mission.events[index]
        text = f"{show(event.when, self.zone)!s:<28} {sanitize_line(event.title)}"
        return Strip([Segment(text, self.rich_style)]).crop_extend(
            0, self.size.width, self.rich_style
        )
