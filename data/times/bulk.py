"""Fast parsing of the common mission time forms, for loading and showing many events.

`data.times.parse.parse_when` is the reference: it reads every form in docs/format.md and words
every error. Here the forms a generated or exported file uses (`...Z`, `...+03:00`,
`...+03:00[Europe/Moscow]`, `...[Europe/Moscow]`, dates and months in a zone) are recognised
by their shape and parsed with `datetime.fromisoformat` and cached zones, about five times
faster. Anything unusual, and every string that is wrong, goes to `parse_when`, so the result
and the error message are always exactly the reference's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache

from data.times.parse import (
    MAX_YEAR,
    MIN_YEAR,
    Precision,
    TimeFormatError,
    When,
    parse_when,
    zone_info,
)

_PRECISION_BY_LENGTH = {
    16: Precision.MINUTE,
    19: Precision.SECOND,
    23: Precision.MILLISECOND,
    10: Precision.DAY,
    7: Precision.MONTH,
}
DAY_LENGTH = 10
_ZERO = timedelta(0)
_BODY = re.compile(r"\d{4}-\d\d(?:-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d{3})?)?)?)?", re.ASCII)
"""The date and clock of every form, ASCII digits only (`fromisoformat` checks ranges)."""


# The two whole-text forms are for loading (`instant_of`); compiled when first used, as
# start-up only shows times from text through `fast_when`.
@cache
def _plain() -> Callable[[str], re.Match[str] | None]:
    """A time with an offset and no zone, the commonest form: `fromisoformat` reads it whole."""
    return re.compile(
        r"~?((?:19\d\d|2[01]\d\d|2200)-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{3})?)?"
        r"(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))",
        re.ASCII,
    ).fullmatch


@cache
def _zoned_time() -> Callable[[str], re.Match[str] | None]:
    """A time of day in a zone, with or without its offset."""
    return re.compile(
        r"~?((?:19\d\d|2[01]\d\d|2200)-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{3})?)?)"
        r"(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?\[([^\]]+)\]",
        re.ASCII,
    ).fullmatch


_OFFSETS: dict[tuple[str, str], timedelta | None] = {}
"""Zone and local month or day to the offset in force all through it (`None`: the clocks
change in it)."""
_OFFSETS_MAX = 1 << 17
_UNKNOWN = timedelta(days=-1)
_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)
_TICK = timedelta(microseconds=1)

Parts = tuple[datetime, Precision, str | None, timedelta | None, bool]
"""(instant in UTC, precision, zone name, written offset, approximate), as in `When`."""


def fast_when(text: str) -> When:
    """The same `When` as `parse_when(text)`, faster for the common forms."""
    parts = when_parts(text)
    return When(parts[0], parts[1], parts[2], parts[3], parts[4], text)


@lru_cache(maxsize=8192)
def cached_when(text: str) -> When:
    """`fast_when` for strings that repeat (the visible rows, planned dates, phases)."""
    return fast_when(text)


def when_parts(text: str) -> Parts:
    """The fields of `parse_when(text)` but the text; raise `TimeFormatError` like it."""
    try:
        parts = _fast_parts(text)
    except (ValueError, TimeFormatError):
        parts = None
    if parts is not None:
        return parts
    when = parse_when(text)
    return when.instant, when.precision, when.zone, when.offset, when.approximate


def instant_of(text: str) -> float:
    """The POSIX timestamp of a time string (what the timeline sorts on); validates it
    exactly as `parse_when` does, raising `TimeFormatError` with its message."""
    match = _plain()(text)
    if match is not None:
        try:
            return datetime.fromisoformat(match[1]).timestamp()
        except ValueError:
            pass  # out of range (February 30th, second 60): parse_when words it
    match = _zoned_time()(text)
    if match is not None:
        body, written, zone = match.groups()
        offset = _OFFSETS.get((zone, body[:7]), _UNKNOWN)
        # If the zone's offset is the same all that month (and the zone name is known good,
        # or it would not be in the cache), there is no need for the general path.
        if (
            offset is not _UNKNOWN
            and offset is not None
            and (written is None or (_ZERO if written == "Z" else _offset(written)) == offset)
        ):
            try:
                return (datetime.fromisoformat(body + "+00:00") - offset).timestamp()
            except ValueError:
                pass
    return when_parts(text)[0].timestamp()


def _fast_parts(text: str) -> Parts | None:
    """Parse a common, well-formed time; `None` (or an error) sends it to `parse_when`."""
    approximate = text[:1] == "~"
    body = text[1:] if approximate else text
    zone_name: str | None = None
    if body[-1:] == "]":
        cut = body.find("[")
        if cut < 0:
            return None
        zone_name = body[cut + 1 : -1]
        body = body[:cut]
    offset: timedelta | None = None
    if body[-1:] == "Z":
        offset = _ZERO
        body = body[:-1]
    elif len(body) > 6 and body[-6] in "+-" and body[-3] == ":":
        offset = _offset(body[-6:])
        if offset is None:
            return None
        body = body[:-6]
    size = len(body)
    precision = _PRECISION_BY_LENGTH.get(size)
    if precision is None or _BODY.fullmatch(body) is None:
        return None
    if not MIN_YEAR <= int(body[:4]) <= MAX_YEAR:
        return None
    if size <= DAY_LENGTH:
        # Dates and months are placed at their last second (data.times.parse): rare in bulk, so
        # the reference parses them.
        return None
    wall = datetime.fromisoformat(body + "+00:00")
    if zone_name is None:
        if offset is None:
            return None
        return wall - offset, precision, zone_name, offset, approximate
    day_offset = _day_offset(zone_name, body)
    if day_offset is None:
        return _zoned(body, zone_name, precision, offset, approximate)
    if offset is not None and offset != day_offset:
        return None
    return wall - day_offset, precision, zone_name, offset, approximate


def _zoned(
    body: str,
    zone_name: str,
    precision: Precision,
    offset: timedelta | None,
    approximate: bool,
) -> Parts | None:
    """A local time on a day when the zone changes its clocks: the reference's rules."""
    zone = zone_info(zone_name)
    local = datetime.fromisoformat(body)
    early = local.replace(tzinfo=zone)
    late = local.replace(tzinfo=zone, fold=1)
    if offset is not None:
        if offset not in (early.utcoffset(), late.utcoffset()):
            return None
        return (local - offset).replace(tzinfo=UTC), precision, zone_name, offset, approximate
    if early.utcoffset() != late.utcoffset():
        return None
    return early.astimezone(UTC), precision, zone_name, offset, approximate


def _day_offset(zone_name: str, body: str) -> timedelta | None:
    """The zone's UTC offset all through the local day `body` starts with, or `None` if the
    clocks change that day (then the reference's rules for gaps and folds apply)."""
    month = _OFFSETS.get((zone_name, body[:7]), _UNKNOWN)
    if month is _UNKNOWN:
        month = _OFFSETS[zone_name, body[:7]] = constant_offset(zone_name, body[:7] + "-01", 31)
    if month is not None:
        return month
    day = _OFFSETS.get((zone_name, body[:10]), _UNKNOWN)
    if day is _UNKNOWN:
        day = _OFFSETS[zone_name, body[:10]] = constant_offset(zone_name, body[:10], 1)
    if len(_OFFSETS) >= _OFFSETS_MAX:
        _OFFSETS.clear()
    return day


def constant_offset(zone_name: str, first_day: str, days: int) -> timedelta | None:
    """The offset of `zone_name` if it is the same all through `days` days (a month stops
    at its end) from `first_day`, else `None`. Sampled hourly for a day, daily for a month:
    clocks change at most once a day, so a change shows between two samples."""
    zone = zone_info(zone_name)
    start = datetime.fromisoformat(first_day)
    step = _HOUR if days == 1 else _DAY
    end = start + _DAY if days == 1 else (start + 32 * _DAY).replace(day=1)
    offsets = {zone.utcoffset(datetime(start.year, start.month, start.day, fold=1))}
    moment = start
    while moment < end:
        offsets.add(zone.utcoffset(moment))
        moment += step
    offsets.add(zone.utcoffset(end - _TICK))
    return offsets.pop() if len(offsets) == 1 else None


@lru_cache(maxsize=256)
def _offset(text: str) -> timedelta | None:
    """`+03:00` as a timedelta; `None` for anything `parse_when` would refuse or word."""
    if not (text[1:3] + text[4:6]).isdecimal() or not text.isascii():
        return None
    hours, minutes = int(text[1:3]), int(text[4:6])
    if hours > 23 or minutes > 59:
        return None
    return (-1 if text[0] == "-" else 1) * timedelta(hours=hours, minutes=minutes)
