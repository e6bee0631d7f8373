"""The TUI command (`mission-timeline [MISSION]`): load the mission, then run the app until
it quits, an interrupt included."""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from types import FrameType
from typing import TYPE_CHECKING

import msgspec

from data.exit_codes import ExitCode
from data.i18n import _
from data.sanitize import sanitize_line

if TYPE_CHECKING:
    from textual.app import App

    from tui.cli.parsing import CommandParser


class Arguments(msgspec.Struct, frozen=True):
    """The app command's arguments, as its parser (`make_parser`) gives them."""

    mission: str | None = None
    at: str | None = None
    speed: str | None = None
    live: bool = False
    allow_open: str | None = None


def parse_arguments(argv: Sequence[str]) -> Arguments:
    """The app command's arguments in `argv` (a usage error, `--help` or `--version` exits
    as argparse does). With none, the usual start, the parser's defaults without importing
    argparse (about 11M instructions: the module, the parser and its help texts)."""
    if not argv:
        return Arguments()
    parsed = vars(make_parser().parse_args(argv))
    return Arguments(**{name: parsed[name] for name in Arguments.__struct_fields__})


def make_parser() -> CommandParser:
    """The app command's parser (argparse is imported here: only to parse arguments)."""
    import argparse

    from tui.cli.parsing import CommandParser, version

    parser = CommandParser(
        prog="mission-timeline",
        description=_(
            "Explore a spaceflight mission as a timeline. With no MISSION, opens the bundled "
            "Soyuz MS-19 mission; another tool's file (an iCalendar .ics, ...) is imported. "
            "Subcommands: export, check, import, schema, serve, help "
            "(mission-timeline help SUBCOMMAND)."
        ),
    )
    parser.add_argument(
        "mission",
        nargs="?",
        metavar="MISSION",
        help=_(
            "a mission file (.toml, .json or .jsonl), or a file to import (mission-timeline "
            "help import)"
        ),
    )
    parser.add_argument(
        "--at",
        metavar="TIME|EVENT_ID",
        help=_(
            "open with the mission clock at an event (its id) or a time (2021-10-05T08:55Z; "
            "UTC unless it has an offset or a [Zone]), standing still (space plays)"
        ),
    )
    parser.add_argument(
        "--speed",
        metavar="N",
        help=_(
            "play the mission back at N times real time (1 to 10,000; 60, 600x), from --at "
            "or the launch"
        ),
    )
    parser.add_argument(
        "--live",
        action="store_true",
        help=_(
            "follow the real clock: the mission as it happens now, its next event counting down"
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=version(),
        help=_("show program's version number and exit"),
    )
    # Set by `mission-timeline serve --allow-open DIR` on the app it runs for each browser tab.
    parser.add_argument("--allow-open", metavar="DIR", help=argparse.SUPPRESS)
    return parser


def under_web_driver() -> bool:
    """Whether the app draws through Textual's web driver: textual-serve (`mission-timeline
    serve`) runs each browser tab's app with `TEXTUAL_DRIVER` naming it, and its output on a
    pipe rather than a terminal."""
    return os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver:")


def run(argv: Sequence[str]) -> int:
    """The TUI (`_run_tui`), with the cyclic garbage collector off while it starts.

    Start-up makes a few hundred thousand objects (modules, classes, widgets, styles) and
    frees next to none: a full collection among them (25 ms) and a dozen younger ones only
    find them alive. The app freezes what is alive and turns the collector back on once its
    first screen is shown (`MissionState._show_mission`); it is on again here at the latest.
    """
    gc.disable()
    try:
        return _run_tui(argv)
    finally:
        gc.enable()


def _run_tui(argv: Sequence[str]) -> int:
    """The TUI. A JSON Lines mission is opened and its header read here (so a missing file
    or a bad header exits before the screen changes, 66 or 65); its events are read in a
    worker while the app already shows the header. A problem found in them ends the app
    with the same one-line message and exit code as when loading before it started."""
    args = parse_arguments(argv)
    from pathlib import Path

    from data.bundled import BUNDLED_MISSION, load_bundled
    from data.problems import MissionError

    reading = None
    notice = None
    try:
        if not args.mission:
            mission = load_bundled()
        else:
            from data.opening import open_file, open_reading

            reading = open_reading(args.mission)
            if reading is not None:
                mission = reading.header
            else:
                opened = open_file(args.mission)
                mission, notice = opened.mission, opened.notice
    except MissionError as error:
        print(f"mission-timeline: {sanitize_line(str(error))}", file=sys.stderr)
        return error.exit_code
    from data.clock.start import clock_start

    try:
        start = clock_start(mission, args.at, args.speed, live=args.live)
    except ValueError as error:
        if reading is not None:
            reading.close()
        print(f"mission-timeline: {sanitize_line(str(error))}", file=sys.stderr)
        return ExitCode.USAGE
    served = under_web_driver()
    if not (served or sys.stdout.isatty()):
        if reading is not None:
            reading.close()
        print(
            _(
                "mission-timeline: standard output is not a terminal; to write the timeline "
                "to a file or a pipe, use: mission-timeline export --help"
            ),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    from tui.app import make_app
    from tui.config import Remembered

    path = Path(args.mission) if args.mission else BUNDLED_MISSION
    # Served, each browser tab starts from config.toml and remembers nothing (tui.config).
    app = make_app(
        mission,
        mission_path=path,
        loading=reading,
        remembered=Remembered() if served else None,
        save_settings=not served,
        served=served,
        open_folder=Path(args.allow_open) if served and args.allow_open else None,
        notice=notice,
        clock=start,
    )
    with _interrupt_quits(app):
        app.run()
    if app.load_problem is not None:
        problem, code = app.load_problem
        print(f"mission-timeline: {sanitize_line(problem)}", file=sys.stderr)
        return code
    return ExitCode.OK


@contextlib.contextmanager
def _interrupt_quits(app: App[None]) -> Iterator[None]:
    """While the app's event loop runs, an interrupt (SIGINT: `kill -INT`; Ctrl-C typed in
    the app is a key) quits it as `q` does, so that it puts the terminal back, and then ends
    the command as interrupted (`tui.stdout.run_writing`). Before the loop runs and after,
    it stops the command where it is, as in every command."""
    import asyncio  # imported by Textual already; not by the other commands

    outer = signal.getsignal(signal.SIGINT)

    def quit_app(signum: int, frame: FrameType | None) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the app has not started or has ended
            if callable(outer):
                outer(signum, frame)
            return
        loop.call_soon_threadsafe(partial(app.exit, return_code=ExitCode.INTERRUPTED))

    if callable(outer):  # else an interrupt is ignored (a background job), and stays so
        signal.signal(signal.SIGINT, quit_app)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, outer)
    if app.return_code == ExitCode.INTERRUPTED:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the app has done its cleanup
        raise KeyboardInterrupt
