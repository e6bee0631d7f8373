"""The mission at the clock's moment: the events past, now and to come (to the precision the
source gives), the next event and its countdown, the last one and the time since, who is
where; on the bundled mission (times from /work/shared/facts/soyuz-ms-19.md, as in
data/missions/soyuz-ms-19.toml) and on a generated one with every precision and zone form."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.clock.facts import CrewStays, clock_facts, clock_text, from_event
from data.clock.position import EventState, next_to_come, position, state_of
from data.clock.reading import Reading, reading_at
from data.facts.derived import TimeMode, unit, whereabouts
from data.model import Mission
from data.opening import load_bundled, load_mission
from data.query.filters import parse_filter
from data.store import EventSequence
from data.times.parse import Precision
from tests.axis.conftest import HEADER
from tests.axis.conftest import event as event_table
from tests.clock.conftest import utc
from tests.generated import write_mission

SECOND, MINUTE = Precision.SECOND, Precision.MINUTE
PAST, NOW, TO_COME = EventState.PAST, EventState.NOW, EventState.TO_COME
BUNDLED = load_bundled()
CREW = CrewStays.of(BUNDLED)
MOSCOW = "Europe/Moscow"


def at(text: str, precision: Precision = SECOND) -> Reading:
    return reading_at(utc(text), precision)


def state(event_id: str, text: str, precision: Precision = SECOND) -> EventState:
    return state_of(BUNDLED.event_by_id[event_id].when, at(text, precision))


def countdown(event_id: str, text: str, precision: Precision = SECOND) -> str:
    return from_event(at(text, precision), BUNDLED.event_by_id[event_id].when)


# -- the bundled mission -----------------------------------------------------------------------


def test_five_minutes_before_launch() -> None:
    """At 08:50 UTC the next event is the launch, 08:55:02.442 UTC (11:55:02.442 MSK)."""
    anchor = BUNDLED.reference_event
    facts = clock_facts(BUNDLED.events, at("2021-10-05T08:50:00"), MOSCOW, TimeMode.T_MINUS, anchor)
    assert facts.next is not None and facts.next.id == "launch"
    assert facts.countdown == "T-00:05:02"
    assert facts.text == "T-00:05:02"  # the anchor is the launch
    assert facts.last is not None and facts.last.id == "pesquet-command"  # 2021-10-04[UTC]
    assert facts.since == "T+1d"
    later = clock_facts(BUNDLED.events, at("2021-10-05T08:50:03"), MOSCOW, TimeMode.MET, anchor)
    assert (later.countdown, later.text) == ("T-00:04:59", "-000/00:04:59")


@pytest.mark.parametrize(
    ("mode", "zone", "text"),
    [
        (TimeMode.ABSOLUTE, MOSCOW, "2021-10-05 11:50:00 MSK"),
        (TimeMode.ABSOLUTE, "UTC", "2021-10-05 08:50:00 UTC"),
        (TimeMode.ABSOLUTE, "stated", "2021-10-05 08:50:00 UTC"),
        (TimeMode.T_MINUS, MOSCOW, "T-00:05:02"),
        (TimeMode.MET, MOSCOW, "-000/00:05:02"),
        (TimeMode.FLIGHT_DAY, MOSCOW, "FD1"),
    ],
)
def test_the_clock_in_each_zone_and_mode(mode: TimeMode, zone: str, text: str) -> None:
    reading = at("2021-10-05T08:50:00")
    assert clock_text(reading, zone, mode, BUNDLED.reference_event) == text


def test_the_clock_shown_to_the_minute_counts_minutes() -> None:
    reading = at("2021-10-05T08:50:40", MINUTE)
    assert clock_text(reading, MOSCOW, TimeMode.ABSOLUTE, None) == "2021-10-05 11:50 MSK"
    assert clock_text(reading, MOSCOW, TimeMode.T_MINUS, BUNDLED.reference_event) == "T-00:05"
    assert countdown("launch", "2021-10-05T08:50:40", MINUTE) == "T-00:05"
    # Without an anchor a relative mode shows the absolute time.
    assert clock_text(reading, "UTC", TimeMode.MET, None) == "2021-10-05 08:50 UTC"


def test_the_launch_second() -> None:
    """The launch (08:55:02.442) is now while the clock shows 08:55:02, past from 08:55:03."""
    assert state("launch", "2021-10-05T08:55:01") is TO_COME
    assert countdown("launch", "2021-10-05T08:55:01") == "T-00:00:01"
    assert state("launch", "2021-10-05T08:55:02") is NOW
    assert countdown("launch", "2021-10-05T08:55:02") == "T+00:00:00"
    assert state("launch", "2021-10-05T08:55:03") is PAST
    assert state("launch", "2021-10-05T08:55:30", MINUTE) is NOW


def test_a_time_known_to_the_minute_is_now_all_that_minute() -> None:
    """The manual docking (~12:12 UTC) is now from 12:12:00 to 12:12:59, past from 12:13:00;
    its time is approximate, so its count says so (`~`)."""
    assert state("manual-docking", "2021-10-05T12:11:59") is TO_COME
    assert countdown("manual-docking", "2021-10-05T12:11:59") == "~T-00:01"
    for second in ("00", "30", "59"):
        assert state("manual-docking", f"2021-10-05T12:12:{second}") is NOW
        assert countdown("manual-docking", f"2021-10-05T12:12:{second}") == "~T+00:00"
    assert state("manual-docking", "2021-10-05T12:13:00") is PAST
    assert countdown("manual-docking", "2021-10-05T12:13:00") == "~T+00:01"


def test_a_countdown_to_a_minute_has_no_seconds() -> None:
    """MS-18 landed at 07:35 MSK, known to the minute (04:35 UTC): its countdown counts
    minutes, never a second the source does not give."""
    facts = clock_facts(BUNDLED.events, at("2021-10-17T04:30:10"), "UTC", TimeMode.ABSOLUTE, None)
    assert facts.next is not None and facts.next.id == "ms18-landing"
    assert facts.countdown == "T-00:05"
    assert facts.last is not None and facts.last.id == "ms18-deorbit"  # 06:41:46 MSK, planned
    assert facts.since == "T+00:48:24"


def test_a_date_is_now_all_day_in_its_zone() -> None:
    """The welcome ceremony is known to the day in New York: 04:00 UTC to 04:00 UTC."""
    assert state("welcome-ceremony", "2021-10-05T03:59:59") is TO_COME
    assert countdown("welcome-ceremony", "2021-10-05T03:59:59") == "T-1d"
    assert state("welcome-ceremony", "2021-10-05T04:00:00") is NOW
    assert countdown("welcome-ceremony", "2021-10-05T15:00:00") == "T+0d"
    assert state("welcome-ceremony", "2021-10-06T03:59:59") is NOW
    assert state("welcome-ceremony", "2021-10-06T04:00:00") is PAST
    assert countdown("welcome-ceremony", "2021-10-06T04:00:00") == "T+1d"


def test_a_month_is_counted_in_months() -> None:
    assert state("casting-opens", "2020-11-15T00:00:00") is NOW
    assert countdown("casting-opens", "2020-11-15T00:00:00") == "T+0mo"
    assert countdown("casting-opens", "2020-10-15T00:00:00") == "T-1mo"
    assert state("casting-opens", "2020-12-15T00:00:00") is PAST


def test_the_next_event_skips_a_day_that_has_begun() -> None:
    """At 15:00 UTC on launch day the filming (5 Oct in Moscow) and the welcome ceremony
    (5 Oct in New York) are now, though the list places them later: the next to come is
    Novitskiy's birthday, a week on."""
    facts = clock_facts(BUNDLED.events, at("2021-10-05T15:00:00"), "UTC", TimeMode.ABSOLUTE, None)
    assert facts.last is not None and facts.last.id == "hatch-open"  # 11:00 EDT: now
    assert facts.since == "T+00:00"
    assert facts.next is not None and facts.next.id == "novitskiy-birthday"
    assert facts.countdown == "T-7d"
    events = BUNDLED.events
    reached = facts.position.reached
    assert [state_of(events[i].when, facts.reading) for i in (reached, reached + 1)] == [NOW, NOW]


def test_the_end_of_the_mission() -> None:
    facts = clock_facts(BUNDLED.events, at("2024-01-01T00:00:00"), "UTC", TimeMode.ABSOLUTE, None)
    assert facts.next is None and facts.countdown == ""
    assert facts.position.past == len(BUNDLED.events)
    assert facts.last is not None and facts.last.id == "release"


def test_before_the_first_event() -> None:
    facts = clock_facts(BUNDLED.events, at("2020-01-01T00:00:00"), "UTC", TimeMode.ABSOLUTE, None)
    assert facts.last is None and facts.since == ""
    assert facts.position.past == 0 and facts.position.reached == 0
    assert facts.next is not None and facts.next.id == "cruise-announcement"


def test_the_events_reached_between_two_readings() -> None:
    before = position(BUNDLED.events, at("2021-10-05T08:50:00"))
    after = position(BUNDLED.events, at("2021-10-05T12:30:00"))
    reached = [BUNDLED.events[i].id for i in after.passed_since(before)]
    assert reached == ["launch", "orbit-insertion", "comms-dropout", "manual-docking", "docking"]
    assert list(before.passed_since(after)) == []  # the clock went back


def test_a_filtered_view() -> None:
    """On a filter's view the indexes are the view's, and only its events count."""
    view = parse_filter("kind:docking,launch", BUNDLED).apply(BUNDLED.events)
    facts = clock_facts(view, at("2021-10-05T09:00:00"), "UTC", TimeMode.ABSOLUTE, None)
    assert facts.last is not None and facts.last.id == "launch"
    assert facts.next is not None and facts.next.id == "docking"
    assert facts.countdown == "T-03:22:31"
    assert_position_exact(view, at("2021-10-05T09:00:00"), units_of(view))


@pytest.mark.parametrize(
    ("text", "aboard", "shkaplerov"),
    [
        ("2021-10-05T08:55:01", 3, "on the ground"),
        ("2021-10-05T08:55:02", 6, "aboard Soyuz MS-19"),  # the launch second: launched
        ("2021-10-05T12:22:31", 6, "aboard International Space Station"),  # docked
        ("2022-03-20T00:00:00", 3, "aboard International Space Station"),  # MS-18 gone home
        ("2022-03-30T12:00:00", 0, "on the ground"),  # landed 11:28 UTC
    ],
)
def test_who_is_where(text: str, aboard: int, shkaplerov: str) -> None:
    crew = CREW.at(at(text))
    where = {person.id: place.label for person, place in crew.where}
    assert len(crew.aboard) == aboard
    assert where["shkaplerov"] == shkaplerov
    assert len(crew.where) == len(BUNDLED.people)


def test_the_past_is_not_always_the_first_events(tmp_path: Path) -> None:
    """A minute known to the minute is now all that minute, while a second after it in the
    list is past already; the position says so without scanning."""
    path = tmp_path / "small.toml"
    path.write_text(
        HEADER
        + event_table("minute", "milestone", "2021-10-05T12:12Z", [])
        + event_table("second", "milestone", "2021-10-05T12:12:30Z", [])
        + event_table("next", "milestone", "2021-10-05T12:14:00.250Z", []),
        encoding="utf-8",
    )
    events = load_mission(path).events
    reading = at("2021-10-05T12:12:40")
    found = position(events, reading)
    assert [state_of(e.when, reading) for e in events] == [NOW, PAST, TO_COME]
    assert [found.is_past(i) for i in range(3)] == [False, True, False]
    assert (found.settled, found.frontier, found.reached, found.past) == (0, 2, 2, 1)
    assert next_to_come(events, found) == 2
    assert from_event(reading, events[2].when) == "T-00:01:20"
    assert_position_exact(events, reading, units_of(events))


def test_a_millisecond_is_an_instant(tmp_path: Path) -> None:
    """A time known to the millisecond has no unit to be now in: at a second's start it is
    past from that second on, as its count says (`relative` rounds the half second up)."""
    path = tmp_path / "small.toml"
    path.write_text(
        HEADER + event_table("exact", "milestone", "2021-10-05T12:12:30.000Z", []),
        encoding="utf-8",
    )
    events = load_mission(path).events
    when = events[0].when
    for text, expected, count in [
        ("2021-10-05T12:12:29", TO_COME, "T-00:00:01"),
        ("2021-10-05T12:12:30", PAST, "T+00:00:01"),
    ]:
        reading = at(text)
        assert (state_of(when, reading), from_event(reading, when)) == (expected, count)
        assert_position_exact(events, reading, units_of(events))
    assert state_of(when, at("2021-10-05T12:12:29", MINUTE)) is NOW


@given(st.data())
def test_the_crew_is_where_whereabouts_says(data: st.DataObject) -> None:
    """The stays worked out once give what `whereabouts` works out each time."""
    reading = reading_at(data.draw(moments(BUNDLED)), SECOND)
    expected = tuple((p, whereabouts(p, BUNDLED, reading.last)) for p in BUNDLED.people)
    assert CREW.at(reading).where == expected


# -- every event, every moment -----------------------------------------------------------------


Units = list[tuple[datetime, datetime, datetime]]
"""Each event's unit (its first instant, the first after it) and its instant."""


def units_of(events: EventSequence) -> Units:
    return [(*unit(event.when), event.when.instant) for event in events]


BUNDLED_UNITS = units_of(BUNDLED.events)


def assert_position_exact(events: EventSequence, reading: Reading, units: Units) -> None:
    """The bisections agree with a scan of every event's unit (`units`), by the rule said
    again here: past, the line, the next."""
    found = position(events, reading)
    states = [
        PAST if after <= reading.first else TO_COME if first >= reading.after else NOW
        for first, after, _ in units
    ]
    assert [found.is_past(i) for i in range(len(events))] == [s is PAST for s in states]
    assert found.past == states.count(PAST)
    line = sum(1 for _, _, instant in units if instant < reading.after)
    assert found.reached == line
    assert TO_COME not in states[:line]
    upcoming = next_to_come(events, found)
    if upcoming is None:
        assert set(states[line:]) <= {NOW}
    else:
        assert states[upcoming] is TO_COME and set(states[line:upcoming]) <= {NOW}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Mission:
    """A generated mission of 3000 events: every precision, zones, offsets, spans."""
    folder: Path = tmp_path_factory.mktemp("clock")
    return load_mission(write_mission(folder / "m.jsonl", 3_000, seed=16))


def moments(mission: Mission) -> st.SearchStrategy[float]:
    instants = mission.events.columns.instants
    return st.floats(instants[0] - 86_400 * 40, instants[-1] + 86_400 * 40)


def near_events(mission: Mission) -> st.SearchStrategy[float]:
    """Moments within a minute of an event's instant, or of its unit's ends, where the
    precision rules decide."""
    events = mission.events
    return st.builds(
        lambda index, end, offset: (
            (
                unit(events[index].when)[end].timestamp()
                if end < 2
                else events[index].when.instant.timestamp()
            )
            + offset
        ),
        st.integers(0, len(events) - 1),
        st.integers(0, 2),
        st.floats(-61, 61),
    )


@given(st.data())
def test_the_bisections_agree_with_a_scan(data: st.DataObject) -> None:
    moment = data.draw(st.one_of(moments(BUNDLED), near_events(BUNDLED)))
    precision = data.draw(st.sampled_from([SECOND, MINUTE]))
    assert_position_exact(BUNDLED.events, reading_at(moment, precision), BUNDLED_UNITS)


def test_the_bisections_agree_with_a_scan_on_a_generated_mission(generated: Mission) -> None:
    """Around every 25th event's unit: just before, at its start, in its last second."""
    events = generated.events
    units = units_of(events)
    for first, after, _ in units[::25]:
        for moment in (first.timestamp() - 30, first.timestamp(), after.timestamp() - 1):
            for precision in (SECOND, MINUTE):
                assert_position_exact(events, reading_at(moment, precision), units)


@given(st.data())
def test_the_past_only_grows(data: st.DataObject) -> None:
    first = data.draw(st.one_of(moments(BUNDLED), near_events(BUNDLED)))
    later = first + data.draw(st.floats(0, 86_400 * 3))
    precision = data.draw(st.sampled_from([SECOND, MINUTE]))
    before = position(BUNDLED.events, reading_at(first, precision))
    after = position(BUNDLED.events, reading_at(later, precision))
    size = len(BUNDLED.events)
    assert {i for i in range(size) if before.is_past(i)} <= {
        i for i in range(size) if after.is_past(i)
    }
    assert before.reached <= after.reached


def sign_state(text: str) -> EventState:
    """What a T-/T+ text says: to come (`T-`), now (`T+` and nothing but zeros), past."""
    words = text.removeprefix("~")
    if words.startswith("T-"):
        return TO_COME
    return NOW if not any(c in "123456789" for c in words) else PAST


@given(st.data())
def test_the_countdown_says_what_the_state_is(data: st.DataObject) -> None:
    """`T-` to come, `T+00:00` now, `T+` past, at the coarser precision, for every event
    known to a time of day or to a 24-hour day. (A month is counted by the clock's UTC month
    and a day of 23 or 25 hours in days of 24 (`relative`): within hours of their ends the
    two may differ by one.)"""
    mission = BUNDLED
    moment = data.draw(st.one_of(moments(mission), near_events(mission)))
    reading = reading_at(moment, data.draw(st.sampled_from([SECOND, MINUTE])))
    for event in mission.events:
        first, after = unit(event.when)
        if event.when.precision is Precision.MONTH or (
            event.when.is_date and (after - first).total_seconds() != 86_400
        ):
            continue
        assert sign_state(from_event(reading, event.when)) is state_of(event.when, reading)
