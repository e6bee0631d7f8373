"""What every `mission-timeline` command shares: its argument parser, the version, and
messages that never fail on a character the terminal cannot encode."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, NoReturn

from data.exit_codes import ExitCode
from data.sanitize import sanitize_line
from tui import __version__

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class CommandParser(argparse.ArgumentParser):
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


def version() -> str:
    """`mission-timeline X.Y (tzdata Z)`: what `--version` prints."""
    import tzdata

    return f"mission-timeline {__version__} (tzdata {tzdata.IANA_VERSION})"


def tolerate_any_encoding() -> None:
    """Never fail on a character the terminal cannot encode (LANG=C, PYTHONIOENCODING=ascii):
    messages quote mission text, which may be in any script; write it as `\\u2400` instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
