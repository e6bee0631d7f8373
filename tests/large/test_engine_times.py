"""The engine's instants are `instants_of`'s: the same value for every valid time string, and
a `TimeFormatError` for every other, whatever its form: a time of day with an offset, in a
zone, both, a date, a month, across the clocks' changes, and near misses of each; and the
forms of a column of times (instant, precision, zone) are `parse_when`'s, gaps and all."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from data.times.bulk_instants import instants_of
from data.times.parse import TimeFormatError, When, parse_when

pa = pytest.importorskip("pyarrow")
from data.load.large.instants import instants, time_forms  # noqa: E402  (needs pyarrow)

ZONES = [
    "UTC",
    "Europe/Moscow",
    "Europe/Berlin",
    "America/Chicago",
    "America/Santiago",  # changes its clocks at midnight
    "Australia/Lord_Howe",  # half an hour of summer time
    "Asia/Qyzylorda",  # changed its offset in 2018
    "Asia/Kathmandu",  # +05:45
    "Bad/Zone",
    "europe/berlin",
    "",
    "Europe/../etc",
]
TRANSITIONS = ["2021-03-28", "2021-10-31", "2021-03-14", "2021-11-07", "2021-04-04", "2018-12-21"]


def _two(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:02d}")


DAYS = st.one_of(
    st.sampled_from(TRANSITIONS),
    st.builds(
        lambda year, month, day: f"{year}-{month}-{day}",
        st.sampled_from(["1899", "1900", "1970", "2000", "2020", "2021", "2200", "2201", "0999"]),
        _two(0, 13),
        _two(0, 32),
    ),
)
CLOCKS = st.builds(
    lambda hour, minute, rest: f"{hour}:{minute}{rest}",
    _two(0, 25),
    _two(0, 61),
    st.one_of(
        st.just(""),
        _two(0, 61).map(lambda s: f":{s}"),
        st.builds(
            lambda s, f: f":{s}.{f}",
            _two(0, 60),
            st.sampled_from(["000", "5", "12", "999", "1234"]),
        ),
    ),
)
OFFSETS = st.one_of(
    st.sampled_from(["", "Z", "+00:00", "+01:00", "+02:00", "-03:00", "+05:45", "+10:30"]),
    st.builds(lambda sign, h, m: f"{sign}{h}:{m}", st.sampled_from("+-"), _two(0, 25), _two(0, 61)),
    st.sampled_from(["+0300", "-03", "z", "+3:00"]),
)
SUFFIXES = st.one_of(st.just(""), st.sampled_from(ZONES).map(lambda zone: f"[{zone}]"))
TIMES = st.builds(
    lambda tilde, day, clock, offset, zone: f"{tilde}{day}{clock}{offset}{zone}",
    st.sampled_from(["", "~", "~~"]),
    DAYS,
    st.one_of(st.just(""), CLOCKS.map(lambda clock: f"T{clock}"), st.just(" 12:00")),
    OFFSETS,
    SUFFIXES,
)
MONTHS = st.builds(lambda text, zone: text[:7] + zone, DAYS, SUFFIXES)
ANY_TEXT = st.text(st.sampled_from("0123456789-:T.Z+[]~ /ABCUaé\x00"), max_size=40)
STRINGS = st.one_of(TIMES, TIMES, MONTHS, ANY_TEXT)


def _reference(text: str) -> float | None:
    try:
        return instants_of([text])[0]
    except TimeFormatError:
        return None


def _engine(text: str) -> float | None:
    try:
        return float(instants(pa.array([text], pa.string()))[0].as_py())
    except TimeFormatError:
        return None


@given(STRINGS)
@example("2021-10-31T02:30[Europe/Berlin]")  # repeated: the general path refuses it
@example("2021-10-31T02:30+01:00[Europe/Berlin]")
@example("2021-03-28T02:30[Europe/Berlin]")  # skipped
@example("2021-03-28[Europe/Berlin]")
@example("2021-02[America/Chicago]")
@example("~2021-10-05T08:55:02.442Z")
@example("2021-10-05T08:55Z[UTC]")
@example("2021-10-05T11:55+03:00[Europe/Moscow]")
@example("2021-10-05T11:55+04:00[Europe/Moscow]")
def test_one_time_is_read_as_instants_of_reads_it(text: str) -> None:
    assert _engine(text) == _reference(text), text


@given(st.lists(STRINGS, min_size=1, max_size=40))
def test_a_column_is_read_as_instants_of_reads_it(texts: list[str]) -> None:
    """All or nothing: the values of a column of valid times, or the error of one."""
    expected: list[float] | None
    try:
        expected = instants_of(texts)
    except TimeFormatError:
        expected = None
    try:
        found: list[float] | None = instants(pa.array(texts, pa.string())).to_pylist()
    except TimeFormatError:
        found = None
    assert found == expected


def test_a_long_column_of_valid_times_in_every_zone() -> None:
    """Every hour of two years in each valid zone, written with and without its offset."""
    from datetime import UTC, datetime, timedelta

    from data.times.parse import zone_info

    texts = []
    start = datetime(2020, 12, 1, tzinfo=UTC)
    for zone in [name for name in ZONES if "/" in name or name == "UTC"][:8]:
        tz = zone_info(zone)
        for hour in range(0, 2 * 365 * 24, 7):
            local = (start + timedelta(hours=hour)).astimezone(tz)
            offset = local.strftime("%z")
            clock = local.strftime("%Y-%m-%dT%H:%M:%S")
            texts.append(f"{clock}{offset[:3]}:{offset[3:]}[{zone}]")
            texts.append(f"{clock}{offset[:3]}:{offset[3:]}")
            if _reference(f"{clock}[{zone}]") is not None:
                texts.append(f"{clock}[{zone}]")
    assert instants(pa.array(texts, pa.string())).to_pylist() == instants_of(texts)


def _parsed(text: str) -> When | None:
    try:
        return parse_when(text)
    except TimeFormatError:
        return None


@given(st.lists(st.one_of(st.none(), TIMES, MONTHS), min_size=1, max_size=30))
@example([None, "2021-10-05T08:55Z", None, "2021-10[Europe/Moscow]"])
@example([None, None])
def test_the_forms_of_a_column_with_gaps_are_each_times_own(texts: list[str | None]) -> None:
    """Each time's instant, precision and zone are `parse_when`'s, read once whatever the
    gaps around it (a column of planned or end times is mostly null); none where no time."""
    parsed = [None if text is None else _parsed(text) for text in texts]
    if any(when is None for when, text in zip(parsed, texts, strict=True) if text is not None):
        with pytest.raises(TimeFormatError):
            time_forms(pa.array(texts, pa.string()))
        return
    forms = time_forms(pa.array(texts, pa.string()))
    utc, zones = forms.utc().to_pylist(), forms.zones.to_pylist()
    for row, when in enumerate(parsed):
        if when is None:
            assert (forms.precisions[row], utc[row], zones[row]) == (0, None, None)
            continue
        assert forms.instants()[row] == when.instant.timestamp(), texts[row]
        assert (forms.precisions[row], zones[row]) == (when.precision, when.zone), texts[row]
        assert utc[row] == (None if when.is_date else when.instant), texts[row]
