"""The sanitiser: every control, escape sequence and bidi override becomes a visible placeholder."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.sanitize import quote, sanitize, sanitize_line

BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = set("\u2028\u2029")
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=()))
"""Any code points, lone surrogates included (JSON can carry them)."""


def _unsafe(char: str, keep: str) -> bool:
    """A character that must never reach a terminal from a mission file."""
    if char in keep:
        return False
    category = unicodedata.category(char)
    return category in ("Cc", "Cs") or char in BIDI_CONTROLS or char in LINE_BREAKS


@pytest.mark.parametrize(
    ("payload", "shown"),
    [
        ("\x1b]52;c;aGVsbG8=\x07", "␛]52;c;aGVsbG8=␇"),  # OSC 52: write the clipboard
        (
            "\x1b]8;;https://evil.example\x1b\\x\x1b]8;;\x1b\\",
            "␛]8;;https://evil.example␛\\x␛]8;;␛\\",
        ),
        ("\x1b]0;new title\x07", "␛]0;new title␇"),  # window title
        ("\x1b[2J\x1b[H", "␛[2J␛[H"),  # CSI: clear the screen
        ("\x1bP+q544e\x1b\\", "␛P+q544e␛\\"),  # DCS
        ("\x9b2J", "<U+009B>2J"),  # 8-bit CSI
        ("\x9d52;c;x\x9c", "<U+009D>52;c;x<U+009C>"),  # 8-bit OSC and ST
        ("\x90q\x9c", "<U+0090>q<U+009C>"),  # 8-bit DCS
        ("abc\u202edcba\u202c", "abc<U+202E>dcba<U+202C>"),  # right-to-left override
        ("\u2066x\u2069\u200f", "<U+2066>x<U+2069><U+200F>"),  # isolates and marks
        ("a\rb\x08c\x7f", "a␍b␈c␡"),
        ("\x00", "␀"),
        ("line\u2028break", "line<U+2028>break"),
        ("lone \ud800 surrogate", "lone <U+D800> surrogate"),
    ],
)
def test_payloads_become_visible(payload: str, shown: str) -> None:
    assert sanitize(payload) == shown


def test_tab_and_newline() -> None:
    assert sanitize("a\tb\nc") == "a\tb\nc"
    assert sanitize_line("a\tb\nc") == "a b c"


def test_ordinary_text_is_unchanged() -> None:
    text = "Юлия Пересильд · 薛 · naïve café · 🚀 · שלום · [bold]markup[/]"
    assert sanitize(text) == text


def test_quote_is_bounded_and_safe() -> None:
    quoted = quote("\x1b[31m" + "x" * 200)
    assert quoted.startswith("'␛[31m") and quoted.endswith("…'")
    assert len(quoted) < 100


@given(ANY_TEXT)
def test_sanitize_output_has_no_controls(text: str) -> None:
    assert not any(_unsafe(char, keep="\t\n") for char in sanitize(text))


@given(ANY_TEXT)
def test_sanitize_line_output_has_no_controls(text: str) -> None:
    assert not any(_unsafe(char, keep="") for char in sanitize_line(text))


@given(ANY_TEXT)
def test_sanitize_is_idempotent(text: str) -> None:
    once = sanitize(text)
    assert sanitize(once) == once
    line = sanitize_line(text)
    assert sanitize_line(line) == line


@given(ANY_TEXT)
def test_sanitized_text_always_encodes(text: str) -> None:
    sanitize(text).encode("utf-8")


@given(st.text(alphabet=st.sampled_from("\x1b\x9b\x9d[]]52;\x07\\\u202e\ud800ab\t\n\r\x00")))
def test_escape_heavy_text(text: str) -> None:
    out = sanitize_line(text)
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert sanitize_line(out) == out


def test_exactly_the_unsafe_code_points_are_replaced() -> None:
    """Every code point, alone and inside printable text: `sanitize` passes printable text
    through without its pattern, so no replaced character may be printable."""
    for code in range(0x110000):
        char = chr(code)
        replaced = sanitize(char) != char
        assert replaced == _unsafe(char, "\t\n"), f"U+{code:04X}"
        assert (sanitize(f"a{char}b") != f"a{char}b") == replaced, f"U+{code:04X}"
