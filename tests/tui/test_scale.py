"""The timeline formats only the rows it draws, whatever the mission size (issue: 1M events)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import tui.widgets.timeline_row as row_module
from data.model import Event, EventKind, Mission, MissionInfo, Phase
from data.store import store_of
from data.times.parse import Precision, When
from tui.app import make_app

EVENTS = 200_000
SAMPLES = 4 * 12
"""The times a long list's time column is measured on in a zone (`widest_time`): four each
month."""


def _when(instant: datetime) -> When:
    return When(instant, Precision.SECOND, None, timedelta(0), False, instant.isoformat())


@pytest.fixture(scope="module")
def big_mission() -> Mission:
    start = datetime(2021, 10, 5, tzinfo=UTC)
    events = tuple(
        Event(
            id=f"e{i}",
            title=f"Event {i}",
            kind=EventKind.MILESTONE if i else EventKind.LAUNCH,
            at=_when(start + timedelta(seconds=i)),
            phase="first" if i < EVENTS // 2 else "second",
        )
        for i in range(EVENTS)
    )
    middle = _when(start + timedelta(seconds=EVENTS // 2))
    phases = (
        Phase("first", "First half", _when(start), middle),
        Phase("second", "Second half", middle, _when(start + timedelta(seconds=EVENTS))),
    )
    store = store_of(events, [phase.id for phase in phases], [])  # as every mission loads
    return Mission(MissionInfo("big", "A big mission"), store, phases=phases)


async def test_key_presses_format_only_visible_rows(
    big_mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    original = row_module.show

    def counting_show(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(row_module, "show", counting_show)
    app = make_app(big_mission)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        await pilot.pause()
        height = screen.timeline.scrollable_content_region.height
        calls = 0
        await pilot.press("j", "j", "k", "pagedown", "end", "home", "right_square_bracket")
        await pilot.pause()
        assert screen.selected is not None and screen.selected.id == f"e{EVENTS // 2}"
        # Seven moves, each redrawing at most a screen of rows: nowhere near 200,000.
        assert calls <= 8 * height
        calls = 0
        await pilot.press("z", "t")
        await pilot.pause()
        # And the samples the time column of a long list is measured on, once per zone.
        assert calls <= 3 * height + SAMPLES
