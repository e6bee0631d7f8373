"""The `mission-timeline` command: the TUI by default, plus subcommands, one module each.

Exit codes follow sysexits.h and are documented in the README; standard output that is full,
closed or cut short is handled in `tui.stdout`. Textual is imported only when the TUI
actually runs, so `export`, `check` and `schema` start fast; a subcommand's module only when
it runs, so the TUI starts fast.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from data.exit_codes import ExitCode
from data.i18n import _
from data.sanitize import quote
from tui.cli import app
from tui.cli.prelude import speak_chosen_language, tolerate_any_encoding
from tui.stdout import reopen_if_closed, run_writing


def _run_help(argv: Sequence[str]) -> int:
    """`mission-timeline help [SUBCOMMAND]`: what `--help` prints, for the app or a subcommand."""
    if not argv:
        app.make_parser().print_help()
        return ExitCode.OK
    if argv[0] not in SUBCOMMANDS or argv[0] == "help":
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
    return subcommand(argv[0])(["--help"])


SUBCOMMANDS = {
    "check": "check",
    "export": "export",
    "import": "import_",
    "schema": "schema",
    "serve": "serve",
    "help": "",
}
"""Each subcommand, and the module of `tui.cli` that runs it (`help`: this one)."""


def subcommand(name: str) -> Callable[[Sequence[str]], int]:
    """The function that runs the subcommand `name` (one of `SUBCOMMANDS`), its module
    imported now."""
    if name == "help":
        return _run_help
    run: Callable[[Sequence[str]], int] = import_module(f"tui.cli.{SUBCOMMANDS[name]}").run
    return run


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
        gc.enable()  # off since the entry point (`tui.entry`), which is for the TUI's start
        return subcommand(args[0])(args[1:])
    return app.run(args)
