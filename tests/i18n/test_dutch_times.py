"""Dates, durations and relative times in Dutch (`5 okt. 2021 10:55:02 CEST`, `176 d 2 u 33 min`,
`VD12`), the same on the single path (`show`, the app's rows and panes) and the bulk path
(`BulkShow`, the exports); English as it always was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from data.facts.derived import (
    TimeMode,
    flight_day_text,
    format_duration,
    humanize,
    relative,
    whereabouts,
)
from data.i18n import use
from data.model import Mission
from data.opening import load_bundled
from data.times.bulk import fast_when
from data.times.dates import date_text, month_names
from data.times.display import STATED, show
from data.times.display_bulk import BulkShow
from data.times.parse import Precision, parse_when
from data.times.shapes import Times
from tests.export.test_bulk_times import CHANGES, ZONES, texts_near
from tui.widgets.timeline_row import time_text, widest_time

LAUNCH = parse_when("2021-10-05T08:55:02Z")
AUTUMN_2021 = datetime(2021, 10, 31, 1, 0, tzinfo=UTC)
"""Summer time ends in Brussels: 03:00 CEST is 02:00 CET."""

# (time, zone, English, Dutch): `with_offset` on the single path.
SHOWN = [
    (
        "2021-10-05T08:55:02.442Z",
        "Europe/Brussels",
        "2021-10-05 10:55:02.442 CEST (+02:00)",
        "5 okt. 2021 10:55:02.442 CEST (+02:00)",
    ),
    (
        "2021-10-31T00:30Z",
        "Europe/Brussels",
        "2021-10-31 02:30 CEST (+02:00)",
        "31 okt. 2021 02:30 CEST (+02:00)",
    ),
    (
        "2021-10-31T01:30Z",
        "Europe/Brussels",
        "2021-10-31 02:30 CET (+01:00)",
        "31 okt. 2021 02:30 CET (+01:00)",
    ),
    (
        "2021-09-12T23:30:00Z",
        "UTC",
        "2021-09-12 23:30:00 UTC (+00:00)",
        "12 sep. 2021 23:30:00 UTC (+00:00)",
    ),
    (
        "~2022-05-01T10:00Z",
        "UTC",
        "~2022-05-01 10:00 UTC (+00:00)",
        "~1 mei 2022 10:00 UTC (+00:00)",
    ),
    (
        "2022-03-30T14:28+03:00[Europe/Moscow]",
        STATED,
        "2022-03-30 14:28 MSK (+03:00)",
        "30 mrt. 2022 14:28 MSK (+03:00)",
    ),
    ("2021-10-05[Europe/Moscow]", "Europe/Moscow", "2021-10-05", "5 okt. 2021"),
    # A date names its own zone where the zone shown is at another day when it ends.
    (
        "2021-10-05[Europe/Moscow]",
        "Asia/Tokyo",
        "2021-10-05 MSK (+03:00)",
        "5 okt. 2021 MSK (+03:00)",
    ),
    ("~2020-11[Europe/Moscow]", "UTC", "~2020-11", "~nov. 2020"),
    ("2021-10[Europe/Moscow]", "Asia/Tokyo", "2021-10 MSK (+03:00)", "okt. 2021 MSK (+03:00)"),
]


@pytest.mark.parametrize(("text", "zone", "english", "dutch"), SHOWN)
def test_a_time_shown_in_each_language(text: str, zone: str, english: str, dutch: str) -> None:
    when = parse_when(text)
    assert show(when, zone).with_offset == english
    use("nl")
    assert show(when, zone).with_offset == dutch


@pytest.mark.usefixtures("in_dutch")
def test_the_issues_example() -> None:
    assert str(show(parse_when("2021-10-05T08:55:02Z"), "Europe/Brussels")) == (
        "5 okt. 2021 10:55:02 CEST"
    )


def bulk_and_single(zone: str, texts: list[str]) -> tuple[list[str], list[str]]:
    whens = [fast_when(text) for text in texts]
    return BulkShow(zone).cells(Times.of(texts)), [show(w, zone).with_offset for w in whens]


@pytest.mark.usefixtures("in_dutch")
@pytest.mark.parametrize("zone", ["Europe/Brussels", "Asia/Tokyo", "America/St_Johns", STATED])
def test_the_bulk_path_shows_what_the_single_path_shows(zone: str) -> None:
    texts = [text for instant in CHANGES for place in ZONES for text in texts_near(instant, place)]
    texts += texts_near(AUTUMN_2021, "Europe/Brussels") + [text for text, *_ in SHOWN]
    bulk, single = bulk_and_single(zone, texts)
    assert bulk == single
    assert any("okt." in cell for cell in bulk) and not any("2011-" in cell for cell in bulk)
    whens = [fast_when(text) for text in texts]
    instants = [when.instant.timestamp() for when in whens]
    assert BulkShow(zone).widest(Times.of(texts)) == max(map(len, single))
    assert BulkShow(zone).widest_of(texts, instants) == max(map(len, single))


@pytest.mark.usefixtures("in_dutch")
def test_the_summer_time_switch_in_dutch() -> None:
    texts = ["2021-10-31T00:59:59Z", "2021-10-31T01:00:00Z", "2021-10-31T01:00:00.001Z"]
    bulk, single = bulk_and_single("Europe/Brussels", texts)
    assert (
        bulk
        == single
        == [
            "31 okt. 2021 02:59:59 CEST (+02:00)",
            "31 okt. 2021 02:00:00 CET (+01:00)",
            "31 okt. 2021 02:00:00.001 CET (+01:00)",
        ]
    )


@pytest.mark.usefixtures("in_dutch")
def test_widths_follow_the_day_in_dutch() -> None:
    """`widest_of`'s quick path (one offset throughout) measures Dutch dates too."""
    for texts, width in (
        (["2021-05-05T10:00Z"], len("5 mei 2021 10:00 UTC (+00:00)")),
        (["2021-05-05T10:00Z", "2021-09-12T10:00Z"], len("12 sep. 2021 10:00 UTC (+00:00)")),
    ):
        instants = [fast_when(text).instant.timestamp() for text in texts]
        assert BulkShow("UTC").widest_of(texts, instants) == width


def test_the_bulk_path_follows_a_change_of_language() -> None:
    texts = ["2021-10-05T08:55:02Z", "2021-10-05[Europe/Moscow]"]
    times = Times.of(texts)
    english = BulkShow("UTC").cells(times)
    use("nl")
    dutch = BulkShow("UTC").cells(times)
    use("en")
    assert english == ["2021-10-05 08:55:02 UTC (+00:00)", "2021-10-05"]
    assert dutch == ["5 okt. 2021 08:55:02 UTC (+00:00)", "5 okt. 2021"]
    assert BulkShow("UTC").cells(times) == english


def test_dates() -> None:
    assert (date_text("2021-10-05"), date_text("2021-10")) == ("2021-10-05", "2021-10")
    use("nl")
    assert (date_text("2021-10-05"), date_text("2021-10")) == ("5 okt. 2021", "okt. 2021")
    assert [month_names("nl")[month] for month in (3, 5, 10)] == ["mrt.", "mei", "okt."]
    use("en")
    assert [month_names("en")[month] for month in (3, 5, 10)] == ["Mar", "May", "Oct"]


@pytest.fixture(scope="module")
def mission() -> Mission:
    return load_bundled()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_long_lists_time_column_fits_every_time(mission: Mission, language: str) -> None:
    """Past `MEASURED_EVENTS` the timeline takes `widest_time` of samples instead of
    measuring: in either language it fits every time of the bundled mission in the zones a
    user picks (but a date that names its own zone, `2021-10-05 EDT`, wider in English too)."""
    use(language)
    for zone in ("UTC", "Europe/Brussels", "Europe/Moscow", "Asia/Tokyo", STATED):
        for clock in (True, False):
            widest = max(
                len(time_text(event.when, zone, clock=clock))
                for event in mission.events
                if not (event.when.is_date and show(event.when, zone).abbrev)
            )
            years = {event.when.instant.year for event in mission.events}
            most = max(widest_time(zone, y, clock=clock, language=language) for y in years)
            assert widest <= most


DURATIONS = [
    (
        timedelta(days=176, hours=2, minutes=33),
        Precision.MINUTE,
        "176d 02h 33m",
        "176 d 2 u 33 min",
    ),
    (timedelta(minutes=10), Precision.MINUTE, "0h 10m", "0 u 10 min"),
    (timedelta(hours=3, minutes=27, seconds=29), Precision.SECOND, "3h 27m 29s", "3 u 27 min 29 s"),
    (
        timedelta(hours=23, minutes=59, seconds=59.6),
        Precision.SECOND,
        "1d 00h 00m 00s",
        "1 d 0 u 0 min 0 s",
    ),
    (timedelta(days=32), Precision.DAY, "32d", "32 d"),
    (-timedelta(minutes=90), Precision.MINUTE, "-1h 30m", "-1 u 30 min"),
]


@pytest.mark.parametrize(("value", "precision", "english", "dutch"), DURATIONS)
def test_durations(value: timedelta, precision: Precision, english: str, dutch: str) -> None:
    assert format_duration(value, precision) == english
    use("nl")
    assert format_duration(value, precision) == dutch


@pytest.mark.parametrize(
    ("value", "english", "dutch"),
    [
        (timedelta(days=12, hours=4), "about 12 days", "ongeveer 12 dagen"),
        (timedelta(hours=36), "about 36 hours", "ongeveer 36 uur"),
        (timedelta(minutes=1), "about 1 min", "ongeveer 1 min"),
        (timedelta(seconds=42), "about 42 s", "ongeveer 42 s"),
    ],
)
def test_humanize(value: timedelta, english: str, dutch: str) -> None:
    assert humanize(value) == english
    use("nl")
    assert humanize(value) == dutch


@pytest.mark.parametrize(
    ("text", "mode", "english", "dutch"),
    [
        ("2021-10-16T12:00Z", TimeMode.FLIGHT_DAY, "FD12", "VD12"),
        ("2021-10-04T23:59Z", TimeMode.FLIGHT_DAY, "L-1", "L-1"),
        ("2020-11[Europe/Moscow]", TimeMode.FLIGHT_DAY, "L-11mo", "L-11mnd"),
        ("2023-04[Europe/Moscow]", TimeMode.FLIGHT_DAY, "FD+18mo", "VD+18mnd"),
        ("2020-11[Europe/Moscow]", TimeMode.T_MINUS, "T-11mo", "T-11mnd"),
        ("2020-11[Europe/Moscow]", TimeMode.MET, "-11mo", "-11mnd"),
        # T-/T+ and the mission elapsed time are notations: the same in every language.
        ("2022-03-30T11:28Z", TimeMode.T_MINUS, "T+176d 02:33", "T+176d 02:33"),
        ("2022-03-30T11:28Z", TimeMode.MET, "176/02:33", "176/02:33"),
    ],
)
def test_relative_times(text: str, mode: TimeMode, english: str, dutch: str) -> None:
    when = parse_when(text)
    assert relative(when, LAUNCH, mode) == english
    use("nl")
    assert relative(when, LAUNCH, mode) == dutch


@pytest.mark.usefixtures("in_dutch")
def test_flight_days_and_whereabouts_in_dutch(mission: Mission) -> None:
    assert [flight_day_text(days) for days in (-2, 0, 11)] == ["L-2", "VD1", "VD12"]
    person = mission.person_by_id["peresild"]
    aboard = whereabouts(person, mission, datetime(2021, 10, 10, tzinfo=UTC)).label
    home = whereabouts(person, mission, datetime(2021, 12, 1, tzinfo=UTC)).label
    assert (aboard, home) == ("aan boord van International Space Station", "op aarde")
