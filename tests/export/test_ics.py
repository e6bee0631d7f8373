"""The iCalendar export parses back with `icalendar`: one VEVENT per event, stable UIDs, UTC
start times, all-day dates, and no way for mission text to add lines or components."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from data.export import export, make_options
from data.export.ics_export import PHASE_COLORS
from data.model import Mission
from data.opening import build_mission


def to_ics(mission: Mission, stamp: datetime | None = None, **options: object) -> str:
    out = io.StringIO(newline="")
    export(mission, "ics", make_options(mission, stamp=stamp, **options), out)  # type: ignore[arg-type]
    return out.getvalue()


def events_of(text: str) -> dict[str, object]:
    calendar = Calendar.from_ical(text)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_one_vevent_per_event_with_stable_uids(bundled: Mission, stamp: datetime) -> None:
    text = to_ics(bundled, stamp)
    vevents = events_of(text)
    assert len(vevents) == len(bundled.events) == text.count("BEGIN:VEVENT")
    assert set(vevents) == {f"{e.id}@soyuz-ms-19.mission-timeline" for e in bundled.events}
    assert to_ics(bundled, stamp) == text


def test_lines_are_crlf_and_folded(bundled: Mission, stamp: datetime) -> None:
    raw = to_ics(bundled, stamp).encode("utf-8")
    lines = raw.split(b"\r\n")
    assert lines[-1] == b""
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75


def test_start_times(bundled: Mission, stamp: datetime) -> None:
    vevents = events_of(to_ics(bundled, stamp))
    launch = vevents["launch@soyuz-ms-19.mission-timeline"]
    assert launch.decoded("DTSTART") == datetime(2021, 10, 5, 8, 55, 2, tzinfo=UTC)
    assert launch.decoded("DTSTAMP") == stamp
    assert "Baikonur" in str(launch["LOCATION"])
    description = str(launch["DESCRIPTION"])
    assert "Sources:" in description and "[1] " in description
    undock = vevents["ms18-undocking@soyuz-ms-19.mission-timeline"]
    assert undock.decoded("DTSTART") == datetime(2021, 10, 17, 1, 14, tzinfo=UTC)


def test_day_month_and_span_events(demo: Mission, stamp: datetime) -> None:
    text = to_ics(demo, stamp)
    vevents = events_of(text)
    selected = vevents["selected@demo.mission-timeline"]
    assert selected.decoded("DTSTART") == date(2021, 5, 13)
    assert selected.decoded("DTEND") == date(2021, 5, 14)
    assert "DTSTART;VALUE=DATE:20210513" in text
    # A month is the whole month: no day is invented.
    casting = vevents["casting@demo.mission-timeline"]
    assert casting.decoded("DTSTART") == date(2020, 11, 1)
    assert casting.decoded("DTEND") == date(2020, 12, 1)
    assert "month only" in str(casting["DESCRIPTION"])
    # A span of days: the last day is included.
    filming = vevents["filming@demo.mission-timeline"]
    assert (filming.decoded("DTSTART"), filming.decoded("DTEND")) == (
        date(2021, 10, 5),
        date(2021, 10, 17),
    )
    premiere = vevents["premiere@demo.mission-timeline"]
    assert str(premiere["STATUS"]) == "TENTATIVE"
    landing = vevents["landing@demo.mission-timeline"]
    assert landing.decoded("GEO") is not None


def test_timed_span_has_dtend(bundled: Mission, stamp: datetime) -> None:
    vevents = events_of(to_ics(bundled, stamp))
    spans = [e for e in bundled.events if e.end is not None and not e.when.is_date]
    assert spans
    for event in spans:
        vevent = vevents[f"{event.id}@soyuz-ms-19.mission-timeline"]
        assert vevent.decoded("DTEND") > vevent.decoded("DTSTART")


def test_point_events_last_no_time(bundled: Mission, stamp: datetime) -> None:
    """An event at one instant has a zero DURATION and no DTEND (RFC 5545 wants DTEND later
    than DTSTART); without it calendar apps show an hour."""
    vevents = events_of(to_ics(bundled, stamp))
    points = [e for e in bundled.events if e.end is None and not e.when.is_date]
    assert points
    for event in points:
        vevent = vevents[f"{event.id}@soyuz-ms-19.mission-timeline"]
        assert "DTEND" not in vevent
        assert vevent.decoded("DURATION") == timedelta(0)
    for vevent in vevents.values():
        assert ("DTEND" in vevent) != ("DURATION" in vevent)


def test_the_calendar_is_named(demo: Mission, stamp: datetime) -> None:
    calendar = Calendar.from_ical(to_ics(demo, stamp))
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == demo.info.title


def test_each_phase_has_its_colour_and_is_named(bundled: Mission, stamp: datetime) -> None:
    vevents = events_of(to_ics(bundled, stamp))
    phases = {phase.id: phase for phase in bundled.phases}
    assert len(phases) > 1
    colour_of: dict[str, str] = {}
    for event in bundled.events:
        vevent = vevents[f"{event.id}@soyuz-ms-19.mission-timeline"]
        if event.phase is None:
            assert "COLOR" not in vevent
            continue
        colour = str(vevent["COLOR"])
        assert colour in PHASE_COLORS
        assert colour_of.setdefault(event.phase, colour) == colour
        assert f"phase: {phases[event.phase].name}" in str(vevent["DESCRIPTION"])
    assert len(set(colour_of.values())) == len(colour_of) > 1


HOSTILE = [
    "Evil\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:x@y\r\nSUMMARY:owned",
    "a\nEND:VCALENDAR\nBEGIN:VCALENDAR",
    "semi;colon,comma\\back \x1b[31m red \u2028 sep \u0085 nel",
    "x" * 200 + "\r\nATTACH:http://evil",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_mission_text_cannot_add_lines_or_components(text: str, stamp: datetime) -> None:
    raw = {
        "format": 1,
        "mission": {"id": "m", "title": text, "summary": text},
        "sources": [{"id": "s", "title": text, "url": text}],
        "places": [{"id": "p", "name": text, "zone": "UTC"}],
        "events": [
            {
                "id": "e",
                "title": text,
                "kind": "launch",
                "at": "2021-10-05T08:55Z",
                "description": text,
                "note": text,
                "place": "p",
                "sources": ["s"],
            }
        ],
    }
    mission = build_mission(raw, "hostile.json")
    ics = to_ics(mission, stamp)
    calendar = Calendar.from_ical(ics)
    assert len(calendar.walk("VEVENT")) == 1
    assert len(calendar.subcomponents) == 1
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["UID"]) == "e@m.mission-timeline"
    assert "ATTACH" not in vevent
    names = [line.split(":")[0].split(";")[0] for line in ics.split("\r\n") if line[:1] != " "]
    assert names == [
        "BEGIN", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALDESC", "NAME",
        "X-WR-CALNAME", "BEGIN", "SUMMARY", "DTSTART", "DURATION", "DTSTAMP", "UID",
        "CATEGORIES", "DESCRIPTION", "LOCATION", "STATUS", "END", "END", "",
    ]  # fmt: skip
    assert "owned" not in str(vevent.get("UID"))


def test_relative_time_in_description(demo: Mission, stamp: datetime) -> None:
    vevents = events_of(to_ics(demo, stamp, relative_to="launch"))
    assert "T-/T+ launch: T+03:27:29" in str(
        vevents["docking@demo.mission-timeline"]["DESCRIPTION"]
    )


def test_filter_applies(bundled: Mission, stamp: datetime) -> None:
    vevents = events_of(to_ics(bundled, stamp, filter_text="kind:landing"))
    assert vevents
    assert all(str(v["CATEGORIES"].to_ical(), "utf-8") == "landing" for v in vevents.values())
