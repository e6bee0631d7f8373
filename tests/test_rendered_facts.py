"""The discrepancies of issue 10, each checked on what a reader sees: the panes, the copy
and the exports of the bundled mission (and of the demo fixture where it has the case)."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest

from data.export import export, make_options
from data.facts.derived import TimeMode, between
from data.model import Event
from data.opening import load_mission
from data.times.parse import parse_duration
from tests.surfaces import (
    CSV_ROWS,
    ICS,
    MARKDOWN,
    MISSION,
    TEXT,
    copied,
    crew_pane,
    crew_rows,
    markdown_row,
    pane,
    render,
    text_block,
)

DEMO = Path(__file__).parent / "export" / "fixtures" / "demo.toml"


def event(event_id: str) -> Event:
    return MISSION.event_by_id[event_id]


# -- relative times are rounded at the coarser precision, never cut --------------------------


@pytest.mark.parametrize(
    ("event_id", "t_minus", "met"),
    [
        ("ms19-landing", "T+176d 02:33", "176/02:33"),  # 176 d 02:32:57.6 from 08:55:02.442
        ("hatch-open", "T+06:05", "000/06:05"),  # 6 h 04 m 57.6 s, the hatch known to the minute
        ("orbit-insertion", "T+00:09", "000/00:09"),  # "nearly nine minutes"
        ("docking", "T+03:27:29", "000/03:27:29"),  # 3 h 27 m 28.6 s
    ],
)
def test_relative_times_are_rounded_everywhere(event_id: str, t_minus: str, met: str) -> None:
    shown = event(event_id)
    assert f"T-/T+: {t_minus}  from Launch" in pane(shown)
    assert f"mission elapsed time: {met}  from Launch" in pane(shown, TimeMode.MET)
    assert f"  {t_minus}  " in copied(shown).splitlines()[0]
    assert f"  {t_minus}  " in text_block(shown).splitlines()[0]
    assert f"| {t_minus} |" in markdown_row(shown)
    assert CSV_ROWS[event_id]["T-/T+ launch"] == t_minus
    assert f"T-/T+ launch: {t_minus}" in str(ICS[event_id].get("description"))


# -- time in space: one value everywhere, and the stated totals add up -----------------------


@pytest.mark.parametrize(
    ("person_id", "in_space"),
    [
        ("shkaplerov", "176d 02h 33m (about 176 days)"),
        ("peresild", "11d 19h 40m (about 12 days)"),
        ("shipenko", "11d 19h 40m (about 12 days)"),
        ("novitskiy", "190d 20h 53m (about 191 days)"),
    ],
)
def test_time_in_space_is_one_value_everywhere(person_id: str, in_space: str) -> None:
    person = MISSION.person_by_id[person_id]
    assert f"Time in space, this mission: {in_space}\n" in crew_pane(person)
    text_row, md_row = crew_rows(person)
    assert f"  {in_space}  " in text_row or text_row.endswith(f"  {in_space}")
    assert f"| {in_space} |" in md_row


def _duration(shown: str) -> timedelta:
    found = re.fullmatch(r"(\d+)d (\d\d)h (\d\d)m", shown)
    assert found is not None, shown
    days, hours, minutes = map(int, found.groups())
    return timedelta(days=days, hours=hours, minutes=minutes)


def test_stated_totals_add_up_with_the_mission_as_shown() -> None:
    shown = crew_pane(MISSION.person_by_id["shkaplerov"])
    values = []
    for label in ("this mission", "before (stated)", "after (stated)"):
        found = re.search(rf"Time in space,? {re.escape(label)}: (\d+d \d\dh \d\dm)", shown)
        assert found is not None, label
        values.append(found.group(1))
    assert values == ["176d 02h 33m", "533d 05h 31m", "709d 08h 04m"]
    mission, before, after = map(_duration, values)
    assert before + mission == after


def test_time_in_space_so_far_is_at_the_precision_of_the_event() -> None:
    peresild = MISSION.person_by_id["peresild"]
    # From the launch (to the ms) to the hatch opening (to the minute): 6 h 04 m 57.6 s.
    assert "as of the selected event: 6h 05m at Hatches open" in crew_pane(
        peresild, event("hatch-open")
    )
    assert "as of the selected event: 3h 27m 29s at Soyuz MS-19 docks" in crew_pane(
        peresild, event("docking")
    )


# -- delays never show a second one of the two times does not have ---------------------------


@pytest.mark.parametrize(
    ("event_id", "verdict"),
    [
        ("ms18-landing", "in the same minute"),  # 07:35 against a plan of 07:35:42
        ("ms19-undocking", "in the same minute"),  # 07:21:03 against a plan of 09:21 CEST
        ("docking", "0h 10m late"),  # 12:22:31 against 12:12 ("about ten minutes")
        ("hatch-open", "0h 55m late"),
    ],
)
def test_delays_keep_to_the_coarser_precision(event_id: str, verdict: str) -> None:
    shown = event(event_id)
    assert f"Delta: {verdict}\n" in pane(shown)
    assert f", {verdict}\n" in copied(shown)
    assert f", {verdict}\n" in text_block(shown)
    assert CSV_ROWS[event_id]["delay"] == verdict


def test_no_invented_seconds_anywhere() -> None:
    surfaces = [TEXT, MARKDOWN, render("csv"), render("ics")]
    surfaces += [pane(shown) for shown in MISSION.events]
    for text in surfaces:
        assert "0h 00m 42s" not in text and "0h 00m 03s" not in text
        assert "0h 10m 31s" not in text


# -- "(planned)" once -------------------------------------------------------------------------


@pytest.mark.parametrize("event_id", ["ms18-deorbit", "ms19-hatch-close"])
def test_planned_is_never_said_twice(event_id: str) -> None:
    title = event(event_id).title
    assert title.endswith("(planned)")
    for shown in (text_block(event(event_id)), copied(event(event_id))):
        assert f"  {title} [" in shown.splitlines()[0]
    assert f"| **{title}** |" in markdown_row(event(event_id))
    assert ICS[event_id].get("summary") == title
    for text in (TEXT, MARKDOWN, render("ics")):
        assert "(planned) Soyuz" not in text


def test_an_event_only_planned_is_marked_once() -> None:
    demo = load_mission(DEMO)
    for format_name, expected in (("text", "(planned) Premiere"), ("md", "(planned) **Premiere**")):
        out = io.StringIO(newline="")
        export(demo, format_name, make_options(demo), out)
        assert out.getvalue().count(expected) == 1
    out = io.StringIO(newline="")
    export(demo, "ics", make_options(demo), out)
    assert "SUMMARY:(planned) Premiere\r\n" in out.getvalue()


# -- the CSV keeps disputes and plans, like every other format ---------------------------------


def test_csv_keeps_every_dispute() -> None:
    handover = CSV_ROWS["shkaplerov-command"]["disputes"]
    assert "Saturday 6 Nov 2021 (Roscosmos tweet) (2021-11-06)" in handover
    # UTC shows the date alone; Brussels is at 9 November when UTC's 8 November ends.
    assert "8 Nov 2021 (2021-11-08 / 2021-11-08 UTC (+00:00))" in handover
    training = CSV_ROWS["training-starts"]["disputes"]
    for day in ("2021-05-24", "2021-05-26", "2021-06-01"):
        assert f"({day})" in training
    landing = CSV_ROWS["ms19-landing"]["disputes"]
    for second in ("13:28:04", "13:28:03", "13:28:26"):
        assert f"2022-03-30 {second} CEST (+02:00)" in landing
    assert "11:28:26 UTC (+00:00)" in landing  # the second zone of the export


def test_csv_shows_the_plan_in_every_zone() -> None:
    docking = CSV_ROWS["docking"]
    assert docking["planned UTC"] == "2021-10-05 12:12:00.000"
    assert docking["planned UTC offset"] == "UTC (+00:00)"
    assert docking["planned Europe/Brussels"] == "2021-10-05 14:12:00.000"
    assert docking["planned Europe/Brussels offset"] == "CEST (+02:00)"
    assert docking["delay"] == "0h 10m late"
    closure = CSV_ROWS["ms19-hatch-close"]
    assert closure["planned Europe/Brussels"] == "2022-03-30 06:00:00.000"
    assert closure["delay"] == ""


def test_text_and_markdown_show_the_plan_in_every_zone() -> None:
    phrase = "planned 2021-10-05 12:12 UTC (+00:00) / 2021-10-05 14:12 CEST (+02:00), 0h 10m late"
    assert phrase in text_block(event("docking"))
    assert phrase in markdown_row(event("docking"))


# -- a reader never meets "the seed" or "the fact sheet" ----------------------------------------

_COMPILING = re.compile(r"\bseed\b|fact sheet", re.IGNORECASE)


def test_the_mission_text_never_speaks_of_how_it_was_compiled() -> None:
    texts = [TEXT, MARKDOWN, render("csv"), render("ics"), render("json")]
    texts += [pane(shown) for shown in MISSION.events]
    texts += [crew_pane(person) for person in MISSION.people]
    for text in texts:
        assert _COMPILING.search(text) is None, _COMPILING.search(text)
    assert "HLN (Belgium)" in TEXT  # the source, as a reader knows it


def test_the_facts_kept_their_sources_named() -> None:
    assert "HLN (5 Oct 2021) says Peresild started training" in pane(event("training-starts"))
    assert "as HLN says" in pane(event("launch"))


# -- Expedition 66 begins at the MS-18 undocking ---------------------------------------------


def _section(text: str, heading: str, next_heading: str) -> str:
    return text.split(heading)[1].split(next_heading)[0]


def test_expedition_66_begins_at_the_ms18_undocking_in_the_exports() -> None:
    section = _section(TEXT, "\nExpedition 66\n-------------\n", "\nReturn\n------\n")
    assert section.startswith("from 2021-10-17 01:14 UTC (+00:00) to 2022-03-30 07:21:03 UTC")
    for event_id in ("ms18-undocking", "crew-swap", "ms18-deorbit", "ms18-landing"):
        assert event(event_id).title in section
    before = _section(TEXT, "\nFilm crew aboard\n", "\nExpedition 66\n")
    assert event("ms18-hatch-close").title in before
    assert event("ms18-undocking").title not in before
    assert event("ms18-landing").title not in before
    markdown = _section(MARKDOWN, "\n## Expedition 66\n", "\n## Return\n")
    assert event("ms18-undocking").title in markdown
    assert CSV_ROWS["ms18-undocking"]["phase"] == "Expedition 66"
    assert "Phase: Expedition 66\n" in pane(event("ms18-undocking"))


def test_every_event_is_inside_its_phase_and_no_other() -> None:
    """An event lies inside its own phase's span, and inside another's only at the boundary
    the two share (the undocking that opens Expedition 66 also ends the film crew's stay)."""
    for shown in MISSION.events:
        when = shown.when.instant
        phase = MISSION.phase_by_id[shown.phase or ""]
        assert phase.start.instant <= when <= phase.end.instant, shown.id
        for other in MISSION.phases:
            if other is not phase and other.start.instant <= when <= other.end.instant:
                assert when in (other.start.instant, other.end.instant), (shown.id, other.id)
    by_id = MISSION.phase_by_id
    undocking = event("ms18-undocking").when
    assert by_id["expedition-66"].start == undocking == by_id["film-crew-aboard"].end
    assert by_id["return"].start == event("ms19-undocking").when == by_id["expedition-66"].end
    assert by_id["return"].end == event("ms19-landing").when
    assert by_id["launch-docking"].end == event("hatch-open").when


def test_durations_in_the_data_are_what_the_times_give() -> None:
    """Expedition 66 (check 16) as its phase's span."""
    phase = MISSION.phase_by_id["expedition-66"]
    assert between(phase.start, phase.end).text == "164d 06h 07m"
    assert parse_duration("P164DT6H7M") == between(phase.start, phase.end).rounded()
