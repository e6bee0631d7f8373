"""The event markers of a time axis: one per occupied stretch, a count where events crowd,
a title beside a lone event where there is room. Searched, never scanned.

Each unit of the width is found in the time-ordered instants by bisection, so a frame reads
O(width x log n) of them, whatever n is. A marker stands for the events of one unit, or of
several where the count drawn for the first would cover the next ones ("12" takes two
cells). A marker's glyph starts at its position: `MARK` for one event, the count for more;
a count is at least `gap` units before the next glyph ("12 3", never "123": closer events
join the count), while two lone events may stand side by side. A label follows `gap` units
after the glyph and ends `gap` units before the next marker.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from data.axis.scale import Scale
from data.widths import cell_width

TextWidth = Callable[[str], float]
MARK = "●"
"""The glyph of a marker that stands for one event (a count stands for more)."""
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Marker:
    """Events on the axis: `count` of them from index `first` of the instants, drawn at
    `position` as `MARK` (one) or the count (more), with `label` beside it (or "")."""

    position: int
    first: int
    count: int
    label: str

    @property
    def glyph(self) -> str:
        """What stands at the position: `MARK` for one event, else the count (`12`)."""
        return MARK if self.count == 1 else str(self.count)


def markers(
    instants: Sequence[float],
    scale: Scale,
    width: int,
    title_of: Callable[[int], str],
    text_width: TextWidth = cell_width,
    gap: float = 1,
) -> tuple[Marker, ...]:
    """The markers of the events in `width` units of `scale`; `instants` in time order (the
    store's `columns.instants`, or `Picked` for a filtered view), `title_of(index)` a lone
    event's label, cut with an ellipsis to the room there is."""
    groups = list(_groups(instants, scale, width, text_width, gap))
    placed = []
    for index, (position, first, count) in enumerate(groups):
        end = groups[index + 1][0] - gap if index + 1 < len(groups) else width
        label = ""
        if count == 1:
            room = end - position - text_width(MARK) - gap
            label = _cut(title_of(first), room, text_width)
        placed.append(Marker(position, first, count, label))
    return tuple(placed)


def _groups(
    instants: Sequence[float], scale: Scale, width: int, text_width: TextWidth, gap: float
) -> Iterator[tuple[int, int, int]]:
    """(position, first index, count) of each marker: the events of each occupied unit,
    merged with those of the units its glyph covers (a count: or comes closer to than
    `gap`)."""
    column = scale.column
    size = len(instants)
    low = bisect_left(instants, 0, 0, size, key=column)
    stop = bisect_left(instants, width, low, size, key=column)
    current: tuple[int, int, int] | None = None
    while low < stop:
        position = column(instants[low])
        high = bisect_left(instants, position + 1, low, stop, key=column)
        if current is not None:
            start, first, count = current
            reach = text_width(MARK) if count == 1 else text_width(str(count)) + gap
            if position < start + reach:
                current = (start, first, count + high - low)
                low = high
                continue
            yield current
        current = (position, low, high - low)
        low = high
    if current is not None:
        yield current


def _cut(text: str, room: float, text_width: TextWidth) -> str:
    """`text` if it takes at most `room` units, else its longest start that fits with an
    ellipsis after it, else ""."""
    if room <= 0:
        return ""
    if text_width(text) <= room:
        return text
    low, high = 0, len(text)  # the longest start that fits is low characters long
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle] + ELLIPSIS) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS if low else ""


class Picked(Sequence[float]):
    """Some of a time-ordered sequence's instants, by their indexes in order (a filtered
    view's events), read only where asked: no copy of a million instants."""

    def __init__(self, instants: Sequence[float], indexes: Sequence[int]) -> None:
        self.instants = instants
        self.indexes = indexes

    def __len__(self) -> int:
        return len(self.indexes)

    @overload
    def __getitem__(self, index: int) -> float: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[float]: ...

    def __getitem__(self, index: int | slice) -> float | Sequence[float]:
        if isinstance(index, slice):
            return Picked(self.instants, self.indexes[index])
        return self.instants[self.indexes[index]]
