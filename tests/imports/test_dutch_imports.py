"""Imports in Dutch: every warning and error speaks the language in force, one placed line
each; what the import makes (the mission document) is the same in every language."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from data.i18n import speaking
from data.imports import IMPORT_FORMATS, import_text
from data.problems import MissionDataError, Severity
from tests.imports.calendars import calendar, imported, vevent

TIMELINEJS = Path(__file__).parent / "fixtures" / "timelinejs"


@pytest.fixture
def dutch() -> Iterator[None]:
    """Dutch for one test."""
    with speaking("nl"):
        yield


def test_icalendar_warnings_are_dutch_and_placed(tmp_path: Path, dutch: None) -> None:
    text = calendar(
        *vevent(
            "DTSTART;TZID=Mars/Olympus:20211005T115500",
            "CATEGORIES:Ascent,LAUNCH,Extra",
            "ATTENDEE:mailto:a@example.org",
        ),
        *vevent("DTSTART:20211005T120000Z", "STATUS:CANCELLED", summary="Scrubbed"),
        "BEGIN:VTODO",
        "SUMMARY:Pack",
        "END:VTODO",
    )
    result = imported(tmp_path, text)
    assert [(p.line, p.message) for p in result.unmapped] == [
        (6, "tijdzone 'Mars/Olympus' is niet gedefinieerd (geen VTIMEZONE): gelezen als UTC"),
        (4, "categorie 'Extra' niet geïmporteerd (één fase per gebeurtenis)"),
        (8, "ATTENDEE niet geïmporteerd"),
        (10, "een geannuleerde gebeurtenis wordt niet geïmporteerd"),
        (15, "VTODO wordt niet geïmporteerd (alleen VEVENT's)"),
    ]
    assert all(p.severity is Severity.WARNING for p in result.unmapped)
    assert all("\n" not in str(p) for p in result.unmapped)


def test_an_icalendar_error_is_dutch_and_placed(dutch: None) -> None:
    text = calendar(*vevent("DTSTART:20211005T115500", "RRULE:FREQ=DAILY;COUNT=0"))
    with pytest.raises(MissionDataError) as raised:
        import_text("cal.ics", text, "ics")
    problem = raised.value.problems[0]
    assert (problem.line, problem.message) == (7, "RRULE: COUNT is geen positief getal: '0'")


def test_timelinejs_warnings_are_dutch(dutch: None) -> None:
    slides = [
        {"start_date": {"year": "2021"}, "text": {"headline": ""}, "group": "Crew news"},
        {"start_date": {"year": "2021", "month": "10"}, "media": {"url": "local.png"}},
    ]
    result = import_text("t.json", json.dumps({"events": slides}), "timelinejs")
    messages = {p.path: p.message for p in result.unmapped}
    assert messages["events[0].start_date"] == (
        "alleen het jaar 2021: geschreven als de maanden 2021-01 tot 2021-12 "
        "(een missie kent geen jaar als precisie)"
    )
    assert messages["events[0].text.headline"] == "geen kop: titel 'Slide 1'"
    assert messages["events[1].media.url"] == "media weggelaten: 'local.png' is geen webadres"
    assert messages[""] == "TimelineJS kent geen tijdzones: elke tijd werd gelezen als UTC"
    assert messages["events[0].group"].startswith("groep 'Crew news': een missie kent geen")


def test_a_timelinejs_sheet_error_is_dutch(dutch: None) -> None:
    with pytest.raises(MissionDataError) as raised:
        import_text(
            "sheet.csv", "Year,Month,Day,Time,Headline\n2021,10,5,noon,Launch\n", "timelinejs-csv"
        )
    assert raised.value.problems[0].message == (
        "'noon' is geen tijd (HH:MM, HH:MM:SS of HH:MM:SS.mmm, AM/PM toegestaan)"
    )


def test_the_format_names_are_translated_where_they_have_words(dutch: None) -> None:
    labels = {name: f.label for name, f in IMPORT_FORMATS.items()}
    assert labels == {
        "ics": "iCalendar",
        "timelinejs": "TimelineJS JSON",
        "timelinejs-csv": "TimelineJS-werkblad (CSV)",
    }


def test_an_import_makes_the_same_mission_in_every_language() -> None:
    """The words an import writes into the mission (a missing title, a TimelineJS group in
    a note) are the mission's text, not the interface's: the same whatever the language."""
    text = (TIMELINEJS / "houston.json").read_text(encoding="utf-8")
    documents = []
    for lang in ("en", "nl"):
        with speaking(lang):
            result = import_text("houston.json", text, "timelinejs")
        documents.append((result.document, [p.message for p in result.unmapped]))
    (english, english_warnings), (dutch, dutch_warnings) = documents
    assert english == dutch
    assert english_warnings != dutch_warnings  # the warnings did follow the language
