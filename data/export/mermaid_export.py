"""The Mermaid export: the timeline as a Mermaid `gantt` chart, for READMEs and wikis.

Phases are the chart's sections (the events outside any phase come last), an event with an
`end` is a bar from its time to its end, and an event at one instant is a milestone. Times
are in UTC, as the title says: each is the CSV's UTC cell (`data.times.utc.utc_cells`, the
one conversion), in the layout `dateFormat` names. Mermaid reads a date without an offset as
a time on the clock of whoever views the chart and draws its axis on that clock too, so the
chart shows UTC clock times wherever it is viewed (only a bar across a summer-time change of
the viewer's zone is an hour too long or short). A date is a bar over that day and a month
a bar over that month, as stated: nothing is drawn at a time of day the sources never gave.
Planned-only events carry `(planned)` and approximate ones `~` before their title. The
title's note on UTC, the sections' names and `(planned)` are in the interface's language.

The file is the bare diagram (`.mmd`), as Mermaid's own tools read it (`mmdc`, the Live
Editor); a README takes it inside a fenced ```` ```mermaid ```` block (see the README).
Mission text is made one line (`data.sanitize.sanitize_line`) and every character Mermaid's
gantt grammar gives a meaning to is written as Mermaid's entity code (`#58;` for `:`), as is
the first character of a title that would begin with one of its keywords.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TextIO

from data.export.columns import Batch, batches, event_store, section_name, sections, selection
from data.export.options import ExportOptions
from data.facts.event import shown_title
from data.i18n import _
from data.model import Mission
from data.sanitize import sanitize_line
from data.times.parse import Precision
from data.times.shapes import Times
from data.times.utc import utc_cells

DATE_FORMAT = "YYYY-MM-DD HH:mm:ss.SSS"
"""The layout of the chart's times (Mermaid's day.js tokens): `display_bulk.SHEET_FORM`."""
AXIS_FORMAT = "%Y-%m-%d"
_SPECIAL = re.compile("[:;#%<>&\ufb02\u00b6]")
"""What Mermaid's gantt grammar reads as structure (`:` ends a task's title, `;` and `#`
end its data, `%` starts a comment), what its HTML sanitiser may take for markup (`<U+009B>`
in a title would vanish) and its own entity placeholders (`ﬂ°`, `¶ß`)."""
_KEYWORD = re.compile(
    r"(gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes"
    r"|todaymarker|weekday|weekend|title|section|acctitle|accdescr|click|call|href"
    r"|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
"""What Mermaid's lexer reads at the start of a line as a statement, not a task's title."""
_INDENT = "    "


def text(value: str) -> str:
    """`value` as one line of Mermaid text that is shown as it is: controls as visible
    placeholders, structure characters as Mermaid entity codes (`#58;` for `:`)."""
    line = sanitize_line(value).strip()
    line = _SPECIAL.sub(lambda match: f"#{ord(match.group())};", line)
    if _KEYWORD.match(line):
        line = f"#{ord(line[0])};{line[1:]}"
    return line


def write(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write `mission` as a Mermaid gantt chart to `out`, a batch of events at a time."""
    out.write(f"%% {mission.info.id}: written by mission-timeline; times in UTC\n")
    out.write("gantt\n")
    title = _("{title} (times in UTC)").format(title=mission.info.title.strip())
    out.write(f"{_INDENT}title {text(title)}\n")
    out.write(f"{_INDENT}dateFormat {DATE_FORMAT}\n")
    out.write(f"{_INDENT}axisFormat {AXIS_FORMAT}\n")
    out.write(f"{_INDENT}todayMarker off\n")
    store = event_store(mission)
    for section in sections(mission, store, selection(store, options)):
        out.write(f"{_INDENT}section {text(section_name(section.phase)) or '-'}\n")
        for batch in batches(store, section.positions):
            out.write("".join(_tasks(batch)))


def _tasks(batch: Batch) -> Iterator[str]:
    """One line per event of the batch: `title :milestone, start, 0ms`, `title :start, end`,
    or a day or a month as `title :start, 1d` (`1M`)."""
    times = Times.of(batch.whens, batch.instants)
    starts = utc_cells(times)
    ends = batch.ends
    end_times = Times.of(list(ends.values()))
    end_at = dict(zip(ends, zip(utc_cells(end_times), end_times.shapes, strict=True), strict=True))
    for n, (title, start, shape) in enumerate(zip(batch.titles, starts, times.shapes, strict=True)):
        shown = shown_title(title, not batch.at[n])
        label = text(("~" if shape.approximate else "") + shown) or batch.ids[n]
        if n in end_at:
            end, end_shape = end_at[n]
            data = f"{start}, {_after(end, end_shape.precision)}"
        elif shape.precision is Precision.DAY:
            data = f"{start}, 1d"
        elif shape.precision is Precision.MONTH:
            data = f"{start}, 1M"
        else:
            data = f"milestone, {start}, 0ms"
        yield f"{_INDENT}{label} :{data}\n"


def _after(cell: str, precision: Precision) -> str:
    """Where a bar ending at `cell` stops: a time as it is; the end of an ending day or
    month (stated dates are inclusive)."""
    if precision is Precision.DAY:
        return _cell(datetime.fromisoformat(cell) + timedelta(days=1))
    if precision is Precision.MONTH:
        first = datetime.fromisoformat(cell)
        return _cell(first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1))
    return cell


def _cell(moment: datetime) -> str:
    """A datetime in `DATE_FORMAT`."""
    return moment.isoformat(sep=" ", timespec="milliseconds")
