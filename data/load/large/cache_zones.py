"""The zones' changes of offset as the cache keeps them, and back, checked: so that a
reopening checks the rare fields' times without sampling every zone over the mission's span
again (`data.load.large.zone_offsets`).

Four columns: the zones' names, their spans (two numbers each: the first and last second
looked at), each one's moments of change and its offsets (at the span's start, then from each
moment). Read back, each zone's changes are taken only once each has been seen to hold
(`zone_offsets.teach`); a cache whose changes do not is refused. A zone a reopening needs
beyond what the cache holds is sampled as ever.
"""

from __future__ import annotations

import pyarrow as pa

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.load.large.zone_offsets import Learned, learned, teach

ZONE_FIELDS = (
    ("zone_names", pa.list_(pa.string())),
    ("zone_spans", pa.list_(pa.int64())),
    ("zone_moments", pa.list_(pa.list_(pa.int64()))),
    ("zone_offsets", pa.list_(pa.list_(pa.float64()))),
)
"""The cache's columns of the zones' changes of offset."""


def zones_columns() -> dict[str, pa.Array]:
    """The zones' changes found so far in this process, as the cache's columns."""
    found = learned()
    spans = [end for zone in found for end in (zone.low, zone.high)]
    return {
        "zone_names": pa.array([zone.zone for zone in found], pa.string()),
        "zone_spans": pa.array(spans, pa.int64()),
        "zone_moments": pa.array([zone.moments for zone in found], pa.list_(pa.int64())),
        "zone_offsets": pa.array([zone.offsets for zone in found], pa.list_(pa.float64())),
    }


def taught(values: dict[str, pa.Array]) -> bool:
    """Whether the zones' changes in the cache's columns (`values`, each its list's values)
    all hold (and are now known: `zone_offsets.teach`)."""
    lists = (values["zone_moments"], values["zone_offsets"])
    if any(column.null_count or column.values.null_count for column in lists):
        return False
    names = values["zone_names"].to_pylist()
    spans = values["zone_spans"].to_pylist()
    moments, offsets = (column.to_pylist() for column in lists)
    if not (len(spans) == 2 * len(names) and len(moments) == len(offsets) == len(names)):
        return False
    for number, zone in enumerate(names):
        low, high = spans[2 * number : 2 * number + 2]
        if zone is None or low is None or high is None:
            return False
        if not teach(Learned(zone, low, high, moments[number], offsets[number])):
            return False
    return True
