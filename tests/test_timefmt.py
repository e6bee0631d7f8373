"""`data.times.display` formats with the standard library exactly as pendulum does.

The display moved from pendulum to zoneinfo for start-up time (issue 6); pendulum stays the
reference for what a zone's abbreviation and offset look like, here checked on any instant
in the supported range, in zones with odd offsets, DST and historical changes.
"""

from datetime import UTC, datetime, timedelta, timezone

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from data.times.display import show
from data.times.parse import MAX_YEAR, MIN_YEAR, Precision, When

ZONES = (
    "UTC",
    "Europe/Brussels",
    "Europe/Moscow",
    "Asia/Almaty",
    "Asia/Qyzylorda",
    "America/New_York",
    "America/St_Johns",
    "Africa/Monrovia",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Europe/Amsterdam",
)
FIXED = (UTC, timezone(timedelta(hours=3)), timezone(-timedelta(hours=4, minutes=30)))
_PENDULUM_CLOCK = {
    Precision.MINUTE: "HH:mm",
    Precision.SECOND: "HH:mm:ss",
    Precision.MILLISECOND: "HH:mm:ss.SSS",
}

instants = st.datetimes(
    min_value=datetime(MIN_YEAR, 1, 2), max_value=datetime(MAX_YEAR, 12, 30), timezones=st.just(UTC)
)
clock_precisions = st.sampled_from([Precision.MINUTE, Precision.SECOND, Precision.MILLISECOND])


def _reference(local: pendulum.DateTime, precision: Precision) -> tuple[str, str, str, str]:
    """What the display looked like when pendulum made it."""
    return (
        local.format("YYYY-MM-DD"),
        local.format(_PENDULUM_CLOCK[precision]),
        local.tzname() or "",
        local.format("Z"),
    )


@given(instants, clock_precisions, st.sampled_from(ZONES))
def test_show_in_a_zone_matches_pendulum(
    instant: datetime, precision: Precision, zone: str
) -> None:
    when = When(instant, precision, zone, None, approximate=False, text="")
    shown = show(when, zone)
    local = pendulum.instance(instant).in_timezone(zone)
    assert (shown.date, shown.clock, shown.abbrev, shown.offset) == _reference(local, precision)


@given(instants, clock_precisions, st.sampled_from(FIXED))
def test_show_as_stated_with_an_offset_matches_pendulum(
    instant: datetime, precision: Precision, offset: timezone
) -> None:
    given_offset = offset.utcoffset(None)
    when = When(instant, precision, None, given_offset, approximate=False, text="")
    shown = show(when, "stated")
    local = pendulum.instance(instant.astimezone(when.stated_tz))
    assert (shown.date, shown.clock, shown.abbrev, shown.offset) == _reference(local, precision)
