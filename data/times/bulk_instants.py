"""The instants of many time strings at once, for the JSON Lines loader of a large mission.

The common forms are read from tables (dates, clocks, offsets) and from what has been
learned of each zone's offset per month; anything else (and every error, with its message)
goes through `data.times.bulk.instant_of`. The tables cost milliseconds to build, so they
live here, out of the first frame of a small mission.
"""

from __future__ import annotations

from datetime import date
from itertools import compress, repeat
from operator import is_

from data.times.bulk import DAY_LENGTH, constant_offset, instant_of
from data.times.parse import MAX_YEAR, MIN_YEAR, TimeFormatError

_LAYOUTS = {
    size + len(suffix): (size, len(suffix))
    for size in (16, 19, 23)
    for suffix in ("", "Z", "+00:00")
}
"""Length of a time of day (without `~` and zone) to the length of its date and clock and
of its offset (0: none, then the time needs a zone)."""
_CLOCK_SECONDS = {f"T{h:02d}:{m:02d}": 3600 * h + 60 * m for h in range(24) for m in range(60)}
_SECOND_SECONDS = {f":{s:02d}": s for s in range(60)}
_MILLISECONDS = {f".{ms:03d}": ms for ms in range(1000)}
_OFFSET_SECONDS = {
    f"{sign}{h:02d}:{m:02d}": (60 if sign == "+" else -60) * (60 * h + m)
    for sign in "+-"
    for h in range(24)
    for m in range(60)
}
_OFFSET_SECONDS["Z"] = 0
_EPOCH_DAY = date(1970, 1, 1)
_DAY_SECONDS: dict[str, int] = {}
"""`YYYY-MM-DD` (a valid date of a supported year) to its midnight in POSIX seconds;
filled as dates are met."""
_ZONE_OFFSETS: dict[str, int | None] = {}
"""`Zone]` + local month (or day) to the offset in seconds in force all through it
(`None`: the clocks change in it); filled as `instants_of` meets each zone and month."""
_NOT_LEARNED = object()
_PLACED: dict[str, float] = {}
"""Dates and months in a zone (`2021-10-05[Europe/Moscow]`), which repeat, to their instant."""
_LEARNED_MAX = 1 << 16


def _quick_instant(text: str) -> float | None:
    """The instant of a common time form, from tables and from what `instants_of` has
    learned; `None` when the general path must decide (an unusual form, a zone or a date
    not met yet, an error). The seconds are counted in integers and divided once, so the
    result is exactly `datetime.timestamp`'s."""
    front, bracket, zone = text.partition("[")
    if front[:1] == "~":
        front = front[1:]
    layout = _LAYOUTS.get(len(front))
    if layout is None:
        return _PLACED.get(text)
    size, suffix = layout
    day = _DAY_SECONDS.get(front[:10])
    if day is None:
        day = _learn_day(front[:10])
    clock = _CLOCK_SECONDS.get(front[10:16])
    if day is None or clock is None:
        return None
    if size > 16:
        second = _SECOND_SECONDS.get(front[16:19])
        if second is None:
            return None
        clock += second
    if suffix:
        offset = _OFFSET_SECONDS.get(front[size:])
        if offset is None or (bracket and offset != _zone_offset(zone, front)):
            return None
    elif bracket:
        offset = _zone_offset(zone, front)
        if offset is None:
            return None
    else:
        return None
    seconds = day + clock - offset
    if size == 23:
        milliseconds = _MILLISECONDS.get(front[19:23])
        return None if milliseconds is None else (1000 * seconds + milliseconds) / 1000
    return float(seconds)


def _zone_offset(zone: str, front: str) -> int | None:
    """The offset of `zone` (`Name]`) in force all through the month, else the day, that
    `front` (a valid date and more) begins with; `None` if there is none or the zone is
    not a valid one."""
    offset = _ZONE_OFFSETS.get(zone + front[:7], _NOT_LEARNED)
    if offset is _NOT_LEARNED:
        offset = _learn_zone(zone, front[:7])
    if offset is None:
        offset = _ZONE_OFFSETS.get(zone + front[:10], _NOT_LEARNED)
        if offset is _NOT_LEARNED:
            offset = _learn_zone(zone, front[:10])
    return offset  # type: ignore[return-value]


def _learn_day(day: str) -> int | None:
    """Midnight of a `YYYY-MM-DD` date in POSIX seconds, remembered; `None` if it is not
    such a date of a supported year."""
    if not (day.isascii() and day[4:8:3] == "--" and (day[:4] + day[5:7] + day[8:]).isdigit()):
        return None
    if not MIN_YEAR <= int(day[:4]) <= MAX_YEAR:
        return None
    try:
        seconds = (date.fromisoformat(day) - _EPOCH_DAY).days * 86400
    except ValueError:
        return None
    if len(_DAY_SECONDS) >= _LEARNED_MAX:
        _DAY_SECONDS.clear()
    _DAY_SECONDS[day] = seconds
    return seconds


def _learn_zone(zone: str, period: str) -> int | None:
    """The offset of `zone` (`Name]`) all through `period` (a valid `YYYY-MM` or
    `YYYY-MM-DD`), remembered (`None` also when the clocks change in it); `None` without
    remembering anything if the zone is not a valid one."""
    if zone[-1:] != "]":
        return None
    try:
        if len(period) == DAY_LENGTH:
            offset = constant_offset(zone[:-1], period, 1)
        else:
            offset = constant_offset(zone[:-1], period + "-01", 31)
    except TimeFormatError:
        return None
    if len(_ZONE_OFFSETS) >= _LEARNED_MAX:
        _ZONE_OFFSETS.clear()
    seconds = None if offset is None else int(offset.total_seconds())
    _ZONE_OFFSETS[zone + period] = seconds
    return seconds


def instants_of(texts: list[str]) -> list[float]:
    """`instant_of` for many strings, about three times faster: the common forms are read
    without a regular expression, from tables of dates and each zone's offset per month
    filled as they are met; the rest (and every error, with its message) goes through
    `instant_of`."""
    values = list(map(_quick_instant, texts))
    if None in values:
        for position in compress(range(len(values)), map(is_, values, repeat(None))):
            text = texts[position]
            value = _PLACED.get(text)  # an earlier date in this list
            if value is None:
                value = instant_of(text)
                if text[-1:] == "]" and len(text.partition("[")[0]) <= DAY_LENGTH + 1:
                    if len(_PLACED) >= _LEARNED_MAX:
                        _PLACED.clear()
                    _PLACED[text] = value
            values[position] = value
    return values  # type: ignore[return-value]
