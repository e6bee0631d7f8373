"""Mission ids made from titles: a slug of the title, made unique within one document."""

from __future__ import annotations

import re
import unicodedata

MAX_ID_CHARS = 60
"""An id made from a title keeps at most this many characters (before its `-2` suffix)."""


def slug(title: str, fallback: str = "item") -> str:
    """`Soyuz MS-19 launch!` -> `soyuz-ms-19-launch`: ASCII letters, digits and `-` (accents
    dropped, other characters joining words), or `fallback` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", title[: MAX_ID_CHARS * 4])
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words)[:MAX_ID_CHARS].strip("-") or fallback


class Ids:
    """Hands out ids that are unique within one document: `launch`, then `launch-2`, ..."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.last: dict[str, int] = {}
        """The last number given to each slug: a title used a thousand times costs no
        search."""

    def new(self, title: str, fallback: str = "item") -> str:
        """A new id for something titled `title`."""
        base = slug(title, fallback)
        candidate, number = base, self.last.get(base, 1)
        while candidate in self.used:
            number += 1
            candidate = f"{base}-{number}"
        self.used.add(candidate)
        self.last[base] = number
        return candidate
