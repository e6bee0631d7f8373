"""Reading JSON Lines missions of up to millions of events, quickly and in little memory.

The JSON Lines form (`.jsonl`) is the JSON form split for streaming: the first line is an
object with everything but the events (`format`, `mission`, `sources`, `places`, `vehicles`,
`phases`, `people`), and every further line is one event object (docs/format.md).

The file is opened by `data.files.reading` (the limits of every mission file) and read in
blocks of lines. The header line goes through the general converter and checks. Each block of
event lines is decoded by msgspec into structs built from the schema (`data.load.jsonl_decode`)
and taken into the store's columns in bulk (`data.load.jsonl_bulk`). Any line the fast checks
do not pass goes the general way (`data.load.convert`, `data.load.references`), so every
problem is reported exactly as for any other mission file, with its field path and line; a
valid line is never refused.

Why msgspec (a dependency): on the reference machine `json.loads` alone takes about 4 s for
a million event lines, over the whole 3 s budget; msgspec decodes them into typed structs
in under 2 s (see bench/README.md). With the `large` extra, each block goes to the columnar
engine first (`data.load.jsonl_arrow`); a block it does not take is read as above.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable, Iterator
from itertools import chain
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import structs

from data.files.reading import LineTooLongError, MissionFile, decode
from data.i18n import N_, _
from data.load.apart import event_of, header_of
from data.load.document import located
from data.load.jsonl_blocks import block_size, with_next
from data.load.jsonl_bulk import Bulk
from data.load.jsonl_cache import Opened, cache_mission, cached_mission
from data.load.jsonl_decode import event_decoder
from data.load.jsonl_ids import duplicate_ids
from data.load.paths import join_path, split_path
from data.load.reading import Progress
from data.load.references import References, duplicate_id
from data.load.syntax import is_jsonl, parse_json
from data.model import Mission
from data.problems import MissionDataError, MissionError, Problem, within_memory
from data.steps import STEP, Check, go_on
from data.store import StoreBuilder

if TYPE_CHECKING:
    from data.load.jsonl_arrow import ArrowLines  # only with the engine (the large extra)

__all__ = ["JsonlReading", "MissionError", "is_jsonl", "load_jsonl", "open_jsonl"]

MAX_PROBLEMS = 1000
"""Stop collecting after this many problems: the first ones say what is wrong."""
_BATCH = 4096
_BLOCK = 1 << 20
"""Bytes read at a time: its lines are decoded in one call and checked together (with the
columnar engine, more: `jsonl_blocks.block_size`)."""
_EVENTS_APART = N_("in a .jsonl mission the events follow the header line, one per line")
_DECODE_ERRORS = (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError)


def load_jsonl(name: str, progress: Progress | None = None) -> Mission:
    """Read and validate a JSON Lines mission; raise `MissionError` on any problem.

    `progress` (for a progress indicator while a worker loads a large file) is called after
    every block of lines; the file's size is `os.path.getsize(name)`."""
    return open_jsonl(name).finish(progress)


def open_jsonl(name: str) -> JsonlReading:
    """Open a JSON Lines mission and read its header; raise `MissionError` if the file
    cannot be read or its header is wrong. The events are read by `finish`."""
    return within_memory(name, lambda: JsonlReading(name))


class JsonlReading:
    """A JSON Lines mission being read: `open_jsonl` reads and checks the header line at
    once (the title can be shown while the events load), `finish` reads the events.

    `finish` may run in a worker thread; its `progress` callback runs there too, may call
    `snapshot` for what has been read so far, and may raise (an exception of its own, to
    stop reading: the file is closed and the exception passes through)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._file = MissionFile(name)
        try:
            size = block_size(self._file.size, _BLOCK)
            # The header line first, without a large block after it (a reopening from the
            # cache reads no more of the file).
            blocks = self._file.blocks(size, first=_BLOCK)
            self._reader = _Reader(name, blocks, self._file.size)
        except BaseException:
            self._file.close()
            raise
        self.header: Mission = self._reader.header
        """The mission without its events (its store is empty)."""
        self.size = self._file.size
        """The file's size in bytes."""
        reader = self._reader
        self.opened = Opened(
            name,
            self._file.before,
            time.time_ns(),
            self.header,
            reader.header_text,
            reader.decode_lines,
        )

    @property
    def events_read(self) -> int:
        return self._reader.count

    @property
    def bytes_read(self) -> int:
        return self._file.read

    def in_order(self) -> bool:
        """Whether the events read so far are good and in time order. Once it is `False`,
        `finish` will sort the columns in place: drop every snapshot before it goes on."""
        reader = self._reader
        engine = reader.engine
        return (
            not reader.problems
            and reader.builder.in_order()
            and (engine is None or engine.in_order())
        )

    def snapshot(self) -> Mission | None:
        """The events read so far as a mission (in whole chunks of 4096), if they are good
        and in time order (else `None`). It shares the growing columns but sees only the
        events read up to now, so another thread can show it while reading goes on."""
        if not self.in_order():
            return None
        events = self._reader.builder.snapshot()
        return None if events is None else structs.replace(self.header, events=events)

    def finish(self, progress: Progress | None = None, check: Check = go_on) -> Mission:
        """Read and check the events, close the file; raise `MissionError` on any problem.

        Once every block is read, the events are checked and put in time order in steps,
        with `check` called between them (`data.steps`): it may raise, like
        `progress`, to stop (the exception passes through)."""
        try:
            reader = self._reader
            cached = cached_mission(self.opened, reader.references, reader.wanted, progress)
            if cached is not None:
                return cached
            if progress is not None:
                reader.progress = lambda: progress(reader.count, self._file.read)
            reader.check = check
            mission = within_memory(self.name, reader.finish)
            cache_mission(self.opened, mission)
            return mission
        finally:
            self._file.close()

    def close(self) -> None:
        """Stop reading (when `finish` will not be called)."""
        self._file.close()


class _Reader:
    """One reading of one JSON Lines file: the header line at once, then the events."""

    def __init__(self, name: str, blocks: Iterator[bytes], size: int) -> None:
        self.name = name
        self.size = size
        """The file's size (a large one is read with the engine)."""
        self.problems: list[Problem] = []
        self.progress: Callable[[], None] | None = None
        self.check: Check = go_on
        try:
            first = next(blocks, b"")  # whole lines: the header line and maybe more
        except LineTooLongError as error:
            raise MissionDataError(_on_line(error.problems, 1)) from None
        first, _newline, rest = first.partition(b"\n")
        self.blocks = chain([rest] if rest else [], blocks)
        self.header_text = ""
        """The header line, to place the problems found in it."""
        self.header = header = self._header(first)
        self.references = References(header, name)
        problems = self.references.records()
        if problems:
            raise MissionDataError(self._on_header(problems))
        self.builder = StoreBuilder(
            [phase.id for phase in header.phases], [place.id for place in header.places]
        )
        self.bulk = Bulk(self.builder)
        self.ids = {
            "phases": self.builder.phase_ids,
            "places": self.builder.place_ids,
            "vehicles": sorted(header.vehicle_by_id),
            "people": sorted(header.person_by_id),
            "sources": sorted(header.source_by_id),
        }
        """The ids of each list of the header that an event may refer to."""
        decoder = event_decoder(self.ids)
        self.struct = decoder.type
        self.decode = decoder.decode
        self.decode_lines = decoder.decode_lines
        self.count = 0
        self.hashes = array("q")
        """Every event id's hash: duplicates are looked for at the end (a set of a million
        ids would keep a million strings alive)."""
        self.line_numbers = array("I")
        reference = header.info.reference
        self.wanted = frozenset(
            [event_id for person in header.people for event_id in person.flight_events]
            + ([] if reference is None else [reference])
        )
        """The event ids the header refers to."""
        self.found: set[str] = set()
        self.engine: ArrowLines | None = None
        """The columnar engine's reader of blocks, while the events are read with it."""

    def _header(self, line: bytes) -> Mission:
        """The first line: everything but the events, through the general converter."""
        self.header_text = text = decode(line, self.name)
        if not text.strip():
            message = _("empty file: the first line must be the mission header")
            raise MissionDataError([Problem(self.name, "", message)])
        try:
            raw = parse_json(text, self.name)
        except MissionDataError as error:
            raise MissionDataError(_on_line(error.problems, 1)) from None
        try:
            return header_of(raw, self.name, _(_EVENTS_APART))
        except MissionDataError as error:
            raise MissionDataError(self._on_header(error.problems)) from None

    def _on_header(self, problems: list[Problem]) -> list[Problem]:
        """Problems of the header's records, placed in its line (the first) as in any JSON
        mission file."""
        return _on_line(located(self.header_text, True, problems), 1)

    def finish(self) -> Mission:
        """Read the event lines and check what only the whole file can tell."""
        line_number = 2
        self.engine = engine = self._engine()
        try:
            for block, following in with_next(self.blocks, ahead=engine is not None):
                if engine is not None and following is not None and not self.problems:
                    engine.read_ahead(following)  # parsed while this block is checked
                line_number += self._block(block, line_number)
                if self.progress is not None:
                    self.progress()
                if len(self.problems) >= MAX_PROBLEMS:
                    break
        except LineTooLongError as error:
            raise MissionDataError(self.problems + _on_line(error.problems, line_number)) from None
        if engine is not None:
            engine.finish(self.check, STEP)
            self.found |= engine.found
        if self.count == 0 and not self.problems:
            self.problem("events", _("a mission needs at least one event"))
        self._duplicates()
        self.problems += self._on_header(self.references.event_ids(self.found))
        if self.problems:
            raise MissionDataError(self.problems)
        events = self.builder.build(self.check)
        events.positions(self.wanted)  # looked up now, in one pass, and remembered
        return structs.replace(self.header, events=events)

    def problem(self, path: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.name, path, message, line, 1 if line else None))

    def _engine(self) -> ArrowLines | None:
        """The columnar engine's reader of blocks (`data.load.jsonl_arrow`), if installed
        and it can be loaded."""
        from data.load.large import worth_it

        if not worth_it(self.size):
            return None
        try:
            from data.load.jsonl_arrow import ArrowLines
        except (ImportError, MemoryError, OSError):
            return None
        return ArrowLines(
            self.builder, self.ids, self.struct, self.decode_lines, self.wanted, self._taken
        )

    def _block(self, block: bytes, first_line: int) -> int:
        """Take a block of event lines, by the engine if it can, else `_in_bulk`; returns
        the number of lines."""
        engine = self.engine
        if engine is not None and not self.problems:
            taken = engine.take(block, first_line)
            if taken is not None:
                self.count += taken
                return taken
            engine.stream()
        return self._in_bulk(block, first_line)

    def _in_bulk(self, block: bytes, first_line: int) -> int:
        """Take a block of event lines in one go; if anything in it is unusual, in batches
        of lines, and those line by line. Returns the number of lines."""
        size = block.count(b"\n") + (not block.endswith(b"\n"))
        try:
            raws = self.decode_lines(block)
        except _DECODE_ERRORS:
            pass
        else:
            # One event per line (decode_lines skips blank lines), so line numbers follow.
            if len(raws) == size and self._take(raws, block, first_line):
                return size
        lines = block.split(b"\n")
        if not lines[-1]:
            lines.pop()
        for start in range(0, len(lines), _BATCH):
            self._batch(lines[start : start + _BATCH], first_line + start)
        return size

    def _batch(self, batch: list[bytes], first_line: int) -> None:
        """Take a batch of event lines in bulk; if anything in it is unusual, line by line."""
        try:
            raws = list(map(self.decode, batch))
        except _DECODE_ERRORS:
            pass
        else:
            if self._take(raws, b"\n".join(batch), first_line):
                return
        for offset, line in enumerate(batch):
            if not line.strip():
                continue
            try:
                if self._take([self.decode(line)], line, first_line + offset):
                    continue
            except _DECODE_ERRORS:
                pass
            self._general(line, first_line + offset)

    def _take(self, raws: list[Any], data: bytes, first_line: int) -> bool:
        """Take decoded events (one per line of `data`, from `first_line`) in bulk, if the
        bulk checks pass; else take nothing and say so."""
        ids = self.bulk.take(raws, data)
        if ids is None:
            return False
        self._taken(ids, range(first_line, first_line + len(ids)))
        self.count += len(ids)
        return True

    def _taken(self, ids: list[str], lines: range) -> None:
        """Note events added to the columns: their ids and lines, for the checks at the end."""
        self.hashes.extend(map(hash, ids))
        self.line_numbers.extend(lines)
        self.found |= self.wanted.intersection(ids)

    def _general(self, line: bytes, line_number: int) -> None:
        """One event line the general way: every problem, worded and placed in the line as
        in a JSON mission file."""
        event_path = ("events", line_number - 2)
        path = join_path(event_path)
        self.count += 1
        try:
            text = decode(line, self.name, line_number, path)
        except MissionDataError as error:
            self.problems += error.problems
            return
        try:
            raw = parse_json(text, self.name)
        except MissionDataError as error:
            self._in_line(error.problems, event_path, line_number)
            return
        event, problems = event_of(raw, path, self.references)
        if problems:
            inside = [structs.replace(p, path=join_path(split_path(p.path)[2:])) for p in problems]
            self._in_line(located(text, True, inside), event_path, line_number)
        elif event is not None:
            self._taken([event.id], range(line_number, line_number + 1))
            self.builder.add(event)

    def _in_line(self, problems: list[Problem], event_path: tuple[str, int], line: int) -> None:
        """Note problems found in the text of one event line (their paths inside the event)."""
        for p in _on_line(problems, line):
            self.problems.append(
                structs.replace(p, path=join_path((*event_path, *split_path(p.path))))
            )

    def _duplicates(self) -> None:
        """Report every id that is used again (the later uses, as the loader does)."""
        ids = self.builder.columns.ids
        for line, ident in duplicate_ids(self.hashes, self.line_numbers, ids, self.check, STEP):
            self.problem(f"events[{line - 2}].id", duplicate_id(ident), line)


def _on_line(problems: list[Problem], line: int) -> list[Problem]:
    """Problems found in one line of the file, placed on it (at its start, if not placed in
    it)."""
    return [structs.replace(p, line=line, column=p.column or 1) for p in problems]
