"""Finding events by text, where every spelling of a person's name is the same person.

"Sjkaplerov" (Dutch), "Шкаплеров" (Cyrillic) and "Shkaplerov" find the same events; case and
accents never matter.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from data.model import Event, Mission

MIN_NAME_QUERY = 3
"""A query this long or longer that matches part of a name stands for every spelling of it."""
MIN_SURNAME = 5
"""Surnames shorter than this are not searched alone ("Hei" is inside "their")."""


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a text (`Peressild` ~ `peressild`, `é` ~ `e`)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class EventSearch:
    """A compiled search for one query over one mission."""

    def __init__(self, mission: Mission, query: str) -> None:
        self.query = query
        folded = fold(query.strip())
        people = [
            person
            for person in mission.people
            if len(folded) >= MIN_NAME_QUERY and any(folded in fold(s) for s in person.spellings)
        ]
        # Every spelling, and each spelling's last word (the surname), so that a description
        # that names someone by surname alone is found by any spelling of the name.
        names = {fold(s) for person in people for s in person.spellings}
        surnames = {name.split()[-1] for name in names if name.split()}
        self._needles = (
            folded,
            *sorted(names | {s for s in surnames if len(s) >= MIN_SURNAME}),
        )
        self._people = {person.id for person in people}
        self._flight_events = {
            event_id
            for person in people
            for flight in person.flights
            for event_id in (flight.launch, flight.docking, flight.undocking, flight.landing)
        }

    def matches(self, event: Event) -> bool:
        """Whether the event's title, description or people match the query."""
        if not self._needles[0]:
            return False
        if self._people.intersection(event.people) or event.id in self._flight_events:
            return True
        haystack = fold(f"{event.title}\n{event.description}")
        return any(needle in haystack for needle in self._needles)

    def hits(self, events: Iterable[Event]) -> list[int]:
        """Indexes of the matching events, in order."""
        return [index for index, event in enumerate(events) if self.matches(event)]
