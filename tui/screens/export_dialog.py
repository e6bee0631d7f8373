"""The export dialog: choose a format, the zones and a file, and get the choice back.

A self-contained `ModalScreen` for the TUI's `e` key. It returns an `ExportChoice` (or `None`
when cancelled) through `dismiss`; the caller writes the export with `data.export` and
`data.files.writing`, using the filter and relative mode that are on screen, and notifies the path.

    def action_export(self) -> None:
        self.push_screen(ExportDialog(mission, zones=(self.zone,)), self._write_export)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from data.export import FORMATS, OptionsError, default_file_name, make_options
from data.model import Mission
from data.times.display import STATED


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the user chose: a format name from `data.export.FORMATS`, zones, and a path."""

    format: str
    zones: tuple[str, ...]
    """IANA names or `stated`; empty for formats that take no zones (json, ics)."""
    path: str


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Ask how to export the timeline; dismisses with an `ExportChoice` or `None`."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    ExportDialog > #dialog {
        width: 64;
        height: auto;
        padding: 1 2;
    }
    ExportDialog #title {
        text-style: bold;
        margin-bottom: 1;
    }
    ExportDialog Label {
        margin-top: 1;
        color: $text-muted;
    }
    ExportDialog #error {
        color: $text-error;
        height: auto;
        margin-top: 1;
    }
    ExportDialog #buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    ExportDialog Button {
        margin-left: 1;
    }
    ExportDialog SelectCurrent .arrow {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Close the dialog without exporting",
            id="export_dialog.cancel",
        ),
    ]

    def __init__(
        self,
        mission: Mission,
        *,
        format_name: str = "text",
        zones: Sequence[str] = ("UTC",),
        folder: str = "",
    ) -> None:
        super().__init__()
        self.mission = mission
        self.folder = folder
        self._format = format_name
        self._zones = tuple(zones)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static("Export the timeline", id="title")
            yield Label("Format")
            yield Select(
                [(fmt.label, name) for name, fmt in FORMATS.items()],
                value=self._format,
                allow_blank=False,
                id="format",
                tooltip="The file format to write",
            )
            yield Label(f"Zones (IANA names, or '{STATED}'; comma-separated)")
            yield Input(
                ", ".join(self._zones),
                placeholder="Europe/Brussels, stated",
                id="zones",
                tooltip="Each zone becomes a column, side by side",
                disabled=not FORMATS[self._format].zones,
            )
            yield Label("File")
            yield Input(self._default_path(self._format), id="path", tooltip="Where to write")
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Export", variant="primary", id="export")

    def _default_path(self, format_name: str) -> str:
        name = default_file_name(self.mission, format_name)
        return str(Path(self.folder) / name) if self.folder else name

    def _show_zones(self, format_name: str) -> None:
        self.query_one("#zones", Input).disabled = not FORMATS[format_name].zones

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        new = str(event.value)
        path = self.query_one("#path", Input)
        # Follow the format only while the path is still the suggested one.
        if path.value == self._default_path(self._format):
            path.value = self._default_path(new)
        self._format = new
        self._show_zones(new)

    @on(Button.Pressed, "#export")
    @on(Input.Submitted)
    def _submit(self) -> None:
        choice = self._choice()
        if choice is not None:
            self.dismiss(choice)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _choice(self) -> ExportChoice | None:
        """The choice, or `None` after showing what is wrong with it."""
        fmt = FORMATS[self._format]
        zones: tuple[str, ...] = ()
        if fmt.zones:
            text = self.query_one("#zones", Input).value
            zones = tuple(zone.strip() for zone in text.split(",") if zone.strip())
            try:
                zones = make_options(self.mission, zones=zones).zones
            except OptionsError as error:
                self._error(str(error))
                return None
        path = self.query_one("#path", Input).value.strip()
        if not path:
            self._error("Give a file to write to.")
            return None
        return ExportChoice(self._format, zones, path)

    def _error(self, message: str) -> None:
        # The message can quote what was typed: shown as plain text, never as markup.
        self.query_one("#error", Static).update(Content(message))
