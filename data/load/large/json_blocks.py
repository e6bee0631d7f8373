"""Parsing a block of JSON Lines event lines with Arrow's JSON reader, and checking its text.

A block is parsed only if nothing in its text needs the general reader: it is UTF-8 (Arrow
does not check), every line is one object, `{` to `}` with nothing around it (so Arrow's rows
are the file's lines), and there is no `\\u` escape (so no NUL, lone surrogate, or colon or
quote written as an escape). Arrow reads it against the schema's types: it refuses unknown
fields, a key given twice, and values of another type. Last, the colons and quotes of the
text are exactly those the parsed values need (`arrow_schema.Tally`): a `null`, which Arrow
reads as an absent value, cannot pass. The bytes are scanned by numpy; Arrow and numpy work
without the interpreter's lock, so `Ahead` parses the next block in a thread of its own while
the reader checks the one before.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.json as pj

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.load.large.arrow_schema import COLON, QUOTE, Tally, event_schema
from data.load.schema import RECORDS

_NEWLINE, _OPEN, _CLOSE = ord("\n"), ord("{"), ord("}")


@dataclass(frozen=True)
class Parsed:
    """A block of event lines parsed: its events (a table of one chunk per column) and
    where each line ends in the block."""

    block: bytes
    events: pa.Table
    ends: np.ndarray

    def lines(self, rows: list[int]) -> bytes:
        """The lines of these rows (numbered from 0), joined by newlines."""
        ends = self.ends
        block = self.block
        return b"\n".join(block[(ends[row - 1] + 1 if row else 0) : ends[row]] for row in rows)


def parse(block: bytes) -> Parsed | None:
    """The block parsed, if its text passes every check above; else `None`."""
    data = np.frombuffer(block, np.uint8)
    ends = _plain_lines(block, data)
    if ends is None:
        return None
    try:
        events = pj.read_json(
            pa.BufferReader(block),
            read_options=pj.ReadOptions(use_threads=True, block_size=len(block) + 1),
            parse_options=_options(),
        ).combine_chunks()
    except (pa.ArrowException, ValueError):  # not UTF-8: a UnicodeDecodeError
        return None
    if events.num_rows != len(ends) or not _accounted(events, data):
        return None
    return Parsed(block, events, ends)


def _options() -> pj.ParseOptions:
    """Arrow's JSON reader's options: the event schema's columns, nothing else."""
    return pj.ParseOptions(
        explicit_schema=event_schema(), unexpected_field_behavior="error", newlines_in_values=False
    )


def _plain_lines(block: bytes, data: np.ndarray) -> np.ndarray | None:
    """Where each line of the block ends, if it is UTF-8, each line is one `{...}` with
    nothing around it and the block has no `\\u` escape; else `None`."""
    if not block.isascii():
        try:
            block.decode("utf-8")
        except UnicodeDecodeError:
            return None
    ends = np.flatnonzero(data == _NEWLINE)
    if not block.endswith(b"\n"):
        ends = np.append(ends, len(block))
    if not len(ends):
        return None
    starts = np.concatenate([[0], ends[:-1] + 1])
    if (
        (ends <= starts).any()
        or (data[starts] != _OPEN).any()
        or (data[ends - 1] != _CLOSE).any()
        or (block.find(b"\\") >= 0 and b"\\u" in block)
    ):
        return None
    return ends


def _accounted(events: pa.Table, data: np.ndarray) -> bool:
    """Whether the block's colons and quotes are exactly those its parsed values need."""
    tally = Tally()
    tally.add_records({name: events[name].chunk(0) for name in RECORDS["event"]}, "event")
    return (
        not tally.nulls
        and int(np.count_nonzero(data == COLON)) == tally.colons_written
        and int(np.count_nonzero(data == QUOTE)) == tally.quotes_written
    )


class Ahead:
    """Parses blocks in daemon threads of their own (quitting never waits for them) while
    the caller does something else; `parsed` gives each result."""

    def __init__(self) -> None:
        self._begun: dict[int, tuple[bytes, threading.Thread, list[Parsed | None]]] = {}

    def start(self, block: bytes) -> None:
        """Begin parsing `block`."""
        result: list[Parsed | None] = []
        thread = threading.Thread(target=lambda: result.append(parse(block)), daemon=True)
        self._begun[id(block)] = (block, thread, result)
        thread.start()

    def parsed(self, block: bytes) -> Parsed | None:
        """`parse(block)`: the one begun, once done, or parsed now."""
        begun = self._begun.pop(id(block), None)
        if begun is None or begun[0] is not block:
            return parse(block)
        _, thread, result = begun
        thread.join()
        return result[0] if result else None
