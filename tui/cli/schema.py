"""`mission-timeline schema`: print the JSON Schema of the mission file format."""

from __future__ import annotations

import json
from collections.abc import Sequence

from data.exit_codes import ExitCode
from data.i18n import _
from tui.cli.parsing import CommandParser


def make_parser() -> CommandParser:
    return CommandParser(
        prog="mission-timeline schema",
        description=_("Print the JSON Schema of the mission file format."),
    )


def run(argv: Sequence[str]) -> int:
    make_parser().parse_args(argv)
    from data.load.schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return ExitCode.OK
