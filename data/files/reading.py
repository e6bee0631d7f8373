"""Opening a mission file safely, whatever its format: the one way every reader reads a file.

The settings file is read the same way, with a smaller limit (`tui.config`).

`MissionFile` opens a regular file (not a pipe, device or directory, which could block or
never end) of at most `max_file_bytes()` bytes (or the `limit` given), without blocking, and
reads it whole (`text`, for TOML and JSON) or in blocks of whole lines of at most
`MAX_LINE_BYTES` (`blocks`, for JSON Lines). Reading to the end checks that the file did not
change, grow or disappear meanwhile. `decode` turns bytes into text: UTF-8 (a BOM is accepted)
without NUL characters. The readers of each format refuse strings of more than
`MAX_STRING_CHARS` characters before parsing (`data.load.long_strings`).

Every failure is a `MissionReadError` (the file cannot be read: `ExitCode.NO_INPUT`) or, for
bytes that are not UTF-8 or hold a NUL, a `MissionDataError` (`ExitCode.DATA`), with one
problem naming the file and, for the content, the line and column. Nothing else escapes,
whatever the name (a NUL in it, a symlink loop) or the file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from io import FileIO
from typing import Any

from data.i18n import _
from data.problems import MissionDataError, MissionReadError, Problem, unreadable

MAX_FILE_BYTES = 1 << 30
"""Larger files are refused before reading: 1 GiB holds about two million events (a
million-event JSON file is 300 to 500 MB). `MISSION_TIMELINE_MAX_BYTES` overrides it."""
MAX_BYTES_VARIABLE = "MISSION_TIMELINE_MAX_BYTES"
MAX_STRING_CHARS = 1 << 20
"""A string (a value or a key) may hold at most 1 MiB characters, however it is written. A
title of a million characters loads (the red team's 1 MB titles of escape sequences held);
a longer string is refused before parsing, in the time of one scan: tomllib reads a string
one character at a time in Python (about 5 s for 60 MiB), and no view or export of a mission
has a use for more."""
MAX_LINE_BYTES = 16 * MAX_STRING_CHARS
"""A JSON Lines line may be at most 16 MiB: room for a string at the limit written in the
longest way (12 bytes a character, as the escaped surrogate pair `\\ud83d\\ude00`) and the
rest of its record. Reading stops as soon as a line is longer: a huge line is never held
whole."""


def max_file_bytes() -> int:
    """The size limit in force: `MISSION_TIMELINE_MAX_BYTES` if set to a number, else 1 GiB."""
    value = os.environ.get(MAX_BYTES_VARIABLE, "")
    return int(value) if value.isdigit() and len(value) < 19 else MAX_FILE_BYTES


def read_text(name: str, limit: int | None = None) -> str:
    """A whole file as text, of at most `limit` bytes (default `max_file_bytes()`); see
    `MissionFile` and `decode`."""
    with MissionFile(name, limit) as opened:
        return opened.text()


class MissionFile:
    """A mission file open for reading; use it as a context manager, or `close` it."""

    def __init__(self, name: str, limit: int | None = None) -> None:
        self.name = name
        descriptor, self.before = _open_regular(name, max_file_bytes() if limit is None else limit)
        self.handle: FileIO = os.fdopen(descriptor, "rb", buffering=0)
        self.size = self.before.st_size
        """The file's size when it was opened."""
        self.read = 0
        """Bytes read so far."""

    def __enter__(self) -> MissionFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.handle.close()

    def text(self) -> str:
        """The whole file, decoded."""
        # One spare byte shows a file that grew while it was read.
        buffer = bytearray(self.size + 1)
        with memoryview(buffer) as view:
            try:
                while self.read < len(buffer) and (
                    count := _read_into(self.handle, view[self.read :])
                ):
                    self.read += count
            except OSError as error:
                raise _cannot_read(self.name, error) from None
        self._check_whole()
        with memoryview(buffer)[: self.read] as content:
            return decode(content, self.name)

    def blocks(
        self, size: int, longest: int = MAX_LINE_BYTES, first: int | None = None
    ) -> Iterator[bytes]:
        """The file in blocks of whole lines, about `size` bytes each (the last one may lack
        its newline), the first about `first` bytes if given (at most `size`). A line of
        more than `longest` bytes (at least `size`) raises `LineTooLongError` as soon as
        that much of it has been read."""
        carried: list[bytes] = []  # a line's start, read in blocks, joined once it ends
        length = 0  # of the line carried
        reading = size if first is None else min(first, size)
        try:
            while block := self.handle.read(reading):
                reading = size
                self.read += len(block)
                if self.read > self.size:  # a /proc file, or one that grows
                    self._check_whole()
                cut = block.rfind(b"\n") + 1
                if not cut:
                    carried.append(block)
                    length += len(block)
                    if length > longest:
                        raise LineTooLongError(self.name, longest)
                    continue
                if carried:
                    if length + block.find(b"\n") > longest:
                        raise LineTooLongError(self.name, longest)
                    carried.append(block[:cut])
                    yield b"".join(carried)
                else:
                    yield block[:cut]
                carried = [block[cut:]] if cut < len(block) else []
                length = len(block) - cut
        except OSError as error:
            raise _cannot_read(self.name, error) from None
        if carried:
            yield b"".join(carried)
        self._check_whole()

    def _check_whole(self) -> None:
        """After reading to the end: the file was read whole, as it was when opened."""
        before, after = self.before, os.fstat(self.handle.fileno())
        if before.st_size == 0 and self.read > 0:
            message = _("the file does not report its size (a /proc or /sys file?); copy it first")
            raise unreadable(self.name, message)
        if after.st_nlink == 0:
            raise unreadable(self.name, _("the file was deleted while it was being read"))
        if self.read != before.st_size or (after.st_size, after.st_mtime_ns) != (
            before.st_size,
            before.st_mtime_ns,
        ):
            raise unreadable(self.name, _("the file changed while it was being read; try again"))


class LineTooLongError(MissionDataError):
    """A JSON Lines line longer than the limit. Its problem names the file but not the line:
    whoever reads the blocks counts their lines, and places it."""

    def __init__(self, name: str, longest: int) -> None:
        message = _("line too long (the limit is {limit} bytes)").format(limit=longest)
        super().__init__([Problem(name, "", message)])


def decode(data: bytes | bytearray | memoryview, name: str, line: int = 1, path: str = "") -> str:
    """UTF-8 bytes as text (a BOM is accepted), refusing a NUL character; problems are placed
    from `line`, the line the bytes start on, and carry the field `path`."""
    try:
        text = str(data, "utf-8-sig")
    except UnicodeDecodeError as error:
        place = _place(bytes(data), error.start, b"\n", line)
        message = _("not valid UTF-8 (byte {offset})").format(offset=error.start)
        raise MissionDataError([Problem(name, path, message, *place)]) from None
    nul = text.find("\x00")
    if nul >= 0:
        place = _place(text, nul, "\n", line)
        raise MissionDataError([Problem(name, path, _("contains a NUL byte"), *place)])
    return text


def _place(content: Any, offset: int, newline: Any, line: int) -> tuple[int, int]:
    """The line and column (from 1) of `offset` in `content` (text or bytes)."""
    return (
        line + content.count(newline, 0, offset),
        offset - (content.rfind(newline, 0, offset) + 1) + 1,
    )


def _open_regular(name: str, limit: int) -> tuple[int, os.stat_result]:
    """A descriptor of a regular file of at most `limit` bytes, and its status, opened without
    blocking on a FIFO or a device."""
    try:
        descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise unreadable(name, _("no such file")) from None
    except IsADirectoryError:
        raise unreadable(name, _("is a directory, not a file")) from None
    except PermissionError:
        raise unreadable(name, _("permission denied")) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the name
        reason = getattr(error, "strerror", None) or error
        raise unreadable(name, _("cannot open: {reason}").format(reason=reason)) from None
    before = os.fstat(descriptor)
    problem = None
    if stat.S_ISDIR(before.st_mode):
        problem = _("is a directory, not a file")
    elif not stat.S_ISREG(before.st_mode):
        problem = _("not a regular file (a pipe or a device cannot be read)")
    elif before.st_size > limit:
        problem = _("too large ({size} bytes; the limit is {limit})").format(
            size=before.st_size, limit=limit
        )
    if problem is not None:
        os.close(descriptor)
        raise unreadable(name, problem)
    return descriptor, before


def _cannot_read(name: str, error: OSError) -> MissionReadError:
    """The error for a read that failed: the system's reason."""
    reason = error.strerror or error
    return unreadable(name, _("cannot read: {reason}").format(reason=reason))


def _read_into(handle: FileIO, view: memoryview) -> int:
    """One read into `view`; a seam for tests that change the file while it is read."""
    return int(handle.readinto(view) or 0)
