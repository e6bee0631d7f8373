"""One line under the header while a large mission loads: events read so far and a bar."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.text import LABEL_STYLE

BAR_WIDTH = 20


class LoadProgress(Widget):
    """`loading 412,000 events ████████░░░░ 41%`, set by the app (attributes down).

    The bar is drawn with block characters and the percentage is written out, so the state
    never rests on colour. `note` says why the list does not grow (a file out of time order
    is shown once it is read and sorted)."""

    DEFAULT_CSS = """
    LoadProgress { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    events_read: reactive[int] = reactive(0)
    bytes_read: reactive[int] = reactive(0)
    total_bytes: reactive[int] = reactive(0)
    note: reactive[str] = reactive("")

    @property
    def fraction(self) -> float:
        """How much of the file has been read, from 0 to 1."""
        return min(1.0, self.bytes_read / self.total_bytes) if self.total_bytes else 0.0

    def render(self) -> RenderResult:
        filled = round(self.fraction * BAR_WIDTH)
        parts: list[str | tuple[str, str]] = [
            ("loading ", LABEL_STYLE),
            f"{self.events_read:,} events ",
            "█" * filled + "░" * (BAR_WIDTH - filled),
            f" {self.fraction:.0%}",
        ]
        if self.note:
            parts += [("  │ ", LABEL_STYLE), self.note]
        return Content.assemble(*parts)
