"""`mission-timeline check`: validate and lint mission files, one problem a line."""

from __future__ import annotations

from collections.abc import Sequence

from data.exit_codes import ExitCode
from data.i18n import _, ngettext
from tui.cli.parsing import CommandParser
from tui.stdout import Lines


def make_parser() -> CommandParser:
    return CommandParser(
        prog="mission-timeline check",
        description=_(
            "Validate and lint mission files. Prints every problem, one a line, as "
            "FILE:LINE:COL: FIELD.PATH: MESSAGE, then a summary. Exit status: 0 when no "
            "file has errors (warnings allowed), 65 when one has, 66 when one cannot be read."
        ),
    )


def run(argv: Sequence[str]) -> int:
    parser = make_parser()
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help=_("mission files (.toml, .json or .jsonl)")
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
    out.write(summary(len(args.files), errors, warnings, unreadable))
    out.close()
    if unreadable:
        return ExitCode.NO_INPUT
    return ExitCode.DATA if errors else ExitCode.OK


def summary(files: int, errors: int, warnings: int, unreadable: int) -> str:
    """`checked 2 files: 1 error, 0 warnings (1 could not be read)`: the last line of the
    report. Each count is worded by its own plural, in one sentence a translator can
    reorder."""
    counts = {
        "files": ngettext("{count} file", "{count} files", files).format(count=files),
        "errors": ngettext("{count} error", "{count} errors", errors).format(count=errors),
        "warnings": ngettext("{count} warning", "{count} warnings", warnings).format(
            count=warnings
        ),
    }
    if not unreadable:
        return _("checked {files}: {errors}, {warnings}").format(**counts)
    counts["unreadable"] = ngettext(
        "{count} could not be read", "{count} could not be read", unreadable
    ).format(count=unreadable)
    return _("checked {files}: {errors}, {warnings} ({unreadable})").format(**counts)
