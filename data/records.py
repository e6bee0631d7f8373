"""The records of a mission: plain, frozen, typed values with no behaviour beyond small lookups.

Each is a msgspec `Struct` (frozen: hashable, compared field by field), made in C when this
module is imported; as frozen dataclasses, Python 3.11 compiled each one's generated methods
then, 0.7 ms a record and a sixth of the app's own imports (issue 17).

Everything the app shows is derived from these records by the functions in `data.facts.derived`
and `data.times.display`. Instants are always timezone-aware; see `data.times.parse.When`.
The whole mission, which holds them, is `data.model.Mission`.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

import msgspec

from data.times.parse import When


class EventKind(StrEnum):
    """What sort of thing happened; drives the kind marker in the timeline."""

    ANNOUNCEMENT = "announcement"
    TRAINING = "training"
    LAUNCH = "launch"
    ORBIT = "orbit"
    RENDEZVOUS = "rendezvous"
    DOCKING = "docking"
    UNDOCKING = "undocking"
    RELOCATION = "relocation"
    HATCH = "hatch"
    BURN = "burn"
    LANDING = "landing"
    EVA = "eva"
    COMMAND = "command"
    CREW = "crew"
    ANOMALY = "anomaly"
    MILESTONE = "milestone"
    MEDIA = "media"
    FILM = "film"


class VehicleKind(StrEnum):
    LAUNCH_VEHICLE = "launch-vehicle"
    SPACECRAFT = "spacecraft"
    STATION = "station"
    MODULE = "module"


class Confidence(StrEnum):
    """How well a fact is established, as the fact sheet grades it."""

    CONFIRMED = "C2+"
    SINGLE_SOURCE = "C1"
    DERIVED = "D"
    UNCERTAIN = "U"


class Source(msgspec.Struct, frozen=True):
    id: str
    title: str
    url: str | None = None
    note: str = ""


class Place(msgspec.Struct, frozen=True):
    id: str
    name: str
    zone: str
    lat: float | None = None
    lon: float | None = None
    note: str = ""


class Vehicle(msgspec.Struct, frozen=True):
    id: str
    name: str
    kind: VehicleKind
    part_of: str | None = None
    note: str = ""
    sources: tuple[str, ...] = ()


class Phase(msgspec.Struct, frozen=True):
    """A named span of the mission; the sections of the timeline."""

    id: str
    name: str
    start: When
    end: When
    summary: str = ""
    #: The name in other languages, as (language, name) pairs: `(("nl", "Lancering"),)`.
    names: tuple[tuple[str, str], ...] = ()


class Names(msgspec.Struct, frozen=True):
    """A person's name in every spelling the sources use."""

    ru: str = ""
    nl: tuple[str, ...] = ()
    other: tuple[str, ...] = ()


class Flight(msgspec.Struct, frozen=True):
    """One person's trip: the vehicles and the events that bound each stage of it."""

    up: str
    down: str
    launch: str
    landing: str
    docking: str | None = None
    undocking: str | None = None
    station: str | None = None


class TimeInSpace(msgspec.Struct, frozen=True):
    """A person's career time in space as sources state it (not derived)."""

    before: timedelta | None = None
    after: timedelta | None = None


class Person(msgspec.Struct, frozen=True):
    id: str
    name: str
    names: Names = msgspec.field(default_factory=Names)
    role: str = ""
    affiliation: str = ""
    born: date | None = None
    birthplace: str = ""
    bio: str = ""
    backup: bool = False
    time_in_space: TimeInSpace = msgspec.field(default_factory=TimeInSpace)
    flights: tuple[Flight, ...] = ()
    sources: tuple[str, ...] = ()
    confidence: Confidence | None = None
    note: str = ""

    @property
    def flight_events(self) -> tuple[str, ...]:
        """The ids of the events that bound this person's flights (launch, docking,
        undocking, landing), in that order for each flight."""
        return tuple(
            event_id
            for flight in self.flights
            for event_id in (flight.launch, flight.docking, flight.undocking, flight.landing)
            if event_id is not None
        )

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every spelling of the name, English first."""
        ru = (self.names.ru,) if self.names.ru else ()
        return (self.name, *ru, *self.names.nl, *self.names.other)


class Stated(msgspec.Struct, frozen=True):
    """The time as one source worded it."""

    text: str
    source: str


class Version(msgspec.Struct, frozen=True):
    """One side of a disagreement between sources."""

    claim: str
    at: When | None = None
    sources: tuple[str, ...] = ()


class Dispute(msgspec.Struct, frozen=True):
    topic: str
    versions: tuple[Version, ...]


class Event(msgspec.Struct, frozen=True):
    """Something that happened (`at`) or was planned (`planned`), or both."""

    id: str
    title: str
    kind: EventKind
    at: When | None = None
    planned: When | None = None
    end: When | None = None
    description: str = ""
    phase: str | None = None
    place: str | None = None
    vehicles: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    confidence: Confidence | None = None
    note: str = ""
    stated: tuple[Stated, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    station_crew: int | None = None

    @property
    def when(self) -> When:
        """The time the event is placed at: the actual time, else the planned one."""
        when = self.at or self.planned
        assert when is not None, "the loader guarantees at or planned"
        return when

    @property
    def planned_only(self) -> bool:
        return self.at is None

    @property
    def disputed(self) -> bool:
        return bool(self.disputes)


class MissionInfo(msgspec.Struct, frozen=True):
    id: str
    title: str
    summary: str = ""
    reference: str | None = None
