"""The engine's CSV cells of a text column (`csv_rows._cells`) are `csv_export.cells` of its
texts: quoted where they hold a comma, a quote or a line break, and a text a spreadsheet
could run as a formula (after any spaces) neutralised, wherever in the batch it is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.export.columns import SEPARATOR
from data.export.csv_export import cells

pa = pytest.importorskip("pyarrow", reason="the engine is the optional `large` extra")
csv_rows = pytest.importorskip("data.export.fast.csv_rows")

_TEXTS = st.lists(st.text(st.sampled_from(' a,"=+-@\t\r\né'), max_size=5), max_size=12)


@settings(max_examples=400, deadline=None)
@given(before=_TEXTS, texts=_TEXTS, after=_TEXTS)
def test_cells_are_the_python_writers(
    before: list[str], texts: list[str], after: list[str]
) -> None:
    """`texts` read as a slice of a longer column (as a batch of a filter reads them)."""
    column = pa.array([*before, *texts, *after], pa.string())
    batch = column.slice(len(before), len(texts))
    joined = "".join(text + SEPARATOR for text in [*before, *texts, *after])
    assert csv_rows._cells(batch, joined).to_pylist() == cells(texts)
