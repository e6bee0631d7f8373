"""The time-axis view, driven as a user drives it: `v` shows and hides it, one cursor shared
with the list, zoom, pan, fit, the zone and the time mode reaching its axis, the wheel and a
click. What the view places is checked against the data core (`data.axis`), the oracle."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from textual import events
from textual.pilot import Pilot
from textual.strip import Strip

from data.axis.lanes import bands, span
from data.axis.scale import FINEST, Scale
from data.axis.ticks import ticks
from data.facts.derived import TimeMode
from data.model import Mission
from tui.app import MissionTimelineApp, make_app
from tui.config import Config
from tui.screens.mission.screen import MissionScreen
from tui.screenshot import save_axis_screenshot
from tui.widgets.event_detail import EventDetail
from tui.widgets.time_axis import PINNED, TimeAxis
from tui.widgets.time_axis_rows import CURSOR_LINE, label_width, tick_width
from tui.widgets.time_axis_scale import PAN

from .waiting import keys_done, settled, until

TIME_ROW = PINNED.index("time")
EVENTS_ROW = PINNED.index("events")


@pytest.fixture
def app(mission: Mission) -> MissionTimelineApp:
    return make_app(mission, config=Config(), save_settings=False)


def screen_of(app: MissionTimelineApp) -> MissionScreen:
    return app.main_screen


async def show_axis(pilot: Pilot[None]) -> TimeAxis:
    """Press `v` and wait until the view has the focus and a scale."""
    await settled(pilot)
    await pilot.press("v")
    axis = pilot.app.query_one(TimeAxis)
    await until(pilot, lambda: axis.has_focus and axis.scale is not None, "the view focused")
    await settled(pilot)
    return axis


def row(axis: TimeAxis, y: int) -> Strip:
    """A row of the view as drawn (`y` within the view's content)."""
    return axis.render_line(y)


def cursor_column(axis: TimeAxis) -> int:
    """Where the core puts the selected event, in the view's content (oracle)."""
    scale, cursor = axis.scale, axis.cursor
    assert scale is not None and cursor is not None
    return label_width() + scale.column(axis.shown.instants[cursor])


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await keys_done(pilot)
    await settled(pilot)


# ----------------------------------------------------------------- showing it


@pytest.mark.parametrize(
    ("size", "with_list"), [((80, 24), False), ((120, 40), False), ((200, 50), True)], ids=str
)
async def test_v_shows_and_hides_the_view_and_its_ruler(
    app: MissionTimelineApp, size: tuple[int, int], with_list: bool
) -> None:
    async with app.run_test(size=size) as pilot:
        screen = screen_of(app)
        assert not screen.axis.display and not screen.ruler.display
        axis = await show_axis(pilot)
        assert screen.ruler.display and screen.ruler.region.height == 1
        assert screen.ruler.region.y < axis.region.y, "the ruler is above the view"
        assert screen.timeline.display is with_list
        if with_list:
            assert axis.region.bottom <= screen.timeline.region.y, "the view above the list"
        await press(pilot, "v")
        assert not axis.display and screen.timeline.has_focus


async def test_the_list_comes_and_goes_with_the_room_for_it(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        screen = screen_of(app)
        axis = await show_axis(pilot)
        assert screen.timeline.display
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: not screen.timeline.display, "the list gives way")
        assert axis.display and axis.region.height > 6
        await pilot.resize_terminal(200, 50)
        await until(pilot, lambda: screen.timeline.display, "the list back under the view")
        assert axis.has_focus


async def test_the_view_lists_people_then_vehicles_with_states_by_character(
    app: MissionTimelineApp,
) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        axis = await show_axis(pilot)
        screen_of(app).timeline.select_event("docking")
        await press(pilot, "p")  # the launch-and-docking phase
        names = [lane.name for lane in axis.lanes]
        assert names[:3] == ["Shkaplerov", "Peresild", "Shipenko"]
        assert "Soyuz MS-19" in names and "Soyuz MS-18" in names
        lines = {name: row(axis, len(PINNED) + i).text for i, name in enumerate(names)}
        assert "━" in lines["Shkaplerov"] and "█" in lines["Shkaplerov"], "up, then aboard"
        assert "▒ Rassvet" in lines["Soyuz MS-19"], "MS-19 docked at Rassvet, by name"
        assert "Launch and docking" in row(axis, PINNED.index("phases")).text


# ----------------------------------------------------------------- one cursor


async def test_moving_in_the_view_moves_the_list(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        axis = await show_axis(pilot)
        start = screen.timeline.cursor_position
        await press(pilot, "right", "l")
        assert screen.timeline.cursor_position == axis.cursor == start + 2
        assert screen.selected == screen.timeline.shown_events[start + 2]
        await press(pilot, "left")
        assert screen.timeline.cursor_position == axis.cursor == start + 1


async def test_moving_in_the_list_moves_the_views_line(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        screen = screen_of(app)
        axis = await show_axis(pilot)
        screen.timeline.focus()
        await press(pilot, "down", "down", "down")
        assert axis.cursor == screen.timeline.cursor_position
        x = cursor_column(axis)
        lanes = [row(axis, len(PINNED) + i) for i in range(len(axis.lanes))]
        blank = next(strip for strip in lanes if strip.crop(x, x + 1).text in (" ", CURSOR_LINE))
        assert blank.crop(x, x + 1).text == CURSOR_LINE, "the cursor is a line through the lanes"
        # Far away, the view follows: zoomed in, the last event is brought into view.
        await press(pilot, "plus", "plus", "plus", "plus", "plus", "end")
        assert axis.cursor == len(axis.shown) - 1
        assert label_width() <= cursor_column(axis) < label_width() + axis.area_width


async def test_enter_in_the_view_opens_the_detail(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        await show_axis(pilot)
        await press(pilot, "right", "enter")
        detail = app.query_one(EventDetail)
        await until(pilot, lambda: detail.has_focus, "the detail focused")
        assert detail.event is not None and detail.event == screen.timeline.selected


# ----------------------------------------------------------------- zoom, pan, fit


async def test_zoom_keeps_the_cursor_in_place_down_to_a_second_per_cell(
    app: MissionTimelineApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        axis = await show_axis(pilot)
        screen.timeline.select_event("docking")
        await settled(pilot)
        whole = axis.scale
        assert whole == Scale.fit(*span(app.main_screen.mission), axis.area_width)
        docking = axis.shown.instants[axis.cursor or 0]
        place = whole.at(docking)
        presses = 0
        while axis.check_action("zoom_in", ()) and presses < 40:
            await press(pilot, "plus")
            presses += 1
            assert axis.scale is not None and axis.scale.at(docking) == pytest.approx(place)
        assert axis.scale is not None and axis.scale.per_unit == FINEST, "a second per cell"
        assert 10 < presses < 40
        # The axis counts seconds there.
        labels = [tick.label for tick in ticks(axis.scale, axis.area_width, "UTC")]
        assert any(label.count(":") == 2 or label.startswith(":") for label in labels), labels
        await press(pilot, "minus")
        assert axis.scale.per_unit == pytest.approx(2 * FINEST)
        while axis.check_action("zoom_out", ()):
            await press(pilot, "minus")
        assert axis.scale == whole, "zoomed out, the whole mission again, and no further"


async def test_pan_and_fit_all(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        axis = await show_axis(pilot)
        whole = axis.scale
        await press(pilot, "plus", "plus")
        zoomed = axis.scale
        assert zoomed is not None
        step = PAN * axis.area_width * zoomed.per_unit
        await press(pilot, "L")
        assert axis.scale is not None and axis.scale.per_unit == zoomed.per_unit
        assert axis.scale.start == pytest.approx(zoomed.start + step)
        await press(pilot, "shift+left", "H")
        assert axis.scale.per_unit == zoomed.per_unit
        assert axis.scale.start == pytest.approx(zoomed.start - step)
        await press(pilot, "0")
        assert axis.scale == whole


async def test_p_fits_the_selected_events_phase(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        axis = await show_axis(pilot)
        screen.timeline.select_event("hatch-open")
        await settled(pilot)
        await press(pilot, "p")
        phase = screen.selected.phase if screen.selected else None
        band = next(band for band in bands(screen.mission) if band.phase == phase)
        assert axis.scale == Scale.fit(band.start, band.end, axis.area_width)


async def test_the_wheel_zooms_and_a_click_selects_the_nearest_event(
    app: MissionTimelineApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        axis = await show_axis(pilot)
        whole = axis.scale
        assert whole is not None
        middle = (axis.size.width // 2, 5)
        await pilot._post_mouse_events([events.MouseScrollUp], axis, middle)
        await until(pilot, lambda: axis.scale != whole, "zoomed by the wheel")
        assert axis.scale is not None and axis.scale.per_unit == pytest.approx(whole.per_unit / 2)
        await pilot._post_mouse_events([events.MouseScrollDown], axis, middle)
        await until(pilot, lambda: axis.scale == whole, "zoomed out by the wheel")
        # A click on the events row, at the launch's column, selects the launch.
        launch = screen.timeline.position_of("launch")
        assert launch is not None
        await press(pilot, "p")
        scale = axis.scale
        assert scale is not None
        x = 1 + label_width() + scale.column(axis.shown.instants[launch])  # 1: the frame
        await press(pilot, "right")
        assert screen.timeline.cursor_position != launch and axis.scale == scale
        await pilot.click(axis, offset=(x, 1 + EVENTS_ROW))
        await until(pilot, lambda: screen.timeline.cursor_position == launch, "launch clicked")


# ----------------------------------------------------------------- zone, mode, filter


def tick_row_labels(axis: TimeAxis, zone: str, mode: TimeMode) -> tuple[list[str], str]:
    """The labels the core gives the axis now (the oracle), and the time row as drawn."""
    scale = axis.scale
    assert scale is not None
    anchor = axis.anchor_event
    found = ticks(
        scale,
        axis.area_width,
        zone,
        mode,
        None if anchor is None else anchor.when,
        text_width=tick_width,
    )
    return [tick.label for tick in found], row(axis, TIME_ROW).text


async def test_the_zone_and_the_time_mode_change_the_ticks(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        axis = await show_axis(pilot)
        screen.timeline.select_event("launch")
        await settled(pilot)
        await press(pilot, *["plus"] * 11)  # a few hours on screen around the launch
        labels, text = tick_row_labels(axis, "UTC", TimeMode.ABSOLUTE)
        assert labels and all(label in text for label in labels)
        assert "UTC" in text
        await press(pilot, "z", "z", "z")
        assert axis.zone == screen.zone == "Europe/Brussels"
        labels, text = tick_row_labels(axis, "Europe/Brussels", TimeMode.ABSOLUTE)
        assert "CEST" in text and all(label in text for label in labels)
        await press(pilot, "t")
        assert axis.mode is TimeMode.T_MINUS
        labels, text = tick_row_labels(axis, "Europe/Brussels", TimeMode.T_MINUS)
        assert any(label.startswith(("T-", "T+")) for label in labels), labels
        assert all(label in text for label in labels)


async def test_a_filter_shows_only_the_kept_events(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        axis = await show_axis(pilot)
        events_before = len(axis.shown)
        await press(pilot, "f", *"kind:docking", "enter")
        await until(pilot, lambda: screen.event_filter is not None, "the filter applied")
        await settled(pilot)
        kept = screen.timeline.shown_events
        assert len(axis.shown) == len(kept) < events_before
        assert [axis.shown.title(i) for i in range(len(kept))] == [e.title for e in kept]
        assert axis.cursor == screen.timeline.cursor_position
        axis.focus()
        await press(pilot, "right")
        assert screen.selected == kept[1]


async def test_the_ruler_marks_the_part_shown(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        axis = await show_axis(pilot)

        def marked() -> int:
            """How many cells of the ruler are in the visible part's colours."""
            ruler = screen.ruler
            style = ruler.get_component_rich_style("overview-ruler--visible")
            strip = ruler.render_line(0)
            return sum(
                len(text)
                for text, seg_style, _ in strip
                if seg_style and seg_style.bgcolor == style.bgcolor
            )

        whole = marked()
        assert whole >= axis.area_width - 1
        await press(pilot, "plus", "plus", "plus")
        assert 0 < marked() < whole / 4
        assert screen.ruler.view_span is not None
        scale = axis.scale
        assert scale is not None
        assert screen.ruler.view_span == (scale.start, scale.instant(axis.area_width))


async def test_the_view_is_readable_without_colour(colourless_app: MissionTimelineApp) -> None:
    """NO_COLOR: greys only; the lanes' states by character, the cursor and the ruler's
    visible part reversed."""
    app = colourless_app
    async with app.run_test(size=(120, 40)) as pilot:
        axis = await show_axis(pilot)
        screen_of(app).timeline.select_event("docking")
        await press(pilot, "p")
        lines = app.screen._compositor.render_strips()
        ruler = screen_of(app).ruler
        for widget in (axis, ruler):
            region = widget.region
            for y in range(region.y, region.bottom):
                for segment in lines[y].crop(region.x, region.right):
                    style = segment.style or Style()
                    for color in (style.color, style.bgcolor):
                        if color is not None and not color.is_default:
                            assert len(set(color.get_truecolor())) == 1, "a grey"
        text = "\n".join(row(axis, y).text for y in range(len(PINNED) + len(axis.lanes)))
        assert all(character in text for character in "━█▒●")
        x = cursor_column(axis)
        cell = row(axis, EVENTS_ROW).crop(x, x + 1)
        assert any(seg.style is not None and seg.style.reverse for seg in cell)
        visible = [seg for seg in ruler.render_line(0) if seg.style and seg.style.reverse]
        assert visible, "the ruler's visible part is reversed"


async def test_the_readme_screenshot_of_the_view(tmp_path: Path, isolated_config: Path) -> None:
    """`python -m tui.screenshot` also draws the view for the README: the docking's phase
    in Brussels time, its lanes and their legend."""
    svg = (await save_axis_screenshot(tmp_path / "time-axis.svg")).read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    # Text in the SVG has spaces as &#160;; check words that carry no spaces.
    for word in ("Shkaplerov", "Rassvet", "CEST", "Launch", "docked"):
        assert word in svg, word
