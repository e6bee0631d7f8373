"""How the timeline draws one row: an event's columns and marks, or a phase's section line.

Meaning is never carried by colour alone: the cursor row starts with `▶`, with the mission
clock on an event the clock has passed is marked `✓` and one happening now `•` (after the
cursor's column, where no other mark goes), a planned-only event
shows `P`, a disputed one `≠`, an approximate time `~`, a search hit `◆` and an event of the
selected crew member `●`, and every row names its kind. Each part of a row names the
component class that colours it (`Timeline.COMPONENT_CLASSES`); the widget turns those into
styles of the current theme.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

import msgspec
from msgspec.structs import replace
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from data.clock.position import EventState
from data.facts.derived import TimeMode, relative
from data.facts.kinds import kind_name, kind_names, short_kinds
from data.i18n import language
from data.model import Event
from data.query.search import EventSearch
from data.sanitize import sanitize_line
from data.times.display import show
from data.times.parse import Precision, When

CURSOR_MARK = "▶"
PLANNED_MARK = "P"
DISPUTED_MARK = "≠"
HIT_MARK = "◆"
PERSON_MARK = "●"
CLOCK_MARKS: dict[EventState | None, str] = {
    EventState.PAST: "✓",
    EventState.NOW: "•",
    EventState.TO_COME: " ",
    None: " ",
}
"""An event's mark for where it is at the clock (None: no clock)."""


WIDE = 100
"""From this width on, the kind column spells the kind out, and a relative time mode keeps
the clock in the time column."""
MEASURED_EVENTS = 2_000
"""Up to this many events shown, the time columns are as wide as their widest text; past it,
measuring would cost a key press its frame, and they take the widest the format gives
(`widest_time`, `widest_relative`)."""

Part = tuple[str, str | None]
"""Text and the component class that colours it (None: the row's own style)."""


class Columns(msgspec.Struct, frozen=True):
    """How the time columns of every row are laid out: whether the time keeps its clock
    (below `WIDE` a T-/T+ or elapsed-time mode shows the date: the relative time beside it
    gives the time of day, the detail pane every time in full), and how wide the time and
    relative-time columns are (0: no relative time)."""

    clock: bool
    time: int
    relative: int


class RowView(msgspec.Struct, frozen=True):
    """What every event row shows the same way: the width, the zone, the time mode and its
    anchor, the search, the selected crew member's events and the columns' layout."""

    width: int
    zone: str
    mode: TimeMode
    anchor: Event | None
    search: EventSearch | None
    person_events: frozenset[str]
    columns: Columns


def kind_width(*, wide: bool) -> int:
    """The kind column, with its space: as wide as the longest kind name (wide:
    `announcement`) or short kind (narrow: `ANNC`) in the interface's language."""
    return _kind_width(language(), wide=wide)


@lru_cache(maxsize=8)
def _kind_width(language: str, *, wide: bool) -> int:
    """`kind_width` in `language` (the key of the cache)."""
    names = (kind_names() if wide else short_kinds()).values()
    return max(map(cell_len, names)) + 1


def time_text(when: When, zone: str, *, clock: bool) -> str:
    """The time column of an event at `when`: its time in `zone`, or with `clock` False its
    date."""
    shown = show(when, zone)
    if clock or not shown.clock:
        return str(shown)
    return f"~{shown.date}" if shown.approximate else shown.date


@lru_cache(maxsize=64)
def widest_time(zone: str, year: int, *, clock: bool, language: str) -> int:
    """The widest time column `zone` gives in `year` (with `clock` False, the widest date),
    read from the text shown for samples of the widest times each month (`_samples`), so
    that every month's name and every abbreviation of the zone is measured. Cached per
    `language`, whose month names have widths of their own."""
    return max(
        len(time_text(when, zone, clock=clock))
        for month in range(1, 13)
        for when in _samples(year, month)
    )


_BARE_OFFSETS = (timedelta(hours=5, minutes=30), timedelta(hours=-12), timedelta(hours=14))
"""Offsets a source may state a time at: a bare offset names itself (`+05:30`), the widest
abbreviation; a date stated at -12:00 or +14:00 is on another day in any zone, and a date
on another day names its own zone."""


def _samples(year: int, month: int) -> tuple[When, ...]:
    """The widest times late on the month's 28th, all approximate: to the millisecond in UTC
    and at a bare offset (which "as stated" shows), and as dates stated at the far offsets."""
    instant = datetime(year, month, 28, 23, 59, 59, 999_000, UTC)
    timed = (None, _BARE_OFFSETS[0])
    dates = [
        datetime(year, month, 28, 23, 59, 59, tzinfo=timezone(offset)).astimezone(UTC)
        for offset in _BARE_OFFSETS[1:]
    ]
    return (
        *(When(instant, Precision.MILLISECOND, None, offset, True, "") for offset in timed),
        *(
            When(end, Precision.DAY, None, offset, True, "")
            for end, offset in zip(dates, _BARE_OFFSETS[1:], strict=True)
        ),
    )


def widest_relative(events: Sequence[Event], mode: TimeMode, anchor: Event) -> int:
    """The widest relative time of `events` (in time order) from `anchor` in `mode`, read
    from the text shown: the first and the last are the farthest from it, and are measured
    as if known to the month and to the second, the precisions of the widest forms."""
    ends = (events[0], events[len(events) - 1])
    return max(
        len(relative(replace(e.when, precision=p), replace(anchor.when, precision=p), mode))
        for e in ends
        for p in (Precision.MONTH, Precision.SECOND)
    )


def measure_columns(
    events: Sequence[Event], width: int, zone: str, mode: TimeMode, anchor: Event | None
) -> Columns:
    """The columns that the events shown need at `width`: as wide as the widest time and
    relative time among them (the widest the format gives past `MEASURED_EVENTS`), so that
    the title gets every other cell."""
    clock = width >= WIDE or mode in (TimeMode.ABSOLUTE, TimeMode.FLIGHT_DAY)
    relative_to = None if mode is TimeMode.ABSOLUTE else anchor
    if len(events) > MEASURED_EVENTS:
        year = events[0].when.instant.year
        time = widest_time(zone, year, clock=clock, language=language())
        most_relative = 0 if relative_to is None else widest_relative(events, mode, relative_to)
        return Columns(clock, time, most_relative)
    time = relative_width = 0
    for event in events:
        time = max(time, len(time_text(event.when, zone, clock=clock)))
        if relative_to is not None:
            relative_width = max(relative_width, len(relative(event.when, relative_to.when, mode)))
    return Columns(clock, time, relative_width)


def event_parts(event: Event, view: RowView) -> list[Part]:
    """An event's row after the cursor column: its time (and relative time), its kind, its
    marks and its title."""
    columns = view.columns
    parts: list[Part] = [
        (
            f"{time_text(event.when, view.zone, clock=columns.clock):<{columns.time}} ",
            "timeline--planned" if event.planned_only else "timeline--time",
        )
    ]
    if columns.relative and view.anchor is not None:
        rel = relative(event.when, view.anchor.when, view.mode)
        parts.append((f"{rel:>{columns.relative}} ", "timeline--relative"))
    wide = view.width >= WIDE
    kind = kind_name(event.kind) if wide else short_kinds()[event.kind]
    parts.append((f"{kind:<{kind_width(wide=wide)}}", "timeline--kind"))
    hit = view.search is not None and view.search.matches(event)
    parts += [
        (PLANNED_MARK if event.planned_only else " ", "timeline--flag"),
        (DISPUTED_MARK if event.disputed else " ", "timeline--flag"),
        (HIT_MARK if hit else " ", "timeline--hit"),
        (PERSON_MARK if event.id in view.person_events else " ", "timeline--person"),
        (" " + sanitize_line(event.title), None),
    ]
    return parts


def event_strip(
    event: Event,
    view: RowView,
    *,
    cursor: bool,
    state: EventState | None = None,
    base: Style,
    style_of: Callable[[str], Style],
) -> Strip:
    """An event's row as a strip of exactly `view.width` cells, cut with `…` if too long.

    `state`: where the event is at the mission clock (None: no clock).
    `base` is the row's style (the cursor's on the cursor row); `style_of` gives a component
    class's style, laid over it."""
    segments = [Segment(f"{CURSOR_MARK if cursor else ' '}{CLOCK_MARKS[state]}", base)]
    segments += [
        Segment(text, base if name is None else base + style_of(name))
        for text, name in event_parts(event, view)
    ]
    strip = Strip(segments)
    if strip.cell_length > view.width:
        strip = Strip([*strip.crop(0, view.width - 1), Segment("…", base)])
    return strip.crop_extend(0, view.width, base)


def section_strip(label: str, width: int, style: Style) -> Strip:
    """A phase's section line, `── name ─────`, `width` cells wide."""
    text = f"── {sanitize_line(label)} "
    return Strip([Segment(text.ljust(width, "─"), style)]).crop_extend(0, width, style)
