"""Make untrusted text safe to put on a terminal or in a text export.

Neither Rich nor Textual strips escape sequences, so a mission file could otherwise write to
the clipboard (OSC 52), retitle the window, make a link (OSC 8), send a device control string
(DCS), clear the screen (CSI), or reorder text with bidi overrides. Every such character is
replaced by a visible placeholder, one character at a time: with its ESC (or 8-bit CSI/OSC/DCS
introducer) replaced, the rest of a sequence is inert, visible text. JSON exports keep the
exact string instead.

Replaced: C0 controls (except tab and newline in `sanitize`), DEL, C1 controls (U+0080 to
U+009F, which include the 8-bit CSI, OSC and DCS introducers), the bidi embeddings,
overrides, isolates and marks (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069),
the line and paragraph separators (U+2028, U+2029) that some terminals treat as newlines, and
lone surrogates (U+D800 to U+DFFF, from JSON `\\ud800` escapes; they cannot be encoded).
The placeholders are themselves printable, so both functions are idempotent.

Every replaced character is one Python counts as not printable (categories Cc, Cf, Zl, Zp,
Cs), so a text that `str.isprintable` passes, as most are, is returned as it is without the
pattern, which is compiled when first needed: its ranges beyond Latin-1 make compiling it
cost about 4M instructions (1 ms), which a first screen of printable text never pays.
"""

from __future__ import annotations

import re
from functools import cache

_BREAKS = re.compile("[\t\n]")


@cache
def _unsafe() -> re.Pattern[str]:
    """The replaced characters."""
    return re.compile(
        "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
    )


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def sanitize(text: str) -> str:
    """Replace control characters with visible placeholders; keeps tabs and newlines."""
    if text.isprintable():
        return text
    return _unsafe().sub(_placeholder, text)


def sanitize_line(text: str) -> str:
    """Like `sanitize`, and fold tabs and newlines to spaces, for one-line fields."""
    return _BREAKS.sub(" ", sanitize(text))


def quote(text: str, limit: int = 80) -> str:
    """Quote untrusted text for a one-line message: sanitised, and cut at `limit` characters."""
    shown = sanitize_line(text[:limit]) + ("…" if len(text) > limit else "")
    return repr(shown)
