"""What the layout of a time string says (its precision, zone and offset), and many time
strings of a loaded mission read at once with their instants (`Times`), for the exports.

A loaded time string is valid, so its digits-blanked layout alone tells its precision and
where its offset and zone are: a few hundred layouts at most, each worked out once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import repeat

from data.times.parse import Precision

_ZEROS = str.maketrans("0123456789", "0000000000")


@dataclass(frozen=True, slots=True)
class TimeShape:
    """What the layout of a time string says: `precision`, `approximate`, where the zone's
    name starts (`zone_at`, 0 for none) and how long the written offset is (`offset_len`:
    1 for `Z`, 6 for `+03:00`, 0 for none). Strings with the same digits-blanked layout
    share a shape."""

    precision: Precision
    approximate: bool
    zone_at: int
    offset_len: int
    width: int
    """The length of the time as `show` writes it, but the abbreviation and offset."""
    timed: int
    """1 for a time of day (which `show` follows with an abbreviation and offset), else 0."""
    dated: bool
    """A date or a month (`is_date`)."""
    body: slice
    """Where the date, clock and written offset are (without `~` and `[zone]`)."""

    @property
    def is_date(self) -> bool:
        return self.precision <= Precision.DAY

    def stated_key(self, text: str) -> str:
        """The zone a time of this shape is stated in: its `[zone]`, else its offset."""
        if self.zone_at:
            return text[self.zone_at : -1]
        return text[len(text) - self.offset_len :] if self.offset_len else "Z"


class _Shapes(dict[str, TimeShape]):
    """Digits-blanked layout -> `TimeShape`, worked out on first sight (a few hundred at most:
    precisions x offset forms x zones)."""

    def __missing__(self, layout: str) -> TimeShape:
        approximate = layout.startswith("~")
        body = layout[1:] if approximate else layout
        zone_at = 0
        if body.endswith("]"):
            cut = body.rfind("[")
            zone_at = cut + 1 + approximate
            body = body[:cut]
        offset_len = 0
        if body.endswith("Z"):
            offset_len = 1
        elif len(body) > 6 and body[-6] in "+-" and body[-3] == ":":
            offset_len = 6
        size = len(body) - offset_len
        precision = _PRECISION_BY_LENGTH[size]
        # `~`, then the date and clock as written, with a space for the `T`.
        width = approximate + size
        timed = int(precision > Precision.DAY)
        body_slice = slice(int(approximate), zone_at - 1 if zone_at else None)
        shape = TimeShape(
            precision, approximate, zone_at, offset_len, width, timed, not timed, body_slice
        )
        self[layout] = shape
        return shape


_PRECISION_BY_LENGTH = {
    7: Precision.MONTH,
    10: Precision.DAY,
    16: Precision.MINUTE,
    19: Precision.SECOND,
    23: Precision.MILLISECOND,
}
_SHAPES = _Shapes()


def time_shapes(texts: Sequence[str]) -> list[TimeShape]:
    """The shape of each (valid, loaded) time string."""
    if not texts:
        return []
    layouts = "\x00".join(texts).translate(_ZEROS).split("\x00")
    return list(map(_SHAPES.__getitem__, layouts))


class Times:
    """Many time strings of a loaded mission, with their shapes and instants in ms.

    A time with a written offset is read by `datetime.fromisoformat` (the offset fixes the
    instant; the loader checked it against the zone); the others by `data.times.bulk`."""

    __slots__ = ("_local", "millis", "shapes", "texts")

    def __init__(self, texts: Sequence[str], shapes: list[TimeShape], millis: list[int]) -> None:
        self.texts = texts
        self.shapes = shapes
        self.millis = millis
        self._local: dict[str, tuple[list[str], list[str], list[str]]] = {}
        """Zone -> the local dates, clocks and zone texts of the times (see `BulkShow`)."""

    @classmethod
    def of(cls, texts: Sequence[str], instants: Sequence[float] | None = None) -> Times:
        """The times `texts`; `instants` are their POSIX timestamps if known (else each
        string is read for its instant)."""
        shapes = time_shapes(texts)
        if instants is None:
            millis = [
                round(_from_iso(text[shape.body]).timestamp() * 1000)
                if shape.offset_len
                else instant_ms(text)
                for text, shape in zip(texts, shapes, strict=True)
            ]
        else:
            millis = list(map(round, map(float.__mul__, instants, repeat(1000.0))))
        return cls(texts, shapes, millis)


_from_iso = datetime.fromisoformat


def instant_ms(text: str) -> int:
    """The instant of a time string in whole milliseconds since the epoch (exact: times are
    written to the millisecond at most)."""
    from data.times.bulk import instant_of  # the large-mission parser: not for the first frame

    return round(instant_of(text) * 1000)
