"""What a key that changes the view's state repaints: the widgets whose text changed, never the
whole screen, and no new layout for a pane's text of another height (measure 3 times it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from textual._compositor import Compositor
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from tui.app import MissionTimelineApp
from tui.screens.mission.layout import arrangement_classes

SIZE = (120, 40)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Counts, by name, the full-screen renders (`full`), the layouts (`layout`) and the
    refreshes asked of each widget (by its id, or its class when it has none)."""
    counted: Counter[str] = Counter()
    full_update = Compositor.render_full_update
    refresh_layout = Screen._refresh_layout
    refresh = Widget.refresh

    def spied_full(self: Compositor, *args: object, **kwargs: object) -> object:
        counted["full"] += 1
        return full_update(self, *args, **kwargs)  # type: ignore[arg-type]

    def spied_layout(self: Screen[object], *args: object, **kwargs: object) -> None:
        counted["layout"] += 1
        refresh_layout(self, *args, **kwargs)  # type: ignore[arg-type]

    def spied_refresh(self: Widget, *args: object, **kwargs: object) -> Widget:
        counted[self.id or type(self).__name__] += 1
        return refresh(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Compositor, "render_full_update", spied_full)
    monkeypatch.setattr(Screen, "_refresh_layout", spied_layout)
    monkeypatch.setattr(Widget, "refresh", spied_refresh)
    yield counted


async def test_zone_and_time_mode_keys_never_render_the_whole_screen(
    app: MissionTimelineApp, calls: Counter[str]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ["z"] * 8 + ["t"] * 4 + ["down", "up"]:
            calls.clear()
            await pilot.press(key)
            await pilot.pause()
            assert calls["full"] == 0, f"{key} rendered the whole screen"
            if key in "zt":  # what they change is repainted
                assert calls["timeline"] and calls["header"], f"{key} left the list or header"


async def test_z_repaints_nothing_of_the_crew_pane_while_nobody_is_chosen(
    app: MissionTimelineApp, calls: Counter[str]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        crew = app.main_screen.crew
        ids = {widget.id or type(widget).__name__ for widget in crew.walk_children(with_self=True)}
        for _ in range(3):
            calls.clear()
            await pilot.press("z")
            await pilot.pause()
            assert not {name for name in calls if name in ids}, "z repainted the crew pane"


async def test_z_and_t_never_lay_out_and_give_the_detail_its_new_height(
    app: MissionTimelineApp, calls: Counter[str]
) -> None:
    """The detail's text changes height with the zone and time mode (a line comes or goes,
    another wraps); the pane keeps its size and its scroll bar, so no key lays the screen out,
    and its scroll (and scroll bar) takes the text's new height."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        detail = app.main_screen.detail
        heights = set()
        for key in ["z"] * 8 + ["t"] * 4:
            calls.clear()
            await pilot.press(key)
            await pilot.pause()
            assert calls["layout"] == 0, f"{key} laid the screen out"
            assert detail.show_vertical_scrollbar
            width = detail.scrollable_content_region.width
            text_height = detail.text.get_height(detail.styles.get_rules(), width)
            assert detail.virtual_size.height == text_height, f"{key}: the scroll's height"
            assert detail.vertical_scrollbar.window_virtual_size == text_height
            heights.add(text_height)
        assert len(heights) > 1  # the text did change height


async def test_rows_take_a_new_theme_and_the_focus_in_their_colours(
    app: MissionTimelineApp,
) -> None:
    """The list keeps the styles its rows are drawn in (`Timeline._style`) only until the
    styles change: a new theme, or the focus leaving, draws the rows in the new colours."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = app.main_screen.timeline

        def row_styles(row: int) -> set[object]:
            strip = timeline.render_line(row - timeline.scroll_offset.y)
            return {segment.style for segment in strip}

        def cursor_style() -> object:
            return timeline.rich_style + timeline.get_component_rich_style("timeline--cursor")

        other_row = timeline.row_of_position(timeline.cursor_position + 1)
        before = row_styles(other_row)
        assert cursor_style() in row_styles(timeline.cursor_row)
        app.theme = "nord"
        await pilot.pause()
        assert row_styles(other_row) != before
        assert timeline.rich_style in row_styles(other_row)
        assert cursor_style() in row_styles(timeline.cursor_row)
        focused = cursor_style()
        app.main_screen.detail.focus()
        await pilot.pause()
        assert cursor_style() != focused
        assert cursor_style() in row_styles(timeline.cursor_row)


async def test_a_focus_move_styles_the_timeline_once(
    app: MissionTimelineApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tab from the timeline to the detail pane styles the timeline once, for its blur: a rule
    that names `:focus-within` for any pane it also names the timeline in (the focused frame's
    rule did, for the crew pane) makes Textual style it, and its nine parts, a second time."""
    styled: Counter[str] = Counter()
    apply = Stylesheet.apply

    def spied_apply(self: Stylesheet, node: DOMNode, **kwargs: Any) -> None:
        styled[node.id or type(node).__name__] += 1
        apply(self, node, **kwargs)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is app.main_screen.timeline
        monkeypatch.setattr(Stylesheet, "apply", spied_apply)
        await pilot.press("tab")
        await pilot.pause()
        assert app.main_screen.detail.has_focus
        assert styled["timeline"] == 1, f"the timeline was styled {styled['timeline']} times"


async def test_the_screen_starts_in_its_arrangement(
    app: MissionTimelineApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mission screen is made with the classes of the layout that fits the terminal, so
    it is styled once before its first frame, not again when it takes them (`layout.arrange`)."""
    styled: Counter[str] = Counter()
    apply = Stylesheet.apply

    def spied_apply(self: Stylesheet, node: DOMNode, **kwargs: Any) -> None:
        styled[type(node).__name__] += 1
        apply(self, node, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", spied_apply)
    size = app.size  # the size the app is made for: the terminal's, before it runs
    async with app.run_test(size=(size.width, size.height)) as pilot:
        await pilot.pause()
        assert app.main_screen.has_class(*arrangement_classes(size).split())
        assert styled["MissionScreen"] == 1, f"styled {styled['MissionScreen']} times"
