"""The `mission-timeline` command: the TUI by default, plus subcommands.

Exit codes follow sysexits.h and are documented in the README. Textual is imported only
when the TUI actually runs, so `export`, `check` and `schema` start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from typing import NoReturn

from tui import __version__


class ExitCode(IntEnum):
    OK = 0
    USAGE = 64
    DATA = 65
    NO_INPUT = 66
    CANNOT_CREATE = 73
    IO_ERROR = 74


class _Parser(argparse.ArgumentParser):
    """argparse that exits with EX_USAGE (64) instead of 2 on a usage error."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(ExitCode.USAGE, f"{self.prog}: error: {message}\n")


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


class _Lines:
    """Standard output for a report that may be cut short (`check ... | head`): once the
    reader has gone, the rest is dropped quietly and the exit status still tells the truth."""

    def __init__(self) -> None:
        self.closed = False

    def write(self, line: str) -> None:
        if self.closed:
            return
        try:
            print(line)
        except BrokenPipeError:
            self._drop()

    def close(self) -> None:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            self._drop()

    def _drop(self) -> None:
        self.closed = True
        # Python flushes stdout again at exit; point it somewhere that cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


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
    parser.add_argument("files", nargs="+", metavar="FILE", help="mission files (.toml, .json)")
    args = parser.parse_args(argv)
    from data.loader import check_file

    out = _Lines()
    errors = warnings = unreadable = 0
    for name in args.files:
        try:
            result = check_file(name)
        except KeyboardInterrupt:
            return 130  # interrupted (128 + SIGINT), as the shell reports it
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
            "Soyuz MS-19 mission. Subcommands: export, check, schema "
            "(mission-timeline SUBCOMMAND --help)."
        ),
    )
    parser.add_argument(
        "mission", nargs="?", metavar="MISSION", help="a mission file (.toml or .json)"
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
    from data.schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return ExitCode.OK


def _run_app(argv: Sequence[str]) -> int:
    args = _app_parser().parse_args(argv)
    from data.loader import MissionError, load_bundled, load_mission

    try:
        mission = load_mission(args.mission) if args.mission else load_bundled()
    except MissionError as error:
        print(f"mission-timeline: {error}", file=sys.stderr)
        return error.exit_code
    if not sys.stdout.isatty():
        print(
            "mission-timeline: standard output is not a terminal; to write the timeline to "
            "a file or a pipe, use: mission-timeline export --help",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    from tui.app import make_app

    make_app(mission).run()
    return ExitCode.OK


SUBCOMMANDS = {"schema": _run_schema, "check": _run_check}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    _tolerate_any_encoding()
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        return SUBCOMMANDS[args[0]](args[1:])
    return _run_app(args)
