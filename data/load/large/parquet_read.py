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
the time. The whole file's checks (ids used twice, the header's references to events) follow,
and the events are put in time order as the engine does for JSON Lines. A large file is then
cached as a JSON Lines mission is (`data.load.large.cache`, keyed on the file and its header), so
it opens again as fast as that.
"""

from __future__ import annotations

import time

import pyarrow as pa
import pyarrow.parquet as pq

import data.load.large.engine  # noqa: F401  (the system allocator, no pandas: first)
from data.files.reading import MissionFile, max_file_bytes
from data.i18n import N_, _
from data.load.apart import header_of
from data.load.jsonl_cache import Opened, cache_mission, cached_mission
from data.load.large.arrow_schema import parquet_schema
from data.load.large.parquet_events import BATCH, ParquetEvents
from data.load.large.parquet_write import HEADER_KEY
from data.load.references import References
from data.load.syntax import parse_json
from data.model import Mission
from data.problems import MissionDataError, Problem, unreadable
from data.sanitize import quote
from data.steps import Check, go_on

_EVENTS_APART = N_("in a .parquet mission the events are its columns, not in its header")


def read_parquet(name: str, check: Check = go_on) -> Mission:
    """Read and check a Parquet mission; raise `MissionError` on any problem."""
    with MissionFile(name) as opened:
        opened_ns = time.time_ns()
        try:
            parquet = pq.ParquetFile(opened.handle)
            schema = parquet.schema_arrow
        except (pa.ArrowException, OSError, ValueError) as error:
            reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
            problem = Problem(name, "", _("not a Parquet file ({reason})").format(reason=reason))
            raise MissionDataError([problem]) from None
        header, text = _header((schema.metadata or {}).get(HEADER_KEY), name)
        events = ParquetEvents(name, header, check)
        key = Opened(name, opened.before, opened_ns, header, text, events.decode_lines)
        cached = cached_mission(key, events.references, events.wanted)
        if cached is not None:
            return cached
        _fits(parquet.metadata, name)
        _columns(schema, name)
        batches = parquet.iter_batches(batch_size=BATCH, use_threads=False)
        try:
            mission = events.read(batches)
        except (pa.ArrowException, OSError) as error:
            reason = _("cannot read: {reason}").format(reason=str(error)[:200])
            raise unreadable(name, reason) from None
    cache_mission(key, mission)
    return mission


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
