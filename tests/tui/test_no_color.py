"""Without colour (`NO_COLOR`), every marker still shows, as a character or a text attribute:
the selected row, search hits, planned against actual, disputed and approximate times, the
chosen person's events, and which pane has the focus."""

from __future__ import annotations

from rich.style import Style
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget

from data.facts.derived import events_of
from data.model import Event
from tui.app import MissionTimelineApp
from tui.widgets.timeline_row import PERSON_MARK, event_parts

from .waiting import settled

SIZE = (120, 40)
FOCUSED_CORNER = "┏"
"""The top-left corner of the focused pane's (heavy) frame."""
CORNER = "╭"
"""The top-left corner of any other pane's (round) frame."""


def _grey(style: Style) -> bool:
    """Whether a segment's colours are greys (or the terminal's own)."""
    colors = [color for color in (style.color, style.bgcolor) if color and not color.is_default]
    return all(len(set(Color.from_rich_color(color).rgb)) == 1 for color in colors)


def _corner(lines: list[Strip], widget: Widget) -> str:
    region = widget.region
    return lines[region.y].crop(region.x, region.x + 1).text


async def _marked(app: MissionTimelineApp, pilot: object) -> None:
    """A search and a chosen person, the cursor on a planned-only event, the timeline
    focused."""
    await pilot.press("slash", *"Sjkaplerov", "enter", "c", "j")  # type: ignore[attr-defined]
    await settled(pilot)  # type: ignore[arg-type]
    app.main_screen.go_to_event("ms18-deorbit")
    app.main_screen.timeline.focus()
    await settled(pilot)  # type: ignore[arg-type]


async def test_every_marker_shows_without_colour(colourless_app: MissionTimelineApp) -> None:
    app = colourless_app
    async with app.run_test(size=SIZE) as pilot:
        await _marked(app, pilot)
        screen = app.main_screen
        timeline = screen.timeline
        lines = screen._compositor.render_strips()
        assert all(_grey(segment.style or Style()) for line in lines for segment in line), (
            "NO_COLOR shows greys only"
        )
        search, person = screen.search, screen.person
        assert search is not None and person is not None
        persons = {event.id for event in events_of(person, app.main_screen.mission)}
        region = timeline.scrollable_content_region
        view = timeline.rows.view(
            region.width, timeline.zone, timeline.mode, None, search, frozenset()
        )
        found: set[str] = set()
        for y in range(region.height):
            position = timeline.position_of_row(timeline.scroll_offset.y + y)
            if position is None:
                continue
            event: Event = timeline.shown_events[position]
            row = lines[region.y + y].crop(region.x, region.right)
            text = row.text
            flags = 2 + sum(len(part) for part, _ in event_parts(event, view)[:-5])
            marks = {
                "▶": event is timeline.selected,
                "P": event.planned_only,
                "≠": event.disputed,
                "◆": search.matches(event),
                "●": event.id in persons,
            }
            shown = {
                "▶": text[0] == "▶",
                "P": text[flags] == "P",
                "≠": text[flags + 1] == "≠",
                "◆": text[flags + 2] == "◆",
                "●": text[flags + 3] == "●",
            }
            assert shown == marks, f"{event.id}: {text!r}"
            assert (text[2] == "~") == event.when.approximate, text
            time_style = next(seg.style for seg in row if seg.text.strip() and seg.text[0] != "▶")
            assert time_style is not None
            assert bool(time_style.italic) == event.planned_only, f"{event.id}: planned in italics"
            if event is timeline.selected:
                assert all(seg.style and seg.style.reverse for seg in row), "the cursor row"
            found |= {mark for mark, present in marks.items() if present}
            found |= {"~"} if event.when.approximate else set()
        assert found == {"▶", "P", "≠", "◆", "●", "~"}, "every marker was on screen"


async def test_the_focused_pane_shows_without_colour(colourless_app: MissionTimelineApp) -> None:
    app = colourless_app
    async with app.run_test(size=SIZE) as pilot:
        await _marked(app, pilot)
        screen = app.main_screen
        panes = {"timeline": screen.timeline, "detail": screen.detail, "crew": screen.crew}
        for _ in range(len(panes)):
            focused = app.focused
            assert focused is not None
            lines = screen._compositor.render_strips()
            for name, pane in panes.items():
                mine = focused is pane or pane in focused.ancestors
                assert _corner(lines, pane) == (FOCUSED_CORNER if mine else CORNER), name
            await pilot.press("tab")
            await settled(pilot)
        # In the crew list, the person under the list's cursor is the chosen one: marked with
        # a sign, and bold.
        crew = screen.crew.crew_list
        crew.focus()
        await settled(pilot)
        lines = screen._compositor.render_strips()
        region = crew.scrollable_content_region
        assert crew.highlighted is not None
        line = lines[region.y + crew.highlighted - crew.scroll_offset.y]
        cells = line.crop(region.x, region.right)
        assert cells.text.startswith(f"{PERSON_MARK} "), cells.text
        assert all(segment.style and segment.style.bold for segment in cells)
