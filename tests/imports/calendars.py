"""Small calendars written in a test, and importing them: the iCalendar mapping's cases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from data.imports import Imported, import_file

FIXTURES = Path(__file__).parent / "fixtures"


def calendar(*lines: str, head: tuple[str, ...] = ()) -> str:
    """A VCALENDAR around `lines` (CRLF line ends, as RFC 5545 writes them)."""
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN", *head, *lines]
    return "\r\n".join([*body, "END:VCALENDAR", ""])


def vevent(*lines: str, summary: str = "Launch") -> tuple[str, ...]:
    """A VEVENT with a SUMMARY and `lines`."""
    return ("BEGIN:VEVENT", f"SUMMARY:{summary}", *lines, "END:VEVENT")


def imported(tmp_path: Path, text: str, name: str = "cal.ics") -> Imported:
    """Import `text` written to a file `name`."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return import_file(path)


def events(result: Imported) -> list[dict[str, Any]]:
    return list(result.document["events"])


def messages(result: Imported) -> list[str]:
    """What could not be mapped, as `check` prints it, less the file name."""
    return [str(problem).split(":", 1)[1] for problem in result.unmapped]


def run(
    *args: str | Path, env: dict[str, str] | None = None, text: bool = False
) -> subprocess.CompletedProcess[Any]:
    """`mission-timeline ARGS` in a child process (a hang fails the test, never blocks it);
    its outputs as bytes, or as `text`."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        capture_output=True,
        text=text,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )
