"""The text of a pane (event detail, crew facts), updated without a new layout when it can."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.text import looks_same


class PaneText(Static):
    """A pane's body text. Showing new text lays the screen out again only when the text's
    height changes: a layout renders the whole screen, about a third of what a key press
    costs, and most moves from one event to the next keep the pane's height. Text that is
    already shown (the crew pane's prompt when the zone changes) is not drawn again."""

    def show(self, content: Content) -> None:
        shown = self.content
        if isinstance(shown, Content) and looks_same(shown, content):
            return
        width, height = self.content_region.size
        same_height = width > 0 and content.get_height(self.styles.get_rules(), width) == height
        self.update(content, layout=not same_height)
