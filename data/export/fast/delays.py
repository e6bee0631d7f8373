"""The delays of a batch's planned events, through the engine: `detail_rows.delays` words
one event of each distinct pair of time shapes and difference, and the others look theirs
up."""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

from data.export.detail_rows import delays
from data.export.fast.arrays import Columns
from data.export.fast.times import Clocks
from data.times.parse import Precision


def delay_texts(
    batch: Columns,
    clocks: Clocks,
    plans: Clocks,
    listed: pa.Array,
    worded: dict[tuple[int, Precision, Precision], str],
    cells: Callable[[list[str]], list[str]] = list,
) -> tuple[pa.StringArray, pa.Array]:
    """The delay (`detail_rows.delays`, made `cells`) of each event at `listed` in the
    batch (increasing), whose planned times are `plans`: the texts, and each event's index
    in them (null for an event without an actual time). Each distinct pair of shapes and
    difference is worded by `delays` once."""
    done = pc.not_equal(batch.at.take(listed), "")
    events = listed.filter(done)
    codes = plans.shape_codes.filter(done)
    actual = clocks.shape_codes.take(events)
    shapes = pc.add(
        pc.multiply(pc.cast(codes, pa.int64()), len(clocks.shapes)), pc.cast(actual, pa.int64())
    )
    elapsed = pc.subtract(clocks.ms.take(events), plans.ms.filter(done))
    # Exact in 64 bits: differences within the years a mission may use (< 2**44 ms) times
    # the pairs of shapes (< 2**19: a few hundred shapes at most).
    size = len(plans.shapes) * len(clocks.shapes)
    key = pc.add_checked(pc.multiply_checked(elapsed, size), shapes)
    encoded = pc.dictionary_encode(key)
    samples = pc.index_in(encoded.dictionary, value_set=key)
    pairs = zip(
        [plans.shapes[code] for code in codes.take(samples).to_pylist()],
        plans.ms.filter(done).take(samples).to_pylist(),
        [clocks.shapes[code] for code in actual.take(samples).to_pylist()],
        clocks.ms.take(events).take(samples).to_pylist(),
        strict=True,
    )
    texts = pa.array(cells(delays(pairs, worded)), pa.string())
    rank = pc.subtract(pc.cumulative_sum(pc.cast(done, pa.int32())), 1)
    indexes = encoded.indices.take(pc.if_else(done, rank, pa.scalar(None, pa.int32())))
    return texts, indexes
