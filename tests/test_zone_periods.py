"""A zone's periods (`data.times.periods.Periods`): the offset and text of every instant
asked for are the zone's own, whichever way the table grows; and times asked in order (an
export's) grow it once every half year or so, not once every few days."""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from data.times.periods import Periods

ZONE = ZoneInfo("Europe/Brussels")
HOUR_MS = 3_600_000
START_MS = int(datetime(2019, 1, 1, tzinfo=UTC).timestamp()) * 1000


def _periods() -> Periods:
    return Periods(ZONE, lambda moment: f" {moment.tzname()}")


def _offset_ms(ms: int) -> int:
    offset = datetime.fromtimestamp(ms // 1000, ZONE).utcoffset() or timedelta(0)
    return offset // timedelta(milliseconds=1)


def test_each_instant_has_its_zones_offset_and_text_however_the_table_grew() -> None:
    periods = _periods()
    # Later, then earlier, then between, across changes of summer time both ways.
    for ms in [START_MS + 400 * 24 * HOUR_MS, START_MS, START_MS - 300 * 24 * HOUR_MS]:
        for step in range(0, 60 * 24 * HOUR_MS, 7 * HOUR_MS):
            bounds, offsets, tails = periods.cover(ms + step, ms + step)
            index = bisect_right(bounds, ms + step)
            assert offsets[index] == _offset_ms(ms + step)
            moment = datetime.fromtimestamp((ms + step) // 1000, ZONE)
            assert tails[index] == f" {moment.tzname()}"


def test_times_in_order_grow_the_table_a_few_times() -> None:
    periods = _periods()
    growths = 0
    table = periods.table
    for hour in range(0, 2 * 366 * 24, 4):
        ms = START_MS + hour * HOUR_MS
        if periods.cover(ms, ms) is not table:
            growths += 1
            table = periods.table
    # Two years asked four hours apart: about two growths a year (one every `AHEAD`), not
    # one every three days (some 240).
    assert growths <= 6
