"""A pseudo-translation for tests: every translated word wrapped in `⟪…⟫`, and what a screen
shows that is neither so marked nor the mission's own text, a time, a key or a number.

`pseudo_translated` puts a translations object in `data.i18n` that marks each word of every
message `_()`, `ngettext()` and `pgettext()` return (word by word, so that a message wrapped
over lines or cut with `…` is still marked in each piece shown). `unmarked` reads a screen
and returns every run of text left that none of those explain: text the app shows without
translating it.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Iterator
from enum import Enum

import msgspec
import pytest

import data.i18n
from data.model import Mission
from data.times.display import STATED, show
from data.times.parse import When, zone_names
from tui.zones import zone_cycle

OPEN, CLOSE = "⟪", "⟫"
LANGUAGE = "xx"
"""The pseudo-language's code, so that what is cached per language is worked out anew."""


def marked(message: str) -> str:
    """`message` with each of its words in `⟪…⟫`."""
    return re.sub(r"\S+", lambda word: f"{OPEN}{word.group()}{CLOSE}", message)


class PseudoTranslations(gettext.NullTranslations):
    """Translates every message into itself, each word marked."""

    def gettext(self, message: str) -> str:
        return marked(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return marked(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return marked(message)


def pseudo_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Speak the pseudo-language until the test ends."""
    monkeypatch.setattr(data.i18n, "_translations", PseudoTranslations())
    monkeypatch.setattr(data.i18n, "_language", LANGUAGE)


# ----------------------------------------------------------------- reading a screen

_WHOLE = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_CUT_END = re.compile(rf"{OPEN}\S*")
"""A marked word cut where the screen or a pane ends, or with `…`."""
_CUT_START = re.compile(rf"\S*{CLOSE}")
"""A marked word whose start was cut off (`…rd⟫`)."""
_RUNS = re.compile(r"\s{2,}|[│┃║─━┄┈▁▔▏▎▊▌▐▕╵├┆╭╮╰╯┏┓┗┛]+")
"""What separates the runs of text on a line: two spaces or more, frames and rules."""
_PIECES = re.compile(r", | · |; |: | ?\(|\) ?| ?\[|\] ?| ?<|>|\"|(?<=…) | [●◆≠] ")
"""Where a run joins several values (`Soyuz-2.1a, Soyuz MS-19`, `Site 31 (Asia/Almaty)`), or
the markers of the time-axis view several cut titles (`● Launch… 2 ● Dock…`)."""
_GLYPHS = "▶✓•≠◆●█▒▇▅▃▂▄▆░◇▼▲…~🔎"
_AROUND = " " + _GLYPHS.replace("…", "") + "·:;,.()\"'"
"""What may stand around a piece of mission text: glyphs (a scrollbar's), punctuation."""
_TIME = re.compile(
    r"[~(]*("
    r"[+\-]?\d[\d.,:/\-+]*(d|h|m|s|mo|x|%)?"  # 2021-10-05, 08:55:02.442, +03:00, 176d, 60x
    r"|T[+\-][\dd:\s]*[\dd]*(mo)?"  # T+00:01:05, T-11mo
    r"|(FD|L)[+\-]?\d+(mo)?"  # FD12, L-1
    r"|-?\d{3}/(\d\d:\d\d(:\d\d)?|--:--)"  # 176/02:33
    r")[),.:;]*"
)


_SUFFIXES = re.compile(r"[\w./-]*\.[a-z]{2,5}")
"""File names and suffixes (`soyuz-ms-19.txt`, `.ics/.ical`)."""
_FILTER = re.compile(r"[a-z]+:[\w,.-]+")
"""A filter's term (`kind:docking`): the filter's words, which stay English."""
_EDGES = "()[]<>,;:\"'"
"""Punctuation around a token."""
FORMAT_NAMES = ("iCalendar", "TimelineJS", "JSON", "CSV", "Markdown", "Mermaid", "SVG", "PNG")
"""The names of other programs' file formats, which no language translates."""


def mission_texts(mission: Mission) -> list[str]:
    """Every text the mission file holds (titles, names, places, notes, times as written),
    each on one line with single spaces; not the kinds and grades (enums: the interface's
    words)."""
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, Enum):
            return
        if isinstance(value, str):
            texts.append(" ".join(value.split()))
        elif isinstance(value, When):
            texts.append(value.text)
        elif isinstance(value, msgspec.Struct):  # a record
            for name in value.__struct_fields__:
                walk(getattr(value, name))
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)

    walk((mission.info, mission.sources, mission.places, mission.vehicles))
    walk((mission.phases, mission.people, tuple(mission.events)))
    return [text for text in texts if text]


MARKS = ("P",)
"""The row marks that are letters (planned only)."""


def plain_words(mission: Mission, *, keys: Iterable[str], others: Iterable[str] = ()) -> set[str]:
    """The words shown that need no translation: the keys' names, zone names and the zone
    abbreviations the mission's times are shown with, `stated`, the formats' names, the
    row marks, and `others` (binding ids, themes' names, what the test typed)."""
    words = {*keys, *zone_names(), STATED, *FORMAT_NAMES, *MARKS, *others}
    for zone in zone_cycle():
        words |= {show(event.when, zone).abbrev for event in mission.events}
    return words


def unmarked(lines: Iterable[str], texts: list[str], words: set[str]) -> list[str]:
    """The runs of `lines` (a screen) that are neither marked nor explained by the mission's
    `texts`, a time, a number, a glyph or one of `words`."""
    left: list[str] = []
    for line in lines:
        for _ in range(3):  # a marked value inside a marked message: inside out
            line = _WHOLE.sub("  ", line)
        line = _CUT_START.sub("  ", _CUT_END.sub("  ", line))
        left += [run for run in _runs(line) if not _explained(run, texts, words)]
    return left


def _runs(line: str) -> Iterator[str]:
    for run in _RUNS.split(line):
        run = run.strip()
        if any(character.isalpha() for character in run):
            yield run


def _explained(run: str, texts: list[str], words: set[str]) -> bool:
    """Whether `run` is the mission's text (perhaps cut: `…`), or made of times, numbers,
    glyphs and plain words; a run joining values (`, `, ` · `, ` (…)`) piece by piece."""
    if _explains(run, texts, words):
        return True
    return all(_explains(piece, texts, words) for piece in _PIECES.split(run))


def _explains(piece: str, texts: list[str], words: set[str]) -> bool:
    """Whether `piece` is a whole part of a mission text (words never cut, unless at a `…`),
    or made of times, numbers, glyphs and plain words."""
    if _plain(piece.strip(), words):  # before `_AROUND` takes a suffix's dot: `.json,`
        return True
    piece = piece.strip(_AROUND)
    core = piece.strip("…")
    if not any(character.isalpha() for character in core):
        return True
    start = "" if piece.startswith("…") else r"(?<!\w)"
    end = "" if piece.endswith("…") else r"(?!\w)"
    whole = re.compile(start + re.escape(core) + end)
    if any(whole.search(text) for text in texts):
        return True
    return all(
        _plain(token.strip(_GLYPHS), words)
        for token in core.split()
        if any(character.isalnum() for character in token)
    )


def _plain(token: str, words: set[str]) -> bool:
    """Whether `token` needs no translation: a plain word or keys (`H/L`), a time or number,
    a file name, a filter's term."""
    token = token.strip(_EDGES) or token
    if token in words or all(part in words for part in token.split("/")):
        return True
    return any(form.fullmatch(token) for form in (_TIME, _SUFFIXES, _FILTER))
