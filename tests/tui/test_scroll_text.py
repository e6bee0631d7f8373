"""The scrolling text pane (`ScrollText`, the event detail's): it shows the lines in view of
its wrapped text, its scroll bar comes and goes with the text's height, and a new text of
another height is shown without laying the screen out while the scroll bar stays."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Offset
from textual.screen import Screen
from textual.selection import Selection
from textual.visual import Visual

from data.facts.derived import TimeMode
from data.model import Mission
from tui.widgets.event_detail import EventDetail
from tui.widgets.scroll_text import ScrollText

from .screen_text import screen_lines

WIDTH, HEIGHT = 30, 10
"""The pane fills the screen: its text has `WIDTH` columns (less the scroll bar's one)."""


def numbered(count: int) -> Content:
    """`count` short lines, each naming its number."""
    return Content("\n".join(f"line {n}" for n in range(count)))


class OnePane(App[None]):
    """A screen that is one pane of text."""

    CSS = "ScrollText { scrollbar-size-vertical: 1; }"

    def __init__(self, text: Content) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield ScrollText(self.text)

    @property
    def pane(self) -> ScrollText:
        return self.query_one(ScrollText)


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Counts the screen's layouts."""
    counted: Counter[str] = Counter()
    refresh_layout = Screen._refresh_layout

    def spied(self: Screen[object], *args: object, **kwargs: object) -> None:
        counted["layout"] += 1
        refresh_layout(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", spied)
    yield counted


async def test_a_long_text_scrolls_and_shows_the_lines_in_view() -> None:
    app = OnePane(numbered(25))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause()
        pane = app.pane
        assert pane.show_vertical_scrollbar and pane.virtual_size.height == 25
        assert [line.split()[:2] for line in screen_lines(app)[:2]] == [
            ["line", "0"],
            ["line", "1"],
        ]
        pane.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        lines = screen_lines(app)
        assert lines[-1].split()[:2] == ["line", "24"]
        assert lines[0].split()[:2] == ["line", str(25 - HEIGHT)]


async def test_the_scroll_bar_comes_and_goes_with_the_text_and_the_wrap_follows() -> None:
    words = "a" * 14 + " " + "b" * 15  # 30 cells: one line, or two beside a scroll bar
    app = OnePane(Content(words))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause()
        pane = app.pane
        assert not pane.show_vertical_scrollbar
        assert screen_lines(app)[0] == words
        pane.show(Content("\n".join([words] + ["x"] * 12)))
        await pilot.pause()
        assert pane.show_vertical_scrollbar
        assert pane.scrollable_content_region.width == WIDTH - 1
        assert [line.rstrip() for line in screen_lines(app)[:2]] == ["a" * 14, "b" * 15]
        assert pane.virtual_size.height == 2 + 12
        pane.show(numbered(2))
        await pilot.pause()
        assert not pane.show_vertical_scrollbar and pane.virtual_size.height == 2
        assert [line.rstrip() for line in screen_lines(app)[:3]] == ["line 0", "line 1", ""]


async def test_another_height_with_the_scroll_bar_staying_lays_nothing_out(
    layouts: Counter[str],
) -> None:
    app = OnePane(numbered(40))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause()
        pane = app.pane
        pane.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        layouts.clear()
        pane.show(numbered(20))
        await pilot.pause()
        assert layouts["layout"] == 0
        assert pane.virtual_size.height == 20
        assert pane.vertical_scrollbar.window_virtual_size == 20
        assert pane.scroll_offset.y == 20 - HEIGHT  # still at the end, of the shorter text
        assert screen_lines(app)[-1].split()[:2] == ["line", "19"]


async def test_a_new_width_wraps_the_text_again() -> None:
    app = OnePane(Content(" ".join(["word"] * 30)))  # 149 cells
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause()
        assert app.pane.virtual_size.height == 5  # 6 words a line at 30 cells
        await pilot.resize_terminal(WIDTH * 2, HEIGHT)
        await pilot.pause()
        assert app.pane.virtual_size.height == 3  # 12 words a line at 60 cells
        assert screen_lines(app)[0].rstrip() == " ".join(["word"] * 12)


async def test_the_same_text_in_other_styles_is_shown() -> None:
    app = OnePane(Content("plain"))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause()
        bold = Content.styled("plain", "bold")
        app.pane.show(bold)
        assert app.pane.text is bold


async def test_the_text_can_be_selected() -> None:
    app = OnePane(numbered(3))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause()
        selected = app.pane.get_selection(Selection(Offset(0, 1), Offset(6, 1)))
        assert selected == ("line 1", "\n")


async def test_lines_wrapped_one_by_one_are_the_whole_text_wrapped(mission: Mission) -> None:
    """Each line of the text is wrapped on its own and kept while the text has it; the lines
    drawn are those of the whole text wrapped at once, styles and selection offsets too, as
    the texts change (the detail of events in every time mode and in two zones)."""
    detail = EventDetail(mission)
    texts = []
    for event in mission.events[:12]:
        detail.event = event
        for zone in ("UTC", "Europe/Brussels"):
            detail.zone = zone
            for mode in TimeMode:
                detail.mode = mode
                detail.anchor_event = mission.events[0]
                texts.append(detail.describe())
    app = OnePane(texts[0])
    async with app.run_test(size=(45, 120)) as pilot:
        await pilot.pause()
        pane = app.pane
        for text in texts:
            pane.show(text)
            await pilot.pause()
            width = pane.scrollable_content_region.width
            whole = Visual.to_strips(pane, text, width, None, pane.visual_style)
            assert pane.virtual_size.height == len(whole) < 120
            drawn = [pane.render_line(y) for y in range(len(whole))]
            assert [list(strip) for strip in drawn] == [list(strip) for strip in whole]


def drawn_lines(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plain text of each line a `ScrollText` draws from now on, in turn."""
    drawn: list[str] = []
    to_strips = Visual.to_strips

    def counted(widget: object, visual: Content, *args: object) -> object:
        if isinstance(widget, ScrollText):
            drawn.append(visual.plain)
        return to_strips(widget, visual, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Visual, "to_strips", staticmethod(counted))
    return drawn


async def test_a_text_that_overflows_once_wrapped_wraps_only_its_new_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Such a text is wrapped at the pane's width, then beside the scroll bar, on every change:
    both wraps are kept, so a text that changes one line wraps that line alone."""
    long = " ".join(["word"] * 12)  # two lines, at 30 cells and beside the scroll bar
    lines = [long] * 3 + [f"line {n}" for n in range(HEIGHT - 5)]
    app = OnePane(Content("\n".join(lines)))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause()
        pane = app.pane
        assert pane.show_vertical_scrollbar  # 8 lines, but 3 * 2 + 5 once wrapped
        wrapped = drawn_lines(monkeypatch)
        changed = " ".join(["changed"] * 5)  # two lines beside the scroll bar
        pane.show(Content("\n".join([changed, *lines[1:]])))
        await pilot.pause()
        assert set(wrapped) == {changed}
        assert pane.virtual_size.height == 3 * 2 + HEIGHT - 5


async def test_a_line_that_fits_is_drawn_once_in_view(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line no wider than the pane is one row: the text's height is known without drawing
    it, and it is drawn when scrolled into view, as the whole text wrapped draws it (wide
    characters filling the width exactly, a blank line, styles)."""
    drawn = drawn_lines(monkeypatch)
    lines = [Content.styled("東京" * 7 + "x", "bold"), Content(""), *numbered(38).split()]
    text = Content("\n").join(lines)  # the first line: 29 cells, the width beside the bar
    app = OnePane(text)
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause()
        pane = app.pane
        assert pane.virtual_size.height == 40
        assert drawn == [line.plain for line in lines[:HEIGHT]]
        whole = Visual.to_strips(pane, text, WIDTH - 1, None, pane.visual_style)
        assert [list(pane.render_line(y)) for y in range(HEIGHT)] == [
            list(strip) for strip in whole[:HEIGHT]
        ]
        drawn.clear()
        pane.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert drawn == [line.plain for line in lines[-HEIGHT:]]
        assert screen_lines(app)[-1].split()[:2] == ["line", "37"]


async def test_lines_counted_without_drawing_them_are_the_rows_the_whole_text_wraps_to() -> None:
    """Lines wider than the pane are counted by `Content.wrap` and drawn in view: every row,
    scrolled through, is the row of the whole text wrapped (long words, runs of spaces, wide
    characters at the edge, combining marks, spaces at the end)."""
    lines = [
        Content("word " * 17),
        Content("x" * 70),
        Content.styled("東京" * 20, "bold"),
        Content("a  b   c    " * 6),
        Content("ends in spaces" + " " * 40),
        Content("e\u0301" * 45),
        Content("a" * 28 + " 東 " + "b" * 40),
    ]
    text = Content("\n").join(lines)
    app = OnePane(text)
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause()
        pane = app.pane
        whole = Visual.to_strips(pane, text, WIDTH - 1, None, pane.visual_style)
        assert pane.virtual_size.height == len(whole)
        for top in range(0, len(whole) - HEIGHT + 1):
            pane.scroll_to(y=top, animate=False, immediate=True)
            await pilot.pause()
            shown = [list(pane.render_line(y)) for y in range(HEIGHT)]
            assert shown == [list(strip) for strip in whole[top : top + HEIGHT]], top
