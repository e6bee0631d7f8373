"""A scrolling pane of wrapped text that draws only the lines in view.

Its text is wrapped once per change (to learn its height), and the lines in view are drawn
from that wrap. A new text of another height lays the screen out again only when the
scroll bar comes or goes: the pane keeps its own size, so only its scroll height changes,
and a layout of the screen renders every widget in it, most of what a key press costs.
Each line of the text is wrapped on its own, as `Content` wraps them, and kept while it is
in the text: a new text (another zone or time mode) wraps only its new lines. A line's rows
are counted without drawing it (the rows a line takes do not depend on its styles), and
drawn once in view: the detail pane's first text has 33 lines (47 rows at 80x24, 7 in
view), and drawing a line costs about 1M instructions, three times what counting costs.
"""

from __future__ import annotations

from textual.content import Content, Span
from textual.css.types import TextOverflow
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from tui.text import looks_same

Wrapped = dict[tuple[str, tuple[Span, ...]], list[Strip]]
"""Lines of a text, each wrapped on its own, by their text and styles."""

Row = tuple[Strip | Content, int, int]
"""A row of the wrapped text: its strip (or, until it is drawn, the line of the text it is
part of), the number of that line in the text, and which of the line's rows it is."""


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
        self._lines: list[Row] | None = None
        """The text wrapped for `_fitted_to` (None: to wrap again before it is drawn): each
        row, and the line of the text it is from (its selection offsets, `_placed`)."""
        self._fitted_to = Size(0, 0)
        self._fitted_width = 0
        """The width the text was wrapped to: the pane's, less the scroll bar's if it scrolls."""
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
        self._lines, self._fitted_to, self._fitted_width = lines, container, width
        size = Size(width, len(lines))
        if size == self.virtual_size:
            return
        if scrolls == self.show_vertical_scrollbar:
            # The pane's regions stay: a new scroll height, without a layout of the screen.
            self.set_reactive(ScrollText.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size  # the scroll bar comes or goes: a layout

    def _wrap(self, width: int) -> list[Row]:
        """The text wrapped to `width`: each of its lines on its own (`Content` wraps them one
        by one), from `_wrapped` if it was there already, else counted and left to draw when
        in view (`_row_count`). A selection is drawn into the lines: the text is then wrapped
        whole, its offsets already the text's own."""
        style = self.visual_style
        if self.text_selection is not None:
            whole = Visual.to_strips(self, self._text, width, None, style)
            return [(strip, 0, 0) for strip in whole]
        known = self._wrapped.pop((width, style), {})
        wrapped: Wrapped = {}
        lines: list[Row] = []
        overflow = self._overflow() if width > 0 else None
        for number, line in enumerate(self._text.split(allow_blank=True)):
            key = (line.plain, tuple(line.spans))
            strips = wrapped.get(key) or known.get(key)
            count = None if strips or not overflow else _row_count(line, width, overflow)
            if count is not None:
                lines += ((line, number, part) for part in range(count))
                continue
            if strips is None:
                strips = Visual.to_strips(self, line, width, None, style)
            wrapped[key] = strips
            lines += ((strip, number, 0) for strip in strips)
        self._wrapped = {**dict(list(self._wrapped.items())[-1:]), (width, style): wrapped}
        return lines

    def _overflow(self) -> TextOverflow | None:
        """How the pane's lines overflow, where `_row_count` can count their rows without
        drawing them; None where drawing them is the way to know (no wrap, line padding)."""
        styles = self.styles
        if styles.line_pad or styles.text_wrap != "wrap":
            return None
        return styles.text_overflow

    def _drawn(self, line: Content, part: int) -> Strip:
        """Row `part` of `line` (counted by `_row_count`) at the width the text was wrapped
        to: the line drawn now, and kept with the lines wrapped at that width."""
        width, style = self._fitted_width, self.visual_style
        wrapped = self._wrapped.setdefault((width, style), {})
        key = (line.plain, tuple(line.spans))
        strips = wrapped.get(key)
        if strips is None:
            strips = wrapped[key] = Visual.to_strips(self, line, width, None, style)
        return strips[part]

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
        if index >= len(lines):
            return Strip.blank(self.scrollable_content_region.width, self.visual_style.rich_style)
        row, number, part = lines[index]
        if isinstance(row, Content):
            row = self._drawn(row, part)
            lines[index] = (row, number, part)
        return _placed(row, number)

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


def _row_count(line: Content, width: int, overflow: TextOverflow) -> int | None:
    """How many rows `line` takes at `width`, without drawing it: one if it is no wider
    (`Content` breaks a line only past the width), else as many as `Content.wrap` gives
    (what drawing it wraps with). None for a line with a tab (drawing expands it)."""
    plain = line.plain
    if "\t" in plain:
        return None
    # A character takes two cells at most: most lines fit without measuring (rich measures
    # a text that is not ASCII a character at a time).
    if len(plain) <= width and (plain.isascii() or 2 * len(plain) <= width):
        return 1
    if line.cell_length <= width:
        return 1
    return len(line.wrap(width, overflow=overflow))
