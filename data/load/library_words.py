"""Messages that other libraries word in English, in the interface's language: tomllib's and
json's syntax errors here, argparse's usage errors in `tui.cli.argparse_words`.

A library makes each message from a fixed English template (argparse through its own gettext
domain, which is global and not ours to install). `Rewording` matches a message against the
templates it may come from and writes it again from ours: the same English words with each
placeholder named, marked for the catalogs. The values in it (a character, a key, an option)
stay as the library quoted them. A message that matches no template (a newer Python's
wording) is left as it is, in English.
"""

from __future__ import annotations

import re
from string import Formatter

from data.i18n import N_, _

Templates = tuple[tuple[str, str], ...]
"""(the library's template, with `%s`, `%r` or `%(name)s` placeholders; ours, marked with
`N_`, with the same placeholders named in the same order)."""
_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sr]")


class Rewording:
    """Rewrites the messages made from `templates` in the interface's language; the value of
    the placeholder `nested` (if any) is another such message, rewritten in turn."""

    def __init__(self, templates: Templates, nested: str | None = None) -> None:
        self.templates = templates
        self.nested = nested
        self._patterns: list[tuple[re.Pattern[str], str]] | None = None

    def __call__(self, message: str) -> str:
        """`message` in the interface's language, if it was made from one of the templates."""
        for pattern, ours in self.patterns():
            match = pattern.fullmatch(message)
            if match is not None:
                values = match.groupdict()
                if self.nested in values:
                    values[self.nested] = self(values[self.nested])
                return _(ours).format(**values)
        return message

    def patterns(self) -> list[tuple[re.Pattern[str], str]]:
        """Each of the library's templates as a pattern whose groups are named as ours names
        its placeholders (made once, when first needed)."""
        if self._patterns is None:
            self._patterns = []
            for theirs, ours in self.templates:
                names = iter(parsed[1] for parsed in Formatter().parse(ours) if parsed[1])
                parts = _PLACEHOLDER.split(theirs)
                pattern = re.escape(parts[0]) + "".join(
                    f"(?P<{next(names)}>.*?){re.escape(part)}" for part in parts[1:]
                )
                self._patterns.append((re.compile(pattern, re.DOTALL), ours))
        return self._patterns


TOML = Rewording(
    (
        ("Invalid statement", N_("Invalid statement")),
        (
            "Expected newline or end of document after a statement",
            N_("Expected newline or end of document after a statement"),
        ),
        (
            "Expected ']' at the end of a table declaration",
            N_("Expected ']' at the end of a table declaration"),
        ),
        (
            "Expected ']]' at the end of an array declaration",
            N_("Expected ']]' at the end of an array declaration"),
        ),
        (
            "Expected '=' after a key in a key/value pair",
            N_("Expected '=' after a key in a key/value pair"),
        ),
        ("Expected %r", N_("Expected {expected}")),
        ("Found invalid character %r", N_("Found invalid character {character}")),
        ("Cannot declare %s twice", N_("Cannot declare {key} twice")),
        ("Cannot overwrite a value", N_("Cannot overwrite a value")),
        ("Cannot mutate immutable namespace %s", N_("Cannot mutate immutable namespace {key}")),
        ("Cannot redefine namespace %s", N_("Cannot redefine namespace {key}")),
        (
            "Invalid initial character for a key part",
            N_("Invalid initial character for a key part"),
        ),
        ("Unclosed array", N_("Unclosed array")),
        ("Duplicate inline table key %r", N_("Duplicate inline table key {key}")),
        ("Unclosed inline table", N_("Unclosed inline table")),
        ("Unescaped '\\' in a string", N_("Unescaped '\\' in a string")),
        ("Invalid hex value", N_("Invalid hex value")),
        (
            "Escaped character is not a Unicode scalar value",
            N_("Escaped character is not a Unicode scalar value"),
        ),
        ("Unterminated string", N_("Unterminated string")),
        ("Illegal character %r", N_("Illegal character {character}")),
        ("Invalid date or datetime", N_("Invalid date or datetime")),
        ("Invalid value", N_("Invalid value")),
    )
)
"""tomllib's syntax errors (Python 3.11's `tomllib/_parser.py`), without their place."""

JSON = Rewording(
    (
        ("Expecting value", N_("Expecting value")),
        (
            "Expecting property name enclosed in double quotes",
            N_("Expecting property name enclosed in double quotes"),
        ),
        ("Expecting ':' delimiter", N_("Expecting ':' delimiter")),
        ("Expecting ',' delimiter", N_("Expecting ',' delimiter")),
        ("Unterminated string starting at", N_("Unterminated string starting at")),
        ("Invalid control character at", N_("Invalid control character at")),
        ("Invalid control character %r at", N_("Invalid control character {character} at")),
        ("Invalid \\escape", N_("Invalid \\escape")),
        ("Invalid \\uXXXX escape", N_("Invalid \\uXXXX escape")),
        ("Extra data", N_("Extra data")),
    )
)
"""json's syntax errors (Python 3.11's `json/decoder.py` and `_json.c`), without their
place."""
