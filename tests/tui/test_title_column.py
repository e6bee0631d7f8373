"""The title column gets every cell the time and kind columns do not need (issue 12, item 3).

Checked on the bundled mission's rows as drawn at 80 columns, in absolute time and in T-/T+
mode, against the times the data layer gives: the time column is as wide as the widest time
shown and no wider, and each title is shown whole, or cut with `…` at the row's last cell.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from data.facts.derived import TimeMode, relative
from data.model import Event, Mission
from data.times.display import STATED, show
from tui.app import MissionTimelineApp
from tui.widgets.timeline_row import MEASURED_EVENTS, measure_columns, time_text, widest_time

from .conftest import row_text

CURSOR, KIND, MARKS = 2, 5, 4
"""Cells before the time (the cursor mark and a space), of the short kind and its space, and
of the four marks."""


def time_shown(event: Event, mode: TimeMode) -> str:
    """The event's time in UTC; below 100 columns a T-/T+ row with a time of day shows only
    the date (its relative time gives the time of day), and a date-only row stays as it is
    (with its own zone when its day differs from UTC's)."""
    shown = show(event.when, "UTC")
    if mode is TimeMode.ABSOLUTE or not shown.clock:
        return str(shown)
    return str(shown).split(" ")[0]


@pytest.mark.parametrize("mode", [TimeMode.ABSOLUTE, TimeMode.T_MINUS], ids=str)
async def test_titles_get_every_spare_cell_at_80_columns(
    app: MissionTimelineApp, mission: Mission, mode: TimeMode
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main_screen
        screen.mode = mode
        anchor = screen.anchor_event
        assert anchor is not None
        timeline = screen.timeline
        width = timeline.scrollable_content_region.width
        times = {event.id: time_shown(event, mode) for event in mission.events}
        relatives = {event.id: relative(event.when, anchor.when, mode) for event in mission.events}
        columns = max(map(len, times.values())) + 1
        if mode is not TimeMode.ABSOLUTE:
            columns += max(map(len, relatives.values())) + 1
        title_at = CURSOR + columns + KIND + MARKS + 1
        cut = 0
        for event in mission.events:
            timeline.select_event(event.id)
            await pilot.pause()
            text = row_text(timeline, event.id)
            assert text[CURSOR:].startswith(times[event.id])
            if mode is not TimeMode.ABSOLUTE:
                relative_end = CURSOR + columns - 1
                assert text[:relative_end].endswith(" " + relatives[event.id])
            title = event.title
            if len(title) <= width - title_at:
                assert text[title_at:].rstrip() == title, text
            else:
                cut += 1
                assert len(text) == width and text.endswith("…")
                assert title.startswith(text[title_at:-1]), text
        assert cut  # the longest titles are cut, at the last cell
        # 16 cells before issue 12; a date-only row that names its own zone (`2021-10-05 EDT`)
        # widens the time column by 4
        assert width - title_at >= 30, "titles keep room in T-/T+ mode as well"


class _Many(Sequence[Event]):
    """A long list of events whose first and last are the mission's, and whose others must
    not be read."""

    def __init__(self, mission: Mission) -> None:
        self.ends = {0: mission.events[0], len(self) - 1: mission.events[len(mission.events) - 1]}

    def __len__(self) -> int:
        return MEASURED_EVENTS + 1

    def __getitem__(self, index: object) -> Event:  # type: ignore[override]
        assert index in self.ends, "a long list's times are not measured"
        return self.ends[index]  # type: ignore[index]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Brussels", "America/New_York", STATED])
def test_long_lists_take_the_widest_columns_unread(mission: Mission, zone: str) -> None:
    """Past `MEASURED_EVENTS`, the columns are as wide as the widest text the zone and the
    mode give (measured on samples and on the first and last event), never narrower than
    any of the bundled mission's."""
    anchor = mission.reference_event
    assert anchor is not None
    for mode in TimeMode:
        for width in (80, 120):
            columns = measure_columns(_Many(mission), width, zone, mode, anchor)
            year = mission.events[0].when.instant.year
            widest = widest_time(zone, year, clock=columns.clock, language="en")
            assert columns.time == widest
            assert widest >= max(
                len(time_text(event.when, zone, clock=columns.clock)) for event in mission.events
            )
            if mode is TimeMode.ABSOLUTE:
                assert columns.relative == 0
            else:
                assert columns.relative >= max(
                    len(relative(event.when, anchor.when, mode)) for event in mission.events
                )
