"""Whether the text, CSV and JSON exports write through the columnar engine.

The engine is pyarrow, from the optional `large` extra (`pip install mission-timeline[large]`):
it reads a batch of a store's columns as Arrow arrays and puts each row together in C++
(`data.export.fast.arrays`), showing times from what the data layer shows for each distinct
local day and zone period (`data.export.fast.times`). Every word, date and duration still
comes from the data layer's functions, called once per distinct value; the output is the
pure-Python writers' byte for byte (tests/export/test_engine.py). Without pyarrow, or with
the engine turned off (`data.load.large.available`: `MISSION_TIMELINE_ENGINE=python`), the exports
write as they always have.

The writers take the engine as an argument (`engine=`): the format table
(`data.export.FORMATS`) gives them `csv_engine`, `json_engine` and `text_engine`, which use
it only if it is ready for that many events. Nothing here imports pyarrow: the engine's
modules are imported only then, so start-up never pays for it (tests/test_import_hygiene.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from data.load.large import available
from data.store import EventStore

if TYPE_CHECKING:
    from data.export import csv_export, json_export, text_export

FROM = 16_384
"""The fewest events the engine writes: below, its fixed cost per batch outweighs what
it saves (and the pure-Python writers take milliseconds)."""
_switched_off = False
_from = FROM


def engine_ready(events: int) -> bool:
    """Whether an export of `events` events writes through the engine: enough of them,
    the engine available (`data.load.large.available`), and not turned off here."""
    return not _switched_off and events >= _from and available()


@contextmanager
def without_engine() -> Iterator[None]:
    """The pure-Python writers only, inside the `with` (tests compare the two ways)."""
    global _switched_off
    before, _switched_off = _switched_off, True
    try:
        yield
    finally:
        _switched_off = before


@contextmanager
def engine_always() -> Iterator[None]:
    """The engine for an export of any size, inside the `with` (if it is installed)."""
    global _from
    before, _from = _from, 0
    try:
        yield
    finally:
        _from = before


def csv_engine(
    rows: csv_export._Rows, store: EventStore, chosen: Sequence[int], out: TextIO
) -> bool:
    """`csv_export.write`'s engine: writes the rows of the events at `chosen` if it is
    ready for that many; whether it did."""
    if not engine_ready(len(chosen)):
        return False
    from data.export.fast.csv_rows import write_rows

    write_rows(rows, store, chosen, out)
    return True


def json_engine(records: json_export._Records, store: EventStore, out: TextIO) -> bool:
    """`json_export.write`'s engine: writes the events of `store` if it is ready for that
    many; whether it did."""
    if not engine_ready(len(store)):
        return False
    from data.export.fast.json_records import write_records

    write_records(records, store, out)
    return True


def text_engine(
    rows: text_export._Rows, store: EventStore, chosen: Sequence[int]
) -> text_export.Batches | None:
    """`text_export.write`'s engine: what writes the events at `chosen`, if it is ready for
    that many and the export is not the brief form (written by the Python rows alone)."""
    if rows.options.brief or not engine_ready(len(chosen)):
        return None
    from data.export.fast.text_rows import Made

    return Made(rows, store)
