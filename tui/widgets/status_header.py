"""The header: the mission, the active zone, the time display mode, and any filter or search."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from data.sanitize import sanitize_line
from tui.text import LABEL_STYLE


class StatusHeader(Widget):
    """Two lines of state, set by the app (attributes down).

    The title has the first line to itself and the state the second; neither wraps, so the
    time mode stays in view at 80 columns and a very long (or hostile) title cannot push the
    timeline down. What does not fit ends in an ellipsis.
    """

    DEFAULT_CSS = """
    StatusHeader { height: 2; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    mission_title: reactive[str] = reactive("")
    zone_text: reactive[str] = reactive("")
    mode_text: reactive[str] = reactive("")
    filter_text: reactive[str] = reactive("")
    search_text: reactive[str] = reactive("")
    person_text: reactive[str] = reactive("")

    def render(self) -> RenderResult:
        top = Content.styled(sanitize_line(self.mission_title), "bold")
        state: list[str | tuple[str, str]] = [
            ("zone ", LABEL_STYLE),
            sanitize_line(self.zone_text),
            ("  │ time ", LABEL_STYLE),
            sanitize_line(self.mode_text),
        ]
        for label, value in (
            ("filter", self.filter_text),
            ("search", self.search_text),
            ("crew", self.person_text),
        ):
            if value:
                state += [(f"  │ {label} ", LABEL_STYLE), (sanitize_line(value), "bold")]
        return Content("\n").join([top, Content.assemble(*state)])
