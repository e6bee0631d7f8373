"""The lanes of a time axis: one per person who flew and one per vehicle that moved, with
their stays, and the mission's phases as background bands."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from data.facts.stays import Stay, person_stays, short_name, short_person_name, vehicle_stays
from data.model import Mission


class LaneKind(StrEnum):
    PERSON = "person"
    VEHICLE = "vehicle"


@dataclass(frozen=True, slots=True)
class Lane:
    """A person's or a vehicle's stays, under a short name (`Shkaplerov`, `Soyuz MS-19`)."""

    kind: LaneKind
    id: str
    name: str
    stays: tuple[Stay, ...]


@dataclass(frozen=True, slots=True)
class Band:
    """A phase, from its start to its end (POSIX seconds), drawn behind the lanes."""

    phase: str
    name: str
    start: float
    end: float


def lanes(mission: Mission) -> tuple[Lane, ...]:
    """The people with stays, in the crew pane's order, then the vehicles with stays, in
    the mission's order. Someone who never flew and a vehicle no event moves have none."""
    people = (
        Lane(LaneKind.PERSON, person.id, short_person_name(person), stays)
        for person in mission.people
        if (stays := person_stays(person, mission))
    )
    vehicles = (
        Lane(LaneKind.VEHICLE, vehicle.id, short_name(vehicle), stays)
        for vehicle in mission.vehicles
        if (stays := vehicle_stays(vehicle, mission))
    )
    return (*people, *vehicles)


def bands(mission: Mission) -> tuple[Band, ...]:
    """The mission's phases as bands, in the mission's order."""
    return tuple(
        Band(phase.id, phase.name, phase.start.instant.timestamp(), phase.end.instant.timestamp())
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
