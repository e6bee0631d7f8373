"""Lanes, bands and the span of the bundled mission (times from the fact sheet,
/work/shared/facts/soyuz-ms-19.md)."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from itertools import pairwise

from hypothesis import example, given
from hypothesis import strategies as st
from msgspec.structs import force_setattr

from data.axis.lanes import Lane, LaneKind, bands, bars, lanes, span, stay_bounds
from data.axis.scale import Scale
from data.facts.stays import Stay, StayState
from data.model import Mission
from data.times.parse import Precision, When
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


# -- bars ----------------------------------------------------------------------------------


def when(instant: float) -> When:
    moment = datetime.fromtimestamp(instant, UTC)
    return When(moment, Precision.SECOND, None, None, False, moment.isoformat())


def lane_of(bounds: list[float]) -> Lane:
    """A lane of stays between successive bounds, alternately in flight and docked."""
    states = [StayState.FLIGHT, StayState.DOCKED]
    stays = tuple(
        Stay(states[i % 2], when(a), when(b), f"e{i}", f"e{i + 1}", "x", "x")
        for i, (a, b) in enumerate(pairwise(bounds))
    )
    return Lane(LaneKind.VEHICLE, "x", "X", stays)


class Counted(tuple[object, ...]):
    """A tuple that counts how many of its items are read."""

    reads = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        Counted.reads += 1
        return super().__getitem__(index)


def test_ms18_bars_over_the_whole_mission(bundled: Mission) -> None:
    start, end = span(bundled)
    scale = Scale.fit(start, end, 200)
    found = bars(by_id(bundled)["soyuz-ms-18"], scale, 200, end)
    assert [bar.stay.label for bar in found] == [
        "in flight",
        "Rassvet",
        "in flight",
        "Nauka",
        "in flight",
    ]
    assert found[0].start == scale.column(utc("2021-04-09T07:42:41"))  # the launch's unit
    assert found[2].start == scale.column(utc("2021-09-28T12:21"))  # the hop, under a unit
    assert all(bar.end == after.start for bar, after in pairwise(found))


def test_an_open_stay_runs_to_the_width(bundled: Mission) -> None:
    end = span(bundled)[1]
    scale = Scale.fit(utc("2022-03-01T00:00"), utc("2022-04-01T00:00"), 100)
    found = bars(by_id(bundled)["prichal"], scale, 100, end)
    assert [(bar.start, bar.end) for bar in found] == [(0, 100)]


@example(bounds=[0.0, 5.639278429876814e-95], start=-1.00001, per_unit=1.00001, width=2)
@given(
    st.lists(st.floats(min_value=0, max_value=1e7), min_size=2, max_size=60, unique=True),
    st.floats(min_value=-1e6, max_value=1e7),
    st.floats(min_value=1.0, max_value=1e5),
    st.integers(min_value=1, max_value=300),
)
def test_bars_are_in_order_never_overlap_and_show_what_holds_each_unit(
    bounds: list[float], start: float, per_unit: float, width: int
) -> None:
    lane = lane_of(sorted(bounds))
    scale = Scale(start, per_unit)
    found = bars(lane, scale, width, 1e7)
    for bar, after in pairwise(found):
        assert bar.end <= after.start
    for bar in found:  # each bar shows a stay that falls in its units
        assert 0 <= bar.start < bar.end <= width
        low, high = stay_bounds(bar.stay, 1e7)
        # A stay of no length (two events at one instant; here two bounds closer than a
        # datetime's microsecond) is a point: it shows in the unit that holds it.
        reaches = high > scale.instant(bar.start) or low == high >= scale.instant(bar.start)
        assert low < scale.instant(bar.end) and reaches
    assert len({id(bar.stay) for bar in found}) == len(found)  # each stay once
    covered = {unit for bar in found for unit in range(bar.start, bar.end)}
    for unit in range(width):  # a unit whose start a stay holds is drawn
        instant = scale.instant(unit)
        if any(low <= instant < high for low, high in (stay_bounds(s, 1e7) for s in lane.stays)):
            assert unit in covered


def test_bars_search_the_stays() -> None:
    bounds = [1e9 + 60.0 * i for i in range(100_001)]
    lane = lane_of(bounds)
    counted = Lane(lane.kind, lane.id, lane.name, Counted(lane.stays))  # type: ignore[arg-type]
    force_setattr(counted, "starts", Counted(lane.starts))  # a Lane works them out itself
    scale = Scale.fit(bounds[0], bounds[-1], 200)
    Counted.reads = 0
    found = bars(counted, scale, 200, bounds[-1])
    assert [bar.start for bar in found] == list(range(200))
    assert Counted.reads <= 200 * (math.ceil(math.log2(100_000)) + 6)
