"""What an importer makes and what describes one: `Imported` and `ImportFormat`.

They live here, not in `data.imports` (which re-exports them), so that each importer module
can import them without importing the registry that imports it (no import cycle).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from data.i18n import _
from data.problems import Problem


@dataclass(frozen=True, slots=True)
class Imported:
    """A timeline read from another tool's file, mapped onto the mission format."""

    document: dict[str, Any]
    """A mission document exactly as a `.json` mission file holds it (docs/format.md);
    checked afterwards like any mission file."""
    unmapped: list[Problem]
    """What could not be mapped (or was assumed): one Problem each, severity WARNING, naming
    the file, the place (line and column where known) and what was dropped."""


@dataclass(frozen=True, slots=True)
class ImportFormat:
    """One format that can be imported."""

    name: str
    """The name given to `--format`: "ics", "timelinejs", "timelinejs-csv", "markwhen"."""
    description: str
    """The name people know it by, in English ("iCalendar", "TimelineJS JSON", ...; marked
    for translation where it has words: `label` is it as shown)."""
    suffixes: tuple[str, ...]
    """The file suffixes of the format, lower case with the dot: (".ics",)."""
    sniff: Callable[[str], bool]
    """Does this text look like this format? Cheap: it should only look at the start."""
    read: Callable[[str, str], Imported]
    """(file name for messages, text) -> the `Imported`; raises `MissionDataError` for what
    it cannot read."""

    @property
    def label(self) -> str:
        """The name shown to people, in the interface's language."""
        return _(self.description)
