"""The engine's rows (`data.export.fast.parts.assemble`) are each row's parts joined, whatever
parts are looked up together (`Looked.then`) or joined to a fixed text; and its batches
(`arrays.spans`) give every position once, in order, within the batch limits."""

from __future__ import annotations

import gc
import weakref

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.times.utc import utc_cells

pa = pytest.importorskip("pyarrow", reason="the engine is the optional `large` extra")
parts = pytest.importorskip("data.export.fast.parts")
arrays = pytest.importorskip("data.export.fast.arrays")

ROWS = 12
_TEXT = st.text("ab,é\n ", max_size=3)


@st.composite
def _part(draw: st.DrawFn) -> tuple[object, list[str]]:
    """A part and each row's text of it."""
    kind = draw(st.sampled_from(["fixed", "column", "looked", "one"]))
    if kind == "fixed":
        text = draw(_TEXT)
        return text, [text] * ROWS
    if kind == "column":
        texts = draw(st.lists(_TEXT, min_size=ROWS, max_size=ROWS))
        return pa.array(texts, pa.string()), texts
    table = draw(st.lists(_TEXT, min_size=1, max_size=6))
    if kind == "one":
        return parts.Looked(table[:1]), [table[0]] * ROWS
    codes = draw(st.lists(st.none() | st.integers(0, len(table) - 1), min_size=ROWS, max_size=ROWS))
    texts = [table[code] if code is not None else "" for code in codes]
    return parts.Looked(table, pa.array(codes, pa.int32())), texts


@settings(max_examples=300, deadline=None)
@given(
    fields=st.lists(st.lists(_part(), min_size=1, max_size=3), min_size=1, max_size=6),
    separator=st.sampled_from(["", ",", "\r\n"]),
    end=st.sampled_from(["", "\n"]),
)
def test_rows_are_their_parts_joined(
    fields: list[list[tuple[object, list[str]]]], separator: str, end: str
) -> None:
    expected = [
        separator.join("".join(texts[row] for _, texts in field) for field in fields) + end
        for row in range(ROWS)
    ]
    made = parts.assemble([[part for part, _ in field] for field in fields], separator, end)
    rows = made.to_pylist() if not isinstance(made, pa.Scalar) else [made.as_py()] * ROWS
    assert rows == expected


def test_a_small_table_beside_another_is_looked_up_with_it() -> None:
    """What makes rows quick: two small tables side by side become one part."""
    first = parts.Looked(["a", "b"], pa.array([0, 1, 1], pa.int32()))
    second = parts.Looked(["x", "y", "z"], pa.array([2, 0, 1], pa.int32()))
    merged = parts._merged([first, ",", second], 100)
    assert len(merged) == 1
    assert parts.assemble([[first], [second]], ",").to_pylist() == ["a,z", "b,x", "b,y"]


def test_a_part_whose_texts_are_all_the_same_is_a_fixed_text() -> None:
    """A part looked up in texts that are all the same (a date's empty clock) is joined to
    the fixed texts beside it, not looked up for each row."""
    column = pa.array(["a", "b", "c"], pa.string())
    same = parts.Looked(["x", "x"], pa.array([0, 1, 1], pa.int32()))
    merged = parts._merged([column, ",", same, ",", column], 100)
    assert len(merged) == 3
    assert isinstance(merged[1], parts.Looked)
    assert merged[1].codes is None
    assert merged[1].texts == [",x,"]
    assert parts.assemble([[column], [same], [column]], ",").to_pylist() == [
        "a,x,a",
        "b,x,b",
        "c,x,c",
    ]


@given(
    runs=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 30)), max_size=8),
    span=st.integers(1, 20),
)
def test_batches_keep_every_position_once(runs: list[tuple[int, int]], span: int) -> None:
    starts, position = [], 0
    for gap, size in runs:
        starts.append(range(position + gap, position + gap + size))
        position += gap + size
    ranges = [run for run in starts if run]
    positions = [i for run in ranges for i in run]
    saved = arrays.SPAN
    arrays.SPAN = span
    try:
        given_as = (
            arrays._Ranges(ranges) if len(ranges) > 1 else (ranges[0] if ranges else range(0))
        )
        batches = list(arrays.spans(given_as))
    finally:
        arrays.SPAN = saved
    assert [i for batch in batches for i in batch] == positions
    assert all(0 < len(batch) <= span for batch in batches)
    assert all(batch[-1] - batch[0] < 4 * span for batch in batches)


def test_a_batchs_times_are_freed_with_it_not_by_the_cyclic_collector() -> None:
    """A batch's times, once shown in a zone, hold no reference cycle: their arrays go when
    the batch does, whenever the cyclic collector next runs (in a quick export, several
    batches later: tens of MiB more at the peak)."""
    times = pytest.importorskip("data.export.fast.times")
    texts = ["2021-10-05T12:12:30Z", "2021-10-05T14:12+02:00[Europe/Brussels]", "2021-10-06"]
    instants = [1633435950.0, 1633435920.0, 1633478400.0]
    clocks = times.Clocks(pa.array(texts, pa.string()), pa.array(instants, pa.float64()))
    for zone in ("UTC", "Europe/Brussels"):
        times.parts(clocks, zone, utc_cells, times.Clock.MILLISECONDS, marks=False, name="sheet")
    gone = weakref.ref(clocks)
    gc.disable()
    try:
        del clocks
        assert gone() is None
    finally:
        gc.enable()


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.sampled_from("ab \n\t\x7fé界"), max_size=60)
    | st.text(st.sampled_from("ab \n"), max_size=60),
    width=st.integers(0, 12),
)
def test_a_batch_that_fits_is_what_the_wrap_leaves_as_it_is(text: str, width: int) -> None:
    """`arrays.fits` says a batch's text needs no wrapping only when `wrap.fit` would leave
    it as it is (wide characters too), and for ASCII exactly when every line is short
    enough."""
    from data.export.wrap import fit

    data = memoryview(text.encode("utf-8"))
    if arrays.fits(data, width):
        assert fit(text, width, 0) == text
    if text.isascii():
        assert arrays.fits(data, width) == all(len(line) <= width for line in text.split("\n"))


@given(data=st.binary(max_size=40))
def test_printable_is_every_byte_printable_ascii(data: bytes) -> None:
    expected = all(0x20 <= byte <= 0x7E for byte in data)
    assert parts.printable(data) is expected
    assert parts.printable(pa.py_buffer(data)) is expected
