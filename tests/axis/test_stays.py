"""Stays: where each person and vehicle was, checked against the fact sheet
(/work/shared/facts/soyuz-ms-19.md, sections 1 and 3) and on small missions for the rules of
docs/format.md ("Vehicle states"). The times here are copied from the fact sheet."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.facts.derived import whereabouts
from data.facts.stays import Stay, StayState, person_stays, short_name, stay_at, vehicle_stays
from data.model import Mission
from data.opening import load_mission
from tests.axis.conftest import HEADER, SmallMission, event, utc

FLIGHT, STATION, DOCKED = StayState.FLIGHT, StayState.STATION, StayState.DOCKED
LAUNCH = "2021-10-05T08:55:02.442"  # 1.1, 08:55:02.442 UTC
DOCKING = "2021-10-05T12:22:31"  # 1.6
MS18_LAUNCH, MS18_DOCKING = "2021-04-09T07:42:41", "2021-04-09T11:04:00"  # 3a
MS18_UNDOCK, MS18_LANDING = "2021-10-17T01:14:00", "2021-10-17T04:35:00"  # 3c (07:35 MSK)
MS19_UNDOCK, MS19_LANDING = "2022-03-30T07:21:03", "2022-03-30T11:28:00"  # 3c (14:28 MSK)


def spans(stays: tuple[Stay, ...]) -> list[tuple[StayState, str, float, float | None]]:
    return [
        (
            s.state,
            s.where,
            s.start.instant.timestamp(),
            None if s.end is None else s.end.instant.timestamp(),
        )
        for s in stays
    ]


def person(bundled: Mission, person_id: str) -> list[tuple[StayState, str, float, float | None]]:
    return spans(person_stays(bundled.person_by_id[person_id], bundled))


def vehicle(bundled: Mission, vehicle_id: str) -> list[tuple[StayState, str, float, float | None]]:
    return spans(vehicle_stays(bundled.vehicle_by_id[vehicle_id], bundled))


@pytest.mark.parametrize("person_id", ["peresild", "shipenko"])
def test_the_film_crew_went_up_on_ms19_and_came_down_on_ms18(
    bundled: Mission, person_id: str
) -> None:
    assert person(bundled, person_id) == [
        (FLIGHT, "soyuz-ms-19", utc(LAUNCH), utc(DOCKING)),
        (STATION, "iss", utc(DOCKING), utc(MS18_UNDOCK)),
        (FLIGHT, "soyuz-ms-18", utc(MS18_UNDOCK), utc(MS18_LANDING)),
    ]


def test_shkaplerov_flew_ms19_both_ways(bundled: Mission) -> None:
    assert person(bundled, "shkaplerov") == [
        (FLIGHT, "soyuz-ms-19", utc(LAUNCH), utc(DOCKING)),
        (STATION, "iss", utc(DOCKING), utc(MS19_UNDOCK)),
        (FLIGHT, "soyuz-ms-19", utc(MS19_UNDOCK), utc(MS19_LANDING)),
    ]


def test_novitskiy_flew_ms18_both_ways(bundled: Mission) -> None:
    assert person(bundled, "novitskiy") == [
        (FLIGHT, "soyuz-ms-18", utc(MS18_LAUNCH), utc(MS18_DOCKING)),
        (STATION, "iss", utc(MS18_DOCKING), utc(MS18_UNDOCK)),
        (FLIGHT, "soyuz-ms-18", utc(MS18_UNDOCK), utc(MS18_LANDING)),
    ]


@pytest.mark.parametrize("person_id", ["dubrov", "vande-hei"])
def test_dubrov_and_vande_hei_went_up_on_ms18_and_came_down_on_ms19(
    bundled: Mission, person_id: str
) -> None:
    assert person(bundled, person_id) == [
        (FLIGHT, "soyuz-ms-18", utc(MS18_LAUNCH), utc(MS18_DOCKING)),
        (STATION, "iss", utc(MS18_DOCKING), utc(MS19_UNDOCK)),
        (FLIGHT, "soyuz-ms-19", utc(MS19_UNDOCK), utc(MS19_LANDING)),
    ]


@pytest.mark.parametrize("person_id", ["artemyev", "mordovina", "dudin"])
def test_backups_have_no_stays(bundled: Mission, person_id: str) -> None:
    assert person(bundled, person_id) == []


def test_ms18_docked_at_rassvet_then_nauka(bundled: Mission) -> None:
    relocation, redocked = utc("2021-09-28T12:21:00"), utc("2021-09-28T13:04:00")  # 0.6
    assert vehicle(bundled, "soyuz-ms-18") == [
        (FLIGHT, "soyuz-ms-18", utc(MS18_LAUNCH), utc(MS18_DOCKING)),
        (DOCKED, "rassvet", utc(MS18_DOCKING), relocation),
        (FLIGHT, "soyuz-ms-18", relocation, redocked),
        (DOCKED, "nauka", redocked, utc(MS18_UNDOCK)),
        (FLIGHT, "soyuz-ms-18", utc(MS18_UNDOCK), utc(MS18_LANDING)),
    ]
    stays = vehicle_stays(bundled.vehicle_by_id["soyuz-ms-18"], bundled)
    assert [s.label for s in stays] == ["in flight", "Rassvet", "in flight", "Nauka", "in flight"]
    assert stays[2].start_event == stays[2].end_event == "ms18-relocation"


def test_ms19_docked_at_rassvet_for_the_whole_mission(bundled: Mission) -> None:
    assert vehicle(bundled, "soyuz-ms-19") == [
        (FLIGHT, "soyuz-ms-19", utc(LAUNCH), utc(DOCKING)),
        (DOCKED, "rassvet", utc(DOCKING), utc(MS19_UNDOCK)),
        (FLIGHT, "soyuz-ms-19", utc(MS19_UNDOCK), utc(MS19_LANDING)),
    ]


def test_ms21_docked_at_prichal_and_prichal_at_nauka(bundled: Mission) -> None:
    assert vehicle(bundled, "soyuz-ms-21") == [
        (FLIGHT, "soyuz-ms-21", utc("2022-03-18T15:55:00"), utc("2022-03-18T19:12:00")),
        (DOCKED, "prichal", utc("2022-03-18T19:12:00"), None),
    ]
    assert vehicle(bundled, "prichal") == [(DOCKED, "nauka", utc("2021-11-26T15:19:39"), None)]


def test_inspiration4_was_only_in_flight(bundled: Mission) -> None:
    assert vehicle(bundled, "inspiration4") == [
        (FLIGHT, "inspiration4", utc("2021-09-16T00:02:56"), utc("2021-09-18T23:06:00")),
    ]


@pytest.mark.parametrize(
    "vehicle_id", ["soyuz-2-1a", "iss", "rassvet", "nauka", "poisk", "crew-dragon"]
)
def test_a_vehicle_no_event_moves_has_no_stays(bundled: Mission, vehicle_id: str) -> None:
    assert vehicle(bundled, vehicle_id) == []


def test_whereabouts_changes_at_the_events_themselves(bundled: Mission) -> None:
    peresild = bundled.person_by_id["peresild"]
    docking = datetime.fromisoformat(DOCKING).replace(tzinfo=UTC)
    landing = datetime.fromisoformat(MS18_LANDING).replace(tzinfo=UTC)
    second = timedelta(seconds=1)
    assert whereabouts(peresild, bundled, docking - second).label == "aboard Soyuz MS-19"
    assert whereabouts(peresild, bundled, docking).label == "aboard International Space Station"
    assert whereabouts(peresild, bundled, landing - second).vehicle == "soyuz-ms-18"
    assert whereabouts(peresild, bundled, landing).label == "on the ground"


def test_stay_at_finds_the_stay_that_holds_an_instant(bundled: Mission) -> None:
    stays = person_stays(bundled.person_by_id["dubrov"], bundled)
    christmas = datetime(2021, 12, 25, tzinfo=UTC)
    assert stay_at(stays, christmas) is stays[1]
    assert stay_at(stays, datetime(2021, 1, 1, tzinfo=UTC)) is None


def test_short_names(bundled: Mission) -> None:
    names = {v.id: short_name(v) for v in bundled.vehicles}
    assert names["soyuz-ms-18"] == "Soyuz MS-18"
    assert names["rassvet"] == "Rassvet"
    assert names["iss"] == "ISS"
    assert names["crew-dragon"] == "SpaceX Crew Dragon"


# -- the rules, on small missions ----------------------------------------------------------


def test_the_launch_vehicle_is_never_the_one_moved(small: SmallMission) -> None:
    mission = small(
        event("up", "launch", "2021-01-01T00:00Z", ["rocket", "ship"]),
        event("down", "landing", "2021-01-02T00:00Z", ["ship"]),
    )
    assert vehicle(mission, "rocket") == []
    assert vehicle(mission, "ship") == [
        (FLIGHT, "ship", utc("2021-01-01T00:00"), utc("2021-01-02T00:00"))
    ]
    assert vehicle(mission, "idle") == []


def test_a_relocation_without_an_end_moves_the_vehicle_at_once(small: SmallMission) -> None:
    mission = small(
        event("dock", "docking", "2021-01-01T00:00Z", ["ship", "east", "station"]),
        event("move", "relocation", "2021-01-02T00:00Z", ["ship", "east", "west", "station"]),
    )
    assert vehicle(mission, "ship") == [
        (DOCKED, "east", utc("2021-01-01T00:00"), utc("2021-01-02T00:00")),
        (DOCKED, "west", utc("2021-01-02T00:00"), None),
    ]


def test_a_port_is_the_last_module_else_the_station_else_unnamed(small: SmallMission) -> None:
    mission = small(
        event("dock", "docking", "2021-01-01T00:00Z", ["ship", "station"]),
        event("undock", "undocking", "2021-01-02T00:00Z", ["ship", "station"]),
        event("dock-again", "docking", "2021-01-03T00:00Z", ["ship"]),
    )
    stays = vehicle_stays(mission.vehicle_by_id["ship"], mission)
    assert [(s.state, s.where, s.label) for s in stays] == [
        (DOCKED, "station", "ORS"),
        (FLIGHT, "ship", "in flight"),
        (DOCKED, "", "docked"),
    ]


def test_an_undocking_with_nothing_before_starts_a_flight(small: SmallMission) -> None:
    mission = small(
        event("undock", "undocking", "2021-01-02T00:00Z", ["ship", "west"]),
        event("land", "landing", "2021-01-02T03:00Z", ["ship"]),
    )
    assert vehicle(mission, "ship") == [
        (FLIGHT, "ship", utc("2021-01-02T00:00"), utc("2021-01-02T03:00"))
    ]
    assert short_name(mission.vehicle_by_id["ship"]) == "Ship"
    assert short_name(mission.vehicle_by_id["east"]) == "East"


# -- any sequence of moves -------------------------------------------------------------------

MOVES = st.lists(
    st.tuples(
        st.sampled_from(["launch", "docking", "relocation", "undocking", "landing"]),
        st.sampled_from(
            [
                ["ship"],
                ["rocket", "ship"],
                ["ship", "east"],
                ["ship", "east", "west"],
                ["ship", "station"],
                ["station", "ship", "west"],
            ]
        ),
        st.integers(min_value=1, max_value=5_000),  # minutes after the one before
        st.booleans(),  # a relocation with an end
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40)
@given(MOVES)
def test_any_sequence_of_moves_gives_ordered_stays(
    moves: list[tuple[str, list[str], int, bool]],
) -> None:
    minute, lines = 0, []
    for number, (kind, vehicles, after, ends) in enumerate(moves):
        minute += after
        at = f"{datetime.fromtimestamp(minute * 60, UTC):%Y-%m-%dT%H:%MZ}"
        end = f"{datetime.fromtimestamp((minute + 1) * 60, UTC):%Y-%m-%dT%H:%MZ}"
        lines.append(
            event(f"e{number}", kind, at, vehicles, end if kind == "relocation" and ends else "")
        )
        minute += 1
    with TemporaryDirectory() as folder:
        path = Path(folder) / "moves.toml"
        path.write_text(HEADER + "\n".join(lines), encoding="utf-8")
        mission = load_mission(path)
    stays = vehicle_stays(mission.vehicle_by_id["ship"], mission)
    assert vehicle_stays(mission.vehicle_by_id["idle"], mission) == ()
    for stay, after in pairwise(stays):
        assert stay.end is not None and stay.end.instant <= after.start.instant
    for stay in stays:
        assert stay.end is None or stay.start.instant < stay.end.instant
        if stay.state is FLIGHT:
            assert (stay.where, stay.label) == ("ship", "in flight")
        else:
            assert stay.state is DOCKED and stay.where in {"east", "west", "station", ""}
    assert all(stay.end is not None for stay in stays[:-1])
    landed = bool(moves) and moves[-1][0] == "landing"
    assert not landed or not stays or stays[-1].end is not None
