"""Choose any IANA zone by typing, with completion; an unknown zone gets a clear message."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from data.times.parse import zone_names
from tui.zones import check_zone


class ZonePicker(ModalScreen[str | None]):
    """Dismisses with the canonical zone name, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="zone-picker-cancel", tooltip="Keep the zone"),
    ]

    def __init__(self, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        with Vertical(id="zone-picker", classes="dialog") as box:
            box.border_title = "Time zone"
            yield Label('Any IANA zone, e.g. Asia/Tokyo, or "stated" (right arrow completes):')
            yield Input(
                placeholder="Region/City",
                suggester=SuggestFromList(zone_names(), case_sensitive=False),
                id="zone-input",
            )
            yield Static("", id="zone-error")

    def on_mount(self) -> None:
        self.query_one("#zone-input", Input).cursor_blink = self.cursor_blink

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        try:
            zone = check_zone(message.value)
        except ValueError as error:
            self.query_one("#zone-error", Static).update(Content(str(error)))
            return
        self.dismiss(zone)

    def on_input_changed(self) -> None:
        self.query_one("#zone-error", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
