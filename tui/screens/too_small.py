"""Shown instead of a broken layout while the terminal is smaller than the app needs."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

from data.i18n import _
from tui.screens.mission.layout import MIN_HEIGHT, MIN_WIDTH, TOO_SMALL, fits


class TooSmallScreen(Screen[None]):
    """Names the size needed and the size there is; the app pops it when the terminal grows.
    Its id is `TOO_SMALL`: the app knows it is on top without importing it first."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    #too-small-text { width: auto; text-align: center; color: $foreground; }
    """

    def __init__(self) -> None:
        super().__init__(id=TOO_SMALL)

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(id="too-small-text")

    def on_mount(self) -> None:
        self.update_size()

    def on_screen_resume(self) -> None:
        """Back on top after a dialog that opened over the notice has closed: the app pops
        only a notice on top, so one left under a dialog goes here once the terminal fits."""
        if fits(self.app.size):
            self.dismiss()

    def on_resize(self, event: events.Resize) -> None:
        self.update_size(event.size)

    def update_size(self, size: Size | None = None) -> None:
        size = size or self.app.size
        needs = _("needs at least {needed}, has {size}.").format(
            needed=f"{MIN_WIDTH}x{MIN_HEIGHT}", size=f"{size.width}x{size.height}"
        )
        text = Content.assemble(
            (_("Terminal too small"), "bold $text-warning"),
            f"\n{needs}",
            "\n" + _("Make the window larger, or press q to quit."),
        )
        self.query_one("#too-small-text", Static).update(text)
