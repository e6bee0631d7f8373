"""Reading JSON Lines missions of up to millions of events, quickly and in little memory.

The JSON Lines form (`.jsonl`) is the JSON form split for streaming: the first line is an
object with everything but the events (`format`, `mission`, `sources`, `places`, `vehicles`,
`phases`, `people`), and every further line is one event object (docs/format.md).

The file is read line by line; each event line is decoded by `msgspec` into a struct made
for this mission, which refuses in C unknown fields, wrong types, malformed ids, unknown
kinds and every reference the header does not define. The rest is checked here per batch of
lines: times (`data.times.bulk`), NUL characters, duplicate keys (counted through colons, since
msgspec keeps the last of two equal keys) and duplicate ids (by hash, at the end). The
events go into an `EventStore` column by column. Any line the fast checks do not pass goes
through the general converter of `data.load.loader`, so every problem is reported exactly as for
any other mission file, with its field path and line; a valid line is never refused.

Why msgspec (a dependency): on the reference machine `json.loads` alone takes about 4 s for
a million event lines, over the whole 3 s budget; msgspec decodes them into typed structs
in under 2 s (see bench/README.md).
"""

from __future__ import annotations

import os
import re
import stat
from array import array
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from itertools import chain, compress, islice, repeat
from operator import attrgetter, eq, is_, is_not
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from data.load.loader import (
    MAX_FILE_BYTES,
    MAX_INT_DIGITS,
    MissionDataError,
    MissionError,
    MissionReadError,
    Problem,
    _Converter,
    _parse_json,
    check_references,
)
from data.load.schema import FORMAT_VERSION, ID_PATTERN, RECORDS
from data.model import (
    Confidence,
    Dispute,
    Event,
    EventKind,
    Mission,
    MissionInfo,
    Person,
    Stated,
    Version,
)
from data.store import CONFIDENCE_CODE, KIND_CODE, Extras, StoreBuilder
from data.times.bulk import fast_when, instants_of
from data.times.parse import TimeFormatError

_IS_GIVEN = partial(is_not, UNSET)


def _given(values: list[Any]) -> Iterator[int]:
    """The positions of the values that were given (are not `UNSET`)."""
    return compress(range(len(values)), map(is_not, values, repeat(UNSET)))


MAX_PROBLEMS = 1000
"""Stop collecting after this many problems: the first ones say what is wrong."""
_BATCH = 4096
_BLOCK = 1 << 20
"""Bytes read at a time: its lines are decoded in one call and checked together."""
_ID = re.compile(ID_PATTERN)
_BOM = b"\xef\xbb\xbf"
_MAX_CREW = 10**MAX_INT_DIGITS
_EVENT_REFS = re.compile(
    r"mission\.reference|people\[\d+\]\.flights\[\d+\]\.(launch|docking|undocking|landing)"
)
_HEADER_KEYS = tuple(key for key in RECORDS["file"] if key != "events")


def _event_struct(
    phases: tuple[str, ...],
    places: tuple[str, ...],
    vehicles: tuple[str, ...],
    people: tuple[str, ...],
    sources: tuple[str, ...],
) -> Any:
    """The struct an event line decodes into, for one mission: msgspec checks in C the
    fields, their types, ids, kinds and every reference against the header's ids."""

    def one_of(values: tuple[str, ...]) -> Any:
        # An empty Literal is not allowed; a pattern that matches nothing refuses every value.
        return Literal[values] if values else Annotated[str, Meta(pattern="(?!)")]

    def optional(kind: Any) -> Any:
        return kind | UnsetType

    source = one_of(sources)
    stated = msgspec.defstruct(
        "StatedLine", [("text", str), ("source", source)], forbid_unknown_fields=True, gc=False
    )
    version = msgspec.defstruct(
        "VersionLine",
        [
            ("claim", str),
            ("at", optional(str), UNSET),
            ("sources", optional(tuple[source, ...]), UNSET),  # type: ignore[valid-type]
        ],
        forbid_unknown_fields=True,
        gc=False,
    )
    dispute = msgspec.defstruct(
        "DisputeLine",
        [("topic", str), ("versions", tuple[version, ...])],  # type: ignore[valid-type]
        forbid_unknown_fields=True,
        gc=False,
    )
    ident = Annotated[str, Meta(pattern=ID_PATTERN)]
    text = str
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [
        ("id", ident),
        ("title", text),
        ("kind", Literal[tuple(kind.value for kind in EventKind)]),
        ("description", optional(text), UNSET),
        ("phase", optional(one_of(phases)), UNSET),
        ("at", optional(text), UNSET),
        ("planned", optional(text), UNSET),
        ("end", optional(text), UNSET),
        ("place", optional(one_of(places)), UNSET),
        ("vehicles", optional(tuple[one_of(vehicles), ...]), UNSET),  # type: ignore[misc]
        ("people", optional(tuple[one_of(people), ...]), UNSET),  # type: ignore[misc]
        ("sources", optional(tuple[one_of(sources), ...]), UNSET),  # type: ignore[misc]
        ("confidence", optional(Literal[tuple(c.value for c in Confidence)]), UNSET),
        ("note", optional(text), UNSET),
        ("stated", optional(tuple[stated, ...]), UNSET),  # type: ignore[valid-type]
        ("disputes", optional(tuple[dispute, ...]), UNSET),  # type: ignore[valid-type]
        ("station_crew", optional(Annotated[int, Meta(ge=0, lt=_MAX_CREW)]), UNSET),
    ]
    return msgspec.defstruct("EventLine", fields, forbid_unknown_fields=True, gc=False)


_OPTIONAL = (
    "description",
    "phase",
    "at",
    "planned",
    "end",
    "place",
    "vehicles",
    "people",
    "sources",
    "confidence",
    "note",
    "stated",
    "disputes",
    "station_crew",
)
_REQUIRED = 3
_KIND_CODE = {kind.value: code for kind, code in KIND_CODE.items()}
_CONFIDENCE_CODE: dict[Any, int] = {
    (UNSET if c is None else c.value): code for c, code in CONFIDENCE_CODE.items()
}
_EMPTY_IF_UNSET: dict[Any, Any] = {UNSET: ""}


def _texts(values: list[Any], unset: int) -> list[str]:
    """Optional texts with `""` for those not given (`unset`: how many)."""
    if not unset:
        return values
    if unset == len(values):
        return [""] * unset
    return list(map(_EMPTY_IF_UNSET.get, values, values))


def is_jsonl(name: str) -> bool:
    """Whether `load_mission` reads this file as JSON Lines (by its suffix)."""
    return name.lower().endswith(".jsonl")


Progress = Callable[[int, int], None]
"""Called with (events read so far, bytes of the file read so far) after each batch."""


def load_jsonl(name: str, progress: Progress | None = None) -> Mission:
    """Read and validate a JSON Lines mission; raise `MissionError` on any problem.

    `progress` (for a progress indicator while a worker loads a large file) is called after
    every block of lines; the file's size is `os.path.getsize(name)`."""
    return open_jsonl(name).finish(progress)


class JsonlReading:
    """A JSON Lines mission being read: `open_jsonl` reads and checks the header line at
    once (the title can be shown while the events load), `finish` reads the events.

    `finish` may run in a worker thread; its `progress` callback runs there too, may call
    `snapshot` for what has been read so far, and may raise (an exception of its own, to
    stop reading: the file is closed and the exception passes through)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._opened = _open(name)
        blocks = self._opened.__enter__()
        try:
            self._reader = _Reader(name)
            self.header: Mission = self._reader.start(blocks)
            """The mission without its events (`events` is empty)."""
        except BaseException:
            self._opened.__exit__()
            raise
        self.size = self._opened.before.st_size
        """The file's size in bytes."""

    @property
    def events_read(self) -> int:
        return self._reader.count

    @property
    def bytes_read(self) -> int:
        return self._opened.read

    def in_order(self) -> bool:
        """Whether the events read so far are good and in time order. Once it is `False`,
        `finish` will sort the columns in place: drop every snapshot before it goes on."""
        return not self._reader.problems and self._reader.builder.in_order()

    def snapshot(self) -> Mission | None:
        """The events read so far as a mission (in whole chunks of 4096), if they are good
        and in time order (else `None`). It shares the growing columns but sees only the
        events read up to now, so another thread can show it while reading goes on."""
        if not self.in_order():
            return None
        events = self._reader.builder.snapshot()
        return None if events is None else replace(self.header, events=events)

    def finish(self, progress: Progress | None = None) -> Mission:
        """Read and check the events, close the file; raise `MissionError` on any problem."""
        opened = self._opened
        try:
            if progress is not None:
                self._reader.progress = lambda: progress(self._reader.count, opened.read)
            return self._reader.finish()
        finally:
            opened.__exit__()

    def close(self) -> None:
        """Stop reading (when `finish` will not be called)."""
        self._opened.__exit__()


def open_jsonl(name: str) -> JsonlReading:
    """Open a JSON Lines mission and read its header; raise `MissionError` if the file
    cannot be read or its header is wrong. The events are read by `finish`."""
    return JsonlReading(name)


def _event_references(info: MissionInfo, people: tuple[Person, ...]) -> set[str]:
    """The event ids the header refers to: the reference and the people's flights."""
    wanted = {info.reference} if info.reference is not None else set()
    for person in people:
        for flight in person.flights:
            for value in (flight.launch, flight.docking, flight.undocking, flight.landing):
                if value is not None:
                    wanted.add(value)
    return wanted


class _open:  # noqa: N801 (used as a context manager, like open)
    """Open a regular file of bounded size for reading lines, refusing FIFOs and devices,
    and check on closing that it did not change while it was read."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.read = 0
        """Bytes read so far."""

    def fail(self, message: str) -> MissionReadError:
        return MissionReadError([Problem(self.name, "", message)])

    def __enter__(self) -> Iterator[bytes]:
        try:
            descriptor = os.open(self.name, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            raise self.fail("no such file") from None
        except IsADirectoryError:
            raise self.fail("is a directory, not a mission file") from None
        except PermissionError:
            raise self.fail("permission denied") from None
        except OSError as error:
            raise self.fail(f"cannot open: {error.strerror or error}") from None
        self.before = os.fstat(descriptor)
        problem = None
        if stat.S_ISDIR(self.before.st_mode):
            problem = "is a directory, not a mission file"
        elif not stat.S_ISREG(self.before.st_mode):
            problem = "not a regular file (a pipe or a device cannot be loaded)"
        elif self.before.st_size > MAX_FILE_BYTES:
            problem = f"too large ({self.before.st_size} bytes; the limit is {MAX_FILE_BYTES})"
        if problem is not None:
            os.close(descriptor)
            raise self.fail(problem)
        self.handle = os.fdopen(descriptor, "rb", buffering=0)
        return self._blocks()

    def _blocks(self) -> Iterator[bytes]:
        """The file in blocks of whole lines (the last one may lack its newline)."""
        carry = b""
        try:
            while block := self.handle.read(_BLOCK):
                self.read += len(block)
                if self.read > MAX_FILE_BYTES:
                    raise self.fail(f"too large (the limit is {MAX_FILE_BYTES} bytes)")
                cut = block.rfind(b"\n") + 1
                if not cut:
                    carry += block
                    continue
                yield carry + block[:cut] if carry else block[:cut]
                carry = block[cut:]
        except OSError as error:
            raise self.fail(f"cannot read: {error.strerror or error}") from None
        if carry:
            yield carry
        after = os.fstat(self.handle.fileno())
        if (after.st_size, after.st_mtime_ns) != (
            self.before.st_size,
            self.before.st_mtime_ns,
        ) or self.read != after.st_size:
            raise self.fail("the file changed while it was being read; try again")

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


class _Reader:
    """One reading of one JSON Lines file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.progress: Callable[[], None] | None = None

    def problem(self, path: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.name, path, message, line, 1 if line else None))

    def start(self, blocks: Iterator[bytes]) -> Mission:
        """Read the header line; the mission it describes, without events."""
        first = b""
        for block in blocks:
            first += block
            if b"\n" in block:
                break
        first, _, rest = first.partition(b"\n")
        self.blocks = chain([rest] if rest else [], blocks)
        fields = self._header(first.removeprefix(_BOM))
        info = fields["mission"]
        people = tuple(fields.get("people", ()))
        self.builder = builder = StoreBuilder(
            [p.id for p in fields.get("phases", ())], [p.id for p in fields.get("places", ())]
        )
        self.vehicle_ids = frozenset(v.id for v in fields.get("vehicles", ()))
        self.person_ids = frozenset(p.id for p in people)
        self.source_ids = frozenset(s.id for s in fields.get("sources", ()))
        self.hashes = array("q")
        """Every event id's hash: duplicates are looked for at the end (a set of a million
        ids would keep a million strings alive)."""
        self.line_numbers = array("I")
        self.wanted = frozenset(_event_references(info, people))
        self.found: set[str] = set()
        self.titles: dict[str, str] = {}
        """Each distinct title once: logs repeat titles, and shared strings cost nothing."""
        self.phase_code: dict[Any, int] = {UNSET: 0, **builder.phase_code}
        self.place_code: dict[Any, int] = {UNSET: 0, **builder.place_code}
        builder.group_code[UNSET] = 0  # type: ignore[index]
        decoder = msgspec.json.Decoder(
            _event_struct(
                tuple(builder.phase_ids),
                tuple(builder.place_ids),
                tuple(sorted(self.vehicle_ids)),
                tuple(sorted(self.person_ids)),
                tuple(sorted(self.source_ids)),
            )
        )
        self.decode = decoder.decode
        self.decode_lines = decoder.decode_lines
        self.count = 0
        self.header = Mission(
            info=info,
            events=(),
            sources=tuple(fields.get("sources", ())),
            places=tuple(fields.get("places", ())),
            vehicles=tuple(fields.get("vehicles", ())),
            phases=tuple(fields.get("phases", ())),
            people=people,
        )
        return self.header

    def finish(self) -> Mission:
        """Read the event lines and check what only the whole file can tell."""
        info, people = self.header.info, self.header.people
        line_number = 2
        for block in self.blocks:
            line_number += self._block(block, line_number)
            if self.progress is not None:
                self.progress()
            if len(self.problems) >= MAX_PROBLEMS:
                break
        if self.count == 0 and not self.problems:
            self.problem("events", "a mission needs at least one event")
        self._duplicates()
        ids = self.found
        if info.reference is not None and info.reference not in ids:
            self.problem("mission.reference", f"unknown event {info.reference!r}")
        for index, person in enumerate(people):
            for number, flight in enumerate(person.flights):
                for key in ("launch", "docking", "undocking", "landing"):
                    value = getattr(flight, key)
                    if value is not None and value not in ids:
                        where = f"people[{index}].flights[{number}].{key}"
                        self.problem(where, f"unknown event {value!r}")
        if self.problems:
            raise MissionDataError(self.problems)
        events = self.builder.build()
        events.positions(self.wanted)  # looked up now, in one pass, and remembered
        return replace(self.header, events=events)

    def _duplicates(self) -> None:
        """Report every id that is used again (the later uses, as `check_references` does)."""
        if len(set(self.hashes)) == len(self.hashes):
            return  # the usual case, in one pass (the set is freed at once)
        ordered = sorted(self.hashes)
        repeated = set(compress(ordered, map(eq, ordered, islice(ordered, 1, None))))
        if not repeated:
            return
        ids = self.builder.columns.ids
        seen: set[str] = set()
        for index in compress(range(len(self.hashes)), map(repeated.__contains__, self.hashes)):
            ident = ids[index]
            if ident in seen:
                line = self.line_numbers[index]
                self.problem(f"events[{line - 2}].id", f"duplicate id {ident!r}", line)
            seen.add(ident)

    def _header(self, line: bytes) -> dict[str, Any]:
        """The first line: everything but the events, through the general converter."""
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise MissionDataError(
                [Problem(self.name, "", f"not valid UTF-8 (byte {error.start})", 1, 1)]
            ) from None
        if not text.strip():
            raise MissionDataError(
                [Problem(self.name, "", "empty file: the first line must be the mission header")]
            )
        try:
            raw = _parse_json(text, self.name)
        except MissionDataError as error:
            raise MissionDataError(
                [Problem(p.file, p.path, p.message, 1, p.column) for p in error.problems]
            ) from None
        if "events" in raw:
            raise MissionDataError(
                [
                    Problem(
                        self.name,
                        "events",
                        "in a .jsonl mission the events follow the header line, one per line",
                        1,
                        1,
                    )
                ]
            )
        problems: list[Problem] = []
        fields: dict[str, Any] | None = _Converter(self.name, problems).record(
            {**raw, "events": []}, "file", ""
        )
        if fields is None or problems:
            raise MissionDataError(problems or [Problem(self.name, "", "not a mission")])
        if fields["format"] != FORMAT_VERSION:
            raise MissionDataError(
                [Problem(self.name, "format", f"unsupported format {fields['format']}; expected 1")]
            )
        header = Mission(
            info=fields["mission"],
            events=(),
            sources=tuple(fields.get("sources", ())),
            places=tuple(fields.get("places", ())),
            vehicles=tuple(fields.get("vehicles", ())),
            phases=tuple(fields.get("phases", ())),
            people=tuple(fields.get("people", ())),
        )
        problems = [
            p for p in check_references(header, self.name) if not _EVENT_REFS.fullmatch(p.path)
        ]
        if problems:
            raise MissionDataError(problems)
        return fields

    def _block(self, block: bytes, first_line: int) -> int:
        """Take a block of event lines in one go; if anything in it is unusual, in batches
        of lines, and those line by line. Returns the number of lines."""
        size = block.count(b"\n") + (not block.endswith(b"\n"))
        try:
            raws = self.decode_lines(block)
        except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError):
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
        except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError):
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
            except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError):
                pass
            self._slow(line, first_line + offset)

    def _take(self, raws: list[Any], data: bytes, first_line: int) -> bool:
        """Add decoded events (one per line of `data`, from `first_line`) if the bulk checks
        pass; else add nothing and say so."""
        count = len(raws)
        column = {name: list(map(attrgetter(name), raws)) for name in _OPTIONAL}
        ids = list(map(attrgetter("id"), raws))
        titles = list(map(attrgetter("title"), raws))
        fresh = set(ids)
        if len(fresh) != count:
            return False
        at, planned, ends = column["at"], column["planned"], column["end"]
        chosen = at
        if UNSET in at:
            chosen = list(at)
            for position in compress(range(count), map(is_, at, repeat(UNSET))):
                chosen[position] = planned[position]
            if UNSET in chosen:
                return False  # "needs 'at' or 'planned'", from the slow path
        try:
            instants = instants_of(chosen)
            instants_of(list(filter(_IS_GIVEN, planned)))
            instants_of(list(filter(_IS_GIVEN, ends)))
        except TimeFormatError:
            return False
        escapes = b"\\" in data
        # A NUL can only be written escaped (JSON refuses raw control characters).
        if escapes and b"\\u0000" in data:
            return False
        unset = {name: values.count(UNSET) for name, values in column.items()}
        present = (_REQUIRED + len(unset)) * count - sum(unset.values())
        inside = 0
        for values in (titles, column["description"], column["note"], at, planned, ends):
            inside += "\n".join(filter(_IS_GIVEN, values)).count(":")
        extras: dict[int, Extras] = {}
        rare = ("note", "stated", "disputes", "station_crew")
        rows = set().union(*(_given(column[name]) for name in rare))
        start = len(self.builder.columns.ids)
        if rows:
            for position in sorted(rows):
                end, note, stated, disputes, crew = (
                    column[name][position] for name in ("end", *rare)
                )
                try:
                    taken = self._extras(end, note, stated, disputes, crew)
                except TimeFormatError:
                    taken = None
                if taken is None:
                    return False
                extras[start + position], colons = taken
                inside += colons
        # A colon written as \u003a is in a decoded string but not among the raw colons.
        # Counting every "\u003a" (even an escaped backslash followed by "u003a") can only
        # make the two sides differ, never hide a duplicate key.
        escaped = data.count(b"\\u003a") + data.count(b"\\u003A") if escapes else 0
        if data.count(b":") != present + inside - escaped:
            return False  # a duplicate key somewhere: the slow path names it
        try:  # codes first: a value msgspec let through but the mission lacks adds nothing
            phases = array("H", map(self.phase_code.__getitem__, column["phase"]))
            places = array("H", map(self.place_code.__getitem__, column["place"]))
        except KeyError:
            return False
        for position in _given(ends):
            if start + position not in extras:
                extras[start + position] = Extras(end=ends[position])
        builder = self.builder
        c = builder.columns
        c.ids.extend_list(ids)
        c.titles += map(self.titles.setdefault, titles, titles)
        c.descriptions.extend_list(_texts(column["description"], unset["description"]))
        c.kinds += bytes(map(_KIND_CODE.__getitem__, map(attrgetter("kind"), raws)))
        c.phases += phases
        c.places += places
        for name in ("vehicles", "people", "sources"):
            values = column[name]
            codes = list(map(builder.group_code.get, values))
            if None in codes:  # lists not met before
                for position in compress(range(count), map(is_, codes, repeat(None))):
                    codes[position] = builder.group(values[position])
            getattr(c, name).extend(codes)
        c.confidences += bytes(map(_CONFIDENCE_CODE.__getitem__, column["confidence"]))
        c.at.extend_list(_texts(at, unset["at"]))
        c.planned.extend_list(_texts(planned, unset["planned"]))
        c.instants.extend(instants)
        c.extras.update(extras)
        self.hashes.extend(map(hash, ids))
        self.line_numbers.extend(range(first_line, first_line + count))
        self.found |= self.wanted.intersection(fresh)
        self.count += count
        return True

    def _extras(
        self, end: Any, note: Any, stated: Any, disputes: Any, crew: Any
    ) -> tuple[Extras, int] | None:
        """The rare fields as model records, and how many colons their keys and strings
        account for (for the duplicate-key count); `None` sends the line the slow way."""
        colons = 0
        texts: list[str] = []
        stated_value: tuple[Stated, ...] = ()
        if stated is not UNSET:
            stated_value = tuple(Stated(item.text, item.source) for item in stated)
            colons += 2 * len(stated)
            texts += [item.text for item in stated]
        disputes_value: list[Dispute] = []
        for dispute in () if disputes is UNSET else disputes:
            if not dispute.versions:
                return None  # "a dispute needs versions", from the slow path
            versions = []
            colons += 2
            texts.append(dispute.topic)
            for version in dispute.versions:
                at = None if version.at is UNSET else version.at
                colons += 1 + (at is not None) + (version.sources is not UNSET)
                texts.append(version.claim)
                if at is not None:
                    texts.append(at)
                versions.append(
                    Version(
                        version.claim,
                        None if at is None else fast_when(at),
                        () if version.sources is UNSET else version.sources,
                    )
                )
            disputes_value.append(Dispute(dispute.topic, tuple(versions)))
        blob = "\n".join(texts)
        if "\x00" in blob:
            return None
        extras = Extras(
            note="" if note is UNSET else note,
            stated=stated_value,
            disputes=tuple(disputes_value),
            station_crew=None if crew is UNSET else crew,
            end=None if end is UNSET else end,
        )
        return extras, colons + blob.count(":")

    def _slow(self, line: bytes, line_number: int) -> None:
        """One event line through the general converter: every problem, worded as usual."""
        path = f"events[{line_number - 2}]"
        self.count += 1
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            self.problem(path, f"not valid UTF-8 (byte {error.start})", line_number)
            return
        if "\x00" in text:
            self.problem(path, "contains a NUL byte", line_number)
            return
        try:
            raw = _parse_json(text, self.name)
        except MissionDataError as error:
            for p in error.problems:
                self.problems.append(Problem(self.name, path, p.message, line_number, p.column))
            return
        problems: list[Problem] = []
        event = _Converter(self.name, problems).record(raw, "event", path)
        if event is not None and not problems:
            problems += self._reference_problems(event, path)
        for p in problems:
            self.problems.append(Problem(p.file, p.path, p.message, line_number, 1))
        if event is not None and not problems:
            self.hashes.append(hash(event.id))
            self.line_numbers.append(line_number)
            if event.id in self.wanted:
                self.found.add(event.id)
            self.builder.add(event)

    def _reference_problems(self, event: Event, path: str) -> list[Problem]:
        """The checks of `data.load.loader.check_references` that concern one event."""
        problems: list[Problem] = []
        builder = self.builder

        def refer(where: str, value: str | None, known: Any, what: str) -> None:
            if value is not None and value not in known:
                problems.append(Problem(self.name, where, f"unknown {what} {value!r}"))

        def refer_all(where: str, values: tuple[str, ...], known: Any, what: str) -> None:
            for index, value in enumerate(values):
                refer(f"{where}[{index}]", value, known, what)

        dot = f"{path}." if path else ""
        if event.at is None and event.planned is None:
            problems.append(Problem(self.name, path, f"event {event.id!r} needs 'at' or 'planned'"))
        refer(f"{dot}phase", event.phase, builder.phase_code, "phase")
        refer(f"{dot}place", event.place, builder.place_code, "place")
        refer_all(f"{dot}vehicles", event.vehicles, self.vehicle_ids, "vehicle")
        refer_all(f"{dot}people", event.people, self.person_ids, "person")
        refer_all(f"{dot}sources", event.sources, self.source_ids, "source")
        if event.station_crew is not None and event.station_crew < 0:
            problems.append(Problem(self.name, f"{dot}station_crew", "must not be negative"))
        return problems + self._nested_problems(event, path)

    def _nested_problems(self, event: Event, path: str) -> list[Problem]:
        """Reference checks inside `stated` and `disputes`."""
        problems: list[Problem] = []

        def refer_all(where: str, values: tuple[str, ...]) -> None:
            for index, value in enumerate(values):
                if value not in self.source_ids:
                    problems.append(
                        Problem(self.name, f"{where}[{index}]", f"unknown source {value!r}")
                    )

        dot = f"{path}." if path else ""
        for number, stated in enumerate(event.stated):
            if stated.source not in self.source_ids:
                where = f"{dot}stated[{number}].source"
                problems.append(Problem(self.name, where, f"unknown source {stated.source!r}"))
        for number, dispute in enumerate(event.disputes):
            if not dispute.versions:
                problems.append(
                    Problem(
                        self.name, f"{dot}disputes[{number}].versions", "a dispute needs versions"
                    )
                )
            for v_number, version in enumerate(dispute.versions):
                refer_all(f"{dot}disputes[{number}].versions[{v_number}].sources", version.sources)
        return problems


__all__ = ["MissionError", "is_jsonl", "load_jsonl"]
