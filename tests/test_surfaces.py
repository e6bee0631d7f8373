"""Every event and every person of the bundled mission, through every surface that shows
them: the detail pane and the crew pane (their `describe()`), the `y` copy, and the text,
Markdown, CSV and iCalendar exports. Each shows the same values: times in each zone, the
relative time, the plan and the delay, the disagreements, time in space and ages.

The expected values come from the facts layer's functions (`show`, `relative`, `delay`,
`time_in_space`...), never from a surface; each surface is read as a user reads it.
"""

from __future__ import annotations

from datetime import UTC

import pytest

from data.export.markdown_export import escape
from data.facts.derived import (
    TimeMode,
    age_at,
    age_at_launch,
    format_duration,
    relative,
    time_in_space,
)
from data.facts.event import delay
from data.facts.person import in_space_text
from data.model import Event, Person
from data.sanitize import sanitize_line
from data.times.display import show
from data.times.parse import Precision
from tests.export.export_reference import sheet_shown
from tests.surfaces import (
    ANCHOR,
    CSV_ROWS,
    ICS,
    MISSION,
    ZONE,
    crew_pane,
    crew_rows,
    surfaces,
)


@pytest.mark.parametrize("event", list(MISSION.events), ids=lambda event: event.id)
def test_every_surface_shows_the_same_event(event: Event) -> None:
    when = event.when
    utc, local = show(when, "UTC"), show(when, ZONE)
    rel = relative(when, ANCHOR.when, TimeMode.T_MINUS)
    shown = dict(surfaces(event))
    # Times in each zone, and the relative time.
    assert f"UTC: {utc}" in shown["pane"] and f"Brussels: {local.with_offset}" in shown["pane"]
    assert f"T-/T+: {rel}  from " in shown["pane"]
    assert shown["copy"].startswith(f"{local.with_offset}  {rel}  ")
    row = shown["text"].splitlines()[0]
    assert f"{utc.with_offset}  " in row and f"{local.with_offset}  " in row
    assert f"  {rel}  " in row
    assert (
        f"| {escape(utc.with_offset)} | {escape(local.with_offset)} | {escape(rel)} |"
        in (shown["md"])
    )
    csv_row = CSV_ROWS[event.id]
    # The CSV: each zone's time as a sheet's date-time, and its offset beside it.
    assert (csv_row["UTC"], csv_row["UTC offset"]) == sheet_shown(utc)
    assert (csv_row[ZONE], csv_row[f"{ZONE} offset"]) == sheet_shown(local)
    assert csv_row["T-/T+ launch"] == rel
    assert f"T-/T+ launch: {rel}\n" in shown["ics"]
    start = ICS[event.id].decoded("dtstart")
    if when.precision is Precision.MONTH:
        assert start == when.local_date.replace(day=1)
    elif when.is_date:
        assert start == when.local_date
    else:
        assert start == when.instant.astimezone(UTC).replace(microsecond=0)
    # The title: "(planned)" once at most.
    for name, text in shown.items():
        assert text.count("(planned)") <= max(1, event.title.count("(planned)")), name
    # The plan and the delay.
    if event.planned is not None:
        planned_utc, planned_local = (show(event.planned, z).with_offset for z in ("UTC", ZONE))
        assert f"Planned: {planned_local}" in shown["pane"]
        for zone in ("UTC", ZONE):
            cells = (csv_row[f"planned {zone}"], csv_row[f"planned {zone} offset"])
            assert cells == sheet_shown(show(event.planned, zone))
    if event.at is not None and event.planned is not None:
        verdict = delay(event.at, event.planned)
        assert verdict, event.id
        assert f"Delta: {verdict}" in shown["pane"]
        assert csv_row["delay"] == verdict
        phrase = f"planned {planned_utc} / {planned_local}, {verdict}"
        assert phrase in shown["text"] and escape(phrase) in shown["md"]
        assert f"planned {planned_local}, {verdict}" in shown["copy"]
        assert f"planned {planned_utc}, {verdict}" in shown["ics"]
    # The disagreements: every claim, with its time in the zone shown.
    for dispute in event.disputes:
        for name in ("pane", "copy", "text", "csv", "ics"):
            assert sanitize_line(dispute.topic) in shown[name], (name, dispute.topic)
        for version in dispute.versions:
            claim = sanitize_line(version.claim)
            for name in ("pane", "copy", "text", "csv", "ics"):
                assert claim in shown[name], (name, claim)
            assert escape(version.claim) in shown["md"]
            if version.at is not None:
                at_local, at_utc = show(version.at, ZONE).with_offset, show(version.at, "UTC")
                for name in ("pane", "copy", "text", "csv"):
                    assert at_local in shown[name], (name, at_local)
                assert escape(at_local) in shown["md"]
                assert at_utc.with_offset in shown["ics"]


@pytest.mark.parametrize("person", list(MISSION.people), ids=lambda person: person.id)
def test_every_surface_shows_the_same_person(person: Person) -> None:
    facts_pane = crew_pane(person)
    text_row, md_row = crew_rows(person)
    age = age_at_launch(person, MISSION)
    if age is None:  # no date of birth (Dudin's was not found)
        assert "Age at launch" not in facts_pane
        assert f"| {escape(person.role)} |  |" in md_row
    else:
        assert f"Age at launch: {age}\n" in facts_pane
        assert f"  {age}  " in text_row and f"| {age} |" in md_row
    if person.flights:
        in_space = in_space_text(time_in_space(person, MISSION))
        assert f"Time in space, this mission: {in_space}\n" in facts_pane
        assert f"  {in_space}" in text_row and f"| {escape(in_space)} |" in md_row
    stated = person.time_in_space
    for label, value in (("before", stated.before), ("after", stated.after)):
        if value is not None:
            shown = format_duration(value)
            assert f"Time in space {label} (stated): {shown}" in facts_pane
            assert f"{label} {shown}" in text_row and f"{label} {shown}" in md_row


def test_the_crew_pane_at_each_event_follows_the_facts() -> None:
    """Time in space so far and the age at each event, for everyone who flew."""
    for person in MISSION.people:
        for event in MISSION.events:
            shown = crew_pane(person, event)
            if person.flights:
                so_far = in_space_text(time_in_space(person, MISSION, until=event.when))
                assert f"as of the selected event: {so_far} at " in shown
            age = age_at(person, event.when)
            if age is not None:
                assert f"Age at the selected event: {age}\n" in shown
