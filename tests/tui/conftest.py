"""Fixtures and helpers for the TUI tests: the bundled mission and reading rows off the screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from data.i18n import use
from data.model import Mission
from data.opening import load_bundled, load_mission
from tui.app import MissionTimelineApp, make_app
from tui.config import Config
from tui.widgets.timeline import Timeline

HOSTILE_MISSION = Path(__file__).parent / "mission.toml"
"""A small mission whose premiere description carries markup and an OSC 52 sequence."""


@pytest.fixture(scope="session")
def mission() -> Mission:
    return load_bundled()


@pytest.fixture(scope="session")
def hostile_mission() -> Mission:
    return load_mission(HOSTILE_MISSION)


@pytest.fixture(params=["en", "nl"])
def speaking(request: pytest.FixtureRequest, english_by_default: None) -> Iterator[str]:
    """The test runs in English, then in Dutch (the app made after this fixture speaks it):
    for what must hold in every language, such as fitting at 80x24."""
    use(request.param)
    yield request.param
    use("en")


@pytest.fixture
def app(mission: Mission) -> MissionTimelineApp:
    return make_app(mission)


@pytest.fixture
def colourless_app(mission: Mission, monkeypatch: pytest.MonkeyPatch) -> MissionTimelineApp:
    """The app on the bundled mission with `NO_COLOR` set and the default settings."""
    monkeypatch.setenv("NO_COLOR", "1")
    return make_app(mission, config=Config(), save_settings=False)


def row_text(timeline: Timeline, event_id: str) -> str:
    """The text of an event's row as drawn (the event must be scrolled into view)."""
    position = timeline.position_of(event_id)
    assert position is not None, f"{event_id} is not shown"
    row = timeline.row_of_position(position)
    strip = timeline.render_line(row - timeline.scroll_offset.y)
    return strip.text
