"""A scrolling pane of wrapped text that draws only the lines in view.

Its text is wrapped once per change (to learn its height), and the lines in view are drawn
from that wrap. A new text of another height lays the screen out again only when the
scroll bar comes or goes: the pane keeps its own size, so only its scroll height changes,
and a layout of the screen renders every widget in it, most of what a key press costs.
Each line of the text is wrapped on its own, as `Content` wraps them, and kept while it is
in the text: a new text (another zone or time mode) wraps only its new lines.
"""

from __future__ import annotations

from textual.content import Content, Span
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from tui.text import looks_same

Wrapped = dict[tuple[str, tuple[Span, ...]], list[Strip]]
"""Lines of a text, each wrapped on its own, by their text and styles."""


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
        self._lines: list[tuple[Strip, int]] | None = None
        """The text wrapped for `_fitted_to` (None: to wrap again before it is drawn): each
        line drawn, and the line of the text it is from (its selection offsets, `_placed`)."""
        self._fitted_to = Size(0, 0)
        self._wrapped: dict[tuple[int, Style], Wrapped] = {}
        """The text's lines wrapped, each on its own, by width and style: the last two, since
        a text that overflows only once wrapped is wrapped at the pane's width and then
        beside the scroll bar, on every change."""

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

    def _wrap(self, width: int) -> list[tuple[Strip, int]]:
        """The text wrapped to `width`: each of its lines on its own (`Content` wraps them one
        by one), from `_wrapped` if it was there already. A selection is drawn into the
        lines: the text is then wrapped whole, its offsets already the text's own."""
        style = self.visual_style
        if self.text_selection is not None:
            return [(strip, 0) for strip in Visual.to_strips(self, self._text, width, None, style)]
        known = self._wrapped.pop((width, style), {})
        wrapped: Wrapped = {}
        lines: list[tuple[Strip, int]] = []
        for number, line in enumerate(self._text.split(allow_blank=True)):
            key = (line.plain, tuple(line.spans))
            strips = wrapped.get(key) or known.get(key)
            if strips is None:
                strips = Visual.to_strips(self, line, width, None, style)
            wrapped[key] = strips
            lines += ((strip, number) for strip in strips)
        self._wrapped = {**dict(list(self._wrapped.items())[-1:]), (width, style): wrapped}
        return lines

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
            return _placed(*lines[index])
        return Strip.blank(self.scrollable_content_region.width, self.visual_style.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None  # the text's styles (theme variables) are resolved as it is drawn

    def selection_updated(self, selection: Selection | None) -> None:
        self._lines = None  # the selection is drawn into the lines
        super().selection_updated(selection)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self._text.plain), "\n"


def _placed(strip: Strip, number: int) -> Strip:
    """A line wrapped from the text's line `number` on its own, with the selection offsets
    (column, line) of that line of the text: wrapped alone, its offsets are on line 0."""
    if number == 0:
        return strip
    first = next(iter(strip), None)
    column = (
        0 if first is None or first.style is None else first.style.meta.get("offset", (0, 0))[0]
    )
    return strip.apply_offsets(column, number)
