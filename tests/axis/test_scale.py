"""The scale: zoom keeps its instant in place and never goes finer than a second a unit; pan
and fit are exact (properties over Hypothesis' choice of scales)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.axis.scale import FINEST, Scale

# Instants from 1900 to 2200 (the years a mission's times may name), scales from a second a
# unit to ten years a unit.
instants = st.floats(min_value=-2.2e9, max_value=7.2e9, allow_nan=False)
per_units = st.floats(min_value=FINEST, max_value=3.2e8, allow_nan=False)
scales = st.builds(Scale, instants, per_units)
factors = st.floats(min_value=0.01, max_value=100.0, allow_nan=False)
widths = st.integers(min_value=1, max_value=4000)


@given(scales, factors, st.floats(min_value=-200, max_value=400))
def test_zoom_keeps_the_instant_it_is_about_at_its_position(
    scale: Scale, factor: float, position: float
) -> None:
    around = scale.instant(position)
    zoomed = scale.zoomed(factor, around)
    assert math.isclose(zoomed.at(around), scale.at(around), rel_tol=1e-9, abs_tol=1e-3)
    assert zoomed.per_unit == max(scale.per_unit / factor, FINEST)


@given(scales, st.floats(min_value=1.0, max_value=1e6), instants)
def test_zoom_never_goes_finer_than_a_second_a_unit(
    scale: Scale, factor: float, around: float
) -> None:
    assert scale.zoomed(factor, around).per_unit >= FINEST
    assert scale.zoomed(1e12, around).per_unit == FINEST


@given(scales, st.floats(min_value=-1e4, max_value=1e4), instants)
def test_pan_moves_every_instant_by_the_same_units(
    scale: Scale, units: float, instant: float
) -> None:
    panned = scale.panned(units)
    assert panned.per_unit == scale.per_unit
    assert math.isclose(panned.at(instant), scale.at(instant) - units, rel_tol=1e-9, abs_tol=1e-3)


def test_pan_by_whole_units_is_exact() -> None:
    scale = Scale(1633424102.442, 60.0)
    assert scale.panned(10).panned(-10) == scale
    assert scale.panned(3).start == scale.start + 180


@given(instants, st.floats(min_value=0, max_value=1e10), widths)
def test_fit_shows_both_ends_in_the_first_and_last_units(
    start: float, length: float, width: int
) -> None:
    end = start + length
    scale = Scale.fit(start, end, width)
    assert scale.per_unit >= FINEST
    assert scale.column(start) >= 0 and scale.column(end) <= width - 1
    if scale.per_unit > FINEST:  # the whole width is used: the start first, the end last
        assert scale.column(start) == 0 and scale.column(end) == width - 1


def test_a_short_span_is_centred_at_the_finest_scale() -> None:
    scale = Scale.fit(1000.0, 1010.0, 80)
    assert scale.per_unit == FINEST
    assert scale.column(1000.0) == 35 and scale.column(1010.0) == 45


def test_position_and_instant_are_inverse() -> None:
    scale = Scale(1000.0, 2.5)
    assert scale.at(1010.0) == 4.0 and scale.instant(4.0) == 1010.0
    assert scale.column(1002.4) == 0 and scale.column(1002.5) == 1 and scale.column(999.0) == -1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Scale(0.0, 0.0), "positive"),
        (lambda: Scale(math.nan, 1.0), "finite"),
        (lambda: Scale(0.0, 1.0).zoomed(0.0, 0.0), "positive"),
        (lambda: Scale.fit(0.0, 10.0, 0), "width"),
        (lambda: Scale.fit(10.0, 0.0, 80), "before"),
    ],
)
def test_impossible_scales_are_refused(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]
