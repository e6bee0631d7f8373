"""The fast time parser gives exactly the reference parser's result or error."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.times.bulk import cached_when, fast_when, instant_of
from data.times.bulk_instants import instants_of
from data.times.parse import TimeFormatError, parse_when

ZONES = [
    "UTC",
    "Europe/Moscow",
    "Europe/Brussels",
    "America/New_York",
    "Asia/Qyzylorda",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Mars/Olympus",
    "bad zone",
]
OFFSETS = ["", "Z", "+03:00", "-04:00", "+02:00", "+01:00", "+05:45", "+24:00", "-00:00"]


@st.composite
def time_texts(draw: st.DrawFn) -> str:
    """Well-formed and subtly wrong time strings, around clock changes too."""
    year = draw(st.sampled_from([1899, 1900, 1970, 2021, 2022, 2200, 2201]))
    month = draw(st.integers(1, 13))
    day = draw(st.integers(1, 31))
    hour = draw(st.integers(0, 24))
    minute = draw(st.sampled_from([0, 15, 30, 59]))
    second = draw(st.sampled_from([0, 31, 59, 60]))
    form = draw(st.sampled_from(["month", "day", "minute", "second", "milli", "micro"]))
    date = f"{year:04d}-{month:02d}" + ("" if form == "month" else f"-{day:02d}")
    clock = {
        "month": "",
        "day": "",
        "minute": f"T{hour:02d}:{minute:02d}",
        "second": f"T{hour:02d}:{minute:02d}:{second:02d}",
        "milli": f"T{hour:02d}:{minute:02d}:{second:02d}.442",
        "micro": f"T{hour:02d}:{minute:02d}:{second:02d}.44",
    }[form]
    offset = draw(st.sampled_from(OFFSETS))
    zone = draw(st.sampled_from(["", *ZONES]))
    approx = draw(st.sampled_from(["", "~"]))
    return f"{approx}{date}{clock}{offset}" + (f"[{zone}]" if zone else "")


def reference(text: str) -> object:
    try:
        return parse_when(text)
    except TimeFormatError as error:
        return str(error)


def fast(text: str) -> object:
    try:
        return fast_when(text)
    except TimeFormatError as error:
        return str(error)


@settings(max_examples=3000, deadline=None)
@given(time_texts())
def test_fast_parser_matches_reference(text: str) -> None:
    assert fast(text) == reference(text)
    expected = reference(text)
    if isinstance(expected, str):
        with pytest.raises(TimeFormatError) as caught:
            instant_of(text)
        assert str(caught.value) == expected
    else:
        assert instant_of(text) == expected.instant.timestamp()  # type: ignore[attr-defined]
        assert cached_when(text) == expected
    assert bulk(text) == bulk(text)  # the second time from what the first one learned
    assert bulk(text) == (expected if isinstance(expected, str) else instant_of(text))


def bulk(text: str) -> object:
    """`instants_of` for one string among others (so its tables fill as in a batch)."""
    try:
        return instants_of(["2021-10-05T08:55Z", text, text, "2021-10-05T11:55[Europe/Moscow]"])[1]
    except TimeFormatError as error:
        return str(error)


@pytest.mark.parametrize(
    "text",
    [
        "2021-03-28T02:30[Europe/Brussels]",  # in the spring gap
        "2021-10-31T02:30[Europe/Brussels]",  # in the autumn fold
        "2021-10-31T02:30+01:00[Europe/Brussels]",
        "2021-10-31T02:30+02:00[Europe/Brussels]",
        "2021-03-28[Europe/Brussels]",
        "2021-10-05T11:55+02:00[Europe/Moscow]",
        "2021-10-05T08:55Z[../../etc/passwd]",
        "2021-02-30T08:55Z",
        "2021-10-05T08:55:60Z",
        "٢٠٢١-10-05T08:55Z",
        "2021-10-05T08:55Z]",
        "",
        "~",
        "2021-10-05 08:55Z",
    ],
)
def test_edge_cases_match_reference(text: str) -> None:
    assert fast(text) == reference(text)
    expected = reference(text)
    for _ in range(2):  # cold, then from the learned tables
        assert bulk(text) == (expected if isinstance(expected, str) else instant_of(text))


def test_bulk_instants_of_a_generated_mission() -> None:
    """Every form the benchmark missions use, in bulk and one by one, agree exactly."""
    texts = [
        f"{approx}{day}T{clock}{suffix}"
        for approx in ("", "~")
        for day in ("2021-03-27", "2021-03-28", "2021-10-31", "2024-02-29", "2200-12-31")
        for clock in ("00:30", "02:30:15", "23:59:59.999")
        for suffix in ("Z", "+03:00", "-05:45", "[Europe/Brussels]", "+01:00[Europe/Brussels]")
    ]
    expected = [reference(text) for text in texts]
    got = []
    for text in texts:
        try:
            got.append(instants_of([text])[0])
        except TimeFormatError as error:
            got.append(str(error))
    assert got == [e if isinstance(e, str) else e.instant.timestamp() for e in expected]
