"""The hostile mission in the TUI: every place mission text appears shows it literally, with
no control character, and clicking it runs nothing (issue 5)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from data.model import Mission
from data.opening import load_mission
from tui.app import MissionTimelineApp, make_app
from tui.screens.error_dialog import ErrorDialog
from tui.screens.export_dialog import ExportDialog
from tui.widgets.crew_list import CrewList

from .hostile import HOSTILE, MARKUP, unsafe_characters
from .waiting import until

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]
CLICK_TEXT = "[@click=app.quit]click"
"""The start of the markup payload, without a space, so wrapping cannot split it."""
_SVG_TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.DOTALL)


@pytest.fixture(scope="module")
def hostile() -> Mission:
    return load_mission(HOSTILE)


def screen_text(app: MissionTimelineApp) -> str:
    """Everything on the screen (notifications included), read back from a screenshot."""
    svg = app.export_screenshot()
    return "".join(html.unescape(part) for part in _SVG_TEXT.findall(svg)).replace("\xa0", " ")


def assert_literal(text: str, *, markup: bool = True) -> None:
    assert unsafe_characters(text) == []
    if markup:
        assert CLICK_TEXT in text


class Actions:
    """Records every action, URL and bell the app is asked for."""

    def __init__(self, app: MissionTimelineApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: list[str] = []
        run_action = app.run_action

        async def record_action(action: object, *args: object, **kwargs: object) -> bool:
            self.seen.append(f"action {action!r}")
            return await run_action(action, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(app, "run_action", record_action)
        monkeypatch.setattr(app, "open_url", lambda url, **_: self.seen.append(f"url {url}"))
        monkeypatch.setattr(app, "bell", lambda: self.seen.append("bell"))


# ----------------------------------------------------------------- (a) shown literally


@pytest.mark.parametrize("size", SIZES)
async def test_rows_panes_and_header_show_the_payload_as_text(
    hostile: Mission, size: tuple[int, int]
) -> None:
    app = make_app(hostile)
    async with app.run_test(size=size) as pilot:
        screen = app.main_screen
        timeline = screen.timeline
        for row in range(timeline.row_count):
            timeline.scroll_to(y=row, animate=False, immediate=True)
            await pilot.pause()
            line = timeline.render_line(row - timeline.scroll_offset.y).text
            assert unsafe_characters(line) == []
            assert "[@click" in line  # cut at the width, but never parsed
        for event in hostile.events:
            screen.timeline.select_event(event.id)
            await pilot.pause()
            detail = screen.detail.describe().plain
            assert_literal(detail)
            assert MARKUP in detail and "[link=https://evil.example]link[/link]" in detail
            assert "␛]52;c;aGlqYWNrZWQ=␇" in detail and "<U+202E>evil<U+202C>" in detail
            header = screen.header.render()
            assert_literal(str(header))
            assert_literal(screen_text(app))
        await pilot.press("c")
        for _ in hostile.people:
            facts = screen.crew.describe().plain
            assert_literal(facts)
            assert_literal(screen_text(app))
            await pilot.press("j")
        crew_list = screen.crew.query_one(CrewList)
        for index in range(crew_list.option_count):
            prompt = crew_list.get_option_at_index(index).prompt
            assert_literal(str(prompt))


async def test_the_title_is_sanitised(hostile: Mission) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)):
        assert_literal(app.title)
        assert_literal(str(app.main_screen.header.render()))


async def test_notifications_show_the_payload_as_text(hostile: Mission) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.main_screen.timeline.select_event("docking")
        await pilot.press("r", "y")
        await pilot.pause()
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert len(toasts) == 2
        assert toasts[0].startswith("Relative times now count from: docking title [@click=app")
        assert toasts[1].startswith("Copied to the clipboard: docking title [@click=app.quit]")
        for toast in toasts:
            assert_literal(toast)
        assert unsafe_characters(screen_text(app)) == []


async def test_the_palette_shows_the_payload_as_text(hostile: Mission) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"go to")
        shown = ": docking title [@click=app.quit]"
        await until(pilot, lambda: shown in screen_text(app), f"the palette shows {shown!r}")
        text = screen_text(app)
        assert unsafe_characters(text) == []
        await pilot.press("escape", "ctrl+p", *"filter phase")
        shown = " phase one [@click=app.quit]"
        await until(pilot, lambda: shown in screen_text(app), f"the palette shows {shown!r}")
        text = screen_text(app)
        assert unsafe_characters(text) == []


async def test_help_and_dialogs_show_nothing_unsafe(hostile: Mission, tmp_path: Path) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert unsafe_characters(screen_text(app)) == []
        await pilot.press("escape", "e")
        assert isinstance(app.screen, ExportDialog)
        path = app.screen.query_one("#path", Input).value
        assert path == "hostile.txt"
        assert unsafe_characters(screen_text(app)) == []
        await pilot.press("escape")
        # A file whose name and content carry the payload: the error names it as text.
        bad = tmp_path / "[@click=app.quit]x\x1b]52;c;aGk=\x07.toml"
        bad.write_text(f'title = "{MARKUP}\x1b]0;title\x07"\n', encoding="utf-8")
        await pilot.press("o")
        app.screen.query_one("#open-path", Input).value = str(bad)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        message = str(app.screen.query_one("#error-dialog-message", Static).render())
        assert "[@click=app.quit]x␛]52;c;aGk=␇.toml" in message
        assert unsafe_characters(message) == []
        assert_literal(screen_text(app))


# ----------------------------------------------------------------- (b) clicks run nothing


def _cells_without_actions(app: MissionTimelineApp) -> None:
    """No cell on screen carries a click action or a link: then no click can run one."""
    width, height = app.size
    for y in range(height):
        for x in range(width):
            style = app.screen.get_style_at(x, y)
            assert "@click" not in style.meta and style.link is None, (x, y, style)


def _lines(app: MissionTimelineApp, selector: str) -> range:
    region = app.screen.query_one(selector).content_region
    return range(region.y, region.bottom)


@pytest.mark.parametrize("size", SIZES)
async def test_no_cell_carries_an_action_or_a_link(hostile: Mission, size: tuple[int, int]) -> None:
    app = make_app(hostile)
    async with app.run_test(size=size) as pilot:
        screen = app.main_screen
        for event in hostile.events:
            screen.go_to_event(event.id)
            await pilot.pause()
            _cells_without_actions(app)
            screen.detail.scroll_end(animate=False, immediate=True)
            await pilot.pause()
            _cells_without_actions(app)
        screen.action_crew()
        for _ in hostile.people:
            await pilot.pause()
            _cells_without_actions(app)
            screen.crew.query_one(CrewList).action_cursor_down()


async def test_clicking_every_row_and_pane_line_runs_no_action(
    hostile: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        actions = Actions(app, monkeypatch)
        timeline = screen.timeline
        zone, mode, anchor = screen.zone, screen.mode, screen.anchor_event
        for row in range(timeline.row_count):
            await pilot.click("#timeline", offset=(70, 1 + row))  # on the title
        screen.go_to_event("launch")
        await pilot.pause()
        for y in _lines(app, "#detail"):
            await pilot.click(offset=(10, y))
        screen.detail.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        for y in _lines(app, "#detail"):
            await pilot.click(offset=(10, y))
        screen.action_crew()
        await pilot.pause()
        for y in _lines(app, "#crew-facts"):
            await pilot.click(offset=(70, y))
        await pilot.click("#header", offset=(5, 0))
        assert app.is_running
        assert actions.seen == []
        assert (screen.zone, screen.mode, screen.anchor_event) == (zone, mode, anchor)
