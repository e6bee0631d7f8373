"""Where each person and each vehicle was over time, as stays: the one source of the crew
pane's whereabouts, the time-axis lanes and the picture's lanes.

A person's stays come from their flights: in flight aboard the vehicle they went up in (launch
to docking), aboard the station (docking to undocking), in flight aboard the vehicle they came
down in (undocking to landing). On the ground is no stay.

A vehicle's stays come from the events that move it (docs/format.md, "Vehicle states"): a
launch, docking, relocation, undocking or landing whose *moved vehicle* is this one (the first
spacecraft or module the event names; a launch vehicle or a station is never moved). A launch
or an undocking puts it in flight, a docking docks it at the port, a relocation moves it to a
new port (the last module the event names; in flight between the relocation's `at` and its
`end`, when it has one), a landing ends its flight. A vehicle no such event moves has no stays.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

import msgspec

from data.facts.names import person_name
from data.i18n import N_, _
from data.model import Event, EventKind, Mission, Person, Vehicle, VehicleKind
from data.store import KIND_CODE
from data.times.parse import When


class StayState(StrEnum):
    """What a stay is: in flight aboard a vehicle, aboard the station, docked at a port."""

    FLIGHT = "in flight"
    STATION = "aboard the station"
    DOCKED = "docked"


class Stay(msgspec.Struct, frozen=True):
    """One stretch of time in one state, between the events that open and close it."""

    state: StayState
    start: When
    end: When | None
    """`None` while it lasts past the mission's last event (a vehicle still docked)."""
    start_event: str
    end_event: str | None
    where: str
    """The vehicle aboard (a person in flight; for a vehicle in flight, the vehicle itself),
    the station aboard, or a docked vehicle's port (a module, else the station the event
    names; empty if it names neither)."""
    label: str
    """Short, for a bar: `Soyuz MS-19`, `ISS`, `Rassvet`, `in flight` (`IN_FLIGHT`, and
    `DOCKED` at no known port, in the interface's language when the stays were made)."""

    def holds(self, instant: datetime) -> bool:
        """Whether `instant` falls in this stay (its start included, its end not)."""
        return self.start.instant <= instant and (self.end is None or instant < self.end.instant)


MOVING_KINDS = (
    EventKind.LAUNCH,
    EventKind.DOCKING,
    EventKind.RELOCATION,
    EventKind.UNDOCKING,
    EventKind.LANDING,
)
"""The kinds of event that change a vehicle's state."""
IN_FLIGHT = N_("in flight")
"""The label of a vehicle's own flight."""
DOCKED = N_("docked")
"""The label of a vehicle docked at no port the event names."""
_MOVABLE = (VehicleKind.SPACECRAFT, VehicleKind.MODULE)


def short_name(vehicle: Vehicle) -> str:
    """A vehicle's name for a bar: without a parenthesised or quoted addition (`Soyuz MS-18`,
    `Rassvet`); a station named in three or more capitalised words by their initials (`ISS`)."""
    name = vehicle.name
    for mark in (" (", ' "'):
        name = name.split(mark, 1)[0]
    words = name.split()
    capitalised = len(words) >= 3 and all(word[0].isupper() for word in words)
    if vehicle.kind is VehicleKind.STATION and capitalised:
        return "".join(word[0] for word in words)
    return name or vehicle.id


def short_person_name(person: Person) -> str:
    """A person's name for a lane, in the interface's language (`person_name`): without the
    first given name (`Shkaplerov`, `Vande Hei`; in Dutch `Sjkaplerov`)."""
    parts = person_name(person).split(maxsplit=1)
    return parts[-1] if parts else person.id


# -- people ------------------------------------------------------------------------------------


def person_stays(person: Person, mission: Mission) -> tuple[Stay, ...]:
    """A person's stays, in time order: up in a vehicle, aboard the station, down in one."""
    stays: list[Stay] = []
    for flight in person.flights:
        launch = mission.event_by_id[flight.launch]
        landing = mission.event_by_id[flight.landing]
        docked = mission.event_by_id[flight.docking] if flight.docking else landing
        undocked = mission.event_by_id[flight.undocking] if flight.undocking else landing
        stays.append(_aboard(mission, StayState.FLIGHT, flight.up, launch, docked))
        down_from = docked
        if flight.station is not None:
            stays.append(_aboard(mission, StayState.STATION, flight.station, docked, undocked))
            down_from = undocked
        stays.append(_aboard(mission, StayState.FLIGHT, flight.down, down_from, landing))
    return tuple(sorted(_lasting(stays), key=lambda stay: stay.start.instant))


def stay_at(stays: tuple[Stay, ...], instant: datetime) -> Stay | None:
    """The stay that holds `instant`, or `None` (on the ground, or not yet known)."""
    return next((stay for stay in stays if stay.holds(instant)), None)


def _aboard(mission: Mission, state: StayState, where: str, start: Event, end: Event) -> Stay:
    vehicle = mission.vehicle_by_id.get(where)
    label = short_name(vehicle) if vehicle is not None else where
    return Stay(state, start.when, end.when, start.id, end.id, where, label)


def _lasting(stays: list[Stay]) -> Iterator[Stay]:
    """The stays that last some time (a flight without a docking has no station stay)."""
    return (s for s in stays if s.end is None or s.start.instant < s.end.instant)


# -- vehicles ----------------------------------------------------------------------------------


def vehicle_stays(vehicle: Vehicle, mission: Mission) -> tuple[Stay, ...]:
    """A vehicle's stays, in time order, from the events that move it (see the module).
    A pass over all the moving events: for many vehicles, `every_vehicle_stays` once."""
    return every_vehicle_stays(mission).get(vehicle.id, ())


def every_vehicle_stays(mission: Mission) -> dict[str, tuple[Stay, ...]]:
    """The stays of every vehicle that some event moves, by vehicle id: one pass over the
    moving events, however many vehicles there are (each list of vehicles is read once)."""
    moved_by: dict[tuple[str, ...], str | None] = {}
    moves: dict[str, list[Event]] = {}
    for event in moving_events(mission):
        vehicles = event.vehicles
        if vehicles not in moved_by:
            moved_by[vehicles] = moved_vehicle(vehicles, mission)
        moved = moved_by[vehicles]
        if moved is not None:
            moves.setdefault(moved, []).append(event)
    ports = _Ports(mission)
    return {vehicle_id: _moved(vehicle_id, events, ports) for vehicle_id, events in moves.items()}


class _Opened(NamedTuple):
    """A stay not closed yet (a light tuple: a million-event mission opens 100,000)."""

    state: StayState
    start: When
    start_event: str
    where: str
    label: str

    def closed(self, end: When | None, end_event: str | None) -> Stay:
        """The stay, ended at `end` by `end_event` (`None`: still open)."""
        return Stay(
            self.state, self.start, end, self.start_event, end_event, self.where, self.label
        )


def _moved(vehicle_id: str, events: list[Event], ports: _Ports) -> tuple[Stay, ...]:
    """The stays of a vehicle from the events that move it, in time order."""
    stays: list[Stay] = []
    current: _Opened | None = None
    in_flight = _(IN_FLIGHT)
    for event in events:
        kind, when, end = event.kind, event.when, event.end
        if current is not None:
            stays.append(current.closed(when, event.id))
            current = None
        if kind is EventKind.LAUNCH or kind is EventKind.UNDOCKING:
            current = _Opened(StayState.FLIGHT, when, event.id, vehicle_id, in_flight)
        elif kind is EventKind.DOCKING or (kind is EventKind.RELOCATION and end is None):
            current = _Opened(StayState.DOCKED, when, event.id, *ports[event.vehicles])
        elif kind is EventKind.RELOCATION and end is not None:
            hop = _Opened(StayState.FLIGHT, when, event.id, vehicle_id, in_flight)
            stays.append(hop.closed(end, event.id))
            current = _Opened(StayState.DOCKED, end, event.id, *ports[event.vehicles])
    if current is not None:
        stays.append(current.closed(None, None))
    return tuple(_lasting(stays))


def moving_events(mission: Mission) -> Iterator[Event]:
    """The mission's launches, dockings, relocations, undockings and landings, in time order:
    found in the store's kind column (a search in C), only those events made."""
    kinds = mission.events.columns.kinds
    size = len(mission.events)
    found: list[int] = []
    for kind in MOVING_KINDS:
        code = KIND_CODE[kind]
        index = kinds.find(code, 0, size)
        while index >= 0:
            found.append(index)
            index = kinds.find(code, index + 1, size)
    return map(mission.events.make, sorted(found))


def moved_vehicle(vehicles: tuple[str, ...], mission: Mission) -> str | None:
    """The vehicle an event naming `vehicles` moves: the first spacecraft or module."""
    for vehicle_id in vehicles:
        vehicle = mission.vehicle_by_id.get(vehicle_id)
        if vehicle is not None and vehicle.kind in _MOVABLE:
            return vehicle_id
    return None


def port_of(vehicles: tuple[str, ...], mission: Mission) -> Vehicle | None:
    """Where an event naming `vehicles` docks the vehicle it moves: the last module named
    besides it (a relocation names the old port, then the new one), else the first station."""
    moved = moved_vehicle(vehicles, mission)
    named = [mission.vehicle_by_id[v] for v in vehicles if v in mission.vehicle_by_id]
    others = [vehicle for vehicle in named if vehicle.id != moved]
    modules = [vehicle for vehicle in others if vehicle.kind is VehicleKind.MODULE]
    if modules:
        return modules[-1]
    return next((v for v in others if v.kind is VehicleKind.STATION), None)


class _Ports(dict[tuple[str, ...], tuple[str, str]]):
    """The port (its id and short name; "" and `DOCKED` for none) of each list of vehicles
    an event names, worked out once per list."""

    def __init__(self, mission: Mission) -> None:
        super().__init__()
        self.mission = mission

    def __missing__(self, vehicles: tuple[str, ...]) -> tuple[str, str]:
        port = port_of(vehicles, self.mission)
        found = ("", _(DOCKED)) if port is None else (port.id, short_name(port))
        self[vehicles] = found
        return found
