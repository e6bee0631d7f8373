"""Make untrusted text safe to put on a terminal or in a text export.

Neither Rich nor Textual strips escape sequences, so a mission file could otherwise write to
the clipboard (OSC 52), retitle the window, or reorder text with bidi overrides. Every such
character is replaced by a visible placeholder; JSON exports keep the exact string instead.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates,
# and the line/paragraph separators that some terminals treat as newlines.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n]")


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def sanitize(text: str) -> str:
    """Replace control characters with visible placeholders; keeps tabs and newlines."""
    return _UNSAFE.sub(_placeholder, text)


def sanitize_line(text: str) -> str:
    """Like `sanitize`, and fold tabs and newlines to spaces, for one-line fields."""
    return _BREAKS.sub(" ", sanitize(text))
