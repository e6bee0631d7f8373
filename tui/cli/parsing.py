"""What every `mission-timeline` command shares: its argument parser (with `--lang`), the
language in force before it, the version, and messages that never fail on a character the
terminal cannot encode."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from data.exit_codes import ExitCode
from data.i18n import LANGUAGES, _, choose, use
from data.sanitize import sanitize_line
from tui import __version__

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class CommandParser(argparse.ArgumentParser):
    """argparse that exits with EX_USAGE (64) instead of 2 on a usage error, and never echoes
    an argument raw: the message quotes the command line, which may hold escape sequences.
    Every command takes `--lang` (`speak_chosen_language` has put it in force already)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_argument(
            "--lang",
            choices=LANGUAGES,
            help=_(
                "the language of the interface and of the exports' headings (default: the "
                "lang setting of config.toml, else the locale's language, else en)"
            ),
        )

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


class _LanguageScan(argparse.ArgumentParser):
    """Reads `--lang` alone out of a whole command line, as the commands' parsers read it
    (`--lang nl`, `--lang=nl`, an abbreviation, nothing after `--`), and never exits."""

    def error(self, message: str) -> NoReturn:
        raise argparse.ArgumentError(None, message)


def speak_chosen_language(argv: Sequence[str]) -> None:
    """Put the language of the command line `argv` in force before any help or message is
    made: `--lang`, else `lang` in config.toml, else the locale (`data.i18n.choose`). An
    unknown `--lang` is passed over here; the command's parser then reports it (64)."""
    scan = _LanguageScan(add_help=False, exit_on_error=False)
    scan.add_argument("--lang")
    try:
        flag = scan.parse_known_args(argv)[0].lang
    except argparse.ArgumentError:  # `--lang` without a value: the parser says so
        flag = None
    setting = None
    if flag not in LANGUAGES:
        from tui.config import load_config  # its problems are the app's to show

        setting = load_config()[0].lang
    use(choose(flag, setting, os.environ))
