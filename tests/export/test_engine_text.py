"""The text engine's checks on a batch's joined texts (`data.export.fast.text_rows`): which
batches need the Python writer's own functions, found from the separators rather than at
every character, say what the definition says: a text empty, or ending with a space of any
kind (`str.isspace`, what `str.rstrip` strips)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow", reason="the engine is the optional `large` extra")
text_rows = pytest.importorskip("data.export.fast.text_rows")

SEPARATOR = text_rows.SEPARATOR
_TEXTS = st.lists(st.text(st.sampled_from("ab é\t\xa0\u2003\x1c\x85\u200b"), max_size=4))
"""Texts of letters and characters that are spaces (or, `\\u200b`, look like one and are not)."""


def _joined(texts: list[str]) -> str:
    return "".join(text + SEPARATOR for text in texts)


@settings(max_examples=1000, deadline=None)
@given(texts=_TEXTS)
def test_ends_bare_is_an_empty_text_or_one_ending_with_a_space(texts: list[str]) -> None:
    expected = any(not text or text[-1].isspace() for text in texts)
    assert text_rows._ends_bare(_joined(texts)) is expected


@settings(max_examples=1000, deadline=None)
@given(texts=_TEXTS)
def test_space_at_end_is_a_text_ending_with_a_space(texts: list[str]) -> None:
    expected = any(text[-1:].isspace() for text in texts)
    assert (text_rows._SPACE_AT_END(_joined(texts)) is not None) is expected
