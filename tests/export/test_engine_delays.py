"""The engine words each delay that reads differently once (`data.export.fast.delays`): the
events whose delays round to the same difference at the same precision share the words
`detail_rows.delays` gives the first of them."""

from __future__ import annotations

import random
from collections.abc import Iterable
from types import SimpleNamespace

import pytest

from data.export.detail_rows import delays
from data.times.shapes import TimeShape, time_shapes

pa = pytest.importorskip("pyarrow", reason="the engine is the optional `large` extra")
fast_delays = pytest.importorskip("data.export.fast.delays")
Clocks = pytest.importorskip("data.export.fast.times").Clocks

SHAPES = time_shapes(
    ["2021-10-05T08:55Z", "2021-10-05T08:55:12Z", "2021-10-05T08:55:12.345Z", "2021-10-05Z"]
)
"""A time to the minute, to the second, to the millisecond, and a date."""


def _differences() -> list[int]:
    """Differences in ms around the halves of a minute and a second (where rounding turns),
    either way, and at random."""
    picked = random.Random(17)
    edges = [0, 1, 499, 500, 501, 999, 1000, 29_499, 29_500, 29_999, 30_000, 30_001, 59_500]
    near = [
        sign * (minutes * 60_000 + edge)
        for sign in (1, -1)
        for minutes in (0, 1, 1440)
        for edge in edges
    ]
    return near + [picked.randrange(-(10**10), 10**10) for _ in range(2000)]


def test_delays_that_share_a_key_read_the_same() -> None:
    pairs = [
        (plan, 1_600_000_000_000, actual, 1_600_000_000_000 + difference)
        for plan in SHAPES
        for actual in SHAPES
        for difference in _differences()
    ]
    key = fast_delays._worded_key(
        pa.array([actual_ms - plan_ms for _, plan_ms, _, actual_ms in pairs], pa.int64()),
        pa.array([int(plan.precision) for plan, *_ in pairs], pa.int8()),
        pa.array([int(actual.precision) for *_, actual, _ in pairs], pa.int8()),
        pa.array([plan.dated or actual.dated for plan, _, actual, _ in pairs]),
    ).to_pylist()
    words: dict[int, str] = {}
    for found, text in zip(key, delays(pairs), strict=True):
        assert words.setdefault(found, text) == text


def test_delays_that_read_the_same_are_worded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Planned to the minute, done at each second of a later minute: one delay to the
    minute (from 9m 30.5s to 10m 29.5s between the middles), worded once."""
    planned = ["2021-10-05T08:55Z"] * 60
    actual = [f"2021-10-05T09:05:{second:02d}Z" for second in range(60)]
    batch = SimpleNamespace(at=pa.array(actual, pa.string()))
    plans = Clocks.read(pa.array(planned, pa.string()))
    clocks = Clocks.read(pa.array(actual, pa.string()))
    worded: list[str] = []

    def noted(pairs: Iterable[tuple[TimeShape, int, TimeShape, int]], *args: object) -> list[str]:
        found = delays(pairs, *args)  # type: ignore[arg-type]
        worded.extend(found)
        return found

    monkeypatch.setattr(fast_delays, "delays", noted)
    listed = pa.array(range(60), pa.int32())
    texts, indexes = fast_delays.delay_texts(batch, clocks, plans, listed, {})
    assert texts.take(indexes).to_pylist() == ["0h 10m late"] * 60
    assert worded == ["0h 10m late"]
