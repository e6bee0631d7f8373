"""The mission screen's `e` (export what is on screen to a file) and `y` (copy the selected
event): the export options for what is on screen, and a file written off the event loop,
never over an existing one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from data.facts.derived import TimeMode
from data.load.loader import BUNDLED_MISSION
from data.model import Event, Mission
from data.sanitize import sanitize_line
from data.steps import Check
from tui.screens.mission.state import MissionState

if TYPE_CHECKING:
    from data.export import ExportOptions
    from data.query.filters import Filter
    from tui.screens.export_dialog import ExportChoice

# data.export and the dialog are imported where first used: the first frame needs neither.


class _AbandonedError(Exception):
    """Raised before a block of an export is written once its worker is cancelled."""


class ExportAndCopy(MissionState):
    """Exports what is on screen, and copies the selected event, as the text export has it."""

    def action_export(self) -> None:
        from tui.screens.export_dialog import ExportDialog

        dialog = ExportDialog(self.mission, zones=(self.zone,))
        self.app.push_screen(dialog, self._export_chosen)

    def _export_chosen(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        from data.export import FORMATS, OptionsError, make_options

        try:
            options = self.view_options(choice.zones) if FORMATS[choice.format].views else None
        except OptionsError as error:
            self.notify(f"Not exported: {error}", severity="error", markup=False)
            return
        self.write_export(self.mission, choice, options or make_options(self.mission))

    def view_options(self, zones: Sequence[str]) -> ExportOptions:
        """Export options for what is on screen: the filter, the time mode and its anchor."""
        return view_options(
            self.mission,
            zones,
            mode=self.mode,
            anchor=self.anchor_event,
            event_filter=self.event_filter,
        )

    @work(thread=True, group="export")
    def write_export(self, mission: Mission, choice: ExportChoice, options: ExportOptions) -> None:
        """Write an export off the event loop; never replaces a file; notifies the outcome.

        Once the worker is cancelled (the app quits, the screen goes), the export stops at
        its next block and is discarded (no file, the temporary removed): Textual waits for
        this thread as the app closes, so it must end soon. (Not `exclusive`: a second
        export would cancel the first, which the user asked for too.)"""
        from data.export import FORMATS

        worker = get_current_worker()

        def check() -> None:
            if worker.is_cancelled:
                raise _AbandonedError

        target = chosen_path(choice)
        protect = [path for path in (self.mission_path, BUNDLED_MISSION) if path is not None]
        try:
            problem = write_file(mission, choice.format, options, target, protect, check)
        except _AbandonedError:
            return
        if problem is None:
            note = f"{FORMATS[choice.format].label} written to {sanitize_line(str(target))}"
            self.app.call_from_thread(self.notify, note, markup=False)
        else:
            note = f"Not exported: {problem}"
            self.app.call_from_thread(self.notify, note, severity="error", markup=False)

    def action_copy_event(self) -> None:
        event = self.selected
        if event is None:
            return
        from data.export.text_export import format_event

        text = format_event(self.mission, event, self.view_options((self.zone,)))
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied to the clipboard: {sanitize_line(event.title)}", markup=False)


def view_options(
    mission: Mission,
    zones: Sequence[str],
    *,
    mode: TimeMode,
    anchor: Event | None,
    event_filter: Filter | None,
) -> ExportOptions:
    """Export options for what is on screen: the zones, the filter, the time mode and its
    anchor. Raises `data.export.OptionsError` for a zone the export cannot show."""
    from data.export import make_options

    relative = anchor if mode is not TimeMode.ABSOLUTE else None
    return make_options(
        mission,
        zones=zones,
        relative_to=None if relative is None else relative.id,
        mode=None if relative is None else mode,
        filter_text=None if event_filter is None else event_filter.text,
    )


def write_file(
    mission: Mission,
    format_name: str,
    options: ExportOptions,
    target: Path,
    protect: Sequence[Path],
    check: Check,
) -> str | None:
    """Write an export to `target`, never replacing a file nor writing over one in `protect`
    (the mission files being read). The problem, or None once written. `check` is called
    before each block written; if it raises, the export is discarded and the exception
    passes through (`data.files.writing`)."""
    from data.export import export
    from data.files.writing import OutputError, open_output

    problem = _refusal(target, protect)
    if problem is not None:
        return problem
    try:
        with open_output(str(target), protect=list(protect), check=check) as out:
            export(mission, format_name, options, out)
    except OutputError as error:
        return str(error)
    return None


def chosen_path(choice: ExportChoice) -> Path:
    """The file the user chose, always as a path: "-" or "/dev/stdout" must not write over
    the screen."""
    target = Path(choice.path).expanduser()
    return target if target.is_absolute() else Path.cwd() / target


def _refusal(target: Path, protect: Sequence[Path]) -> str | None:
    """Why an export must not be written to `target`, or None. The TUI never replaces a file."""
    shown = sanitize_line(str(target))
    for protected in protect:
        try:
            if target.samefile(protected):
                return f"{shown} is the mission file being read; choose another file name"
        except OSError:
            continue
    if target.is_symlink() or target.exists():
        return f"{shown} already exists and was left as it is; choose another file name"
    return None
