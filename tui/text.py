"""Building screen text from mission strings without ever parsing them as markup.

Every mission string goes through `data.sanitize` and then into a `Content` as plain text;
styles are theme variables, applied by span.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from data.i18n import pgettext
from data.sanitize import sanitize, sanitize_line

LABEL_STYLE = "$text-muted"
HEADING_STYLE = "bold $text-accent"
TITLE_STYLE = "bold"


def plain(text: str, style: str = "") -> Content:
    """One line of untrusted text, sanitised, optionally styled."""
    return Content.styled(sanitize_line(text), style)


def block(text: str, style: str = "") -> Content:
    """Untrusted text that may span lines (descriptions, bios)."""
    return Content.styled(sanitize(text), style)


def heading(text: str) -> Content:
    return plain(text, HEADING_STYLE)


def field(label: str, value: str | Content) -> Content:
    """`label: value`: the label is ours (translated by the caller), the value is untrusted
    unless already Content."""
    shown = value if isinstance(value, Content) else plain(value)
    return Content.assemble((f"{label}: ", LABEL_STYLE), shown)


def number(count: int) -> str:
    """A whole number with its digits grouped as the interface's language writes them
    (`1,000,000`; `1.000.000` in Dutch)."""
    return f"{count:,}".replace(",", pgettext("digit grouping", ","))


def lines(parts: Iterable[Content | None]) -> Content:
    """Join lines, skipping the missing ones."""
    return Content("\n").join(part for part in parts if part is not None)


def looks_same(shown: Content, content: Content) -> bool:
    """Whether two texts look the same: the same characters in the same styles
    (`Content`'s own `==` compares only the characters)."""
    return shown.plain == content.plain and shown.spans == content.spans
