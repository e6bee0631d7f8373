"""Importing TimelineJS's spreadsheet template, saved as CSV (`Year, Month, Day, Time, ...`).

Each row becomes the slide TimelineJS itself makes of it (its `ConfigFactory`): cells trimmed,
`Year`/`Month`/`Day` and the `Time` (`HH:MM[:SS[.mmm]]`, `HHMM`, an optional AM/PM) the start,
the `End ...` columns the end; `Type` `title` makes the first such row the title slide (a
later one is an ordinary slide, with a warning), `era` makes an era, anything else a slide;
empty rows are skipped. The slides are then mapped by `data.imports.timelinejs_map`, like a
TimelineJS JSON file. A row with more or fewer cells than the header, a field longer than the
csv module's limit, or bad quoting is an error naming its line; each problem names its row's
line and its column's header.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from data.i18n import N_, _
from data.imports.base import Imported, ImportFormat
from data.imports.timelinejs_map import TimelineMapper
from data.problems import MissionDataError, Problem, Severity

DATE_COLUMNS = {"start_date": ("Year", "Month", "Day", "Time")}
DATE_COLUMNS["end_date"] = ("End Year", "End Month", "End Day", "End Time")
KNOWN_COLUMNS = frozenset(
    (*DATE_COLUMNS["start_date"], *DATE_COLUMNS["end_date"], "Display Date", "Headline")
) | frozenset(("Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type"))
KNOWN_COLUMNS |= frozenset(("Group", "Background", "Alt Text", "Tag"))
_COLUMN_OF = {
    "text.headline": "Headline",
    "text.text": "Text",
    "media": "Media",
    "media.url": "Media",
    "media.credit": "Media Credit",
    "media.caption": "Media Caption",
    "display_date": "Display Date",
    "group": "Group",
    "background": "Background",
}
for _bound, (_year, _month, _day, _clock) in DATE_COLUMNS.items():
    _COLUMN_OF |= {f"{_bound}.year": _year, f"{_bound}.month": _month, f"{_bound}.day": _day}
    _COLUMN_OF |= {f"{_bound}.{unit}": _clock for unit in ("hour", "minute", "second")}
    _COLUMN_OF[f"{_bound}.millisecond"] = _clock
    _COLUMN_OF[_bound] = _year
_TIME = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,3}))?)?)?"
    r"\s*(?P<half>[AaPp]\.?[Mm]\.?)?"
)
_COMPACT = re.compile(r"(?P<hour>\d{1,2})(?P<minute>\d{2})\s*(?P<half>[AaPp]\.?[Mm]\.?)?")
_PATH = re.compile(r"(?P<record>(?:events|eras)\[(?P<index>\d+)\]|title)\.?(?P<rest>.*)")


def sniff(text: str) -> bool:
    """Whether a text looks like the TimelineJS sheet: a header with `Year` and `Headline`."""
    header = text[:4096].split("\n", 1)[0].lower()
    return "year" in header and "headline" in header and "," in header


def read(name: str, text: str) -> Imported:
    """The mission a TimelineJS sheet maps to; raise `MissionDataError` (placed at the row's
    line and the column's header) for what cannot be read."""
    rows, lines, warnings = _slides(name, text)

    def place(problems: list[Problem]) -> list[Problem]:
        return [_placed(problem, lines) for problem in problems]

    mapper = TimelineMapper(name, place)
    document = mapper.document(rows)
    return Imported(document, warnings + place(mapper.unmapped))


def _placed(problem: Problem, lines: dict[str, int]) -> Problem:
    """A problem whose path is in the slides' structure, given its row's line and its
    column's header (`events[2].start_date.month` -> line 4, `Month`)."""
    match = _PATH.fullmatch(problem.path)
    if match is None or problem.line is not None:
        return problem
    path = _COLUMN_OF.get(match["rest"], match["rest"])
    line = lines.get(match["record"])
    return Problem(problem.file, path, problem.message, line, 1 if line else None, problem.severity)


def _slides(name: str, text: str) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    """The sheet as TimelineJS's JSON structure, the line each slide (`events[2]`, `eras[0]`,
    `title`) starts on, and the warnings of the sheet itself."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    timeline: dict[str, Any] = {"title": None, "events": [], "eras": []}
    warnings: list[Problem] = []
    lines: dict[str, int] = {}
    try:
        header = [cell.strip() for cell in next(reader, [])]
        unknown = [column for column in header if column not in KNOWN_COLUMNS]
        if "Year" not in header or "Headline" not in header:
            raise MissionDataError(
                [Problem(name, "", _("not a TimelineJS sheet: no Year and Headline columns"), 1, 1)]
            )
        if unknown:
            message = _("unknown columns dropped: {columns}").format(columns=", ".join(unknown))
            message = message[:200]
            warnings.append(Problem(name, "", message, 1, 1, Severity.WARNING))
        start = reader.line_num + 1
        for row in reader:
            if len(row) != len(header):
                message = _("a row of {cells} cells; the header has {columns}")
                message = message.format(cells=len(row), columns=len(header))
                raise MissionDataError([Problem(name, "", message, start, 1)])
            cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
            if any(cells.values()):
                _add(name, timeline, _slide(name, cells, start), lines, start, warnings)
            start = reader.line_num + 1
    except csv.Error as error:
        raise MissionDataError([Problem(name, "", f"CSV: {error}", reader.line_num, 1)]) from None
    return timeline, lines, warnings


def _slide(name: str, cells: dict[str, str], line: int) -> dict[str, Any]:
    """The slide TimelineJS makes of a row (its `extractEventFromCSVObject`)."""
    slide: dict[str, Any] = {
        "text": {"headline": cells.get("Headline", ""), "text": cells.get("Text", "")},
        "media": {
            "url": cells.get("Media", ""),
            "credit": cells.get("Media Credit", ""),
            "caption": cells.get("Media Caption", ""),
        },
        "display_date": cells.get("Display Date", ""),
        "group": cells.get("Group") or cells.get("Tag", ""),
        "type": cells.get("Type", "").lower(),
    }
    if cells.get("Background"):
        slide["background"] = cells["Background"]
    for bound, (year, month, day, time) in DATE_COLUMNS.items():
        if cells.get(year):
            date = {"year": cells[year], "month": cells.get(month, ""), "day": cells.get(day, "")}
            slide[bound] = date | _time(name, cells.get(time, ""), time, line)
        elif cells.get(time):
            message = _("{column} given without {year}").format(column=time, year=year)
            raise MissionDataError([Problem(name, time, message, line, 1)])
    return slide


def _time(name: str, text: str, column: str, line: int) -> dict[str, int]:
    """The hour, minute, second and millisecond of a `Time` cell (those it gives)."""
    if not text:
        return {}
    match = _TIME.fullmatch(text) or _COMPACT.fullmatch(text)
    if match is None:
        message = _("{text!r} is not a time (HH:MM, HH:MM:SS or HH:MM:SS.mmm, AM/PM allowed)")
        message = message.format(text=text[:40])
        raise MissionDataError([Problem(name, column, message, line, 1)])
    found = match.groupdict()
    hour = int(found["hour"])
    if found["half"]:
        if not 1 <= hour <= 12:
            message = _("hour {hour} with {half}").format(hour=hour, half=found["half"])
            raise MissionDataError([Problem(name, column, message, line, 1)])
        hour = hour % 12 + (12 if found["half"][0] in "Pp" else 0)
    parts = {"hour": hour}
    for unit in ("minute", "second"):
        if found.get(unit):
            parts[unit] = int(found[unit])
    if found.get("fraction"):
        parts["millisecond"] = int(found["fraction"].ljust(3, "0"))
    return parts


def _add(
    name: str,
    timeline: dict[str, Any],
    slide: dict[str, Any],
    lines: dict[str, int],
    line: int,
    warnings: list[Problem],
) -> None:
    """Put a row's slide where its `Type` says (TimelineJS's `handleRow`)."""
    kind = slide.pop("type")
    if kind == "title" and timeline["title"] is None:
        timeline["title"], lines["title"] = slide, line
        return
    if kind == "title":
        message = _("a second title row: read as a slide, as TimelineJS does")
        warnings.append(Problem(name, "Type", message, line, 1, Severity.WARNING))
    key = "eras" if kind == "era" else "events"
    lines[f"{key}[{len(timeline[key])}]"] = line
    timeline[key].append(slide)


FORMAT = ImportFormat("timelinejs-csv", N_("TimelineJS sheet (CSV)"), (".csv",), sniff, read)
