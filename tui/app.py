"""The mission-timeline Textual app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header

from data.model import Mission
from data.sanitize import sanitize_line
from tui.widgets.timeline import Timeline


class MissionTimelineApp(App[None]):
    """Shows one mission as a scrollable timeline."""

    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, mission: Mission) -> None:
        super().__init__()
        self.mission = mission

    def compose(self) -> ComposeResult:
        yield Header()
        yield Timeline(self.mission)
        yield Footer()

    def on_mount(self) -> None:
        self.title = sanitize_line(self.mission.info.title)


def make_app(mission: Mission) -> MissionTimelineApp:
    """Build the app for a mission; the CLI and the tests both go through here."""
    return MissionTimelineApp(mission)
