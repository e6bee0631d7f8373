"""What every `mission-timeline` command does before it parses its arguments: messages that
never fail on a character the terminal cannot encode, and the language of the command line
put in force (`--lang`, else config.toml's setting, else the locale).

No argparse here: the app with no arguments starts without importing it (about 8M
instructions), and `--lang` is looked for only in a command line that has arguments.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from data.i18n import LANGUAGES, choose, use


def tolerate_any_encoding() -> None:
    """Never fail on a character the terminal cannot encode (LANG=C, PYTHONIOENCODING=ascii):
    messages quote mission text, which may be in any script; write it as `\\u2400` instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def speak_chosen_language(argv: Sequence[str]) -> None:
    """Put the language of the command line `argv` in force before any help or message is
    made: `--lang`, else `lang` in config.toml, else the locale (`data.i18n.choose`). An
    unknown `--lang` is passed over here; the command's parser then reports it (64)."""
    flag = None
    if argv:
        from tui.cli.parsing import language_flag

        flag = language_flag(argv)
    setting = None
    if flag not in LANGUAGES:
        from tui.config import load_config  # its problems are the app's to show

        setting = load_config()[0].lang
    use(choose(flag, setting, os.environ))
