"""`mission-timeline check`: validate and lint mission files, one problem a line."""

from __future__ import annotations

from collections.abc import Sequence

from data.exit_codes import ExitCode
from tui.cli.parsing import CommandParser
from tui.stdout import Lines


def make_parser() -> CommandParser:
    return CommandParser(
        prog="mission-timeline check",
        description=(
            "Validate and lint mission files. Prints every problem, one a line, as "
            "FILE:LINE:COL: FIELD.PATH: MESSAGE, then a summary. Exit status: 0 when no "
            "file has errors (warnings allowed), 65 when one has, 66 when one cannot be read."
        ),
    )


def run(argv: Sequence[str]) -> int:
    parser = make_parser()
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="mission files (.toml, .json or .jsonl)"
    )
    args = parser.parse_args(argv)
    from data.opening import check_file

    out = Lines()
    errors = warnings = unreadable = 0
    for name in args.files:
        result = check_file(name)
        for problem in result.problems:
            out.write(str(problem))
        errors += result.errors
        warnings += result.warnings
        unreadable += result.exit_code == ExitCode.NO_INPUT
    files = len(args.files)
    summary = (
        f"checked {files} file{'s' * (files != 1)}: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}"
    )
    if unreadable:
        summary += f" ({unreadable} could not be read)"
    out.write(summary)
    out.close()
    if unreadable:
        return ExitCode.NO_INPUT
    return ExitCode.DATA if errors else ExitCode.OK
