"""The engine's one break of a long description line (`data.export.fast.breaks`) gives the
very lines of `wrap.fit`: a line it breaks is `fit`'s, and `fit` leaves it as it is; a line it
leaves is left to `fit`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.export.text_layout import INDENT
from data.export.wrap import fit

pa = pytest.importorskip("pyarrow", reason="the engine is the optional `large` extra")
breaks = pytest.importorskip("data.export.fast.breaks")

# Words of one to forty letters and runs of spaces, and descriptions of up to 60 pieces
# (as the store keeps them: no space at either end): lines that fit, need one break, need
# more, or hold a word wider than a line.
_PIECES = st.lists(
    st.one_of(st.text("ab-.", min_size=1, max_size=40), st.text(" ", min_size=1, max_size=3)),
    max_size=60,
)
_DESCRIPTIONS = _PIECES.map("".join).map(str.strip)


@settings(max_examples=1500, deadline=None)
@given(
    texts=st.lists(_DESCRIPTIONS, min_size=1, max_size=4),
    width=st.sampled_from([40, 41, 47, 60, 80, 100, 133]),
)
def test_a_broken_line_is_what_fit_makes_of_it(texts: list[str], width: int) -> None:
    column = pa.array(texts, pa.string())
    made = breaks.broken(column, INDENT, width).to_pylist()
    for text, after in zip(texts, made, strict=True):
        line = f"{INDENT}{text}\n"
        assert fit(f"{INDENT}{after}\n", width, 30) == fit(line, width, 30)


def test_a_long_description_is_broken_once() -> None:
    text = "word " * 30 + "end"
    (after,) = breaks.broken(pa.array([text], pa.string()), INDENT, 100).to_pylist()
    assert after.count("\n") == 1
    assert f"{INDENT}{after}\n" == fit(f"{INDENT}{text}\n", 100, 30)


@pytest.mark.parametrize("odd", [" leading", "trailing ", "ünïcode"])
def test_a_batch_with_another_indent_or_other_characters_is_left_to_fit(odd: str) -> None:
    """A text that starts or ends with a space, or a character that may not take one cell,
    leaves the batch's lines to `wrap.fit`."""
    texts = ["word " * 30 + "end", odd]
    assert breaks.broken(pa.array(texts, pa.string()), INDENT, 100).to_pylist() == texts


@pytest.mark.parametrize("run", [1, 2, 9, 60])
@pytest.mark.parametrize("before", [5, 40, 88, 95])
def test_a_break_in_a_long_run_of_spaces_takes_the_whole_run(run: int, before: int) -> None:
    """The break is at the run of spaces around the last space that fits, however long the
    run and wherever the width falls in it."""
    texts = ["a" * before + " " * run + "b" * 94, "c" * 30 + " " + "d" * 80]
    made = breaks.broken(pa.array(texts), INDENT, 100).to_pylist()
    more = "\n" + " " * (len(INDENT) + 2)
    assert made == ["a" * before + more + "b" * 94, "c" * 30 + more + "d" * 80]
    for text, after in zip(texts, made, strict=True):
        assert fit(f"{INDENT}{after}\n", 100, 30) == fit(f"{INDENT}{text}\n", 100, 30)
