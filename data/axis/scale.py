"""The scale of a time axis: which instant each position stands for, zoomed and panned.

Positions are in units (a terminal cell for the view, a pixel for the picture); instants are
POSIX seconds, the numbers of the store's `columns.instants`. Unit `n` covers the instants
from `instant(n)` up to `instant(n + 1)`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FINEST: float = 1.0
"""The finest scale, in seconds per unit: about a second per cell around a docking."""


@dataclass(frozen=True, slots=True)
class Scale:
    """A linear map from instants to positions: `start` at position 0, `per_unit` seconds
    per unit."""

    start: float
    per_unit: float

    def __post_init__(self) -> None:
        if not (self.per_unit > 0 and math.isfinite(self.per_unit)):
            raise ValueError(f"seconds per unit must be positive: {self.per_unit}")
        if not math.isfinite(self.start):
            raise ValueError(f"the start must be a finite instant: {self.start}")

    def at(self, instant: float) -> float:
        """The position of `instant`, fractional."""
        return (instant - self.start) / self.per_unit

    def column(self, instant: float) -> int:
        """The unit `instant` falls in."""
        return math.floor(self.at(instant))

    def instant(self, position: float) -> float:
        """The instant at `position`."""
        return self.start + position * self.per_unit

    def zoomed(self, factor: float, around: float) -> Scale:
        """Zoomed in by `factor` (> 1 shows more detail, < 1 less) about the instant
        `around`, which keeps its position; never finer than `FINEST`."""
        if not (factor > 0 and math.isfinite(factor)):
            raise ValueError(f"a zoom factor must be positive: {factor}")
        per_unit = max(self.per_unit / factor, FINEST)
        return Scale(around - self.at(around) * per_unit, per_unit)

    def panned(self, units: float) -> Scale:
        """Moved `units` to the right along time (negative: to the left, earlier)."""
        return Scale(self.start + units * self.per_unit, self.per_unit)

    @classmethod
    def fit(cls, start: float, end: float, width: int) -> Scale:
        """The scale that shows `start` in the first unit and `end` in the last of `width`
        units; a span too short for that at `FINEST` is centred at `FINEST`."""
        if width < 1:
            raise ValueError(f"a width of at least one unit is needed: {width}")
        if end < start:
            raise ValueError(f"the end comes before the start: {end} < {start}")
        # `width - 0.5`: the end lands in the middle of the last unit, safe from rounding.
        per_unit = (end - start) / (width - 0.5)
        if per_unit >= FINEST:
            return cls(start, per_unit)
        return cls((start + end) / 2 - width / 2 * FINEST, FINEST)
