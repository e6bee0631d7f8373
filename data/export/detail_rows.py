"""The facts of a batch of events made from the store's columns, for the exports of a
million events: relative times, plans and delays, and the detail lines of the text and
Markdown exports.

Every value comes from the facts layer's own functions (`relative`, `between_timed` and
`verdict` for a delay, `planned_phrase`, `dispute_facts`...) called on the batch's values,
and every line from the line functions of `data.export.details`: only what many events
share (a kind, a place, a list of people) is made once and looked up, and times are shown
by `BulkShow`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from data.export.columns import Batch, Lookup, read_times
from data.export.details import (
    PEOPLE,
    VEHICLES,
    DetailStyle,
    brief_line,
    facts_line,
    names_line,
    rare_details,
    until_line,
)
from data.export.options import ExportOptions
from data.facts.derived import between_timed, relative
from data.facts.event import (
    Shower,
    dispute_facts,
    people_names,
    place_name,
    planned_phrase,
    vehicle_names,
    verdict,
)
from data.model import Dispute, Mission
from data.store import CONFIDENCES, KINDS, EventStore
from data.times.bulk import fast_when
from data.times.display_bulk import BulkShow
from data.times.parse import Precision, When
from data.times.shapes import Times, TimeShape

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def whens(times: Times, positions: Iterable[int] | None = None) -> list[When]:
    """A light `When` per time, or per time at `positions` (its instant, precision and
    whether it is approximate; a date is parsed, for its stated day), for the facts layer's
    arithmetic."""
    texts, shapes, millis = times.texts, times.shapes, times.millis
    found: list[When] = []
    add = found.append
    epoch, millisecond = _EPOCH, _MILLISECOND
    for n in range(len(texts)) if positions is None else positions:
        shape = shapes[n]
        if shape.dated:
            add(fast_when(texts[n]))
        else:
            instant = epoch + millis[n] * millisecond
            add(When(instant, shape.precision, None, None, shape.approximate, texts[n]))
    return found


_MILLISECOND = timedelta(milliseconds=1)


def shower(shows: list[BulkShow], found: Iterable[When]) -> Shower:
    """`in_zones` for the times `found` (a batch's dispute versions), shown together in one
    pass; the `Shower` shows those times only."""
    texts = list(dict.fromkeys(when.text for when in found))
    known = dict(zip(texts, in_zones(shows, read_times(texts)), strict=True)) if texts else {}
    return lambda when: known[when.text]


def relative_texts(times: Times, options: ExportOptions) -> list[str]:
    """Each time relative to the anchor in the chosen mode (`relative`, as `relative_to`
    gives it for one event)."""
    if not options.relative or options.anchor is None:
        return [""] * len(times.texts)
    anchor, mode = options.anchor.when, options.mode
    return [relative(when, anchor, mode) for when in whens(times)]


def in_zones(shows: list[BulkShow], times: Times) -> list[tuple[str, ...]]:
    """Each time shown in every zone of `shows`, in order (the bulk
    `data.facts.event.in_zones`)."""
    columns = [zone.cells(times) for zone in shows]
    return list(zip(*columns, strict=True))


def plans(batch: Batch, times: Times, shows: list[BulkShow]) -> Plans:
    """The plans of the events of a batch that have a planned time; `times` are the batch's
    times; the delays in the interface's language."""
    at = batch.at
    listed, planned = batch.planned_times
    if not listed:
        return Plans(listed, [[] for _ in shows], [])
    shapes, millis = times.shapes, times.millis
    planned_shapes, planned_millis = planned.shapes, planned.millis
    done = [index for index, n in enumerate(listed) if at[n]]
    pairs = (
        (planned_shapes[i], planned_millis[i], shapes[listed[i]], millis[listed[i]]) for i in done
    )
    verdicts = spread(len(listed), done, delays(pairs))
    return Plans(listed, [zone.cells(planned) for zone in shows], verdicts)


def delays(
    pairs: Iterable[tuple[TimeShape, int, TimeShape, int]],
    worded: dict[tuple[int, Precision, Precision], str] | None = None,
) -> list[str]:
    """The `delay` of each event given as (planned time's shape, its instant in ms, actual
    time's shape, its instant): empty where either is known only to the day or month (see
    `verdict`); each distinct difference (at each pair of precisions) worded once, or once
    for all the calls that share `worded`."""
    if worded is None:
        worded = {}
    found = []
    for plan, planned_ms, actual, actual_ms in pairs:
        if actual.dated or plan.dated:
            found.append("")
            continue
        key = (actual_ms - planned_ms, plan.precision, actual.precision)
        text = worded.get(key)
        if text is None:
            elapsed = between_timed(planned_ms, plan.precision, actual_ms, actual.precision)
            text = worded[key] = verdict(elapsed)
        found.append(text)
    return found


@dataclass(frozen=True, slots=True)
class Plans:
    """The plans of a batch's events that have a planned time, as columns in the order of
    `listed`."""

    listed: list[int]
    """The index in the batch of each event with a planned time."""
    planned: list[list[str]]
    """The planned times in each zone asked, a column per zone."""
    verdicts: list[str]
    """The `delay` of each, empty without an actual time."""


def spread(size: int, listed: list[int], texts: Iterable[str]) -> list[str]:
    """A column of `size` texts: `texts` at the indexes `listed`, empty elsewhere."""
    column = [""] * size
    for n, text in zip(listed, texts, strict=True):
        column[n] = text
    return column


class DetailRows:
    """What the text and Markdown exports share to write a batch's detail lines from a
    store's columns: the lines of `data.export.details.event_details`, each event's in order.

    A format gives its `style` and how it writes a line: `first` the facts line that opens
    an event's details and `line` each later one (from plain text), `made` a line that
    `style` has already made safe. The brief form's one line is written as `first`."""

    def __init__(
        self,
        mission: Mission,
        store: EventStore,
        options: ExportOptions,
        style: DetailStyle,
        *,
        first: Callable[[str], str],
        line: Callable[[str], str],
        made: Callable[[str], str],
    ) -> None:
        self.options = options
        self.style = style
        self.line = line
        self.made = made
        self.zones = [BulkShow(zone) for zone in options.zones]
        groups, place_ids = store.groups, store.place_ids

        def facts(key: tuple[int, bool, int, int]) -> str:
            kind, approximate, confidence, place = key
            name = self.place_names[place]
            return first(facts_line(KINDS[kind], approximate, CONFIDENCES[confidence], name))

        def names(label: str, found: list[str]) -> str:
            return line(names_line(label, found)) if found else ""

        self.first = first
        self.rares: dict[tuple[object, ...], str] = {}
        """The rare lines written so far, by the fields they show (see `rare_of`)."""
        self.place_names = Lookup(lambda place: place_name(mission, place_ids[place]))
        self.facts = Lookup(facts)
        self.people = Lookup(lambda code: names(PEOPLE, people_names(mission, groups[code])))
        self.vehicles = Lookup(lambda code: names(VEHICLES, vehicle_names(mission, groups[code])))

    def briefs(self, batch: Batch) -> list[str]:
        """The brief form's one line of detail of each event (`details.brief_line`)."""
        names = self.place_names
        return [
            self.first(brief_line(description, KINDS[kind], names[place]))
            for description, kind, place in zip(
                batch.descriptions, batch.kinds, batch.places, strict=True
            )
        ]

    def ends(self, batch: Batch) -> list[str]:
        """`until ...` for the events that end later (in every zone, each text once)."""
        found = self.ends_of(batch)
        return spread(batch.size, list(found), found.values())

    def ends_of(self, batch: Batch) -> dict[int, str]:
        """`until ...` of each event of the batch that ends later, by index."""
        ends = batch.ends
        if not ends:
            return {}
        shown = in_zones(self.zones, read_times(list(ends.values()), batch.read))
        return dict(zip(ends, self.until_lines(shown), strict=True))

    def until_lines(self, shown: Iterable[Sequence[str]]) -> list[str]:
        """`until ...` of events that end later, from their ends shown in each zone."""
        return [self.line(until_line(texts)) for texts in shown]

    def planned(self, batch: Batch, times: Times) -> list[str]:
        """`planned ...` for the events with both a planned and an actual time."""
        at, found = batch.at, plans(batch, times, self.zones)
        done = [index for index, n in enumerate(found.listed) if at[n]]
        cells = [[column[index] for column in found.planned] for index in done]
        lines = self.planned_lines(cells, [found.verdicts[index] for index in done])
        return spread(batch.size, [found.listed[index] for index in done], lines)

    def planned_lines(self, cells: Iterable[Sequence[str]], verdicts: Iterable[str]) -> list[str]:
        """`planned ...` of events with both times: their planned time in each zone, and
        their delay."""
        line = self.line
        return [
            line(planned_phrase(list(texts), verdict))
            for texts, verdict in zip(cells, verdicts, strict=True)
        ]

    def rare(self, batch: Batch) -> list[str]:
        """Stated times, disputes, notes and the station's crew, where an event has any."""
        found = self.rare_of(batch)
        return spread(batch.size, list(found), found.values())

    def rare_of(self, batch: Batch) -> dict[int, str]:
        """The lines of the stated times, disputes, note and station's crew of each event of
        the batch that has any, by index; each distinct set written once (the station's
        crew repeats)."""
        found: dict[int, str] = {}
        new: dict[int, tuple[object, ...]] = {}
        for n, x in batch.extras.items():
            if x.stated or x.disputes or x.note or x.station_crew is not None:
                key = (x.stated, x.disputes, x.note, x.station_crew)
                if key in self.rares:
                    found[n] = self.rares[key]
                else:
                    new[n] = key
        events = {n: batch.event(n) for n in new}
        shown = shower(self.zones, disputed_times(e.disputes for e in events.values()))
        for n, event in events.items():
            disputes = [dispute_facts(d, shown) for d in event.disputes]
            lines = "".join(map(self.made, rare_details(event, disputes, self.style)))
            found[n] = self.rares[new[n]] = lines
        return found


def disputed_times(disputes: Iterable[Sequence[Dispute]]) -> Iterator[When]:
    """The times the versions of the disputes give (each event's disputes in turn)."""
    for found in disputes:
        for dispute in found:
            for version in dispute.versions:
                if version.at is not None:
                    yield version.at
