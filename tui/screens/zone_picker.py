"""Choose any IANA zone by typing, with completion on its name or its city; an unknown zone gets
a clear message."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static

from data.i18n import N_, _
from data.times.parse import zone_completion
from tui.zones import check_zone


class ZoneNames(Suggester):
    """Completes what is typed to the zone whose name starts with it (`europe/br`), drawn in
    the input after the typed text."""

    async def get_suggestion(self, value: str) -> str | None:
        return _name_completion(value)


class ZoneInput(Input):
    """An input whose right arrow at its end also takes the zone a city typed completes to
    (`city_zone`, set by the picker and shown under the input: the input draws only a
    completion that starts with what is typed)."""

    city_zone = ""

    def action_cursor_right(self, select: bool = False) -> None:
        if self.city_zone and self.cursor_at_end and not select:
            self.value = self.city_zone
            self.cursor_position = len(self.value)
        else:
            super().action_cursor_right(select)


def _name_completion(typed: str) -> str | None:
    """The zone that completes `typed` as the start of its name, if any."""
    zone = zone_completion(typed)
    return zone if zone and zone.casefold().startswith(typed.casefold()) else None


def _city_completion(typed: str) -> str:
    """The zone `typed` completes to by its city (`tok`: Asia/Tokyo), if no name starts with
    `typed`; else ""."""
    zone = zone_completion(typed)
    return zone if zone and _name_completion(typed) is None else ""


class ZonePicker(ModalScreen[str | None]):
    """Dismisses with the canonical zone name, or None when cancelled."""

    DEFAULT_CSS = """
    ZonePicker { align: center middle; }
    #zone-picker { width: 72; max-width: 100%; height: auto; padding: 0 1; }
    #zone-picker Label { width: 100%; }  /* the hint wraps where the terminal is narrower */
    #zone-error { color: $text-error; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="zone-picker-cancel",
            tooltip=N_("Keep the zone"),
        ),
    ]

    def __init__(self, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        with Vertical(id="zone-picker", classes="dialog") as box:
            box.border_title = _("Time zone")
            yield Label(
                _(
                    'Any IANA zone or its city, e.g. Asia/Tokyo or tokyo, or "stated" '
                    "(right arrow completes):"
                )
            )
            yield ZoneInput(
                placeholder=_("Region/City or City"),
                suggester=ZoneNames(case_sensitive=False),
                id="zone-input",
            )
            yield Static("", id="zone-city")
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

    def on_input_changed(self, message: Input.Changed) -> None:
        """Clear the error; show the zone a city typed completes to (right arrow takes it)."""
        self.query_one("#zone-error", Static).update("")
        zone_input = self.query_one("#zone-input", ZoneInput)
        zone_input.city_zone = _city_completion(message.value)
        city_zone = zone_input.city_zone
        shown = _("{zone} (right arrow takes it)").format(zone=city_zone) if city_zone else ""
        self.query_one("#zone-city", Static).update(Content(shown))

    def action_cancel(self) -> None:
        self.dismiss(None)
