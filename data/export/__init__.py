"""Exports of a mission: plain text, Markdown, CSV, JSON, iCalendar, Mermaid, a picture
(SVG, PNG), and Parquet columns.

Every format is a module with `write(mission, options, out)` that streams to a text stream
opened with `newline=""` (CSV and iCalendar write their own CRLF line ends; PNG writes bytes
to the stream's buffer). `FORMATS` maps the format names the command line and the TUI use to
those writers (text, CSV and JSON with the columnar engine for large exports,
`data.export.fast`); `data.files.writing` opens the stream safely.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TextIO

from data.export import (
    csv_export,
    ics_export,
    json_export,
    markdown_export,
    mermaid_export,
    parquet_export,
    picture,
    text_export,
    timelinejs_export,
)
from data.export.fast import csv_engine, json_engine, text_engine
from data.export.options import ExportOptions, OptionsError, make_options
from data.i18n import N_, _
from data.model import Mission

Writer = Callable[[Mission, ExportOptions, TextIO], None]


@dataclass(frozen=True, slots=True)
class Format:
    """One export format: its name, file suffix, description and writer."""

    name: str
    suffix: str
    description: str
    """What people call it, in English (marked for translation: `label` is it as shown)."""
    write: Writer
    views: bool
    """Whether zones, relative times and the filter apply (a view of the mission) or not."""
    zones: bool
    picture: bool = False
    """A picture: one zone, a time range, a width and a theme; never for a terminal."""
    prose: bool = False
    """Text to read: wrapped to a width in columns, with a brief form for articles."""
    binary: bool = False
    """Bytes for programs, never for a terminal (a picture is too)."""

    @property
    def label(self) -> str:
        """The description in the interface's language (`Plain text`, in Dutch `Platte
        tekst`)."""
        return _(self.description)


_write_text = partial(text_export.write, engine=text_engine)
_write_csv = partial(csv_export.write, engine=csv_engine)
_write_json = partial(json_export.write, engine=json_engine)
"""Text, CSV and JSON write large exports through the columnar engine (`data.export.fast`)."""

FORMATS: dict[str, Format] = {
    "text": Format(
        "text", ".txt", N_("Plain text"), _write_text, views=True, zones=True, prose=True
    ),
    "md": Format(
        "md", ".md", "Markdown", markdown_export.write, views=True, zones=True, prose=True
    ),
    "csv": Format("csv", ".csv", "CSV", _write_csv, views=True, zones=True),
    "json": Format("json", ".json", N_("JSON mission file"), _write_json, views=False, zones=False),
    "ics": Format("ics", ".ics", "iCalendar", ics_export.write, views=True, zones=False),
    "mermaid": Format(
        "mermaid", ".mmd", N_("Mermaid gantt"), mermaid_export.write, views=True, zones=False
    ),
    "svg": Format(
        "svg", ".svg", N_("SVG picture"), picture.write_svg, views=True, zones=True, picture=True
    ),
    "png": Format(
        "png", ".png", N_("PNG picture"), picture.write_png, views=True, zones=True, picture=True
    ),
    "parquet": Format(
        "parquet",
        ".parquet",
        N_("Parquet columns"),
        parquet_export.write,
        views=False,
        zones=False,
        binary=True,
    ),
    "timelinejs": Format(
        "timelinejs",
        ".timeline.json",
        "TimelineJS JSON",
        timelinejs_export.write,
        views=True,
        zones=False,
    ),
}


def format_for_path(path: str) -> str | None:
    """The format a file name's suffix asks for (`.md` -> `md`), if any."""
    lowered = path.lower()
    for name, fmt in sorted(FORMATS.items(), key=lambda item: -len(item[1].suffix)):
        if lowered.endswith(fmt.suffix):
            return name
    if lowered.endswith((".markdown", ".ical", ".ifb", ".icalendar")):
        return "md" if lowered.endswith(".markdown") else "ics"
    return None


def default_file_name(mission: Mission, format_name: str) -> str:
    """`soyuz-ms-19.md`: the mission id (safe as a file name) with the format's suffix."""
    return mission.info.id + FORMATS[format_name].suffix


def export(mission: Mission, format_name: str, options: ExportOptions, out: TextIO) -> None:
    """Write `mission` in format `format_name` to `out`."""
    FORMATS[format_name].write(mission, options, out)


__all__ = [
    "FORMATS",
    "ExportOptions",
    "Format",
    "OptionsError",
    "default_file_name",
    "export",
    "format_for_path",
    "make_options",
]
