"""The `mission-timeline` command: the TUI by default, plus subcommands.

Exit codes follow sysexits.h and are documented in the README; standard output that is full,
closed or cut short is handled in `tui.stdout`. Textual is imported only when the TUI
actually runs, so `export`, `check` and `schema` start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from functools import partial
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from data.exit_codes import ExitCode
from data.sanitize import quote, sanitize_line
from tui import __version__
from tui.stdout import Lines, reopen_if_closed, run_writing

if TYPE_CHECKING:
    from _typeshed import SupportsWrite
    from textual.app import App


class _Parser(argparse.ArgumentParser):
    """argparse that exits with EX_USAGE (64) instead of 2 on a usage error, and never echoes
    an argument raw: the message quotes the command line, which may hold escape sequences."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(ExitCode.USAGE, f"{self.prog}: error: {sanitize_line(message)}\n")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """argparse ignores every write error; one on standard output (`--help`, `--version`
        into a full disk or a closed output) must reach `tui.stdout.run_writing`."""
        if file is sys.stdout and file is not None:
            if message:
                file.write(message)
        else:
            super()._print_message(message, file)


def _version() -> str:
    import tzdata

    return f"mission-timeline {__version__} (tzdata {tzdata.IANA_VERSION})"


def _tolerate_any_encoding() -> None:
    """Never fail on a character the terminal cannot encode (LANG=C, PYTHONIOENCODING=ascii):
    messages quote mission text, which may be in any script; write it as `\\u2400` instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _check_parser() -> _Parser:
    return _Parser(
        prog="mission-timeline check",
        description=(
            "Validate and lint mission files. Prints every problem, one a line, as "
            "FILE:LINE:COL: FIELD.PATH: MESSAGE, then a summary. Exit status: 0 when no "
            "file has errors (warnings allowed), 65 when one has, 66 when one cannot be read."
        ),
    )


def _run_check(argv: Sequence[str]) -> int:
    parser = _check_parser()
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="mission files (.toml, .json or .jsonl)"
    )
    args = parser.parse_args(argv)
    from data.load.loader import check_file

    out = Lines()
    errors = warnings = unreadable = 0
    for name in args.files:
        result = check_file(name)
        for problem in result.problems:
            out.write(str(problem))
        errors += result.errors
        warnings += result.warnings
        unreadable += result.exit_code == ExitCode.NO_INPUT
    files = len(args.files)
    summary = (
        f"checked {files} file{'s' * (files != 1)}: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}"
    )
    if unreadable:
        summary += f" ({unreadable} could not be read)"
    out.write(summary)
    out.close()
    if unreadable:
        return ExitCode.NO_INPUT
    return ExitCode.DATA if errors else ExitCode.OK


def _app_parser() -> _Parser:
    parser = _Parser(
        prog="mission-timeline",
        description=(
            "Explore a spaceflight mission as a timeline. With no MISSION, opens the bundled "
            "Soyuz MS-19 mission. Subcommands: export, check, schema, help "
            "(mission-timeline help SUBCOMMAND)."
        ),
    )
    parser.add_argument(
        "mission", nargs="?", metavar="MISSION", help="a mission file (.toml, .json or .jsonl)"
    )
    parser.add_argument("--version", action="version", version=_version())
    return parser


def _schema_parser() -> _Parser:
    return _Parser(
        prog="mission-timeline schema",
        description="Print the JSON Schema of the mission file format.",
    )


def _run_schema(argv: Sequence[str]) -> int:
    _schema_parser().parse_args(argv)
    from data.load.schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return ExitCode.OK


def _export_parser() -> _Parser:
    parser = _Parser(
        prog="mission-timeline export",
        description=(
            "Write the timeline as text, Markdown, CSV, JSON, iCalendar, or a picture (SVG or "
            "PNG), to standard output or a file. Zones, --relative-to/--mode and --filter mean "
            "what they mean in the TUI. A file is written atomically and never replaced "
            "without --force."
        ),
    )
    parser.add_argument(
        "mission", nargs="?", metavar="MISSION", help="a mission file (default: Soyuz MS-19)"
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=["text", "md", "csv", "json", "ics", "svg", "png"],
        help="output format (default: from the -o file's suffix, else text)",
    )
    parser.add_argument(
        "-z",
        "--zone",
        action="append",
        default=[],
        metavar="ZONE",
        help="an IANA zone, or 'stated' for each source's own zone; repeat for side-by-side "
        "columns (default: UTC; text, md and csv; svg and png take one IANA zone)",
    )
    parser.add_argument(
        "--relative-to",
        metavar="EVENT_ID",
        help="add a column of times relative to this event (T-/T+ unless --mode says otherwise)",
    )
    parser.add_argument(
        "--mode",
        choices=["t-minus", "met", "flight-day"],
        help="how to show relative times (default with --relative-to: t-minus; without it, "
        "counted from the mission's launch)",
    )
    parser.add_argument(
        "--filter",
        metavar="EXPR",
        help="only the events matching a filter, e.g. 'kind:docking,undocking person:dubrov'",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write to PATH instead of standard output ('-' is standard output)",
    )
    parser.add_argument("--force", action="store_true", help="replace PATH if it already exists")
    picture = parser.add_argument_group("pictures (svg and png)")
    picture.add_argument(
        "--width", type=int, metavar="PX", help="the picture's width in pixels (default: 1600)"
    )
    picture.add_argument("--theme", choices=["light", "dark"], help="colours (default: light)")
    picture.add_argument(
        "--from",
        dest="range_from",
        metavar="ID|TIME",
        help="start at this event, or at this time (2021-10-05, 2021-10-05T08:00Z; without a "
        "zone, in --zone's) (default: the mission's first event or phase)",
    )
    picture.add_argument(
        "--to",
        dest="range_to",
        metavar="ID|TIME",
        help="end at this event, or at the end of this time's day, minute or second "
        "(default: the mission's last event or phase)",
    )
    return parser


_PICTURE_OPTIONS = ("width", "theme", "range_from", "range_to")
"""The export options that only a picture takes (their `args` names)."""


def _run_export(argv: Sequence[str]) -> int:
    """`mission-timeline export`: stream an export; never imports Textual."""
    parser = _export_parser()
    args = parser.parse_args(argv)
    from data.export import FORMATS, OptionsError, export, format_for_path, make_options
    from data.export.options import DEFAULT_WIDTH, Theme
    from data.facts.derived import TimeMode
    from data.files.writing import OutputClosed, OutputError, open_output
    from data.load.loader import BUNDLED_MISSION, MissionError, load_bundled, load_mission

    def fail(message: str, code: int) -> int:
        print(f"mission-timeline export: {sanitize_line(message)}", file=sys.stderr)
        return code

    format_name = args.format or format_for_path(args.output or "") or "text"
    fmt = FORMATS[format_name]
    if args.zone and not fmt.zones:
        reason = "times are in UTC" if fmt.views else "times are kept as written"
        return fail(f"--zone does not apply to {format_name} ({reason})", ExitCode.USAGE)
    if not fmt.views and (args.filter or args.relative_to or args.mode):
        return fail(
            f"--filter, --relative-to and --mode do not apply to {format_name}: "
            "it is always the whole mission, exactly",
            ExitCode.USAGE,
        )
    if not fmt.picture and any(getattr(args, name) is not None for name in _PICTURE_OPTIONS):
        return fail(
            f"--width, --theme, --from and --to apply to svg and png, not to {format_name}",
            ExitCode.USAGE,
        )
    if fmt.picture and args.output in (None, "-") and sys.stdout.isatty():
        return fail("a picture is not for a terminal; give a file: -o PATH", ExitCode.USAGE)
    stamp = _source_date()
    if isinstance(stamp, str):
        return fail(stamp, ExitCode.USAGE)
    try:
        mission = load_mission(args.mission) if args.mission else load_bundled()
    except MissionError as error:
        return fail(str(error), error.exit_code)
    try:
        options = make_options(
            mission,
            zones=args.zone,
            relative_to=args.relative_to,
            mode=TimeMode(args.mode) if args.mode else None,
            filter_text=args.filter,
            stamp=stamp,
            one_zone=fmt.picture,
            range_from=args.range_from,
            range_to=args.range_to,
            width=DEFAULT_WIDTH if args.width is None else args.width,
            theme=args.theme or Theme.LIGHT,
        )
    except OptionsError as error:
        return fail(str(error), ExitCode.USAGE)
    protect = [args.mission or BUNDLED_MISSION]
    try:
        with open_output(args.output, force=args.force, protect=protect) as out:
            export(mission, format_name, options, out)
    except OutputClosed:
        return ExitCode.OK
    except OutputError as error:
        return fail(str(error), error.exit_code)
    return ExitCode.OK


def _source_date() -> datetime | str | None:
    """The export time from SOURCE_DATE_EPOCH (reproducible output), or an error message."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError):
        return f"SOURCE_DATE_EPOCH must be a number of seconds, not {value!r}"


def _run_app(argv: Sequence[str]) -> int:
    """The TUI. A JSON Lines mission is opened and its header read here (so a missing file
    or a bad header exits before the screen changes, 66 or 65); its events are read in a
    worker while the app already shows the header. A problem found in them ends the app
    with the same one-line message and exit code as when loading before it started."""
    args = _app_parser().parse_args(argv)
    from pathlib import Path

    from data.load.loader import BUNDLED_MISSION, MissionError, load_bundled, load_mission

    reading = None
    try:
        if not args.mission:
            mission = load_bundled()
        else:
            from data.load.jsonl import is_jsonl, open_jsonl

            if is_jsonl(args.mission):
                reading = open_jsonl(args.mission)
                mission = reading.header
            else:
                mission = load_mission(args.mission)
    except MissionError as error:
        print(f"mission-timeline: {sanitize_line(str(error))}", file=sys.stderr)
        return error.exit_code
    if not sys.stdout.isatty():
        if reading is not None:
            reading.close()
        print(
            "mission-timeline: standard output is not a terminal; to write the timeline to "
            "a file or a pipe, use: mission-timeline export --help",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    from tui.app import make_app

    path = Path(args.mission) if args.mission else BUNDLED_MISSION
    app = make_app(mission, mission_path=path, loading=reading)
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


def _run_help(argv: Sequence[str]) -> int:
    """`mission-timeline help [SUBCOMMAND]`: what `--help` prints, for the app or a subcommand."""
    if not argv:
        _app_parser().print_help()
        return ExitCode.OK
    command = SUBCOMMANDS.get(argv[0])
    if command is None or command is _run_help:
        from data.suggest import did_you_mean

        hint = did_you_mean(argv[0], [name for name in SUBCOMMANDS if name != "help"])
        known = ", ".join(name for name in SUBCOMMANDS if name != "help")
        print(
            f"mission-timeline help: no subcommand {quote(argv[0])}"
            + (hint or f"; the subcommands are {known}"),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    return command(["--help"])


SUBCOMMANDS = {
    "check": _run_check,
    "export": _run_export,
    "schema": _run_schema,
    "help": _run_help,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script: run the command and end the process with its exit
    code (see `tui.stdout.run_writing`). Given `argv` (a test), return the code instead."""
    return run_writing(lambda: _run(argv), end_process=argv is None)


def _run(argv: Sequence[str] | None) -> int:
    """The command `argv` names (default: the process's arguments), and its exit code."""
    reopen_if_closed()
    _tolerate_any_encoding()
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        return SUBCOMMANDS[args[0]](args[1:])
    return _run_app(args)
