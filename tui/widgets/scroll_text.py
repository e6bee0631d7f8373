"""A scrolling pane of wrapped text that draws only the lines in view.

Its text is wrapped once per change (to learn its height), and the lines in view are drawn
from that wrap. A new text of another height lays the screen out again only when the
scroll bar comes or goes: the pane keeps its own size, so only its scroll height changes,
and a layout of the screen renders every widget in it, most of what a key press costs.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.visual import Visual

from tui.text import looks_same


class ScrollText(ScrollView, can_focus=True):
    """Wrapped text in a vertical scroll (`show` gives it new text); the keys and the mouse
    scroll it as they scroll a `VerticalScroll`, and its text can be selected."""

    DEFAULT_CSS = """
    ScrollText {
        overflow-x: hidden;
    }
    """

    def __init__(self, text: Content, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text
        self._lines: list[Strip] | None = None
        """The text wrapped for `_fitted_to` (None: to wrap again before it is drawn)."""
        self._fitted_to = Size(0, 0)

    @property
    def text(self) -> Content:
        """The text shown."""
        return self._text

    def show(self, text: Content) -> None:
        """Show `text` in place of the text shown (nothing to do if it looks the same)."""
        if looks_same(self._text, text):
            return
        self._text = text
        self._lines = None
        if self.container_size.width > 0:
            self._fit()
        self.refresh()

    def _fit(self) -> None:
        """Wrap the text to the pane's width, less the scroll bar's when it does not fit the
        height, and give the scroll that height."""
        container = self.container_size
        width, height = container
        bar = self.styles.scrollbar_size_vertical
        # More lines than the height before any wrap: it scrolls, wrapped once beside the bar.
        scrolls = self._text.plain.count("\n") >= height
        lines = None if scrolls else self._wrap(width)
        if lines is not None and len(lines) > height:
            scrolls, lines = True, None
        if lines is None:
            width -= bar
            lines = self._wrap(width)
        self._lines, self._fitted_to = lines, container
        size = Size(width, len(lines))
        if size == self.virtual_size:
            return
        if scrolls == self.show_vertical_scrollbar:
            # The pane's regions stay: a new scroll height, without a layout of the screen.
            self.set_reactive(ScrollText.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size  # the scroll bar comes or goes: a layout

    def _wrap(self, width: int) -> list[Strip]:
        return Visual.to_strips(self, self._text, width, None, self.visual_style)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Called by the screen's layout before it draws the frame: a new size wraps again.
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if self.container_size != self._fitted_to and self.container_size.width > 0:
            self._fit()
        return resized

    def render_line(self, y: int) -> Strip:
        if self._lines is None and self.container_size.width > 0:
            self._fit()
        index = self.scroll_offset.y + y
        lines = self._lines or []
        if index < len(lines):
            return lines[index]
        return Strip.blank(self.scrollable_content_region.width, self.visual_style.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None  # the text's styles (theme variables) are resolved as it is drawn

    def selection_updated(self, selection: Selection | None) -> None:
        self._lines = None  # the selection is drawn into the lines
        super().selection_updated(selection)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self._text.plain), "\n"
