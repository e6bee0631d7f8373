"""Markers: their counts add up to the events in view, glyphs and labels never overlap,
crowded stretches become a count that opens as one zooms in, and a frame reads the instants
O(width x log n) times: searched, never scanned."""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import overload

from hypothesis import given
from hypothesis import strategies as st

from data.axis.markers import MARK, Marker, Picked, markers
from data.axis.scale import Scale
from data.model import Mission
from tests.axis.conftest import utc


class Counted(Sequence[float]):
    """A sequence of instants that counts how many of them are read."""

    def __init__(self, instants: Sequence[float]) -> None:
        self.instants = instants
        self.reads = 0

    def __len__(self) -> int:
        return len(self.instants)

    @overload
    def __getitem__(self, index: int) -> float: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[float]: ...

    def __getitem__(self, index: int | slice) -> float | Sequence[float]:
        if isinstance(index, slice):
            raise AssertionError("markers never copy a slice of the instants")
        self.reads += 1
        return self.instants[index]


def in_view(instants: Sequence[float], scale: Scale, width: int) -> int:
    return sum(1 for instant in instants if 0 <= scale.column(instant) < width)


def assert_apart(
    found: tuple[Marker, ...], width: int, measure: Callable[[str], float], gap: float
) -> None:
    """A count `gap` before the next glyph, a lone mark just before it; each label after
    its glyph, ending `gap` before the next one."""
    for marker, after in zip(found, [*found[1:], None], strict=False):
        end = width if after is None else after.position - gap
        glyph_end = marker.position + measure(marker.glyph)
        if after is not None:
            assert glyph_end + (gap if marker.count > 1 else 0) <= after.position, marker
        if marker.label:
            assert marker.count == 1
            assert glyph_end + gap + measure(marker.label) <= end, (marker, after)


titles = st.text(alphabet="abc 界é", max_size=30)


@given(
    st.lists(st.floats(min_value=0, max_value=1e6), max_size=300),
    st.floats(min_value=-1e5, max_value=1e6),
    st.floats(min_value=1.0, max_value=1e4),
    st.integers(min_value=1, max_value=300),
    st.lists(titles, min_size=1, max_size=5),
    st.sampled_from([0, 1, 2.5]),
)
def test_counts_add_up_and_nothing_overlaps(
    values: list[float], start: float, per_unit: float, width: int, names: list[str], gap: float
) -> None:
    instants = sorted(values)
    scale = Scale(start, per_unit)
    found = markers(instants, scale, width, lambda i: names[i % len(names)], len, gap)
    assert sum(marker.count for marker in found) == in_view(instants, scale, width)
    positions = [marker.position for marker in found]
    assert positions == sorted(set(positions)) and all(0 <= p < width for p in positions)
    for marker in found:  # each marker starts at its first event, which is in view
        assert scale.column(instants[marker.first]) == marker.position
    firsts = [marker.first for marker in found]
    assert all(a.first + a.count == b.first for a, b in pairwise(found))
    assert firsts == sorted(firsts)
    assert_apart(found, width, len, gap)


def test_a_crowded_stretch_is_a_count_that_opens_as_one_zooms_in() -> None:
    instants = [1000.0 + i for i in range(12)] + [5000.0]
    scale = Scale(0.0, 100.0)
    found = markers(instants, scale, 80, lambda i: f"event {i}")
    assert [(m.position, m.count, m.glyph) for m in found] == [(10, 12, "12"), (50, 1, MARK)]
    assert found[1].label == "event 12" and found[0].label == ""
    zoomed = scale.zoomed(100.0, 1005.0)
    opened = markers(instants, zoomed, 80, lambda i: f"event {i}")
    assert [m.count for m in opened] == [1] * 12


def test_labels_are_cut_to_the_room_there_is() -> None:
    found = markers([0.0, 15.0], Scale(0.0, 1.0), 40, lambda i: "A rather long title " * (i + 1))
    assert found[0].label == "A rather lo…"  # 15 - gap - glyph - gap = 12 cells
    assert len(found[1].label) <= 40 - 15 - 2 and found[1].label.endswith("…")
    # glyph, gap, one cell of label, gap: the next marker four units on
    assert markers([0.0, 4.0], Scale(0.0, 1.0), 40, str)[0].label == "0"
    assert markers([0.0, 3.0], Scale(0.0, 1.0), 40, str)[0].label == ""


def test_pixels_measure_glyphs_and_labels() -> None:
    def pixels(text: str) -> float:
        return 7.0 * len(text)

    found = markers([0.0, 5.0, 500.0], Scale(0.0, 1.0), 1600, lambda i: "Launch", pixels, 4)
    assert [m.count for m in found] == [2, 1]  # 5 px is within the first glyph's 7
    assert found[1].label == "Launch"


def test_a_million_instants_are_searched_not_scanned() -> None:
    size, width = 1_000_000, 200
    instants = Counted(array("d", (1.6e9 + 37.0 * i for i in range(size))))
    for scale in (
        Scale.fit(instants.instants[0], instants.instants[-1], width),
        Scale(1.6e9 + 37.0 * 500_000, 1.0),
        Scale(1.6e9 + 37.0 * 990_000, 3_000.0),
    ):
        instants.reads = 0
        found = markers(instants, scale, width, lambda i: "x")
        assert sum(m.count for m in found) == in_view(instants.instants, scale, width)
        assert instants.reads <= 4 * (width + 2) * math.ceil(math.log2(size))
        assert instants.reads < size / 100


def test_a_filtered_view_is_picked_without_a_copy(bundled: Mission) -> None:
    instants = bundled.events.columns.instants
    kept = [i for i in range(len(bundled.events)) if i % 3 == 0]
    picked = Picked(instants, kept)
    assert len(picked) == len(kept) and picked[1] == instants[3]
    assert list(picked[1:3]) == [instants[3], instants[6]]
    scale = Scale.fit(utc("2021-09-01T00:00"), utc("2022-04-01T00:00"), 120)
    found = markers(picked, scale, 120, lambda i: bundled.events.columns.titles[kept[i]])
    assert sum(m.count for m in found) == in_view(list(picked), scale, 120)
    assert bisect_left(picked, instants[6]) == 2


def test_the_bundled_mission_at_full_width(bundled: Mission) -> None:
    instants = bundled.events.columns.instants
    scale = Scale.fit(instants[0], instants[-1], 200)
    found = markers(instants, scale, 200, lambda i: bundled.events.columns.titles[i])
    assert sum(m.count for m in found) == len(bundled.events)
    first = found[0]
    assert first.first == 0 and first.label.startswith("NASA confirms")
