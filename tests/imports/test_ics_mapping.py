"""The iCalendar mapping, case by case: zones, all-day and multi-day events, points, spans,
categories, places, sources, status, recurrences, and what is reported as not mapped."""

from __future__ import annotations

from pathlib import Path

from data.load.document import build_mission
from data.problems import Severity

from .calendars import calendar, events, imported, messages, vevent


def test_a_zoned_time_keeps_its_zone_and_offset_and_a_utc_time_stays_utc(tmp_path: Path) -> None:
    text = calendar(
        *vevent("DTSTART;TZID=Europe/Moscow:20211005T115502", summary="Launch"),
        *vevent("DTSTART:20211005T085502Z", summary="Launch again"),
    )
    result = imported(tmp_path, text)
    assert [e["at"] for e in events(result)] == [
        "2021-10-05T11:55:02+03:00[Europe/Moscow]",
        "2021-10-05T08:55:02Z",
    ]
    assert result.unmapped == []


def test_seconds_of_zero_are_read_to_the_minute(tmp_path: Path) -> None:
    text = calendar(*vevent("DTSTART:20211005T085500Z"))
    assert events(imported(tmp_path, text))[0]["at"] == "2021-10-05T08:55Z"


def test_a_floating_time_is_read_in_the_calendars_zone_and_said_so(tmp_path: Path) -> None:
    text = calendar(*vevent("DTSTART:20211005T115500"), head=("X-WR-TIMEZONE:Europe/Moscow",))
    result = imported(tmp_path, text)
    assert events(result)[0]["at"] == "2021-10-05T11:55+03:00[Europe/Moscow]"
    assert messages(result) == ["7:1: warning: times without a zone read in Europe/Moscow"]
    assert result.unmapped[0].severity is Severity.WARNING


def test_without_a_calendar_zone_floating_times_are_read_in_utc(tmp_path: Path) -> None:
    result = imported(tmp_path, calendar(*vevent("DTSTART:20211005T115500")))
    assert events(result)[0]["at"] == "2021-10-05T11:55Z[UTC]"
    assert messages(result) == ["6:1: warning: times without a zone read in UTC"]


def test_an_all_day_event_is_a_date_never_a_midnight(tmp_path: Path) -> None:
    text = calendar(*vevent("DTSTART;VALUE=DATE:20211017", "DTEND;VALUE=DATE:20211018"))
    result = imported(tmp_path, text)
    assert events(result)[0]["at"] == "2021-10-17[UTC]"
    assert "end" not in events(result)[0]
    assert messages(result) == ["6:1: warning: all-day dates have no zone: read in UTC"]


def test_a_multi_day_event_ends_on_its_last_day_not_on_the_exclusive_dtend(
    tmp_path: Path,
) -> None:
    text = calendar(*vevent("DTSTART;VALUE=DATE:20211005", "DTEND;VALUE=DATE:20211018"))
    event = events(imported(tmp_path, text))[0]
    assert (event["at"], event["end"]) == ("2021-10-05[UTC]", "2021-10-17[UTC]")


def test_a_point_event_has_no_end_and_a_duration_makes_a_span(tmp_path: Path) -> None:
    text = calendar(
        *vevent("DTSTART:20211005T085502Z", "DURATION:P0D", summary="Point"),
        *vevent("DTSTART:20211005T085502Z", summary="No end"),
        *vevent("DTSTART:20211005T085502Z", "DURATION:PT1H30M", summary="Span"),
        *vevent("DTSTART;VALUE=DATE:20211005", "DURATION:P2D", summary="Days"),
    )
    found = {e["title"]: e.get("end") for e in events(imported(tmp_path, text))}
    assert found == {
        "Point": None,
        "No end": None,
        "Span": "2021-10-05T10:25:02Z",
        "Days": "2021-10-06[UTC]",
    }


def test_an_end_in_another_zone_is_kept_in_its_own_zone(tmp_path: Path) -> None:
    text = calendar(
        *vevent("DTSTART;TZID=Asia/Qyzylorda:20211005T135502", "DTEND:20211005T094000Z")
    )
    event = events(imported(tmp_path, text))[0]
    assert event["end"] == "2021-10-05T14:40+05:00[Asia/Qyzylorda]"


def test_a_windows_zone_is_read_as_its_iana_zone_and_said_so(tmp_path: Path) -> None:
    text = calendar(*vevent("DTSTART;TZID=Russian Standard Time:20211005T115500"))
    result = imported(tmp_path, text)
    assert events(result)[0]["at"] == "2021-10-05T11:55+03:00[Europe/Moscow]"
    assert "the Windows zone 'Russian Standard Time' read as Europe/Moscow" in messages(result)[0]


def test_an_undefined_zone_is_read_as_utc_and_said_so(tmp_path: Path) -> None:
    text = calendar(*vevent("DTSTART;TZID=Mars/Olympus:20211005T115500"))
    result = imported(tmp_path, text)
    assert events(result)[0]["at"] == "2021-10-05T11:55Z"
    assert "zone 'Mars/Olympus' is not defined (no VTIMEZONE): read as UTC" in messages(result)[0]


def test_categories_name_the_kind_and_the_phase_and_extra_ones_are_reported(
    tmp_path: Path,
) -> None:
    text = calendar(
        *vevent("DTSTART:20211005T085502Z", "CATEGORIES:Ascent,LAUNCH,Extra"),
        *vevent("DTSTART:20211005T092100Z", "CATEGORIES:ascent", summary="Orbit"),
        *vevent("DTSTART:20211005T101000Z", "CATEGORIES:Ascent", summary="Later"),
    )
    result = imported(tmp_path, text)
    first, second, third = events(result)
    assert (first["kind"], first["phase"]) == ("launch", "ascent")
    assert (second["kind"], second["phase"]) == ("milestone", "ascent-2")
    assert third["phase"] == "ascent"
    phases = {p["id"]: (p["start"], p["end"]) for p in result.document["phases"]}
    assert phases == {
        "ascent": ("2021-10-05T08:55:02Z", "2021-10-05T10:10Z"),
        "ascent-2": ("2021-10-05T09:21Z", "2021-10-05T09:21Z"),
    }
    assert messages(result) == ["4:1: warning: category 'Extra' not imported (one phase each)"]
    build_mission(result.document, "cal.ics")


def test_location_geo_description_and_url_are_mapped(tmp_path: Path) -> None:
    text = calendar(
        *vevent(
            "DTSTART;TZID=Asia/Qyzylorda:20211005T135502",
            "LOCATION:Baikonur\\, Site 31",
            "GEO:45.996;63.564",
            "DESCRIPTION:First line\\nsecond line",
            "URL:https://example.org/launch",
        ),
        *vevent("DTSTART:20211017T044000Z", "LOCATION:Baikonur\\, Site 31", summary="Back"),
    )
    document = imported(tmp_path, text).document
    assert document["places"] == [
        {
            "id": "baikonur-site-31",
            "name": "Baikonur, Site 31",
            "lat": 45.996,
            "lon": 63.564,
            "zone": "Asia/Qyzylorda",
        }
    ]
    assert document["sources"] == [
        {"id": "source", "title": "https://example.org/launch", "url": "https://example.org/launch"}
    ]
    first, second = document["events"]
    assert first["description"] == "First line\nsecond line"
    assert (first["place"], second["place"], first["sources"]) == (
        "baikonur-site-31",
        "baikonur-site-31",
        ["source"],
    )


def test_tentative_is_planned_and_cancelled_is_left_out(tmp_path: Path) -> None:
    text = calendar(
        *vevent("DTSTART:20211005T085502Z", "STATUS:TENTATIVE", summary="Plan"),
        *vevent("DTSTART:20211005T085502Z", "STATUS:CANCELLED", summary="Off"),
    )
    result = imported(tmp_path, text)
    assert [(e["title"], e.get("planned"), e.get("at")) for e in events(result)] == [
        ("Plan", "2021-10-05T08:55:02Z", None)
    ]
    assert messages(result) == ["9:1: warning: a cancelled event is not imported"]


def test_ids_are_slugs_of_titles_made_unique(tmp_path: Path) -> None:
    text = calendar(
        *vevent("DTSTART:20211005T085502Z", summary="Запуск Союз МС-19"),  # noqa: RUF001
        *vevent("DTSTART:20211005T085502Z", summary="Docking!"),
        *vevent("DTSTART:20211005T085502Z", summary="docking"),
        *vevent("DTSTART:20211005T085502Z", summary="Docking 2"),
    )
    ids = [e["id"] for e in events(imported(tmp_path, text))]
    assert ids == ["19", "docking", "docking-2", "docking-2-2"]


def test_a_recurring_event_is_expanded_less_its_exdates_and_replaced_occurrences(
    tmp_path: Path,
) -> None:
    text = calendar(
        *vevent(
            "UID:weekly",
            "DTSTART;TZID=Europe/Moscow:20211012T090000",
            "DTEND;TZID=Europe/Moscow:20211012T100000",
            "RRULE:FREQ=WEEKLY;COUNT=4",
            "EXDATE;TZID=Europe/Moscow:20211019T090000",
            summary="Crew conference",
        ),
        *vevent(
            "UID:weekly",
            "RECURRENCE-ID;TZID=Europe/Moscow:20211026T090000",
            "DTSTART;TZID=Europe/Moscow:20211027T150000",
            summary="Crew conference (moved)",
        ),
    )
    found = [(e["id"], e["at"], e.get("end")) for e in events(imported(tmp_path, text))]
    assert found == [
        (
            "crew-conference",
            "2021-10-12T09:00+03:00[Europe/Moscow]",
            "2021-10-12T10:00+03:00[Europe/Moscow]",
        ),
        (
            "crew-conference-2",
            "2021-11-02T09:00+03:00[Europe/Moscow]",
            "2021-11-02T10:00+03:00[Europe/Moscow]",
        ),
        ("crew-conference-moved", "2021-10-27T15:00+03:00[Europe/Moscow]", None),
    ]


def test_an_endless_rule_is_cut_at_the_limit_and_said_so(tmp_path: Path) -> None:
    text = calendar(*vevent("DTSTART;VALUE=DATE:20211005", "RRULE:FREQ=DAILY"))
    result = imported(tmp_path, text)
    assert len(events(result)) == 1000
    assert events(result)[-1]["at"] == "2024-06-30[UTC]"
    assert "7:1: warning: recurs more than 1000 times: only the first 1000 imported" in (
        messages(result)
    )


def test_properties_and_components_that_are_not_mapped_are_reported_once_each(
    tmp_path: Path,
) -> None:
    text = calendar(
        *vevent(
            "DTSTART:20211005T085502Z",
            "ATTENDEE:mailto:a@example.org",
            "ATTENDEE:mailto:b@example.org",
            "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
            "BEGIN:VALARM",
            "TRIGGER:-PT15M",
            "ACTION:DISPLAY",
            "END:VALARM",
        ),
        "BEGIN:VTODO",
        "SUMMARY:Pack",
        "END:VTODO",
    )
    assert messages(imported(tmp_path, text)) == [
        "7:1: warning: ATTENDEE not imported",
        "10:1: warning: VALARM not imported",
        "15:1: warning: VTODO is not imported (only VEVENTs are)",
    ]


def test_the_calendar_names_the_mission(tmp_path: Path) -> None:
    named = calendar(
        *vevent("DTSTART:20211005T085502Z"),
        head=("X-WR-CALNAME:Soyuz MS-19", "X-WR-CALDESC:The flight"),
    )
    mission = imported(tmp_path, named).document["mission"]
    assert mission == {"id": "soyuz-ms-19", "title": "Soyuz MS-19", "summary": "The flight"}
    unnamed = imported(tmp_path, calendar(*vevent("DTSTART:20211005T085502Z")), "My Trip.ics")
    assert unnamed.document["mission"] == {"id": "my-trip", "title": "My Trip"}


def test_all_day_rdates_and_exdates_mix_with_a_timed_start(tmp_path: Path) -> None:
    text = calendar(
        *vevent(
            "DTSTART:20211005T100000Z",
            "RDATE;VALUE=DATE:20211010,20211012",
            "RDATE:20211011T100000Z",
            "EXDATE;VALUE=DATE:20211010",
        )
    )
    found = [e["at"] for e in events(imported(tmp_path, text))]
    assert found == ["2021-10-05T10:00Z", "2021-10-11T10:00Z", "2021-10-12[UTC]"]
