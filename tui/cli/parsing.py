"""What every `mission-timeline` command's parser shares: argparse with `--lang`, the
version, and `--lang` read ahead of the parsing (`language_flag`).

The parser speaks the interface's language (`data.i18n`): each command's descriptions and
help are marked where its parser is made, after the language is chosen
(`tui.cli.prelude.speak_chosen_language`), and `CommandParser` supplies argparse's own fixed
words ("usage:", "options", "error:", the help of `-h`) and the words of its usage errors
(`tui.cli.argparse_words`) in that language. argparse's own gettext domain is left alone: it
is global, and not ours to install. Imported only to parse arguments: the app with none
starts without argparse (`tui.cli.app.parse_arguments`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from data import __version__
from data.exit_codes import ExitCode
from data.i18n import LANGUAGES, _
from data.sanitize import sanitize_line
from tui.cli.argparse_words import translated_error

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, with "usage:" in the interface's language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, _("usage:") + " " if prefix is None else prefix)


class CommandParser(argparse.ArgumentParser):
    """argparse that exits with EX_USAGE (64) instead of 2 on a usage error, and never echoes
    an argument raw: the message quotes the command line, which may hold escape sequences.
    Its fixed words are in the interface's language (see the module), and every command takes
    `--lang` (`speak_chosen_language` has put it in force already)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False  # added below, with its help in the interface's language
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help=_("show this help message and exit"),
        )
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
        text = _("{prog}: error: {message}").format(
            prog=self.prog, message=sanitize_line(translated_error(message))
        )
        self.exit(ExitCode.USAGE, text + "\n")

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


class _LanguageScan(argparse.ArgumentParser):
    """Reads `--lang` alone out of a whole command line, as the commands' parsers read it
    (`--lang nl`, `--lang=nl`, an abbreviation, nothing after `--`), and never exits."""

    def error(self, message: str) -> NoReturn:
        raise argparse.ArgumentError(None, message)


def language_flag(argv: Sequence[str]) -> str | None:
    """The value of `--lang` in the command line `argv`, read as the commands' parsers read
    it; None without one, or without a value (the command's parser then says so)."""
    scan = _LanguageScan(add_help=False, exit_on_error=False)
    scan.add_argument("--lang")
    try:
        flag: str | None = scan.parse_known_args(argv)[0].lang
    except argparse.ArgumentError:  # `--lang` without a value: the parser says so
        return None
    return flag
