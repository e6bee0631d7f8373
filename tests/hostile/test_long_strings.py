"""The scan for strings too long, against the parsers themselves: it finds the first string
(value or key) longer than the limit, wherever it is and however it is written, and nothing
else. A small limit stands for `MAX_STRING_CHARS`, so the cases stay small."""

from __future__ import annotations

import json
import os
import tomllib
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from data.load.long_strings import long_string

LIMIT = 8
SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")), deadline=None)

# Text with every character that matters to the scan: quotes, backslashes, comment marks,
# newlines and characters written as escapes (a control, an astral character).
TEXTS = st.text(alphabet="ab\"'\\#\n\t\x1b\U0001f600é", max_size=3 * LIMIT)
KEYS = st.text(alphabet="ab\"'\\#é", max_size=2 * LIMIT)
JSON_VALUES = st.recursive(
    st.none() | st.integers() | TEXTS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


def strings_of(value: Any) -> list[str]:
    """Every string in parsed data, keys before their values, in the order written."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in strings_of(item)]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in [key, *strings_of(item)]]
    return []


def first_long(strings: list[str]) -> int | None:
    return next((len(text) for text in strings if len(text) > LIMIT), None)


@SETTINGS
@given(JSON_VALUES, st.booleans())
@example(["\\" * 10 + "\x1b" * 5 + "😀" * 4], True)  # too long without counting
def test_json_scan_finds_the_first_long_string(value: Any, ascii_only: bool) -> None:
    text = json.dumps({"x": value}, ensure_ascii=ascii_only)
    found = long_string(text, True, LIMIT)
    expected = first_long(strings_of(json.loads(text)))
    assert (found is None) == (expected is None), (text, found)
    if found is not None:
        offset, length = found
        # None: written in more than LONGEST_ESCAPE characters a character allowed, so too
        # long without counting (['\\' * 10 + '\x1b' * 5 + '😀' * 4], ASCII only)
        assert length in (None, expected)
        assert json.JSONDecoder().raw_decode(text, offset)[0] is not None  # a string starts


def toml_string(text: str, style: int) -> str:
    """`text` as a TOML string: basic, literal, multi-line basic or multi-line literal (the
    literal forms only where the text allows them)."""
    basic = json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
    if style == 1 and not set(text) & set("'\n\x1b"):
        return f"'{text}'"
    if style == 2:
        return '"""' + basic[1:-1] + '"""'
    if style == 3 and "'''" not in text and not text.endswith("'") and "\x1b" not in text:
        return f"'''{text}'''"
    return basic


@SETTINGS
@given(st.lists(st.tuples(KEYS, TEXTS, st.integers(0, 3), st.booleans()), min_size=1, max_size=6))
def test_toml_scan_finds_the_first_long_string(
    entries: list[tuple[str, str, int, bool]],
) -> None:
    lines = []
    for number, (key, value, style, comment) in enumerate(entries):
        note = f" # a {value[:3]!r} \"comment'" if comment else ""
        lines.append(f"{toml_string(key + str(number), 0)} = {toml_string(value, style)}{note}")
    text = "\n".join(lines) + "\n"
    found = long_string(text, False, LIMIT)
    expected = first_long(strings_of(tomllib.loads(text)))
    assert (found is None) == (expected is None), (text, found)
    if found is not None:
        assert found[1] == expected, (text, found)
        assert text[found[0]] in "\"'"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('{"a": "' + "x" * LIMIT + '"}', None),
        ('{"a": "' + "x" * (LIMIT + 1) + '"}', (6, LIMIT + 1)),
        ('{"' + "k" * (LIMIT + 1) + '": 1}', (1, LIMIT + 1)),
        ('{"a": "\\"' + "\\\\" * LIMIT + '", "b": "' + "y" * 9 + '"}', (6, 9)),
        ('{"a": "' + "\\u00e9" * LIMIT + '"}', None),
        ('{"a": "' + "x" * (LIMIT * 13) + "\\n" + '"}', (6, None)),
        ('{"a": "' + "x" * (LIMIT * 2), None),
    ],
)
def test_json_cases(text: str, found: tuple[int, int | None] | None) -> None:
    assert long_string(text, True, LIMIT) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('a = "' + "x" * (LIMIT + 1) + '"', (4, LIMIT + 1)),
        ("a = '" + "x" * (LIMIT + 1) + "'", (4, LIMIT + 1)),
        ('a = """\n' + "x" * LIMIT + '"""', None),
        ('a = """' + 'x""' * LIMIT + '"""', (4, 3 * LIMIT)),
        ('a = """' + "x" * LIMIT + '\\\n   \n  """', None),
        ("# '" + "x" * 20 + "\na = 1", None),
        ('a = "x" # "' + "y" * 20 + '"', None),
        ('a = "' + "x" * (LIMIT + 1), None),
        ('a = "\\U0001F600' * LIMIT + '"', None),
        ('a = "' + "x" * (LIMIT * 13) + "\\n" + '"', (4, None)),
    ],
)
def test_toml_cases(text: str, found: tuple[int, int | None] | None) -> None:
    assert long_string(text, False, LIMIT) == found
