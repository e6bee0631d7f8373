"""Opening another mission file in the running app: the Open dialog, the file read in a
thread that quitting never waits for, and the error dialog when it cannot be opened."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App

from data.i18n import _
from data.problems import MissionError
from tui.detached import in_daemon_thread
from tui.screens.mission.screen import MissionScreen


class FileOpening(App[None]):
    """The app's part that opens mission files (and other tools' files, imported) into its
    main screen; served in a browser, only from `open_folder`, if there is one."""

    # Set by the app's __init__ (`tui.app.MissionTimelineApp`), documented there.
    CURSOR_BLINK: ClassVar[bool]
    main_screen: MissionScreen
    served: bool
    open_folder: Path | None
    load_problem: tuple[str, int] | None

    def action_open(self) -> None:
        from tui.screens.open_dialog import OPEN_REFUSED, OpenDialog

        if self.served and self.open_folder is None:
            self.notify(_(OPEN_REFUSED), title=_("Open"), severity="warning", markup=False)
            return
        root = self.open_folder if self.served else None
        self.push_screen(OpenDialog(cursor_blink=self.CURSOR_BLINK, root=root), self._open_chosen)

    def _open_chosen(self, path: str | None) -> None:
        if path is not None:
            self.open_mission(path)

    @work(exclusive=True, group="open")
    async def open_mission(self, path: str) -> None:
        """Load a mission file in a thread that quitting never waits for (`tui.detached`); a
        bad one leaves the current mission. Of a JSON Lines or Parquet file only the header is
        read there: the main screen reads its events."""
        from data.opening import open_file, open_reading

        opened = Path(path).expanduser()
        screen = self.main_screen
        show: Callable[[], Awaitable[None]]
        try:
            reading = await in_daemon_thread(partial(open_reading, str(opened)), name="open")
            if reading is not None:
                show = partial(screen.read_mission, reading, opened)
            else:
                found = await in_daemon_thread(partial(open_file, opened), name="open")
                show = partial(screen.replace_mission, found.mission, opened, notice=found.notice)
        except MissionError as error:
            self._cannot_open(str(error))
        except Exception as error:  # a loader bug must not take the app down with it
            problem = _("{path}: cannot be read ({error})").format(
                path=path, error=f"{type(error).__name__}: {error}"
            )
            self._cannot_open(problem)
        else:
            self.call_later(show)

    def _cannot_open(self, problem: str) -> None:
        """The error dialog for a mission file that could not be opened."""
        from tui.screens.error_dialog import ErrorDialog

        self.push_screen(ErrorDialog(_("Cannot open this mission file"), problem))

    @on(MissionScreen.LoadFailed)
    def _load_failed(self, message: MissionScreen.LoadFailed) -> None:
        if message.kept:
            self._cannot_open(message.problem)
            return
        # The mission given on the command line: the first frame is long gone, so the app
        # ends and the CLI prints the problem.
        self.load_problem = (message.problem, message.exit_code)
        self.exit(return_code=message.exit_code)
