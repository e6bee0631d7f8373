"""Reading a TOML or JSON mission: the whole file read, parsed, converted, checked, stored.

Every problem is found in one pass and placed in the text (`data.load.locate`); errors raise
`MissionDataError`, warnings are kept for `mission-timeline check`. The events of a valid
mission go into an event store in time order.
"""

from __future__ import annotations

from typing import Any

from msgspec import structs

from data.files.reading import read_text
from data.i18n import _
from data.load.convert import Converter, convert_file
from data.load.lint import lint
from data.load.locate import locate
from data.load.paths import split_path
from data.load.references import RecordPaths, check_references
from data.load.syntax import duplicate_key, parse
from data.model import Mission
from data.problems import MissionDataError, Problem, Severity, within_memory
from data.store import store_of


def load_text(name: str, text: str) -> Mission:
    """Validate the text of the TOML or JSON mission `name`, already read (by
    `data.files.reading`); raise `MissionError` on any error."""
    raw, is_json = parse(text, name)
    mission, problems = analyse(raw, name)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if mission is None or errors:
        raise MissionDataError(located(text, is_json, errors or problems))
    return mission


def check_text(name: str, text: str) -> list[Problem]:
    """Every problem of the TOML or JSON mission `name` whose text was already read, errors
    and warnings, placed in its text; raise `MissionError` if it cannot be parsed."""
    raw, is_json = parse(text, name)
    return located(text, is_json, analyse(raw, name)[1])


def read_document(name: str) -> dict[str, Any]:
    """Read, decode and parse a mission file into plain data, without validating it."""
    return within_memory(name, lambda: parse(read_text(name), name)[0])


def build_mission(raw: dict[str, Any], name: str) -> Mission:
    """Validate parsed data against the schema, the references and the lint rules."""
    mission, problems = analyse(raw, name)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if mission is None or errors:
        raise MissionDataError(errors or problems)
    return mission


def analyse(raw: Any, name: str) -> tuple[Mission | None, list[Problem]]:
    """All problems in parsed data; the mission too when it has no errors."""
    converter = Converter(name)
    converted = convert_file(raw, converter)
    problems = converter.problems
    if converted is None:
        return None, problems
    header, events = converted
    paths = RecordPaths(converter.indexes, converter.failed_ids, ids_checked=True)
    problems.extend(check_references(header, events, name, paths))
    # The lint rules skip what they cannot resolve, so they also run on the records that
    # passed when others failed: one run of `check` reports everything.
    problems.extend(lint(header, events, name, paths))
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    phase_ids = [phase.id for phase in header.phases]
    return structs.replace(
        header, events=store_of(events, phase_ids, [p.id for p in header.places])
    ), problems


def located(text: str, is_json: bool, problems: list[Problem]) -> list[Problem]:
    """The problems placed in the text of a mission (or of one JSON Lines line), in its
    order."""
    # Only the problems worded like it are looked at closely: a file may have thousands.
    head, _key, tail = _("duplicate key {key}").partition("{key}")
    repeated = {
        p.path
        for p in problems
        if p.message.startswith(head) and p.message.endswith(tail) and _repeats_key(p)
    }
    return locate(text, is_json, problems, repeated)


def _repeats_key(problem: Problem) -> bool:
    """Whether `problem` is that of a key written twice (`syntax.duplicate_key`) at the key
    its field path ends with, which is then found at its last use. Known by its wording:
    importers, which read JSON with the same parser, report it too."""
    parts = split_path(problem.path)
    key = parts[-1] if parts else None
    return isinstance(key, str) and problem.message == duplicate_key(key)
