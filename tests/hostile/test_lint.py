"""The lint rules of `mission-timeline check`, one test (or more) each, with their severity."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hostile_helpers import BASE, Run, event, mission
from msgspec.structs import replace

from data.load.lint import PLAN_TOLERANCE, earliest, latest, lint
from data.load.references import check_references
from data.opening import BUNDLED_MISSION, MissionDataError, check_file, load_mission
from data.problems import Severity
from data.times.parse import parse_when


def _problems(write: Callable[..., Path], data: dict[str, Any]) -> list[str]:
    result = check_file(write("m.json", data))
    return [f"{p.severity}: {p.path}: {p.message}" for p in result.problems]


def test_base_mission_is_clean(write: Callable[..., Path]) -> None:
    assert _problems(write, BASE) == []


def test_bundled_mission_checks_clean(cli: Callable[..., Run]) -> None:
    run = cli("check", BUNDLED_MISSION)
    assert run.code == 0
    assert run.lines[-1].startswith("checked 1 file: 0 errors")


@pytest.mark.parametrize("list_name", ["sources", "places", "vehicles", "phases", "people"])
def test_duplicate_ids(write: Callable[..., Path], list_name: str) -> None:
    data = mission()
    data[list_name].append(copy.deepcopy(data[list_name][0]))
    index = len(data[list_name]) - 1
    first = data[list_name][0]["id"]
    assert _problems(write, data) == [
        f"error: {list_name}[{index}].id: duplicate id '{first}' (first at {list_name}[0])"
    ]


@pytest.mark.parametrize(
    ("field", "value", "path", "what"),
    [
        ("people", ["nobody"], "events[0].people[0]", "person"),
        ("vehicles", ["capsule", "balloon"], "events[0].vehicles[1]", "vehicle"),
        ("place", "moon", "events[0].place", "place"),
        ("phase", "cruise", "events[0].phase", "phase"),
        ("sources", ["rumour"], "events[0].sources[0]", "source"),
    ],
)
def test_unknown_references(
    write: Callable[..., Path], field: str, value: Any, path: str, what: str
) -> None:
    unknown = value[-1] if isinstance(value, list) else value
    assert _problems(write, event(0, **{field: value})) == [
        f"error: {path}: unknown {what} '{unknown}'"
    ]


def test_unknown_references_in_flights_and_mission(write: Callable[..., Path]) -> None:
    data = mission()
    data["people"][0]["flights"][0]["station"] = "mir"
    data["people"][0]["flights"][0]["landing"] = "splashdown"
    data["mission"]["reference"] = "liftoff"
    assert _problems(write, data) == [
        "error: mission.reference: unknown event 'liftoff'",
        "error: people[0].flights[0].landing: unknown event 'splashdown'",
        "error: people[0].flights[0].station: unknown vehicle 'mir'",
    ]  # in the order of the file


def test_event_outside_its_phase_is_a_warning(write: Callable[..., Path]) -> None:
    data = event(2, phase="ascent")  # undocking on 17 October; ascent ends on 5 October
    assert _problems(write, data) == [
        "warning: events[2].phase: 2021-10-17T00:14Z is outside its phase 'ascent' "
        "(2021-10-05T08:00Z to 2021-10-05T13:00Z)"
    ]
    path = write("m.json", data)
    assert load_mission(path).event_by_id["undocking"].phase == "ascent"  # warnings load


def test_event_at_the_edge_of_its_phase_by_precision_is_inside(write: Callable[..., Path]) -> None:
    # A day-precision event is the whole day: it overlaps a phase that starts at 08:00 that day.
    assert _problems(write, event(0, at="2021-10-05[Asia/Qyzylorda]")) == []
    # The end minute of a phase includes that minute.
    assert _problems(write, event(1, at="2021-10-05T13:00:30Z", planned=None)) == []


def test_event_ending_before_it_starts(write: Callable[..., Path]) -> None:
    assert _problems(write, event(2, end="2021-10-17T00:13Z")) == [
        "error: events[2].end: ends (2021-10-17T00:13Z) before it starts (2021-10-17T00:14Z)"
    ]
    assert _problems(write, event(2, end="2021-10-17T00:14Z")) == []  # within the same minute


def test_phase_ending_before_it_starts(write: Callable[..., Path]) -> None:
    data = mission()
    data["phases"][1]["end"] = "2021-10-04[UTC]"
    problems = _problems(write, data)
    assert problems[0] == (
        "error: phases[1].end: phase 'stay' ends (2021-10-04[UTC]) before it starts "
        "(2021-10-05T13:00Z)"
    )


def test_landing_before_its_launch(write: Callable[..., Path]) -> None:
    data = event(3, at="2021-10-05T08:00Z", phase="ascent")
    assert _problems(write, data) == [
        "error: people[0].flights[0].landing: landing 'landing' (2021-10-05T08:00Z) is before "
        "undocking 'undocking' (2021-10-17T00:14Z)"
    ]
    data = mission()
    flight = data["people"][0]["flights"][0]
    del flight["docking"], flight["undocking"], flight["station"]
    data = event(3, data, at="2021-10-05T08:00Z", phase="ascent")
    assert _problems(write, data) == [
        "error: people[0].flights[0].landing: landing 'landing' (2021-10-05T08:00Z) is before "
        "launch 'launch' (2021-10-05T13:55:02+05:00[Asia/Qyzylorda])"
    ]
    with pytest.raises(MissionDataError, match="is before launch"):
        load_mission(write("m.json", data))


def test_same_day_stages_written_as_dates_are_not_out_of_order(write: Callable[..., Path]) -> None:
    # Docking written as a date (00:00 UTC that day) is not "before" a launch at 08:55 UTC.
    assert _problems(write, event(1, at="2021-10-05[UTC]", planned=None)) == []


def test_person_aboard_two_vehicles_at_once(write: Callable[..., Path]) -> None:
    data = mission()
    data["vehicles"].append({"id": "shuttle", "name": "Shuttle", "kind": "spacecraft"})
    data["events"] += [
        {"id": "l2", "title": "Second launch", "kind": "launch", "at": "2021-10-10T00:00Z"},
        {"id": "d2", "title": "Second landing", "kind": "landing", "at": "2021-10-20T00:00Z"},
    ]
    data["people"][0]["flights"].append(
        {"up": "shuttle", "down": "shuttle", "launch": "l2", "landing": "d2"}
    )
    assert _problems(write, data) == [
        "error: people[0].flights[1]: aboard two vehicles at once: this flight launches "
        "(2021-10-10T00:00Z) before the flight at people[0].flights[0] lands "
        "(~2021-10-17T04:36Z)"
    ]
    data["events"][-2]["at"] = "2021-10-18T00:00Z"  # after the first landing: fine
    assert _problems(write, data) == []


def test_planned_and_actual_far_apart_is_a_warning(write: Callable[..., Path]) -> None:
    data = event(1, planned="2021-08-01T12:12Z")
    assert _problems(write, data) == [
        "warning: events[1].planned: planned (2021-08-01T12:12Z) and actual "
        "(2021-10-05T12:22:31Z) times are 65 days apart (more than 30); is the plan stale?"
    ]
    within = parse_when("2021-10-05T12:22:31Z").instant - PLAN_TOLERANCE
    ok = event(1, planned=within.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert _problems(write, ok) == []


def test_time_without_zone_or_offset(write: Callable[..., Path]) -> None:
    data = mission()
    data["phases"][0]["start"] = "2021-10-05T08:00"
    assert _problems(write, data) == [
        "error: phases[0].start: '2021-10-05T08:00': a time needs an offset (Z, +03:00) or a [Zone]"
    ]


def test_unknown_iana_zone(write: Callable[..., Path]) -> None:
    data = mission()
    data["places"][0]["zone"] = "Asia/Baikonur"
    assert _problems(write, data) == ["error: places[0].zone: unknown IANA zone 'Asia/Baikonur'"]


def test_warnings_exit_zero_and_are_labelled(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    path = write("m.json", event(2, phase="ascent"))
    run = cli("check", path)
    assert run.code == 0
    assert run.lines[0].startswith(f"{path}:")
    assert ": events[2].phase: warning: " in run.lines[0]
    assert run.lines[-1] == "checked 1 file: 0 errors, 1 warning"


def test_check_functions_work_on_a_mission_built_in_code() -> None:
    loaded = load_mission(BUNDLED_MISSION)
    events = (*loaded.events, loaded.events[0])
    problems = check_references(loaded, events, "code")
    assert problems[0].path == f"events[{len(events) - 1}].id"
    assert all(p.severity is Severity.ERROR for p in problems)
    assert check_references(loaded, tuple(loaded.events), "code") == []
    assert lint(loaded, tuple(loaded.events), "code") == []


def test_latest_of_a_month_is_the_next_month_in_its_zone() -> None:
    when = parse_when("2021-12[Europe/Moscow]")
    assert latest(when).isoformat() == "2021-12-31T21:00:00+00:00"


@pytest.mark.parametrize("text", ["2021-10-05[Asia/Qyzylorda]", "2021-03[America/New_York]"])
def test_date_intervals_do_not_depend_on_where_a_date_is_placed(text: str) -> None:
    """Whether the parser puts a date at its first or its last second, the rules see the same
    day (or month)."""
    when = parse_when(text)
    first = replace(when, instant=earliest(when))
    last = replace(when, instant=latest(when) - timedelta(seconds=1))
    assert (earliest(first), latest(first)) == (earliest(last), latest(last))
    assert latest(when) - earliest(when) >= timedelta(days=1)


def test_lint_runs_beside_schema_errors(write: Callable[..., Path]) -> None:
    data = event(0, title=5)  # a schema error in one record...
    data = event(2, data, phase="ascent")  # ...and a lint warning in another
    assert _problems(write, data) == [
        "error: events[0].title: expected a string, got an integer",
        "warning: events[2].phase: 2021-10-17T00:14Z is outside its phase 'ascent' "
        "(2021-10-05T08:00Z to 2021-10-05T13:00Z)",
    ]


def test_plan_distance_is_measured_between_intervals(write: Callable[..., Path]) -> None:
    # A plan for "October" is not 30 days away from an actual time early in October...
    assert _problems(write, event(1, planned="2021-10[Europe/Moscow]")) == []
    # ...but a plan for August is 34 days before 5 October, counted from the end of August.
    problems = _problems(write, event(1, planned="2021-08[UTC]"))
    assert len(problems) == 1 and "are 34 days apart" in problems[0]
