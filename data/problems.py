"""What can be wrong with a mission file: the `Problem`, and the errors that carry problems.

Every reader and check reports a `Problem` naming the file, the place (line and column where
known, the field path always) and what is wrong. A file that cannot be used raises a
`MissionError` holding its problems: `MissionDataError` when the file was read but is not a
valid mission, `MissionReadError` when it could not be read at all. Their exit codes are the
`data.exit_codes.ExitCode`s that `mission-timeline` exits with. `within_memory` turns running
out of memory while loading into a `MissionReadError` too.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

import msgspec

from data.exit_codes import ExitCode
from data.i18n import N_, _, ngettext
from data.sanitize import sanitize_line


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with a mission file, printed as `file:line:col: field.path: message`.

    The message is in the interface's language (made with `_()` where the problem is found);
    the file's name, the field path and whatever it quotes from the file stay as written.
    A msgspec `Struct` (made in C), not a frozen dataclass, whose generated methods Python
    compiled when start-up imported this module (about 3M instructions); moved or re-placed
    with `msgspec.structs.replace`."""

    file: str
    path: str
    message: str
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        """`file:line:col`, or just `file` when the place in the text is not known."""
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def __str__(self) -> str:
        field_path = f" {self.path}:" if self.path else ""
        where = f"{self.location}:{field_path}"
        if self.severity is Severity.WARNING:
            text = _("{where} warning: {message}").format(where=where, message=self.message)
        else:
            text = f"{where} {self.message}"
        # Every part may come from the file (its name, a key, a value): one safe line.
        return sanitize_line(text)


class MissionError(Exception):
    """A mission file that cannot be used, with every problem found in it."""

    exit_code: int = ExitCode.DATA

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(str(problems[0]))
        self.problems = problems

    def __str__(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        if not more:
            return first
        return ngettext(
            "{problem} (and {count} more; see mission-timeline check)",
            "{problem} (and {count} more; see mission-timeline check)",
            more,
        ).format(problem=first, count=more)


class MissionDataError(MissionError):
    """The file was read but its content is not a valid mission."""


class MissionReadError(MissionError):
    """The file could not be read at all: it is missing, not a regular file, too large, or
    changed while read; or it is too large to load with the memory available (a MemoryError
    anywhere while it is read, parsed or stored). That last one is a reading failure too, not
    a data error: the content was never judged, and it may well be a valid mission."""

    exit_code: int = ExitCode.NO_INPUT


TOO_LARGE_FOR_MEMORY = N_("too large to load with the memory available")
Result = TypeVar("Result")


def unreadable(name: str, message: str) -> MissionReadError:
    """The error for a file that cannot be read: one problem naming the file."""
    return MissionReadError([Problem(name, "", message)])


def within_memory(name: str, load: Callable[[], Result]) -> Result:
    """`load()`, the loading of the file `name`; running out of memory in it raises the
    `MissionReadError` "too large to load with the memory available" instead."""
    try:
        return load()
    except MemoryError:
        pass  # raised below, once the frames that held the memory have been let go
    raise unreadable(name, _(TOO_LARGE_FOR_MEMORY))
