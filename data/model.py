"""The mission model: a `Mission` holds its records and its events, always in an event store.

The records themselves (`Event`, `Person`, `Phase`, ...) are defined in `data.records` and
named here too, so that `data.model` is the one place to import the model from.
"""

from __future__ import annotations

from functools import cached_property

import msgspec

from data.records import (
    Confidence,
    Dispute,
    Event,
    EventKind,
    Flight,
    MissionInfo,
    Names,
    Person,
    Phase,
    Place,
    Source,
    Stated,
    TimeInSpace,
    Vehicle,
    VehicleKind,
    Version,
)
from data.store import EventsById, EventStore

__all__ = [
    "Confidence",
    "Dispute",
    "Event",
    "EventKind",
    "Flight",
    "Mission",
    "MissionInfo",
    "Names",
    "Person",
    "Phase",
    "Place",
    "Source",
    "Stated",
    "TimeInSpace",
    "Vehicle",
    "VehicleKind",
    "Version",
]


class Mission(msgspec.Struct, frozen=True, dict=True):
    """A whole mission; its events are kept in the order of their instants, in a store.

    A msgspec `Struct` (made in C: a frozen dataclass's generated methods were compiled at
    start-up, about 3M instructions), with a `__dict__` for its cached lookups; a mission
    with other parts is made with `msgspec.structs.replace`."""

    info: MissionInfo
    events: EventStore
    sources: tuple[Source, ...] = ()
    places: tuple[Place, ...] = ()
    vehicles: tuple[Vehicle, ...] = ()
    phases: tuple[Phase, ...] = ()
    people: tuple[Person, ...] = ()

    @property
    def event_by_id(self) -> EventsById:
        """The events by id (the store's index: a million events are not made for it)."""
        return self.events.by_id

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        return {person.id: person for person in self.people}

    @cached_property
    def vehicle_by_id(self) -> dict[str, Vehicle]:
        return {vehicle.id: vehicle for vehicle in self.vehicles}

    @cached_property
    def place_by_id(self) -> dict[str, Place]:
        return {place.id: place for place in self.places}

    @cached_property
    def phase_by_id(self) -> dict[str, Phase]:
        return {phase.id: phase for phase in self.phases}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def reference_event(self) -> Event | None:
        """T-0: the mission's reference event, else its first launch."""
        if self.info.reference is not None:
            return self.event_by_id[self.info.reference]
        return next((e for e in self.events if e.kind is EventKind.LAUNCH), None)
