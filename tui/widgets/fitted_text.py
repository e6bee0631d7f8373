"""Text made for the width it is shown at, so that nothing wraps it again."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget


class FittedText(Widget):
    """Text made for the width it is shown at: `describe(width)` gives lines that each fit,
    so nothing is wrapped again (a wrapped explanation would fall to column 0)."""

    DEFAULT_CSS = """
    FittedText { height: auto; }
    """

    def __init__(self, describe: Callable[[int], Content], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.describe = describe

    def render(self) -> RenderResult:
        return self.describe(max(1, self.content_region.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        width = max(1, width)  # a terminal shrunk to almost nothing still asks (width 0)
        return self.describe(width).get_height(self.styles.get_rules(), width)
