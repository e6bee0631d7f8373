"""`mission-timeline import`: read another tool's timeline, write it as a mission file.

TOML is written by `tomli_w` (a small, well-kept writer: strings escaped, so no value can add
a key or a table), JSON by the standard library; both hold exactly the imported document and
load back through the normal loader. Neither escapes every character that acts on a terminal
(C1 controls such as CSI, line separators, bidirectional overrides): those are written as
`\\uXXXX` escapes, the set the JSON export escapes, so printing the file shows them and never
obeys them. Every such character is inside a string, where the escape means the same
character.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from data.exit_codes import ExitCode
from data.i18n import _, ngettext
from data.sanitize import sanitize_line
from tui.cli.parsing import CommandParser


def make_parser() -> CommandParser:
    from data.imports import IMPORT_FORMATS

    formats = ", ".join(
        f"{f.name} ({f.label}, {' '.join(f.suffixes)})" for f in IMPORT_FORMATS.values()
    )
    parser = CommandParser(
        prog="mission-timeline import",
        description=_(
            "Read a timeline made by another tool and write it as a mission file: TOML to "
            "standard output, or TOML or JSON by the -o file's suffix. What cannot be mapped "
            "is printed on standard error, one a line, as FILE:LINE:COL: warning: MESSAGE. "
            "Formats: {formats}. Exit status: 0 when written (warnings allowed), 65 when "
            "the file cannot be imported, 66 when it cannot be read, 73 when the output "
            "cannot be created (or exists: --force)."
        ).format(formats=formats),
    )
    parser.add_argument("file", metavar="FILE", help=_("the file to import (e.g. events.ics)"))
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help=_("write the mission to PATH (.toml or .json) instead of standard output"),
    )
    parser.add_argument(
        "--format",
        choices=list(IMPORT_FORMATS),
        help=_("the format of FILE (default: from its suffix, else from its content)"),
    )
    parser.add_argument("--force", action="store_true", help=_("replace PATH if it already exists"))
    return parser


def run(argv: Sequence[str]) -> int:
    """Import FILE; print what was not mapped; write the mission unless it has errors."""
    args = make_parser().parse_args(argv)
    from data.files.writing import OutputClosed, OutputError, open_output
    from data.imports import import_file
    from data.load.document import analyse
    from data.problems import MissionError, Severity

    def fail(message: str, code: int) -> int:
        print(f"mission-timeline import: {sanitize_line(message)}", file=sys.stderr)
        return code

    form = output_format(args.output)
    if form is None:
        message = _("{path}: write a .toml or a .json file").format(path=args.output)
        return fail(message, ExitCode.USAGE)
    try:
        imported = import_file(args.file, args.format)
    except MissionError as error:
        return fail(str(error), error.exit_code)
    problems = imported.unmapped + analyse(imported.document, args.file)[1]
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    if errors:
        message = ngettext(
            "{path}: not written: {count} error", "{path}: not written: {count} errors", errors
        )
        return fail(message.format(path=args.file, count=errors), ExitCode.DATA)
    text = document_text(imported.document, form)
    try:
        with open_output(args.output, force=args.force, protect=[args.file]) as out:
            out.write(text)
    except OutputClosed:
        return ExitCode.OK
    except OutputError as error:
        return fail(str(error), error.exit_code)
    return ExitCode.OK


SUFFIXES = {".toml": "toml", ".json": "json"}
"""Output suffix -> the format written."""


def output_format(path: str | None) -> str | None:
    """The format an output path asks for (TOML for standard output), or None for a suffix
    that is no mission format."""
    if path is None or path == "-":
        return "toml"
    return SUFFIXES.get(Path(path).suffix.lower())


def document_text(document: dict[str, Any], form: str) -> str:
    """The text of a mission file holding `document`, as `form` ("toml" or "json")."""
    from data.export.json_export import escape_unsafe

    if form == "json":
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        text = _toml(document)
    return escape_unsafe(text)


def _toml(document: dict[str, Any]) -> str:
    """TOML for hand editing, laid out as docs/format.md lays it out: the plain values first,
    then a `[table]` for each table and a `[[table]]` for each record of a list of records, in
    the document's order (`tomli_w` alone writes short records as inline tables)."""
    import tomli_w

    def is_records(value: Any) -> bool:
        return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)

    plain = {k: v for k, v in document.items() if not isinstance(v, dict) and not is_records(v)}
    parts = [tomli_w.dumps(plain)] if plain else []
    for key, value in document.items():
        if isinstance(value, dict):
            parts.append(f"[{key}]\n{tomli_w.dumps(value)}")
        elif is_records(value):
            parts += [f"[[{key}]]\n{tomli_w.dumps(record)}" for record in value]
    return "\n".join(parts)
