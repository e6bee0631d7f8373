"""Calendars made by real calendar apps (tests/imports/fixtures/README.md says where each came
from) import into valid missions, with the times the `icalendar` library reads in them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest

from data.imports import import_file
from data.opening import check_file, open_file
from data.times.parse import parse_when

from .calendars import FIXTURES

EXPECTED = {
    # file: (events, first event's id, its time, its end, what is reported as not mapped)
    "alarm_google_future.ics": (
        1,
        "event-with-alarms",
        "2024-10-04T18:15Z",
        "2024-10-04T19:00Z",
        ["37:1: warning: VALARM not imported"],
    ),
    "alarm_thunderbird_future.ics": (
        1,
        "event-with-alarms",
        "2024-10-23T15:00+01:00[Europe/London]",
        "2024-10-23T16:00+01:00[Europe/London]",
        ["613:1: warning: VALARM not imported"],
    ),
    "issue_165_missing_event.ics": (
        14,
        "sprint-25-daily-standup",
        "2015-07-03T10:00+02:00",
        "2015-07-03T10:30+02:00",
        [
            "25:1: warning: zone 'GMT +0100 (Standard) / GMT +0200 (Daylight)' is no IANA "
            "zone: times keep its UTC offsets"
        ],
    ),
    "issue_218_bad_tzid.ics": (
        1,
        "testin",
        "2017-02-28T23:00+11:00",
        "2017-02-28T23:30+11:00",
        [
            "17:1: warning: zone 'UTC+11' is no IANA zone: times keep its UTC offsets",
            "18:1: warning: RESOURCES not imported",
        ],
    ),
    "issue_321_assert_dst_offset_is_not_false.ics": (
        1,
        "reifenwechsel",
        "2020-04-03T10:20+02:00[Europe/Berlin]",
        "2020-04-03T11:30+02:00[Europe/Berlin]",
        [],
    ),
    "issue_836_do_not_quote_tzid.ics": (
        1,
        "anonymous-test-event-for-tzid",
        "2024-10-28T17:00-04:00[America/New_York]",
        "2024-10-28T18:00-04:00[America/New_York]",
        ["23:1: warning: the Windows zone 'Eastern Standard Time' read as America/New_York"],
    ),
    "khal_film_shoot.ics": (
        1,
        "film-shoot-aboard-the-iss",
        "2021-10-05[UTC]",
        "2021-10-17[UTC]",
        ["6:1: warning: all-day dates have no zone: read in UTC"],
    ),
    "khal_landing_day.ics": (
        1,
        "landing-day",
        "2021-10-17[UTC]",
        None,
        ["6:1: warning: all-day dates have no zone: read in UTC"],
    ),
    "khal_launch.ics": (
        1,
        "soyuz-ms-19-launch-to-docking",
        "2021-10-05T11:55+03:00[Europe/Moscow]",
        "2021-10-05T15:22+03:00[Europe/Moscow]",
        [],
    ),
    "khal_weekly.ics": (
        3,
        "weekly-test-event-not-a-mission-fact",
        "2021-10-12T09:00+03:00[Europe/Moscow]",
        "2021-10-12T10:00+03:00[Europe/Moscow]",
        [],
    ),
    "x_location.ics": (
        1000,
        "daily-sync",
        "2016-10-28T14:00+02:00[Europe/Zurich]",
        "2016-10-28T14:30+02:00[Europe/Zurich]",
        ["30:1: warning: recurs more than 1000 times: only the first 1000 imported"],
    ),
}


def test_every_fixture_is_listed_here_and_in_the_readme() -> None:
    files = sorted(path.name for path in FIXTURES.glob("*.ics"))
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    assert files == sorted(EXPECTED)
    assert [name for name in files if f"`{name}`" not in readme] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_real_calendar_imports_as_expected(name: str) -> None:
    count, first_id, first_time, first_end, unmapped = EXPECTED[name]
    result = import_file(FIXTURES / name)
    events = result.document["events"]
    first = events[0]
    assert (len(events), first["id"], first["at"], first.get("end")) == (
        count,
        first_id,
        first_time,
        first_end,
    )
    assert [str(p).split(":", 1)[1] for p in result.unmapped] == unmapped
    opened = open_file(FIXTURES / name)
    assert len(opened.mission.events) == count
    assert opened.imported_from is not None and opened.imported_from.name == "ics"
    checked = check_file(FIXTURES / name)
    assert (checked.exit_code, checked.errors, checked.warnings) == (0, 0, len(unmapped))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_first_time_is_the_instant_the_icalendar_library_reads(name: str) -> None:
    calendar = icalendar.Calendar.from_ical((FIXTURES / name).read_bytes())
    vevent = next(iter(calendar.walk("VEVENT")))
    start = vevent.decoded("DTSTART")
    first = import_file(FIXTURES / name).document["events"][0]
    when = parse_when(first["at"])
    if isinstance(start, datetime):
        assert when.instant == start.astimezone(UTC)
    else:
        assert isinstance(start, date) and when.local_date == start
