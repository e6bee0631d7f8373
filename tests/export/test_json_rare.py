"""The JSON export writes an event's rare fields (stated times, disputes, note, station's
crew) through msgspec's encoder (`json_export._dumps_plain`), in the very text of
`json_export.dumps` (`json.dumps` with its indent), for every value without a float: texts
of any character (controls, quotes, line and bidi separators, non-Latin scripts), whole
numbers, lists and records, empty or nested."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from data.export.json_export import _dumps_plain, dumps

_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=8)
"""Any text a mission can hold (a lone surrogate cannot be written as UTF-8 at all)."""
_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=1000, deadline=None)
@given(value=_VALUES)
def test_the_rare_fields_encoder_writes_what_dumps_writes(value: Any) -> None:
    assert _dumps_plain(value) == dumps(value)
