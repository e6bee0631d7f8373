"""Reading the event lines of a JSON Lines mission with the columnar engine, a block at a time.

With the `large` extra installed, `data.load.jsonl` hands each block of event lines here first.
A block is taken only if its text passes the checks of `data.load.large.json_blocks` (parsed by
Arrow, the next block while this one is checked) and its events every check of
`data.load.large.event_checks`. Any block that does not is read by the general reader, which
explains the first bad line.

While every block is taken here, the checked columns are held (compact: codes and texts) and,
at the end, put in time order by Arrow and copied into the store once, already sorted. Once a
block goes the general way, those held so far are added to the store in file order, and every
later block as soon as it is read: the store is then sorted as without the engine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.compute as pc

from data.load.large.engine import give_back  # the system allocator, no pandas: first
from data.load.large.event_checks import Decoded, EventChecks, Taken
from data.load.large.instants import EventTimes
from data.load.large.json_blocks import Ahead, Parsed
from data.load.large.store_columns import extend, fill
from data.steps import Check
from data.store import Columns, Extras, StoreBuilder

Noted = Callable[[list[str], range], None]
"""Told the ids and lines of events added to the store in file order (for the checks of the
whole file: duplicate ids, references to events)."""
_Value = TypeVar("_Value")


class ArrowLines:
    """Takes blocks of event lines of one JSON Lines file, if the engine can."""

    def __init__(
        self,
        builder: StoreBuilder,
        ids: Mapping[str, Sequence[str]],
        struct: Any,
        decode_lines: Callable[[bytes], list[Any]] | None,
        wanted: frozenset[str],
        noted: Noted,
    ) -> None:
        self.checks = EventChecks(builder, ids, struct)
        self.builder = builder
        self.decode_lines = decode_lines
        """The JSON Lines decoder's `decode_lines` (msgspec), for the lines of rare fields
        (`None` for tables that are not read from lines)."""
        self.noted = noted
        self.wanted = pa.array(sorted(wanted), pa.string())
        self.found: set[str] = set()
        """The ids the header refers to, among the events taken."""
        self.held: list[tuple[Taken, range]] = []
        """The blocks taken, with their lines, until the end (or a block goes the general
        way)."""
        self.stored = 0
        """How many of the blocks held are in the store already (those in time order)."""
        self.streaming = False
        """Whether a block went the general way: then each block is stored when taken."""
        self.titles: dict[str, str] = {}
        self.ahead = Ahead()
        self.last = float("-inf")
        """The last instant of the blocks held, while they are in time order (else NaN)."""

    def read_ahead(self, block: bytes) -> None:
        """Begin parsing a block that `take` will be given later (in a thread)."""
        self.ahead.start(block)

    def take(self, block: bytes, first_line: int) -> int | None:
        """Take a block of event lines (from line `first_line`) and give how many lines it
        had, or `None` (nothing taken: the general reader must read it)."""
        parsed = self.ahead.parsed(block)
        if parsed is None:
            return None
        decoded = partial(self._decoded, parsed)
        return self.take_events(parsed.events, first_line, decoded)

    def take_events(
        self,
        events: pa.Table,
        first_line: int,
        decoded: Decoded | None = None,
        times: EventTimes | None = None,
    ) -> int | None:
        """Take a table of events (from line, or row, `first_line`: `Noted` is told) and
        give how many it had, or `None` (nothing taken). `decoded` gives the structs of
        rows with rare fields (by default, converted from the table); `times`, the forms of
        their times (by default, read by the checks)."""
        taken = self.checks.take(events, decoded, times)
        if taken is None:
            return None
        numbers = range(first_line, first_line + events.num_rows)
        ids = taken.columns["id"]
        self.found.update(ids.filter(pc.is_in(ids, value_set=self.wanted)).to_pylist())
        if self.streaming:
            self._store(taken, numbers)
            return len(numbers)
        self.held.append((taken, numbers))
        ordered = self.in_order()
        self.last = _last_in_order(self.last, taken.columns["instant"])
        if self.in_order():  # stored at once: the app shows the events read so far
            fill(self.builder.columns, taken.columns, taken.ends, taken.extras, self.titles)
            self.stored += 1
        elif ordered:  # all are sorted at the end, into a new store: drop this one now
            self.builder.columns = Columns()
            self.stored = 0
        return len(numbers)

    def in_order(self) -> bool:
        """Whether the events held are in time order (once they are not, they are stored
        only at the end, sorted)."""
        return self.last == self.last  # not NaN

    def _decoded(self, parsed: Parsed, rows: list[int]) -> list[Any]:
        """The JSON Lines structs of some lines of a block, decoded in one call."""
        assert self.decode_lines is not None, "lines are read with their decoder"
        return self.decode_lines(parsed.lines(rows))

    def stream(self) -> None:
        """From now on store each block when taken (a block went the general way): the
        blocks held so far are stored first, in file order, and noted for the checks of
        the whole file."""
        if self.streaming:
            return
        self.streaming = True
        for number, (taken, lines) in enumerate(self.held):
            if number < self.stored:
                self.noted(taken.columns["id"].to_pylist(), lines)
            else:
                self._store(taken, lines)
        self.held.clear()

    def _store(self, taken: Taken, lines: range) -> None:
        """Add a taken block's events to the store's columns in file order."""
        self.noted(taken.columns["id"].to_pylist(), lines)
        fill(self.builder.columns, taken.columns, taken.ends, taken.extras, self.titles)

    def finish(self, check: Check, step: int) -> None:
        """After the last block: if the ids of the events held are all different, put them
        in time order (unless they are) and store them, `step` events at a time (`check`
        between); else store them in file order, where the general checks find the
        duplicates. The ids are counted in a thread of their own meanwhile."""
        if self.streaming or not self.held:
            return
        table = pa.concat_tables([taken.columns for taken, _ in self.held])
        distinct = _Distinct(table["id"])
        columns = None
        if not self.in_order():  # a new store: snapshots of the old one stay as they are
            rare = (_held(self.held, "ends"), _held(self.held, "extras"))
            columns = _sorted(table, rare, self.titles, check, step)
        if distinct.count() != table.num_rows:
            self.stream()
            return
        self.held.clear()
        if columns is not None:
            self.builder.columns = columns
        del table, columns
        give_back()


def _held(held: list[tuple[Taken, range]], field: str) -> dict[int, Any]:
    """The ends or the other rare fields (`field` of `Taken`) of the blocks held, by row of
    all of them."""
    found: dict[int, Any] = {}
    start = 0
    for taken, lines in held:
        found.update({start + row: value for row, value in getattr(taken, field).items()})
        start += len(lines)
    return found


def _sorted(
    table: pa.Table,
    rare: tuple[dict[int, str], dict[int, Extras]],
    titles: dict[str, str],
    check: Check,
    step: int,
) -> Columns:
    """The store's columns of `table`'s events (with their `rare` fields, by row: the ends
    and the others) in time order (a stable sort), filled a column at a time (one sorted
    column in memory at a time), `step` events at a time (`check` between)."""
    order = pc.sort_indices(table["instant"])
    check()
    columns = Columns()
    for name in table.column_names:
        values = table[name].combine_chunks()
        for low in range(0, len(order), step):
            extend(columns, name, values.take(order[low : low + step]), titles)
            check()
    columns.ends = _moved(rare[0], order)
    columns.extras = _moved(rare[1], order)
    return columns


class _Distinct:
    """How many different strings a column holds, counted by Arrow in a daemon thread."""

    def __init__(self, values: pa.ChunkedArray) -> None:
        self._count = -1
        self._thread = threading.Thread(target=self._run, args=(values,), daemon=True)
        self._thread.start()

    def _run(self, values: pa.ChunkedArray) -> None:
        self._count = len(pc.unique(values))  # half `count_distinct`'s time

    def count(self) -> int:
        self._thread.join()
        return self._count


def _last_in_order(last: float, instants: pa.Array) -> float:
    """The last of `instants` if they follow `last` in time order, else NaN."""
    values = instants.to_numpy()
    if not len(values) or last != last:
        return last
    if values[0] < last or (values[1:] < values[:-1]).any():
        return float("nan")
    return float(values[-1])


def _moved(by_row: dict[int, _Value], order: pa.Array) -> dict[int, _Value]:
    """Values of some rows at their rows once the rows are put in `order` (old rows by
    new)."""
    if not by_row:
        return {}
    olds = pa.array(list(by_row), pa.uint64())
    news = pc.indices_nonzero(pc.is_in(order, value_set=olds))
    moved = order.take(news).to_pylist()
    return {new: by_row[old] for new, old in zip(news.to_pylist(), moved, strict=True)}
