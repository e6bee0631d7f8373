"""The columns an event store keeps its events in, and the codes of their small values."""

from __future__ import annotations

from array import array
from collections.abc import Callable

from data.records import Confidence, Dispute, EventKind, Stated
from data.store.text_column import TextColumn

KINDS: tuple[EventKind, ...] = tuple(EventKind)
KIND_CODE: dict[EventKind, int] = {kind: code for code, kind in enumerate(KINDS)}
CONFIDENCES: tuple[Confidence | None, ...] = (None, *Confidence)
CONFIDENCE_CODE: dict[Confidence | None, int] = {c: code for code, c in enumerate(CONFIDENCES)}


Records = tuple[tuple[Stated, ...], tuple[Dispute, ...]]
"""An event's stated times and disputes."""
RARE_FIELDS = ("note", "stated", "disputes", "station_crew")
"""The fields of an event kept in its `Extras` (its end is kept in `Columns.ends`)."""


class Extras:
    """The fields few events have. (A plain class: a dataclass costs milliseconds to
    create at import, and this module is imported before the first frame.)

    The stated times and disputes may be given `later`: a function that makes them when
    they are first read (a large mission's loader checks them all, and leaves making their
    records to when an event is shown or exported)."""

    __slots__ = ("_disputes", "_later", "_stated", "note", "station_crew")

    def __init__(
        self,
        note: str = "",
        stated: tuple[Stated, ...] = (),
        disputes: tuple[Dispute, ...] = (),
        station_crew: int | None = None,
        later: Callable[[], Records] | None = None,
    ) -> None:
        self.note = note
        self._stated = stated
        self._disputes = disputes
        self.station_crew = station_crew
        self._later = later

    @property
    def stated(self) -> tuple[Stated, ...]:
        if self._later is not None:
            self._make()
        return self._stated

    @property
    def disputes(self) -> tuple[Dispute, ...]:
        if self._later is not None:
            self._make()
        return self._disputes

    def records(self) -> Records:
        """The stated times and disputes, made if given `later` but then not kept: for a
        reader of each event's once (the cache's writer), which would otherwise leave the
        records of every event made."""
        later = self._later
        return later() if later is not None else (self._stated, self._disputes)

    def _make(self) -> None:
        """Make the records given `later` (made first, then kept: two threads reading at
        once may both make them, and never see them missing)."""
        later = self._later
        if later is not None:
            self._stated, self._disputes = later()
            self._later = None


class Columns:
    """The events' fields, one list or array per field, in time order once sorted.

    `titles`: each distinct title is kept once and shared (titles repeat in logs).
    `kinds`: index into `KINDS`. `phases`, `places`: 0 for none, else 1 + index into the
    store's ids. `vehicles`, `people`, `sources`: index into `groups`, the distinct reference
    lists. `at`, `planned`: the time as written, empty when not given. `instants`: POSIX
    timestamps of `at`, else `planned`: what the timeline is ordered by. `ends`: the end as
    written of each event that has one, by index (a few in ten: no object each);
    `extras`: the other rare fields (`Extras`) of the events that have any, by index."""

    __slots__ = (
        "at",
        "confidences",
        "descriptions",
        "ends",
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
        self.ends: dict[int, str] = {}
        self.extras: dict[int, Extras] = {}
