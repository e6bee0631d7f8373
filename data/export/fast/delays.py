"""The delays of a batch's planned events, through the engine: each event's delay rounded
as its words round it, in C++, then `detail_rows.delays` words one event of each distinct
rounded delay (a few hundred in a million events, where the differences to the millisecond
are tens of thousands), and the others look theirs up."""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

from data.export.detail_rows import delays
from data.export.fast.arrays import Columns
from data.export.fast.times import Clocks
from data.facts.derived import half_unit_us, rounding_unit_s
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
    in them (null for an event without an actual time). The events whose delays read the
    same (`_worded_key`) share one text, worded by `delays` for the first of them."""
    done = pc.not_equal(batch.at.take(listed), "")
    events = listed.filter(done)
    codes = plans.shape_codes.filter(done)
    actual = clocks.shape_codes.take(events)
    elapsed = pc.subtract(clocks.ms.take(events), plans.ms.filter(done))
    dated = pc.or_(plans.dated.filter(done), clocks.dated.take(events))
    key = _worded_key(elapsed, plans.precision.filter(done), clocks.precision.take(events), dated)
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


_HALF_US = pa.array([half_unit_us(Precision(p)) if p else 0 for p in range(6)], pa.int64())
"""From the start of a time's unit to its middle, in microseconds, by `Precision` value (a
date's or month's: none, its delay is not worded)."""
_UNIT_S = pa.array([rounding_unit_s(Precision(p)) if p else 1 for p in range(6)], pa.int64())
"""The unit a delay is rounded to at each coarser precision, in seconds."""


def _worded_key(
    elapsed: pa.Int64Array, planned: pa.Array, actual: pa.Array, dated: pa.BooleanArray
) -> pa.Int64Array:
    """What a delay's words depend on (`verdict` of `between_timed`): the difference of the
    middles of the two times' units rounded to the unit of the coarser precision, halves away
    from zero (as `derived._rounded_seconds`, in whole microseconds: exact), and that
    precision; 0 where either time is a date or a month (no words). A few hundred keys for
    tens of thousands of distinct differences to the millisecond."""
    micro = pc.add(
        pc.multiply(elapsed, 1000),
        pc.subtract(_HALF_US.take(actual), _HALF_US.take(planned)),
    )
    coarser = pc.cast(pc.min_element_wise(planned, actual), pa.int64())
    unit = _UNIT_S.take(coarser)
    count = pc.divide(
        pc.add(pc.abs(micro), pc.multiply(unit, 500_000)), pc.multiply(unit, 1_000_000)
    )
    seconds = pc.multiply(count, pc.if_else(pc.less(micro, 0), pc.negate(unit), unit))
    return pc.if_else(dated, 0, pc.add(pc.multiply(seconds, 8), coarser))
