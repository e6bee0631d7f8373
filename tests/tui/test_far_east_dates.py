"""In a far-east zone the timeline's date-only rows name their own zone where its day is not
the zone's (issue 12: 5 October listed after 6 October 00:00 JST with nothing said)."""

from __future__ import annotations

from tui.app import MissionTimelineApp

from .conftest import row_text
from .waiting import until


async def test_a_moscow_date_among_tokyo_s_next_day_names_moscow(app: MissionTimelineApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        screen.set_zone("Asia/Tokyo")
        screen.timeline.select_event("filming")
        await until(
            pilot,
            lambda: (
                screen.detail.zone == "Asia/Tokyo"
                and screen.detail.event is not None
                and screen.detail.event.id == "filming"
            ),
            "the detail pane shows the filming in JST",
        )
        assert (
            row_text(screen.timeline, "hatch-open").lstrip(" ▶").startswith("2021-10-06 00:00 JST")
        )
        filming = row_text(screen.timeline, "filming")
        assert filming.lstrip(" ▶").startswith("2021-10-05 MSK ")
        assert "Tokyo" not in filming and ":" not in filming.split("MSK")[0]
        assert "Asia/Tokyo: 2021-10-05 MSK (+03:00)" in screen.detail.describe().plain
