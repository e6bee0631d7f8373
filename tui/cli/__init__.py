"""The `mission-timeline` command: the TUI by default, plus subcommands, one module each.

Exit codes follow sysexits.h and are documented in the README; standard output that is full,
closed or cut short is handled in `tui.stdout`. Textual is imported only when the TUI
actually runs, so `export`, `check` and `schema` start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from data.exit_codes import ExitCode
from data.i18n import _
from data.sanitize import quote
from tui.cli import app, check, export, import_, schema, serve
from tui.cli.parsing import speak_chosen_language, tolerate_any_encoding
from tui.stdout import reopen_if_closed, run_writing


def _run_help(argv: Sequence[str]) -> int:
    """`mission-timeline help [SUBCOMMAND]`: what `--help` prints, for the app or a subcommand."""
    if not argv:
        app.make_parser().print_help()
        return ExitCode.OK
    command = SUBCOMMANDS.get(argv[0])
    if command is None or command is _run_help:
        from data.suggest import did_you_mean

        names = [name for name in SUBCOMMANDS if name != "help"]
        hint = did_you_mean(argv[0], names)
        if hint:
            message = _("mission-timeline help: no subcommand {name}").format(name=quote(argv[0]))
            print(message + hint, file=sys.stderr)
        else:
            message = _("mission-timeline help: no subcommand {name}; the subcommands are {known}")
            print(message.format(name=quote(argv[0]), known=", ".join(names)), file=sys.stderr)
        return ExitCode.USAGE
    return command(["--help"])


SUBCOMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check": check.run,
    "export": export.run,
    "import": import_.run,
    "schema": schema.run,
    "serve": serve.run,
    "help": _run_help,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script: run the command and end the process with its exit
    code (see `tui.stdout.run_writing`). Given `argv` (a test), return the code instead."""
    return run_writing(lambda: _run(argv), end_process=argv is None)


def _run(argv: Sequence[str] | None) -> int:
    """The command `argv` names (default: the process's arguments), and its exit code."""
    reopen_if_closed()
    tolerate_any_encoding()
    args = list(sys.argv[1:] if argv is None else argv)
    speak_chosen_language(args)
    if args and args[0] in SUBCOMMANDS:
        return SUBCOMMANDS[args[0]](args[1:])
    return app.run(args)
