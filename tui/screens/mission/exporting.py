"""The mission screen's `e` (export what is on screen to a file) and `y` (copy the selected
event): the export options for what is on screen, and a file written off the event loop,
over an existing one only when the user said so, never over the mission being read; in a
browser (`mission-timeline serve`), the export made in memory and downloaded instead.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from textual import work
from textual.worker import get_current_worker

from data.bundled import BUNDLED_MISSION
from data.facts.derived import TimeMode
from data.i18n import _
from data.model import Event, Mission
from data.sanitize import sanitize_line
from data.steps import Check
from tui.screens.mission.state import MissionState

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

    from data.export import ExportOptions
    from data.query.filters import Filter
    from tui.screens.export_dialog import ExportChoice

# data.export and the dialog are imported where first used: the first frame needs neither.


class KeyNames(Protocol):
    """The app, as the one that knows the user's keys."""

    def first_key(self, binding_id: str) -> str: ...


class Served(Protocol):
    """The app, as the one that knows whether it runs in a browser."""

    served: bool


class _AbandonedError(Exception):
    """Raised before a block of an export is written once its worker is cancelled."""


class ExportAndCopy(MissionState):
    """Exports what is on screen, and copies the selected event, as the text export has it."""

    _export_draft: tuple[ExportChoice, str] | None = None
    """The last export that could not be written and why: the next `e` opens with it."""

    def action_export(self) -> None:
        from tui.screens.export_dialog import ExportDialog

        protect = self._protected_files()
        download = self._served()
        draft, self._export_draft = self._export_draft, None
        if draft is None:
            dialog = ExportDialog(
                self.mission, zones=(self.zone,), protect=protect, download=download
            )
        else:
            choice, problem = draft
            dialog = ExportDialog(
                self.mission,
                format_name=choice.format,
                zones=choice.zones or (self.zone,),
                path=choice.path,
                protect=protect,
                problem=problem,
                download=download,
                brief=choice.brief,
            )
        self.app.push_screen(dialog, self._export_chosen)

    def _served(self) -> bool:
        """Whether the app runs in a browser, where an export is a download."""
        return cast("Served", self.app).served

    def _protected_files(self) -> list[Path]:
        """The mission files being read: an export never writes over them."""
        return [path for path in (self.mission_path, BUNDLED_MISSION) if path is not None]

    def _export_chosen(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        from data.export import FORMATS, OptionsError, make_options

        try:
            options = self.view_options(choice.zones) if FORMATS[choice.format].views else None
        except OptionsError as error:
            self._not_exported(choice, str(error))
            return
        options = options or make_options(self.mission)
        options = replace(options, brief=choice.brief)
        if self._served():
            self.download_export(self.mission, choice, options)
        else:
            self.write_export(self.mission, choice, options)

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
        """Write an export off the event loop; replaces a file only if the user said so;
        notifies the outcome.

        Once the worker is cancelled (the app quits, the screen goes), the export stops at
        its next block and is discarded (no file, the temporary removed): Textual waits for
        this thread as the app closes, so it must end soon. (Not `exclusive`: a second
        export would cancel the first, which the user asked for too.)"""
        from data.export import FORMATS

        worker = get_current_worker()

        def check() -> None:
            if worker.is_cancelled:
                raise _AbandonedError

        try:
            problem = write_file(mission, choice, options, self._protected_files(), check)
        except _AbandonedError:
            return
        if problem is None:
            target = sanitize_line(str(choice.target))
            note = _("{format} written to {path}").format(
                format=FORMATS[choice.format].label, path=target
            )
            self.app.call_from_thread(self.notify, note, markup=False)
        else:
            self.app.call_from_thread(self._not_exported, choice, problem)

    @work(thread=True, group="export")
    def download_export(
        self, mission: Mission, choice: ExportChoice, options: ExportOptions
    ) -> None:
        """Make an export in memory off the event loop and hand it to the browser as a
        download (Textual's web driver); nothing is written on the server. Abandoned as
        `write_export` is once the worker is cancelled."""
        from data.export import FORMATS

        worker = get_current_worker()

        def check() -> None:
            if worker.is_cancelled:
                raise _AbandonedError

        try:
            content = export_bytes(mission, choice.format, options, check)
        except _AbandonedError:
            return
        name = download_name(choice.path, mission.info.id + FORMATS[choice.format].suffix)
        note = _("{format} sent to your browser as {name}").format(
            format=FORMATS[choice.format].label, name=name
        )
        self.app.call_from_thread(self._deliver, content, name, note)

    def _deliver(self, content: bytes, name: str, note: str) -> None:
        self.app.deliver_binary(io.BytesIO(content), save_filename=name)
        self.notify(note, markup=False)

    def _not_exported(self, choice: ExportChoice, problem: str) -> None:
        """Say why an export was not written; the next `e` opens the dialog with what was
        typed and the reason, so nothing typed is lost."""
        self._export_draft = (choice, problem)
        key = cast("KeyNames", self.app).first_key("export")
        note = _("Not exported: {problem}; {key} opens the export again as you left it").format(
            problem=problem, key=key
        )
        self.notify(note, severity="error", markup=False)

    def action_copy_event(self) -> None:
        event = self.selected
        if event is None:
            return
        from data.export.text_export import format_event

        text = format_event(self.mission, event, self.view_options((self.zone,)))
        self.app.copy_to_clipboard(text)
        title = sanitize_line(event.title)
        self.notify(_("Copied to the clipboard: {title}").format(title=title), markup=False)


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


class _CheckedBuffer(io.BytesIO):
    """Bytes in memory, `check`ed before each block written (as `data.files.writing` does)."""

    def __init__(self, check: Check) -> None:
        super().__init__()
        self._check = check

    def write(self, data: ReadableBuffer, /) -> int:
        self._check()
        return super().write(data)


def export_bytes(mission: Mission, format_name: str, options: ExportOptions, check: Check) -> bytes:
    """An export's bytes exactly as a new file would hold them (UTF-8, a CSV's byte-order
    mark, a PNG's bytes). `check` is called before each block; what it raises passes through."""
    from data.export import export

    buffer = _CheckedBuffer(check)
    stream = io.TextIOWrapper(io.BufferedWriter(buffer), encoding="utf-8", newline="")
    export(mission, format_name, options, stream)
    stream.flush()
    return buffer.getvalue()


_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def download_name(typed: str, default: str) -> str:
    """The name a download is offered under: the last part of what was typed, each run of
    characters other than ASCII letters, digits, `.`, `_` and `-` made one `_` (the name
    goes into an HTTP header unquoted); `default` if nothing is left."""
    name = _UNSAFE_IN_NAME.sub("_", Path(typed).name).strip("._")
    return name or default


def write_file(
    mission: Mission,
    choice: ExportChoice,
    options: ExportOptions,
    protect: Sequence[Path],
    check: Check,
) -> str | None:
    """Write an export to the file the user chose, never over a mission file in `protect`
    (those being read) and over an existing file only if the user said to replace it. The
    problem, or None once written. `check` is called before each block written; if it
    raises, the export is discarded and the exception passes through (`data.files.writing`)."""
    from data.export import export
    from data.files.writing import OutputError, open_output
    from tui.screens.export_dialog import target_problem

    target = choice.target
    refused = target_problem(target, protect, replace=choice.replace)
    if refused is not None:
        return refused.message
    try:
        with open_output(
            str(target), force=choice.replace, protect=list(protect), check=check
        ) as out:
            export(mission, choice.format, options, out)
    except OutputError as error:
        # A file that appeared meanwhile is said as the dialog says it (not as the CLI's
        # "add --force"); the next `e` then offers to replace it.
        late = target_problem(target, protect, replace=choice.replace)
        return str(error) if late is None else late.message
    return None
