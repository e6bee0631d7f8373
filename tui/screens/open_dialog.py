"""Ask for a mission file to open, with completion of paths as you type; served in a browser,
only inside the one folder the server allows (`mission-timeline serve --allow-open DIR`)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static

from data.i18n import N_, _
from data.imports import importable_formats

MAX_LISTED = 2000
"""A folder is read up to this many entries for completion, so a huge folder stays quick."""
OPEN_REFUSED = N_(
    "Opening files is off in the browser: a browser user may not read the server's files "
    "(the server's --allow-open DIR allows one folder)."
)
"""Why `o` does nothing in a browser (translated where it is shown)."""


def inside(root: Path, typed: str) -> Path | None:
    """The file `typed` names, relative to `root` (an absolute path as it is), with every
    symlink resolved, if it lies inside `root`; else None (`../`, an absolute path elsewhere,
    a symlink that leads out)."""
    try:
        real_root = root.resolve(strict=True)
        target = (real_root / typed).resolve()
    except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL in the path
        return None
    return target if target.is_relative_to(real_root) else None


class PathSuggester(Suggester):
    """Completes the last part of a path with the first matching entry of its folder.

    Folders complete with a trailing `/`; hidden entries are offered only once a `.` is typed.
    With a `root`, paths are relative to it and only folders inside it are listed.
    """

    def __init__(self, root: Path | None = None) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.root = root

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        head, _, start = value.rpartition("/")
        folder = Path(head + "/" if head or value.startswith("/") else ".")
        if self.root is None:
            folder = folder.expanduser()
        else:
            inner = inside(self.root, str(folder))
            if inner is None:
                return None
            folder = inner
        # A folder on a slow disk must not stall the screen: list it off the event loop.
        names = await asyncio.to_thread(_completions, folder, start)
        if not names:
            return None
        return value[: len(value) - len(start)] + min(names)


def _completions(folder: Path, start: str) -> list[str]:
    """Entries of `folder` that begin with `start` (folders with a `/`), or none on error."""
    names: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= MAX_LISTED:
                    break
                name = entry.name
                if not name.startswith(start):
                    continue
                if name.startswith(".") and not start.startswith("."):
                    continue
                completed = name + ("/" if entry.is_dir() else "")
                if completed != start:
                    names.append(completed)
    except OSError:
        return []
    return names


class OpenDialog(ModalScreen[str | None]):
    """Dismisses with the path typed (not yet checked), or `None` when cancelled."""

    DEFAULT_CSS = """
    OpenDialog {
        align: center middle;
    }
    OpenDialog > #open-dialog {
        width: 72;
        max-width: 95%;
        height: auto;
        padding: 0 1;
    }
    OpenDialog #open-dialog Label {
        width: 100%;  /* the hint wraps, never cut */
    }
    OpenDialog #open-error {
        color: $text-error;
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="open-dialog-cancel",
            tooltip=N_("Keep the mission that is open"),
        ),
    ]

    def __init__(
        self, path: str = "", *, cursor_blink: bool = True, root: Path | None = None
    ) -> None:
        """`root`: the only folder whose files may be opened, paths typed relative to it."""
        super().__init__()
        self.path = path
        self.cursor_blink = cursor_blink
        self.root = root

    def compose(self) -> ComposeResult:
        with Vertical(id="open-dialog", classes="dialog") as box:
            box.border_title = _("Open a mission file")
            formats = importable_formats()
            yield Label(
                Content(
                    _(
                        "A .toml, .json, .jsonl or .parquet mission file, or a file to import: "
                        "{formats} (right arrow completes the path):"
                    ).format(formats=formats)
                    if self.root is None
                    else _(
                        "A mission file in {folder}, or a file to import: {formats} (right "
                        "arrow completes the path):"
                    ).format(folder=self.root, formats=formats)
                )
            )
            yield Input(
                self.path,
                placeholder=_("path/to/mission.toml"),
                suggester=PathSuggester(self.root),
                id="open-path",
                tooltip=_("Enter opens the file; the current mission stays if it cannot be read"),
            )
            yield Static("", id="open-error")

    def on_mount(self) -> None:
        self.query_one("#open-path", Input).cursor_blink = self.cursor_blink

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        path = message.value.strip()
        if not path:
            problem = Content(_("Type the path of a file."))
            self.query_one("#open-error", Static).update(problem)
            return
        if self.root is not None:
            allowed = inside(self.root, path)
            if allowed is None:
                only = _("Only files in {folder} may be opened.").format(folder=self.root)
                self.query_one("#open-error", Static).update(Content(only))
                return
            path = str(allowed)
        self.dismiss(path)

    def on_input_changed(self) -> None:
        self.query_one("#open-error", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
