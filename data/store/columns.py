"""The columns an event store keeps its events in, and the codes of their small values."""

from __future__ import annotations

from array import array

from data.records import Confidence, Dispute, EventKind, Stated
from data.store.text_column import TextColumn

KINDS: tuple[EventKind, ...] = tuple(EventKind)
KIND_CODE: dict[EventKind, int] = {kind: code for code, kind in enumerate(KINDS)}
CONFIDENCES: tuple[Confidence | None, ...] = (None, *Confidence)
CONFIDENCE_CODE: dict[Confidence | None, int] = {c: code for code, c in enumerate(CONFIDENCES)}


class Extras:
    """The fields few events have. (A plain class: a dataclass costs milliseconds to
    create at import, and this module is imported before the first frame.)"""

    __slots__ = ("disputes", "end", "note", "stated", "station_crew")

    def __init__(
        self,
        note: str = "",
        stated: tuple[Stated, ...] = (),
        disputes: tuple[Dispute, ...] = (),
        station_crew: int | None = None,
        end: str | None = None,
    ) -> None:
        self.note = note
        self.stated = stated
        self.disputes = disputes
        self.station_crew = station_crew
        self.end = end


class Columns:
    """The events' fields, one list or array per field, in time order once sorted.

    `titles`: each distinct title is kept once and shared (titles repeat in logs).
    `kinds`: index into `KINDS`. `phases`, `places`: 0 for none, else 1 + index into the
    store's ids. `vehicles`, `people`, `sources`: index into `groups`, the distinct reference
    lists. `at`, `planned`: the time as written, empty when not given. `instants`: POSIX
    timestamps of `at`, else `planned`: what the timeline is ordered by."""

    __slots__ = (
        "at",
        "confidences",
        "descriptions",
        "extras",
        "ids",
        "instants",
        "kinds",
        "people",
        "phases",
        "places",
        "planned",
        "sources",
        "titles",
        "vehicles",
    )

    def __init__(self) -> None:
        self.ids = TextColumn()
        self.titles: list[str] = []
        self.descriptions = TextColumn()
        self.kinds = bytearray()
        self.phases = array("H")
        self.places = array("H")
        self.vehicles = array("I")
        self.people = array("I")
        self.sources = array("I")
        self.confidences = bytearray()
        self.at = TextColumn()
        self.planned = TextColumn()
        self.instants = array("d")
        self.extras: dict[int, Extras] = {}
