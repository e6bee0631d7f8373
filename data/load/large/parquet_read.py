"""Opening a Parquet mission: its header from the file's metadata, its events from its
columns, through the checks of every mission file.

The file is opened as every mission file is (`data.files.reading`: a regular file within the
size limit). Before any column is read: the metadata `mission-timeline` must hold the header
(checked as a JSON Lines file's first line is, `data.load.apart`), every column must be a
field of an event (`arrow_schema.parquet_schema`) of a type that holds its values (any string,
integer or list layout; timestamps in UTC), and the columns may hold at most as many bytes
as a mission file may. The events are then checked a batch at a time by the engine
(`data.load.large.event_checks`, as a JSON Lines block is); a batch it refuses is checked row by
row by the general converter, which names each problem with its field path
(`events[12].title`); each time's forms (`at_utc`, `at_precision`, `at_zone`) must agree with
the time. Each next batch is read and prepared (its times read once) in a thread of its own
while this one is checked. The whole file's checks (ids used twice, the header's references
to events) follow, and the events are put in time order as the engine does for JSON Lines. A
large file is then cached as a JSON Lines mission is (`data.load.large.cache`, keyed on the
file and its header), so it opens again as fast as that.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from msgspec import structs

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.files.reading import MissionFile, max_file_bytes
from data.i18n import N_, _
from data.load.apart import header_of
from data.load.jsonl_cache import Opened, cache_mission, cached_mission
from data.load.large.arrow_schema import parquet_schema
from data.load.large.parquet_events import BATCH, Batch, ParquetEvents, prepared
from data.load.large.parquet_write import HEADER_KEY
from data.load.reading import Progress
from data.load.references import References
from data.load.syntax import parse_json
from data.model import Mission
from data.problems import MissionDataError, Problem, unreadable, within_memory
from data.sanitize import quote
from data.steps import Check, go_on

_EVENTS_APART = N_("in a .parquet mission the events are its columns, not in its header")


class ParquetReading:
    """A Parquet mission being read, used as a `data.load.jsonl.JsonlReading` is (the app's
    loading line reads its events in a worker): opening reads and checks its header (the
    metadata) and its columns' names and types; `finish` reads and checks the events, or
    takes them from the cache.

    `finish`'s `progress` is called after each batch with the events read and the part of the
    file they stand for (the row groups are read in order); `snapshot` shows the events
    read so far while they are in time order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._file = MissionFile(name)
        try:
            self.size = self._file.size
            self._parquet, self._events, self.opened = _opened(name, self._file)
        except BaseException:
            self._file.close()
            raise
        self.header: Mission = self._events.header
        """The mission without its events (its store is empty)."""

    def in_order(self) -> bool:
        """Whether the events read so far are good and in time order."""
        events = self._events
        return not events.problems and events.builder.in_order() and events.engine.in_order()

    def snapshot(self) -> Mission | None:
        """The events read so far as a mission, if they are good and in time order."""
        if not self.in_order():
            return None
        store = self._events.builder.snapshot()
        return None if store is None else structs.replace(self.header, events=store)

    def finish(self, progress: Progress | None = None, check: Check = go_on) -> Mission:
        """Read and check the events, close the file; raise `MissionError` on any problem
        (`check` and `progress` may raise to stop: the exception passes through)."""
        try:
            events = self._events
            cached = cached_mission(self.opened, events.references, events.wanted, progress)
            if cached is not None:
                return cached
            _fits(self._parquet.metadata, self.name)
            rows = max(1, self._parquet.metadata.num_rows)
            if progress is not None:
                events.progress = lambda read: progress(read, self.size * read // rows)
            events.check = check
            batches = self._parquet.iter_batches(batch_size=BATCH, use_threads=False)
            try:
                mission = within_memory(self.name, lambda: events.read(_read_ahead(batches)))
            except (pa.ArrowException, OSError) as error:
                reason = _("cannot read: {reason}").format(reason=str(error)[:200])
                raise unreadable(self.name, reason) from None
        finally:
            self._file.close()
        cache_mission(self.opened, mission)
        return mission

    def close(self) -> None:
        """Stop reading (when `finish` will not be called)."""
        self._file.close()


def _read_ahead(batches: Iterator[pa.RecordBatch]) -> Iterator[Batch]:
    """The batches `prepared`, each next one read (decoded by Arrow) and prepared in a
    daemon thread while the caller checks this one (quitting never waits for it); an error
    reading one is raised where it is taken."""
    box: list[Any] = []
    following = _reading(batches, box)
    while True:
        following.join()
        found = box.pop()
        if isinstance(found, BaseException):
            raise found
        if found is None:
            return
        following = _reading(batches, box)
        yield found


def _reading(batches: Iterator[pa.RecordBatch], box: list[Any]) -> threading.Thread:
    """A daemon thread started to put the next batch, `prepared`, in `box` (`None` after
    the last one; the exception if reading it fails)."""

    def read() -> None:
        try:
            rows = next(batches, None)
            box.append(None if rows is None else prepared(rows))
        except BaseException as error:  # raised where the batch is taken
            box.append(error)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def _opened(name: str, file: MissionFile) -> tuple[pq.ParquetFile, ParquetEvents, Opened]:
    """The Parquet file, the checker of its events (the header read and checked) and what
    its cache is keyed on; raise `MissionDataError` if it is not a Parquet mission."""
    opened_ns = time.time_ns()
    try:
        parquet = pq.ParquetFile(file.handle)
        schema = parquet.schema_arrow
    except (pa.ArrowException, OSError, ValueError) as error:
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        problem = Problem(name, "", _("not a Parquet file ({reason})").format(reason=reason))
        raise MissionDataError([problem]) from None
    header, text = _header((schema.metadata or {}).get(HEADER_KEY), name)
    _columns(schema, name)
    events = ParquetEvents(name, header)
    return parquet, events, Opened(name, file.before, opened_ns, header, text, events.decode_lines)


def _header(text: bytes | None, name: str) -> tuple[Mission, str]:
    """The mission without its events, from the file's metadata, and the metadata's text."""
    if text is None:
        message = _("not a mission: its header belongs in the metadata {key}")
        key = quote(HEADER_KEY.decode())
        raise MissionDataError([Problem(name, "", message.format(key=key))])
    try:
        decoded = text.decode("utf-8")
        raw = parse_json(decoded, name)
    except UnicodeDecodeError:
        problem = Problem(name, "", _("its header (metadata) is not UTF-8"))
        raise MissionDataError([problem]) from None
    except MissionDataError as error:
        raise MissionDataError(list(map(_unplaced, error.problems))) from None
    header = header_of(raw, name, _(_EVENTS_APART))
    problems = References(header, name).records()
    if problems:
        raise MissionDataError(problems)
    return header, decoded


def _unplaced(problem: Problem) -> Problem:
    """A problem of the header's text, whose lines are not the file's."""
    message = _("its header (metadata): {problem}").format(problem=problem.message)
    return Problem(problem.file, problem.path, message)


def _fits(metadata: pq.FileMetaData, name: str) -> None:
    """Refuse columns that hold more bytes than a mission file may (before reading them)."""
    limit = max_file_bytes()
    groups = range(metadata.num_row_groups)
    size = sum(metadata.row_group(group).total_byte_size for group in groups)
    if size > limit or metadata.num_rows > limit // 16:
        message = _("too large ({size} bytes in its columns; the limit is {limit})")
        raise unreadable(name, message.format(size=size, limit=limit))


def _columns(schema: pa.Schema, name: str) -> None:
    """Refuse a column that is not a field of an event (or a time's forms), or of a type
    that does not hold its values, and a file without id, title and kind."""
    wanted = parquet_schema()
    problems = []
    for field in schema:
        expected = wanted.field(field.name).type if field.name in wanted.names else None
        path = f"events.{field.name}"
        if expected is None:
            message = _("unknown column {column}").format(column=quote(field.name))
            problems.append(Problem(name, path, message))
        elif not _holds(field.type, expected):
            message = _("a column of {found}, where {expected} values belong")
            shown = message.format(found=_typed(field.type), expected=_typed(expected))
            problems.append(Problem(name, path, shown))
    for required in ("id", "title", "kind"):
        if required not in schema.names:
            message = _("missing required column {column}").format(column=quote(required))
            problems.append(Problem(name, "events", message))
    if problems:
        raise MissionDataError(problems)


def _holds(actual: pa.DataType, expected: pa.DataType) -> bool:
    """Whether a column of type `actual` holds values of `expected` as they are."""
    if pa.types.is_dictionary(actual):
        return _holds(actual.value_type, expected)
    if pa.types.is_string(expected):
        return bool(pa.types.is_string(actual) or pa.types.is_large_string(actual))
    if pa.types.is_integer(expected):
        return bool(pa.types.is_integer(actual))
    if pa.types.is_timestamp(expected):
        return pa.types.is_timestamp(actual) and actual.tz in ("UTC", "+00:00", "Etc/UTC")
    if pa.types.is_list(expected):
        return (pa.types.is_list(actual) or pa.types.is_large_list(actual)) and _holds(
            actual.value_type, expected.value_type
        )
    if pa.types.is_struct(expected):
        return pa.types.is_struct(actual) and all(
            expected.get_field_index(field.name) >= 0
            and _holds(field.type, expected.field(field.name).type)
            for field in actual
        )
    return False


def _typed(kind: pa.DataType) -> str:
    """A column type as words (Arrow's own name)."""
    return str(kind) if len(str(kind)) <= 80 else str(kind)[:77] + "..."
