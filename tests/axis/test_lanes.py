"""Lanes, bands and the span of the bundled mission (times from the fact sheet,
/work/shared/facts/soyuz-ms-19.md)."""

from __future__ import annotations

from data.axis.lanes import Lane, LaneKind, bands, lanes, span, stay_bounds
from data.facts.stays import StayState
from data.model import Mission
from tests.axis.conftest import SmallMission, event, utc


def by_id(mission: Mission) -> dict[str, Lane]:
    return {lane.id: lane for lane in lanes(mission)}


def test_people_who_flew_then_vehicles_that_moved(bundled: Mission) -> None:
    found = lanes(bundled)
    assert [(lane.kind, lane.id, lane.name) for lane in found] == [
        (LaneKind.PERSON, "shkaplerov", "Shkaplerov"),
        (LaneKind.PERSON, "peresild", "Peresild"),
        (LaneKind.PERSON, "shipenko", "Shipenko"),
        (LaneKind.PERSON, "novitskiy", "Novitskiy"),
        (LaneKind.PERSON, "dubrov", "Dubrov"),
        (LaneKind.PERSON, "vande-hei", "Vande Hei"),
        (LaneKind.VEHICLE, "soyuz-ms-19", "Soyuz MS-19"),
        (LaneKind.VEHICLE, "soyuz-ms-18", "Soyuz MS-18"),
        (LaneKind.VEHICLE, "soyuz-ms-21", "Soyuz MS-21"),
        (LaneKind.VEHICLE, "prichal", "Prichal"),
        (LaneKind.VEHICLE, "inspiration4", "Inspiration4"),
    ]


def test_the_lanes_tell_who_was_where(bundled: Mission) -> None:
    found = by_id(bundled)
    peresild = [(s.state, s.label) for s in found["peresild"].stays]
    assert peresild == [
        (StayState.FLIGHT, "Soyuz MS-19"),
        (StayState.STATION, "ISS"),
        (StayState.FLIGHT, "Soyuz MS-18"),
    ]
    assert [s.label for s in found["shkaplerov"].stays] == ["Soyuz MS-19", "ISS", "Soyuz MS-19"]
    assert [s.label for s in found["soyuz-ms-18"].stays if s.state is StayState.DOCKED] == [
        "Rassvet",
        "Nauka",
    ]
    assert [s.label for s in found["soyuz-ms-19"].stays if s.state is StayState.DOCKED] == [
        "Rassvet"
    ]
    assert [(s.state, s.label) for s in found["prichal"].stays] == [(StayState.DOCKED, "Nauka")]
    assert [s.state for s in found["inspiration4"].stays] == [StayState.FLIGHT]


def test_a_vehicle_without_state_events_has_no_lane(small: SmallMission) -> None:
    mission = small(event("dock", "docking", "2021-01-01T00:00Z", ["ship", "east", "station"]))
    assert [lane.id for lane in lanes(mission)] == ["ship"]


def test_phases_are_bands(bundled: Mission) -> None:
    found = {band.phase: band for band in bands(bundled)}
    assert [band.name for band in bands(bundled)] == [
        "Run-up",
        "Launch and docking",
        "Film crew aboard",
        "Expedition 66",
        "Return",
        "The film",
    ]
    # launch 08:55:02.442 UTC to hatch opening 11:00 EDT = 15:00 UTC
    assert found["launch-docking"].start == utc("2021-10-05T08:55:02.442")
    assert found["launch-docking"].end == utc("2021-10-05T15:00")
    # MS-18 undocking 01:14 UTC to MS-19 undocking 07:21:03 UTC
    assert (found["expedition-66"].start, found["expedition-66"].end) == (
        utc("2021-10-17T01:14"),
        utc("2022-03-30T07:21:03"),
    )


def test_the_span_runs_from_the_first_to_the_last_date(bundled: Mission) -> None:
    # 5 May 2020 in New York and 20 Apr 2023 in Moscow, each placed at its last second
    assert span(bundled) == (utc("2020-05-06T03:59:59"), utc("2023-04-20T20:59:59"))


def test_an_open_stay_ends_at_the_mission_s_end(bundled: Mission) -> None:
    docked = by_id(bundled)["soyuz-ms-21"].stays[-1]
    end = span(bundled)[1]
    assert stay_bounds(docked, end) == (utc("2022-03-18T19:12"), end)
    flight = by_id(bundled)["soyuz-ms-21"].stays[0]
    assert stay_bounds(flight, end) == (utc("2022-03-18T15:55"), utc("2022-03-18T19:12"))
