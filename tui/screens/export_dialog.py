"""The export dialog: choose a format, the zones, a file and (for text and Markdown) the brief
form, and get the choice back.

A self-contained `ModalScreen` for the TUI's `e` key. It returns an `ExportChoice` (or `None`
when cancelled) through `dismiss`; the caller writes the export with `data.export` and
`data.files.writing`, using the filter and relative mode that are on screen, and notifies the path.

    def action_export(self) -> None:
        self.push_screen(ExportDialog(mission, zones=(self.zone,)), self._write_export)

`enter` exports from any field; the keys are listed at the bottom. A file that must not be
written (the mission being read, a folder) or that already exists keeps the dialog open with
everything as typed and says so; an existing file is replaced only when the user says so
(`ctrl+r`, or the Replace button that then appears).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from data.export import FORMATS, OptionsError, default_file_name, make_options
from data.i18n import N_, _, pgettext
from data.model import Mission
from data.sanitize import sanitize_line
from data.times.display import STATED
from tui.text import LABEL_STYLE


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the user chose: a format name from `data.export.FORMATS`, zones, and a path."""

    format: str
    zones: tuple[str, ...]
    """IANA names or `stated`; empty for formats that take no zones (json, ics)."""
    path: str
    replace: bool = False
    """Whether the user said to replace the file if it exists."""
    brief: bool = False
    """The brief form (`ExportOptions.brief`); only for formats that take it (`Format.prose`)."""

    @property
    def target(self) -> Path:
        """The file the user chose, always as a path: "-" or "/dev/stdout" must not write
        over the screen."""
        target = Path(self.path).expanduser()
        return target if target.is_absolute() else Path.cwd() / target


@dataclass(frozen=True, slots=True)
class TargetProblem:
    """Why an export is not written to a file: one line, and whether the user may say to
    replace the file (it exists and is a regular file)."""

    message: str
    replaceable: bool = False


def target_problem(target: Path, protect: Sequence[Path], *, replace: bool) -> TargetProblem | None:
    """Why an export must not be written to `target` (with `replace`: even replacing an
    existing regular file), or None. The mission files being read (`protect`) are never
    written."""
    shown = sanitize_line(str(target))
    for protected in protect:
        try:
            if target.samefile(protected):
                return TargetProblem(_("{path} is the mission file being read").format(path=shown))
        except OSError:
            continue
    if not (target.is_symlink() or target.exists()):
        return None
    if target.is_dir():
        return TargetProblem(_("{path} is a folder").format(path=shown))
    if not target.is_file():
        return TargetProblem(_("{path} is not a regular file").format(path=shown))
    if replace:
        return None
    return TargetProblem(_("{path} already exists").format(path=shown), replaceable=True)


class FormatSelect(Select[str], inherit_bindings=False):
    """The format list: `space`, `up` or `down` opens it; `enter` is left to the dialog,
    which exports (Textual's Select opens its list on enter)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,down,up", "show_overlay", N_("Formats"), show=False),
    ]


class BriefBox(Checkbox, inherit_bindings=False):
    """The brief-form switch: `space` toggles it; `enter` is left to the dialog, which
    exports (Textual's Checkbox toggles on enter). Unticked, the box is blank rather than
    Textual's faint X, which is unreadable text (tests/tui/test_contrast.py) and looks
    ticked once made readable."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", N_("Toggle"), show=False),
    ]

    def on_mount(self) -> None:
        self._show_tick()

    def watch_value(self) -> None:
        self._show_tick()
        super().watch_value()

    def _show_tick(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        self.refresh()


LABELS = {"format": N_("Format"), "zones": N_("Zones"), "path": N_("File")}
"""Each field's label, by the field's id."""
LEAST_LABEL = 8
"""The cells of the labels' column: the longest label and a space, at least this many."""


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Ask how to export the timeline; dismisses with an `ExportChoice` or `None`."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    /* Whole where the terminal is tall enough (80x24 is); else it scrolls inside its frame. */
    ExportDialog > #dialog {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    ExportDialog #title {
        text-style: bold;
    }
    ExportDialog .field {
        height: auto;
    }
    ExportDialog .field Label {
        padding-top: 1;
        color: $text-muted;
    }
    ExportDialog .field Input, ExportDialog .field Select {
        width: 1fr;
    }
    ExportDialog #zones-help {
        color: $text-muted;
    }
    ExportDialog #error {
        color: $text-error;
        height: auto;
    }
    ExportDialog #error.-empty, ExportDialog #replace.-hidden {
        display: none;
    }
    ExportDialog #buttons {
        height: auto;
        align-horizontal: right;
    }
    ExportDialog Button {
        margin-left: 1;
    }
    ExportDialog #brief.-on > .toggle--button {
        color: $text;
    }
    ExportDialog SelectCurrent .arrow {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            tooltip=N_("Close the dialog without exporting"),
            id="export_dialog.cancel",
        ),
        Binding(
            "enter", "export", N_("Export"), show=False, tooltip=N_("Export with these choices")
        ),
        Binding(
            "ctrl+r",
            "replace",
            N_("Replace"),
            show=False,
            tooltip=N_("Replace the file that already exists"),
            id="export_dialog.replace",
        ),
    ]

    def __init__(
        self,
        mission: Mission,
        *,
        format_name: str = "text",
        zones: Sequence[str] = ("UTC",),
        folder: str = "",
        path: str | None = None,
        protect: Sequence[Path] = (),
        problem: str = "",
        download: bool = False,
        brief: bool = False,
    ) -> None:
        """`path` is the file to suggest (by default `<mission id>.<suffix>` in `folder`);
        `protect`, the mission files being read, never written; `problem`, a message to
        show as the dialog opens (why the last export with these choices failed);
        `download`: the export goes to the browser (`mission-timeline serve`), `path` is
        only the name it is offered under, and no file on the server is looked at; `brief`,
        whether the brief form starts ticked."""
        super().__init__()
        self.download = download
        self.mission = mission
        self.folder = folder
        self.protect = tuple(protect)
        self._format = format_name
        self._zones = tuple(zones)
        self._path = self._default_path(format_name) if path is None else path
        self._problem = problem
        self._brief = brief
        self._replaceable = False
        """Whether the file shown in the error exists and may be replaced (`ctrl+r`)."""

    def compose(self) -> ComposeResult:
        labels = {field: _(label) for field, label in LABELS.items()}
        label_width = max(LEAST_LABEL, *(cell_len(label) + 1 for label in labels.values()))
        with Vertical(id="dialog", classes="dialog"):
            yield Static(_("Export the timeline"), id="title")
            with Horizontal(classes="field"):
                yield Label(labels["format"]).set_styles(f"width: {label_width};")
                yield FormatSelect(
                    [(fmt.label, name) for name, fmt in FORMATS.items()],
                    value=self._format,
                    allow_blank=False,
                    id="format",
                    tooltip=_("The file format to write (space lists them)"),
                )
            with Horizontal(classes="field"):
                yield Label(labels["zones"]).set_styles(f"width: {label_width};")
                yield Input(
                    ", ".join(self._zones),
                    placeholder="Europe/Brussels, stated",
                    id="zones",
                    tooltip=_("Each zone becomes a column, side by side"),
                    disabled=not FORMATS[self._format].zones,
                )
            zones_help = _("IANA names, or '{stated}'; comma-separated").format(stated=STATED)
            yield Static(zones_help, id="zones-help").set_styles(f"padding-left: {label_width};")
            with Horizontal(classes="field"):
                yield Label(labels["path"]).set_styles(f"width: {label_width};")
                yield Input(
                    self._path,
                    id="path",
                    tooltip=_("The name your browser saves it under")
                    if self.download
                    else _("Where to write"),
                )
            yield Static(
                Content(self._problem), id="error", classes="" if self._problem else "-empty"
            )
            with Horizontal(id="buttons"):
                yield BriefBox(
                    _("Brief"),
                    self._brief,
                    id="brief",
                    tooltip=_(
                        "Text and Markdown: only each event's time, title and one line of "
                        "detail, for an article (space toggles)"
                    ),
                    disabled=not FORMATS[self._format].prose,
                )
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Replace"), variant="error", id="replace", classes="-hidden")
                yield Button(_("Export"), variant="primary", id="export")
            yield Static(_hints(replaceable=False), id="keys")

    def _default_path(self, format_name: str) -> str:
        name = default_file_name(self.mission, format_name)
        return str(Path(self.folder) / name) if self.folder else name

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        new = str(event.value)
        path = self.query_one("#path", Input)
        # Follow the format only while the path is still the suggested one.
        if path.value == self._default_path(self._format):
            path.value = self._default_path(new)
        self._format = new
        self.query_one("#zones", Input).disabled = not FORMATS[new].zones
        self.query_one("#brief", Checkbox).disabled = not FORMATS[new].prose

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        if self._replaceable:  # another file: the question about the old one is gone
            self._error("")

    @on(Button.Pressed, "#export")
    @on(Input.Submitted)
    def action_export(self) -> None:
        self._submit(replace=False)

    @on(Button.Pressed, "#replace")
    def action_replace(self) -> None:
        self._submit(replace=True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "replace":
            return self._replaceable
        return True

    def _submit(self, *, replace: bool) -> None:
        choice = self._choice(replace=replace)
        if choice is not None:
            self.dismiss(choice)

    def _choice(self, *, replace: bool) -> ExportChoice | None:
        """The choice, or `None` after showing what is wrong with it."""
        fmt = FORMATS[self._format]
        zones: tuple[str, ...] = ()
        if fmt.zones:
            text = self.query_one("#zones", Input).value
            zones = tuple(zone.strip() for zone in text.split(",") if zone.strip())
            try:
                zones = make_options(self.mission, zones=zones, one_zone=fmt.picture).zones
            except OptionsError as error:
                self._error(str(error))
                return None
        path = self.query_one("#path", Input).value.strip()
        if not path:
            self._error(_("Give a file to write to."))
            return None
        brief = fmt.prose and self.query_one("#brief", Checkbox).value
        choice = ExportChoice(self._format, zones, path, replace, brief)
        if self.download:
            return choice
        problem = target_problem(choice.target, self.protect, replace=replace)
        if problem is None:
            return choice
        if problem.replaceable:
            message = _("{problem}: ctrl+r replaces it, or change the file name.")
            self._error(message.format(problem=problem.message), True)
        else:
            self._error(_("{problem}; choose another file name.").format(problem=problem.message))
        return None

    def _error(self, message: str, replaceable: bool = False) -> None:
        """Show what is wrong (nothing: ""), and the Replace button and key only for a file
        that may be replaced. The message can quote what was typed: plain text, never
        markup."""
        error = self.query_one("#error", Static)
        error.update(Content(message))
        error.set_class(not message, "-empty")
        self._replaceable = replaceable
        self.query_one("#replace", Button).set_class(not replaceable, "-hidden")
        self.query_one("#keys", Static).update(_hints(replaceable=replaceable))
        self.refresh_bindings()


def _hints(*, replaceable: bool) -> Content:
    """The dialog's keys and what they do, for its last line."""
    pairs = [
        ("enter", pgettext("export dialog key", "export")),
        ("tab", pgettext("export dialog key", "next")),
        ("space", pgettext("export dialog key", "formats")),
        ("esc", pgettext("export dialog key", "cancel")),
    ]
    if replaceable:
        pairs.insert(0, ("ctrl+r", pgettext("export dialog key", "replace")))
    parts: list[str | tuple[str, str]] = []
    for key, what in pairs:
        parts += [(key, "bold"), (f" {what}  ", LABEL_STYLE)]
    return Content.assemble(*parts).rstrip()
