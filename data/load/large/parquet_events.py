"""The events of a Parquet mission, checked a batch at a time and stored.

Each batch goes to the engine's checks first (`data.load.jsonl_arrow.ArrowLines`, as a block
of JSON Lines does); a batch it refuses is checked row by row by the general converter and
reference checks, which name each problem with its field path (`events[12].title`), and its
good rows are stored one by one. A time's forms beside it (`at_utc`, `at_precision`,
`at_zone`) must agree with what the time says: each time is read once (`prepared`, in the
reading thread), and the engine's checks take the same reading. Then the checks of the whole
file: at least one event, ids used once, the header's references to events.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from msgspec import structs

from data.files.reading import MAX_STRING_CHARS
from data.i18n import _
from data.load.apart import event_of
from data.load.jsonl_arrow import ArrowLines
from data.load.jsonl_decode import event_decoder
from data.load.jsonl_ids import duplicate_ids
from data.load.large.arrow_schema import TIME_COLUMNS, event_schema
from data.load.large.engine import give_back  # the system allocator, no pandas: first
from data.load.large.event_checks import given
from data.load.large.instants import EventTimes, event_times
from data.load.long_strings import too_long
from data.load.references import References, duplicate_id
from data.model import Mission
from data.problems import MissionDataError, Problem
from data.sanitize import quote
from data.steps import STEP, Check, go_on
from data.store import StoreBuilder

BATCH = 1 << 16
"""Events checked together."""
MAX_PROBLEMS = 1000
"""Stop collecting after this many problems: the first ones say what is wrong."""
_SHOWN_MISMATCHES = 10
"""Disagreeing forms reported per batch and column at most."""


@dataclass(frozen=True)
class Batch:
    """Rows of a Parquet mission made ready to check."""

    table: pa.Table
    """The columns as the file has them."""
    events: pa.Table
    """The same in the types of `arrow_schema.event_schema` (a column not in the file: all
    null)."""
    times: EventTimes
    """The forms of the events' times, each read once."""


def prepared(rows: pa.RecordBatch) -> Batch:
    """Rows read from the file made ready to check (work that a thread of its own can do
    while the rows before are checked: Arrow and numpy let go of the GIL)."""
    table = pa.Table.from_batches([rows])
    events = _canonical(table)
    return Batch(table, events, event_times(events))


class ParquetEvents:
    """Checks and stores the events of one Parquet mission with this header."""

    def __init__(self, name: str, header: Mission) -> None:
        self.name = name
        self.header = header
        self.check: Check = go_on
        """Called between batches and steps; may raise to stop (it passes through)."""
        self.progress: Callable[[int], None] = _nothing
        """Called with the number of events read after each batch."""
        phases = [phase.id for phase in header.phases]
        self.builder = StoreBuilder(phases, [place.id for place in header.places])
        self.references = References(header, name)
        ids = {
            "phases": self.builder.phase_ids,
            "places": self.builder.place_ids,
            "vehicles": sorted(header.vehicle_by_id),
            "people": sorted(header.person_by_id),
            "sources": sorted(header.source_by_id),
        }
        reference = header.info.reference
        self.wanted = frozenset(
            [event_id for person in header.people for event_id in person.flight_events]
            + ([] if reference is None else [reference])
        )
        decoder = event_decoder(ids)
        self.decode_lines = decoder.decode_lines
        """The mission's JSON Lines decoder's (the cache's rare fields are lines)."""
        self.engine = ArrowLines(self.builder, ids, decoder.type, None, self.wanted, self._noted)
        self.problems: list[Problem] = []
        self.hashes = array("q")
        self.rows = array("I")
        self.found: set[str] = set()

    def read(self, batches: Iterator[Batch]) -> Mission:
        """Check and store the events of the batches of rows (`prepared`); raise
        `MissionDataError` on any problem."""
        size = 0
        for found in batches:
            low = size
            size += found.events.num_rows
            batch, times = found.events, found.times
            self._forms(found.table, batch, times, low)
            if self.problems or self.engine.take_events(batch, low, times=times) is None:
                self.engine.stream()
                self._general(batch, low)
            if len(self.problems) >= MAX_PROBLEMS:
                break
            self.progress(size)
            self.check()
        give_back()  # what reading the batches freed, before the last steps need more
        self.engine.finish(self.check, STEP)
        self.found |= self.engine.found
        if not size:
            message = _("a mission needs at least one event")
            self.problems.append(Problem(self.name, "events", message))
        ids = self.builder.columns.ids
        for row, ident in duplicate_ids(self.hashes, self.rows, ids, self.check, STEP):
            path = f"events[{row}].id"
            self.problems.append(Problem(self.name, path, duplicate_id(ident)))
        self.problems += self.references.event_ids(self.found)
        if self.problems:
            raise MissionDataError(self.problems)
        store = self.builder.build(self.check)
        store.positions(self.wanted)
        give_back()
        return structs.replace(self.header, events=store)

    def _noted(self, ids: list[str], rows: range) -> None:
        """Note events stored in file order: their ids and rows, for the whole file's
        checks."""
        self.hashes.extend(map(hash, ids))
        self.rows.extend(rows)
        self.found |= self.wanted.intersection(ids)

    def _general(self, batch: pa.Table, low: int) -> None:
        """A batch row by row, the general way: every problem named with its path; the
        good rows stored."""
        for offset, row in enumerate(batch.to_pylist()):
            path = f"events[{low + offset}]"
            raw = given(row)
            long = _long_string(raw, path)
            if long is not None:
                self.problems.append(Problem(self.name, *long))
                continue
            event, problems = event_of(raw, path, self.references)
            if event is None:
                self.problems += problems
                continue
            self._noted([event.id], range(low + offset, low + offset + 1))
            self.builder.add(event)

    def _forms(self, table: pa.Table, events: pa.Table, times: EventTimes, low: int) -> None:
        """Problems of the times' forms of a batch that disagree with their times (those of
        a column with a wrong time are not checked: the checks of the events say so)."""
        for time, forms in times.items():
            names = [f"{time}_{form}" for form, _ in TIME_COLUMNS]
            present = [name for name in names if name in table.column_names]
            if not present or forms is None:
                continue
            expected = forms.columns()
            texts = events[time].combine_chunks()
            for column in present:
                actual = table[column].combine_chunks()
                wanted = expected[column.removeprefix(f"{time}_")]
                if actual.type != wanted.type:
                    actual = actual.cast(wanted.type)
                self._disagreeing(actual, wanted, texts, column, time, low)

    def _disagreeing(
        self, actual: pa.Array, wanted: pa.Array, texts: pa.Array, column: str, time: str, low: int
    ) -> None:
        """A problem for each of the first rows where a form is not the one expected."""
        same = pc.or_kleene(pc.equal(actual, wanted), pc.and_(actual.is_null(), wanted.is_null()))
        wrong = pc.indices_nonzero(pc.invert(pc.fill_null(same, False)))
        for row in wrong[:_SHOWN_MISMATCHES].to_pylist():
            text, value, expected = texts[row].as_py(), actual[row].as_py(), wanted[row].as_py()
            path = f"events[{low + row}].{column}"
            if text is None:
                message = _("{key} without {time_key}").format(key=column, time_key=time)
            else:
                message = _("{value} does not agree with {time_key} {time}: expected {expected}")
                message = message.format(
                    value=_shown(value), time_key=time, time=quote(text), expected=_shown(expected)
                )
            self.problems.append(Problem(self.name, path, message))


def _nothing(events: int) -> None:
    """No progress to report."""


def _shown(value: Any) -> str:
    """A form's value as a message shows it (an instant in RFC 3339)."""
    if value is None:
        # Translators: a missing value, as in "nothing does not agree with at '2021-10-05T08:55Z'".
        return _("nothing")
    if isinstance(value, datetime):
        return quote(value.astimezone(UTC).isoformat().replace("+00:00", "Z"))
    return quote(str(value))


def _canonical(table: pa.Table) -> pa.Table:
    """The event columns of a table in the event schema's types (a missing column: all
    null)."""
    size = table.num_rows
    columns = []
    for field in event_schema():
        if field.name not in table.column_names:
            columns.append(pa.nulls(size, field.type))
            continue
        column = table[field.name].combine_chunks()
        try:
            columns.append(column.cast(field.type))
        except (pa.ArrowNotImplementedError, pa.ArrowInvalid):  # a record missing fields
            columns.append(pa.array(column.to_pylist(), field.type))
    return pa.Table.from_arrays(columns, schema=event_schema())


def _long_string(value: Any, path: str) -> tuple[str, str] | None:
    """The path and problem of the first string of a row longer than a mission's strings
    may be."""
    if isinstance(value, str):
        return (path, too_long(len(value))) if len(value) > MAX_STRING_CHARS else None
    if isinstance(value, dict):
        items: Any = value.items()
    else:
        items = enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        inner = f"{path}.{key}" if isinstance(key, str) else f"{path}[{key}]"
        found = _long_string(item, inner)
        if found is not None:
            return found
    return None
