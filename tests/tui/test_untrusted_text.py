"""Mission text is never markup and never reaches the terminal with control characters."""

from __future__ import annotations

from data.model import Mission
from tui.app import make_app

from .conftest import row_text


async def test_markup_and_escapes_in_a_description_are_shown_as_text(
    hostile_mission: Mission,
) -> None:
    app = make_app(hostile_mission)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        screen.go_to_event("premiere")
        await pilot.pause()
        text = screen.detail.describe().plain
        assert "[@click=app.quit]not a link[/]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "␛]52;c;aGk=␇" in text
        await pilot.click("#detail", offset=(3, 12))
        await pilot.pause()
        assert app.is_running
        assert "Premiere" in row_text(screen.timeline, "premiere")
