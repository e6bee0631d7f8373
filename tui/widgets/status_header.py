"""The header: the mission, the active zone, the time display mode, and any filter or search."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from data.sanitize import sanitize_line
from tui.text import LABEL_STYLE


class StatusHeader(Widget):
    """Two lines of state, set by the app (attributes down)."""

    DEFAULT_CSS = """
    StatusHeader { height: auto; }
    """

    mission_title: reactive[str] = reactive("")
    zone_text: reactive[str] = reactive("")
    mode_text: reactive[str] = reactive("")
    filter_text: reactive[str] = reactive("")
    search_text: reactive[str] = reactive("")
    person_text: reactive[str] = reactive("")

    def render(self) -> RenderResult:
        top = Content.assemble(
            (sanitize_line(self.mission_title), "bold"),
            ("  zone ", LABEL_STYLE),
            sanitize_line(self.zone_text),
        )
        bottom: list[str | tuple[str, str]] = [
            ("time ", LABEL_STYLE),
            sanitize_line(self.mode_text),
        ]
        for label, value in (
            ("filter", self.filter_text),
            ("search", self.search_text),
            ("crew", self.person_text),
        ):
            if value:
                bottom += [(f"  │ {label} ", LABEL_STYLE), (sanitize_line(value), "bold")]
        return Content("\n").join([top, Content.assemble(*bottom)])
