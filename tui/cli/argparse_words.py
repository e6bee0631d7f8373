"""argparse's usage errors in the interface's language (`data.load.library_words`).

argparse words its errors through its own gettext domain, which is global and not ours to
install, so they reach `CommandParser.error` in English; `translated_error` writes each again
from the template it was made from. The values in it (an option, a choice, a command line's
words) are kept as argparse quoted them; a message that matches no template (a newer
Python's wording, or one of our own) is left as it is.
"""

from __future__ import annotations

from data.i18n import N_
from data.load.library_words import Rewording

TEMPLATES: tuple[tuple[str, str], ...] = (
    ("argument %(argument_name)s: %(message)s", N_("argument {argument}: {message}")),
    (
        "the following arguments are required: %s",
        N_("the following arguments are required: {arguments}"),
    ),
    ("unrecognized arguments: %s", N_("unrecognized arguments: {arguments}")),
    (
        "invalid choice: %(value)r (choose from %(choices)s)",
        N_("invalid choice: {value} (choose from {choices})"),
    ),
    ("invalid %(type)s value: %(value)r", N_("invalid {type} value: {value}")),
    ("expected one argument", N_("expected one argument")),
    ("expected at most one argument", N_("expected at most one argument")),
    ("expected at least one argument", N_("expected at least one argument")),
    (
        "ambiguous option: %(option)s could match %(matches)s",
        N_("ambiguous option: {option} could match {matches}"),
    ),
    ("ignored explicit argument %r", N_("ignored explicit argument {value}")),
    ("not allowed with argument %s", N_("not allowed with argument {argument}")),
    ("one of the arguments %s is required", N_("one of the arguments {arguments} is required")),
)
"""argparse's templates (Python 3.11's `argparse.py`) and ours."""
translated_error = Rewording(TEMPLATES, nested="message")
"""argparse's error message in the interface's language; in `argument X: MESSAGE`, the
MESSAGE too."""
