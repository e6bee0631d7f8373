"""`mission-timeline export`: stream the timeline to standard output or a file; never
imports Textual."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from data.exit_codes import ExitCode
from data.i18n import _
from data.sanitize import sanitize_line
from tui.cli.parsing import CommandParser


def make_parser() -> CommandParser:
    parser = CommandParser(
        prog="mission-timeline export",
        description=_(
            "Write the timeline as text, Markdown, CSV, JSON, iCalendar, a Mermaid gantt chart, "
            "or a picture (SVG or PNG), to standard output or a file. Zones, --relative-to/--mode "
            "and --filter mean what they mean in the TUI. A file is written atomically and never "
            "replaced without --force."
        ),
    )
    parser.add_argument(
        "mission", nargs="?", metavar="MISSION", help=_("a mission file (default: Soyuz MS-19)")
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=[
            "text",
            "md",
            "csv",
            "json",
            "ics",
            "svg",
            "png",
            "mermaid",
            "timelinejs",
            "parquet",
        ],
        help=_("output format (default: from the -o file's suffix, else text)"),
    )
    parser.add_argument(
        "-z",
        "--zone",
        action="append",
        default=[],
        metavar="ZONE",
        help=_(
            "an IANA zone, or 'stated' for each source's own zone; repeat for side-by-side "
            "columns (default: UTC; text, md and csv; svg and png take one IANA zone)"
        ),
    )
    parser.add_argument(
        "--relative-to",
        metavar="EVENT_ID",
        help=_("add a column of times relative to this event (T-/T+ unless --mode says otherwise)"),
    )
    parser.add_argument(
        "--mode",
        choices=["t-minus", "met", "flight-day"],
        help=_(
            "how to show relative times (default with --relative-to: t-minus; without it, "
            "counted from the mission's launch)"
        ),
    )
    parser.add_argument(
        "--filter",
        metavar="EXPR",
        help=_("only the events matching a filter, e.g. 'kind:docking,undocking person:dubrov'"),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help=_("write to PATH instead of standard output ('-' is standard output)"),
    )
    parser.add_argument("--force", action="store_true", help=_("replace PATH if it already exists"))
    parser.add_argument(
        "--width",
        type=int,
        metavar="N",
        help=_(
            "text and md: wrap lines to N columns (default: the terminal's width when "
            "writing to a terminal, else 100); svg and png: the picture's width in pixels "
            "(default: 1600)"
        ),
    )
    prose = parser.add_argument_group(_("articles (text and md)"))
    prose.add_argument(
        "--brief",
        action="store_true",
        help=_(
            "the short form for an article: each event's time, zone, title and one line of "
            "detail; no source numbers, confidence codes, notes, crew or source list"
        ),
    )
    picture = parser.add_argument_group(_("pictures (svg and png)"))
    picture.add_argument("--theme", choices=["light", "dark"], help=_("colours (default: light)"))
    picture.add_argument(
        "--from",
        dest="range_from",
        metavar="ID|TIME",
        help=_(
            "start at this event, or at this time (2021-10-05, 2021-10-05T08:00Z; without a "
            "zone, in --zone's) (default: the mission's first event or phase)"
        ),
    )
    picture.add_argument(
        "--to",
        dest="range_to",
        metavar="ID|TIME",
        help=_(
            "end at this event, or at the end of this time's day, minute or second "
            "(default: the mission's last event or phase)"
        ),
    )
    return parser


_PICTURE_OPTIONS = ("theme", "range_from", "range_to")
"""The export options that only a picture takes (their `args` names)."""


def run(argv: Sequence[str]) -> int:
    """`mission-timeline export`: stream an export; never imports Textual."""
    parser = make_parser()
    args = parser.parse_args(argv)
    from data.export import FORMATS, OptionsError, export, format_for_path, make_options
    from data.export.options import DEFAULT_COLUMNS, DEFAULT_WIDTH, Theme
    from data.facts.derived import TimeMode
    from data.files.writing import OutputClosed, OutputError, open_output
    from data.opening import BUNDLED_MISSION, MissionError, load_bundled, load_mission

    def fail(message: str, code: int) -> int:
        print(f"mission-timeline export: {sanitize_line(message)}", file=sys.stderr)
        return code

    format_name = args.format or format_for_path(args.output or "") or "text"
    fmt = FORMATS[format_name]
    if args.zone and not fmt.zones:
        if fmt.views:
            message = _("--zone does not apply to {format} (times are in UTC)")
        else:
            message = _("--zone does not apply to {format} (times are kept as written)")
        return fail(message.format(format=format_name), ExitCode.USAGE)
    if not fmt.views and (args.filter or args.relative_to or args.mode):
        message = _(
            "--filter, --relative-to and --mode do not apply to {format}: "
            "it is always the whole mission, exactly"
        )
        return fail(message.format(format=format_name), ExitCode.USAGE)
    if not fmt.picture and any(getattr(args, name) is not None for name in _PICTURE_OPTIONS):
        message = _("--theme, --from and --to apply to svg and png, not to {format}")
        return fail(message.format(format=format_name), ExitCode.USAGE)
    if args.width is not None and not (fmt.picture or fmt.prose):
        message = _(
            "--width applies to text and md (columns) and to svg and png (pixels), not to {format}"
        )
        return fail(message.format(format=format_name), ExitCode.USAGE)
    if args.brief and not fmt.prose:
        message = _("--brief applies to text and md, not to {format}")
        return fail(message.format(format=format_name), ExitCode.USAGE)
    if (fmt.picture or fmt.binary) and args.output in (None, "-") and sys.stdout.isatty():
        if fmt.picture:
            return fail(_("a picture is not for a terminal; give a file: -o PATH"), ExitCode.USAGE)
        message = _("{format} is binary, not for a terminal; give a file: -o PATH")
        return fail(message.format(format=format_name), ExitCode.USAGE)
    stamp = _source_date()
    if isinstance(stamp, str):
        return fail(stamp, ExitCode.USAGE)
    try:
        mission = load_mission(args.mission) if args.mission else load_bundled()
    except MissionError as error:
        return fail(str(error), error.exit_code)
    try:
        options = make_options(
            mission,
            zones=args.zone,
            relative_to=args.relative_to,
            mode=TimeMode(args.mode) if args.mode else None,
            filter_text=args.filter,
            stamp=stamp,
            one_zone=fmt.picture,
            range_from=args.range_from,
            range_to=args.range_to,
            width=args.width if fmt.picture and args.width is not None else DEFAULT_WIDTH,
            theme=args.theme or Theme.LIGHT,
            columns=_columns(args.width, args.output) if fmt.prose else DEFAULT_COLUMNS,
            brief=args.brief,
        )
    except OptionsError as error:
        return fail(str(error), ExitCode.USAGE)
    protect = [args.mission or BUNDLED_MISSION]
    try:
        with open_output(args.output, force=args.force, protect=protect) as out:
            export(mission, format_name, options, out)
    except OutputClosed:
        return ExitCode.OK
    except OutputError as error:
        return fail(str(error), error.exit_code)
    return ExitCode.OK


def _columns(asked: int | None, output: str | None) -> int:
    """The width text and Markdown are wrapped to: as asked, else the terminal's width when
    the export is shown in one (at least the narrowest width an export takes), else
    `DEFAULT_COLUMNS`."""
    from data.export.options import COLUMNS, DEFAULT_COLUMNS

    if asked is not None:
        return asked
    if output in (None, "-") and sys.stdout.isatty():
        return max(COLUMNS.start, shutil.get_terminal_size((DEFAULT_COLUMNS, 24)).columns)
    return DEFAULT_COLUMNS


def _source_date() -> datetime | str | None:
    """The export time from SOURCE_DATE_EPOCH (reproducible output), or an error message."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError):
        return _("SOURCE_DATE_EPOCH must be a number of seconds, not {value}").format(
            value=repr(value)
        )
