"""The lanes of a time axis: one per person who flew and one per vehicle that moved, with
their stays, as bars in units; and the mission's phases as background bands."""

from __future__ import annotations

import math
from bisect import bisect_right
from enum import StrEnum
from typing import TYPE_CHECKING

import msgspec
from msgspec.structs import force_setattr

from data.facts.names import phase_name
from data.facts.stays import (
    Stay,
    every_vehicle_stays,
    person_stays,
    short_name,
    short_person_name,
)
from data.model import Mission

if TYPE_CHECKING:
    from data.axis.scale import Scale


class LaneKind(StrEnum):
    PERSON = "person"
    VEHICLE = "vehicle"


class Lane(msgspec.Struct, frozen=True):
    """A person's or a vehicle's stays, under a short name (`Shkaplerov`, `Soyuz MS-19`)."""

    kind: LaneKind
    id: str
    name: str
    stays: tuple[Stay, ...]
    starts: tuple[float, ...] = ()
    """The stays' start instants (POSIX seconds), searched by `bars`: worked out from
    `stays` as the lane is made (whatever is given)."""

    def __post_init__(self) -> None:
        force_setattr(self, "starts", tuple(stay.start.instant.timestamp() for stay in self.stays))


class Band(msgspec.Struct, frozen=True):
    """A phase, from its start to its end (POSIX seconds), drawn behind the lanes."""

    phase: str
    name: str
    start: float
    end: float


def lanes(mission: Mission) -> tuple[Lane, ...]:
    """The people with stays, in the crew pane's order, then the vehicles with stays, in
    the mission's order. Someone who never flew and a vehicle no event moves have none.
    Names and labels are in the interface's language at the time of the call."""
    # The flights' events are looked up in one pass over the ids, not one pass each.
    mission.events.positions(event for person in mission.people for event in person.flight_events)
    people = (
        Lane(LaneKind.PERSON, person.id, short_person_name(person), stays)
        for person in mission.people
        if (stays := person_stays(person, mission))
    )
    moved = every_vehicle_stays(mission)
    vehicles = (
        Lane(LaneKind.VEHICLE, vehicle.id, short_name(vehicle), moved[vehicle.id])
        for vehicle in mission.vehicles
        if moved.get(vehicle.id)
    )
    return (*people, *vehicles)


def bands(mission: Mission) -> tuple[Band, ...]:
    """The mission's phases as bands, in the mission's order, named in the interface's
    language (`phase_name`)."""
    return tuple(
        Band(
            phase.id,
            phase_name(phase),
            phase.start.instant.timestamp(),
            phase.end.instant.timestamp(),
        )
        for phase in mission.phases
    )


def span(mission: Mission) -> tuple[float, float]:
    """The first and last instants of the mission's events and phases (to fit it all);
    (0.0, 0.0) for a mission with neither."""
    instants = mission.events.columns.instants
    size = len(mission.events)
    edges = [instants[0], instants[size - 1]] if size else []
    for band in bands(mission):
        edges += [band.start, band.end]
    return (min(edges), max(edges)) if edges else (0.0, 0.0)


def stay_bounds(stay: Stay, mission_end: float) -> tuple[float, float]:
    """A stay's start and end instants (POSIX seconds); one still open ends at
    `mission_end`."""
    end = mission_end if stay.end is None else stay.end.instant.timestamp()
    return stay.start.instant.timestamp(), end


class Bar(msgspec.Struct, frozen=True):
    """A stay drawn on a lane, over the units `start` to `end` (excluded)."""

    start: int
    end: int
    stay: Stay


def bars(lane: Lane, scale: Scale, width: int, mission_end: float) -> tuple[Bar, ...]:
    """The bars of a lane in `width` units of `scale`, in order and never overlapping.

    A bar runs from the unit its stay's start falls in (or the unit after the bar before it)
    to the unit its end falls in, which it takes too unless the next stay starts there; at
    least one unit. So every unit whose start a stay holds is drawn, and a stay shorter than
    a unit (a 42-minute hop between two ports) still shows. Searched, not scanned: O(width x
    log stays) however many stays fall in view."""
    stays, starts = lane.stays, lane.starts
    found: list[Bar] = []
    unit, drawn = 0, -1
    while unit < width:
        instant = scale.instant(unit)
        index = bisect_right(starts, instant) - 1
        if index <= drawn or stay_bounds(stays[index], mission_end)[1] <= instant:
            index = max(index, drawn) + 1  # the next stay to begin
        if index >= len(stays):
            break
        start, end = stay_bounds(stays[index], mission_end)
        first = max(unit, scale.column(start))
        if first >= width:
            break
        last = scale.column(end)
        if index + 1 == len(stays) or scale.column(starts[index + 1]) > last:
            last = math.ceil(scale.at(end))  # the end's unit too: no stay starts there
        last = min(width, max(first + 1, last))
        found.append(Bar(first, last, stays[index]))
        unit, drawn = last, index
    return tuple(found)
