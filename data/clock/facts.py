"""What every surface shows of the clock at a reading, made once for all of them: the
clock's text in the active zone and time mode, the next event and its countdown, the last
event reached and the time since it, the events past; and who is where.

The clock's text is the reading shown as the list shows an event's time: `show` in the
active zone (absolute), `relative` to the mode's anchor (T-/T+, MET, flight day). The time
from an event (a countdown to the next one, the time since the last) is always in T-/T+
words, `T-00:04:59`, `T+00:12:03`: it is the clock relative to that event, the event's own
T-0, whatever the active mode (mission elapsed time and flight days count from the mission's
anchor only). Each is at the coarser precision of the reading and the event: a countdown to
a time known to the minute counts minutes (`T-00:05`), to a date days (`T-1d`), and an
approximate time is marked `~` as in the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from data.clock.position import Position, next_to_come, position
from data.clock.reading import Reading
from data.facts.derived import TimeMode, Whereabouts, relative, whereabouts_in
from data.facts.stays import Stay, person_stays
from data.model import Event, Mission, Person
from data.store import EventSequence
from data.times.display import show
from data.times.parse import When


def clock_text(reading: Reading, zone: str, mode: TimeMode, anchor: Event | None) -> str:
    """The reading in the active zone and mode: `2021-10-05 11:50:00 MSK`, `T-00:05:02`,
    `000/03:27`, `FD1` (absolute when the mode has no anchor; "as stated" is UTC)."""
    if mode is TimeMode.ABSOLUTE or anchor is None:
        return str(show(reading.when, zone))
    return relative(reading.when, anchor.when, mode)


def from_event(reading: Reading, when: When) -> str:
    """The clock's time from an event at `when`, in T-/T+ words at the coarser precision of
    the two, `~` before it if the event's time is approximate (see the module)."""
    text = relative(reading.when, when, TimeMode.T_MINUS)
    return f"~{text}" if when.approximate else text


@dataclass(frozen=True, slots=True)
class ClockFacts:
    """The clock at a reading, as every surface shows it."""

    reading: Reading
    text: str
    """`clock_text`: the header's clock."""
    position: Position
    """Where the reading falls among the events: which are past, the line, the last."""
    next: Event | None
    """The next event to come, `None` after the last."""
    countdown: str
    """The clock's time from `next` (`T-00:04:59`), empty without one."""
    last: Event | None
    """The last event the clock has reached, `None` before the first."""
    since: str
    """The clock's time from `last` (`T+00:12:03`), empty without one."""


def clock_facts(
    events: EventSequence, reading: Reading, zone: str, mode: TimeMode, anchor: Event | None
) -> ClockFacts:
    """The facts of the clock at `reading` among `events` (a mission's, or a filter's view),
    in `zone` and `mode` relative to `anchor`: the work of one refresh."""
    at = position(events, reading)
    upcoming = next_to_come(events, at)
    after = None if upcoming is None else events[upcoming]
    last = at.last
    before = None if last is None else events[last]
    return ClockFacts(
        reading=reading,
        text=clock_text(reading, zone, mode, anchor),
        position=at,
        next=after,
        countdown="" if after is None else from_event(reading, after.when),
        last=before,
        since="" if before is None else from_event(reading, before.when),
    )


@dataclass(frozen=True, slots=True)
class CrewAt:
    """Where each of a mission's people is at a reading, in the mission's order."""

    where: tuple[tuple[Person, Whereabouts], ...]

    @property
    def aboard(self) -> tuple[Person, ...]:
        """The people aboard a vehicle or a station (not on the ground)."""
        return tuple(person for person, where in self.where if where.vehicle is not None)


@dataclass(frozen=True, slots=True)
class CrewStays:
    """Every person's stays (`person_stays`), worked out once per mission, so that following
    the crew at each refresh is a lookup per person."""

    mission: Mission
    stays: tuple[tuple[Person, tuple[Stay, ...]], ...]

    @classmethod
    def of(cls, mission: Mission) -> CrewStays:
        return cls(mission, tuple((p, person_stays(p, mission)) for p in mission.people))

    def at(self, reading: Reading) -> CrewAt:
        """Where each person is at the end of `reading` (its last millisecond: whatever it
        shows as happening now has happened), as `data.facts.derived.whereabouts` says."""
        instant, mission = reading.last, self.mission
        return CrewAt(tuple((p, whereabouts_in(s, mission, instant)) for p, s in self.stays))
