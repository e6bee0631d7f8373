"""The header: the mission and the mission clock, the active zone, the time display mode, and
any filter or search; and what shrinks first when they do not fit.

The title line gives the clock (when there is one) its right end: its state and speed, its
time, how many people are aboard, and the next event with its countdown. The mission's title
shrinks first (to a few cells), then the next event's title; then the count aboard goes,
then the next event, then the mission's title.

The state line gives up room in this order: the zone's explanation ("as stated" is no zone of
its own: "(each event in the zone its source used)") goes whole, then the anchor's title in
the time mode shrinks, the zone's name, the crew member's name, the search, then the filter's
expression; if that is not enough, the crew member goes, and then the search and the filter's
expression shrink to a few cells; then the fields' labels go (their values say what they
are: a zone, a time mode, a filter's expression, a search and its hits: Dutch labels and
counts are longer). A filter's count of events and a search's count of hits are cut only if
even that does not fit; where a remembered zone came from never is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

import msgspec
from msgspec.structs import replace
from rich.cells import cell_len, set_cell_size
from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from data.facts.derived import TimeMode
from data.facts.names import person_name
from data.i18n import N_, _, ngettext, pgettext
from data.model import Event, Person
from data.sanitize import sanitize_line
from tui.text import LABEL_STYLE
from tui.zones import describe, explain

if TYPE_CHECKING:
    from data.query.filters import Filter
    from data.query.search import EventSearch


class StatusHeader(Widget):
    """Two lines of state, set by the screen (attributes down).

    The title has the first line to itself and the state the second; neither wraps, so the
    time mode stays in view at 80 columns and a very long (or hostile) title cannot push the
    timeline down. What does not fit ends in an ellipsis.
    """

    DEFAULT_CSS = """
    StatusHeader { height: 2; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    mission_title: reactive[str] = reactive("")
    zone_text: reactive[str] = reactive("")
    zone_aside: reactive[str] = reactive("")
    mode_text: reactive[str] = reactive("")
    filter_text: reactive[str] = reactive("")
    search_text: reactive[str] = reactive("")
    person_text: reactive[str] = reactive("")
    clock: reactive[ClockLine | None] = reactive(None)
    """The clock's part of the title line (None: no clock)."""

    def show_state(
        self,
        *,
        zone: str,
        zone_note: str,
        mode: TimeMode,
        anchor: Event | None,
        event_filter: Filter | None,
        shown: int,
        search: EventSearch | None,
        hits: str,
        person: Person | None,
    ) -> None:
        """Show the state of the view: the zone (named, with no offset: each row shows the
        one in force on its date) and where it came from (`zone_note`, if anything), the
        time mode and its anchor, the filter and how many events it keeps (`shown`), the
        search and where the selected event is among its hits (`hits`: `hit 3 of 10`), and
        the crew member."""
        self.zone_text = describe(zone) + (f" ({zone_note})" if zone_note else "")
        self.zone_aside = explain(zone)
        title = "" if anchor is None else anchor.title
        self.mode_text = _(MODE_TEXTS[mode]).format(title=title)
        events = ngettext("{count} event", "{count} events", shown).format(count=shown)
        self.filter_text = "" if event_filter is None else f"{event_filter.text} ({events})"
        query = "" if search is None else search.query
        self.search_text = f"{query} ({hits})" if query and hits else query
        self.person_text = "" if person is None else person_name(person)

    def render(self) -> RenderResult:
        top = _title_line(self.mission_title, self.clock, self.content_region.width)
        fields = [
            _Field(N_("zone"), self.zone_text, "count", 12, 2, "", self.zone_aside),
            _Field(N_("time"), self.mode_text, "end", 12, 1, ""),
            _Field(N_("filter"), self.filter_text, "count", 8, 5, "bold"),
            _Field(N_("search"), self.search_text, "count", 8, 4, "bold"),
            _Field(N_("crew"), self.person_text, "end", 8, 3, "bold"),
        ]
        shown = [field for field in fields if field.text]
        return Content("\n").join([top, _state_line(shown, self.content_region.width)])


MODE_TEXTS = {
    TimeMode.ABSOLUTE: N_("absolute"),
    TimeMode.T_MINUS: N_("T-/T+ from {title}"),
    TimeMode.MET: N_("mission elapsed time from {title}"),
    TimeMode.FLIGHT_DAY: N_("flight day (FD1 = the UTC day of {title})"),
}
"""The time mode in the header, from the anchor's title (translated where shown)."""


class ClockLine(msgspec.Struct, frozen=True):
    """What the header shows of the clock: its state (`▶ 60x`, `❚❚ paused`, `● live`), its
    time, the next event's title (untrusted: sanitised here) and countdown, and how many
    people are aboard (None: a mission without people)."""

    state: str
    time: str
    next_title: str = ""
    countdown: str = ""
    aboard: int | None = None
    since: str = ""
    """The time since the last event the clock has reached (`T+00:01:05`), empty before
    the first."""


_LEAST_TITLE = 12
"""The cells the mission's title keeps before the next event's title shrinks."""
_LEAST_NEXT = 6
"""The cells the next event's title keeps before the next event goes."""


def _title_line(title: str, clock: ClockLine | None, width: int) -> Content:
    """The mission's title, and the clock at the right end (see the module)."""
    name = sanitize_line(title)
    if clock is None:
        return Content.styled(name, "bold")
    tail = f" {clock.countdown}"
    aboard = ""
    if clock.aboard is not None:
        aboard = " · " + _("{count} aboard").format(count=clock.aboard)
    since = " · " + _("last event {time}").format(time=clock.since) if clock.since else ""
    stands = f"{clock.state} {clock.time}"
    upcoming_label = pgettext("the clock's next event", "next") + " "
    for now in (f"{stands}{since}{aboard}", f"{stands}{aboard}", stands):
        room = width - cell_len(now) - cell_len(f"  {upcoming_label}{tail}") - 2
        upcoming = _next_title(clock, room)
        if upcoming is not None or not clock.countdown:
            break
    right: list[str | tuple[str, str]] = [(now, "bold")]
    if upcoming is not None:
        right += [(f"  {upcoming_label}", LABEL_STYLE), upcoming, (tail, "bold")]
    right_line = Content.assemble(*right)
    room = max(0, width - right_line.cell_length - 2)
    left = name if cell_len(name) <= room else _shorten(name, room, "end") if room > 1 else ""
    gap = max(1, width - cell_len(left) - right_line.cell_length)
    return Content.assemble((left, "bold"), " " * gap, right_line)


def _next_title(clock: ClockLine, room: int) -> str | None:
    """The next event's title in `room` cells less the mission title's least, shortened if
    need be; None if it keeps fewer than `_LEAST_NEXT` cells there (or there is none)."""
    if not clock.countdown:
        return None
    room -= _LEAST_TITLE
    upcoming = sanitize_line(clock.next_title)
    if room < _LEAST_NEXT:
        return None
    return upcoming if cell_len(upcoming) <= room else _shorten(upcoming, room, "end")


class _Field(msgspec.Struct, frozen=True):
    """One part of the state line: its label, its text (sanitised here), how it is cut
    (`start`: keep its end; `end`: keep its start; `count`: keep a trailing `(…)` and the
    start), the fewest cells its text keeps, its turn to shrink (1 shrinks first), the
    style of its text, and an aside shown in brackets after it while every field fits
    whole (before any field shrinks, the asides go)."""

    label: str
    raw: str
    cut: Literal["start", "end", "count"]
    least: int
    turn: int
    style: str
    aside: str = ""

    @property
    def shown_label(self) -> str:
        """The label in the interface's language (`label` is the English, marked)."""
        return _(self.label)

    @property
    def text(self) -> str:
        return sanitize_line(self.raw)

    @property
    def text_with_aside(self) -> str:
        return self.text + (f" ({sanitize_line(self.aside)})" if self.aside else "")


_COUNT = re.compile(r" \([^()]*\)$")
_SEPARATORS = ("  │ ", " │ ")
"""Between fields: roomy, and tight when the texts at their least still do not fit."""
_SQUEEZED = {"filter": 4, "search": 4}
"""The fewest cells the filter's expression and the search keep (besides their counts) once
the crew member has gone and the fields at their own least still do not fit (`kin…`)."""


def _state_line(fields: list[_Field], width: int) -> Content:
    """The fields in one line of at most `width` cells if their texts can shrink to fit; if
    not even their least fits, the crew member goes (the crew pane and the rows' `●` still
    show who), then the filter and the search shrink further (`_SQUEEZED`: at 80 columns
    both keep their counts so), then the labels go, and then the widget's ellipsis cuts the
    rest."""
    without_crew = [field for field in fields if field.label != "crew"]
    squeezed = [
        replace(field, least=min(field.least, _SQUEEZED.get(field.label, field.least)))
        for field in without_crew
    ]
    tight = _SEPARATORS[-1]
    tries = [(shown, gap, True) for shown in (fields, without_crew) for gap in _SEPARATORS]
    for shown, separator, labelled in [*tries, (squeezed, tight, True), (squeezed, tight, False)]:
        labels = sum(cell_len(f"{field.shown_label} ") for field in shown) if labelled else 0
        labels += cell_len(separator) * (len(shown) - 1)
        texts = _fit(shown, width - labels)
        if sum(map(cell_len, texts)) + labels <= width:
            break
    return _assembled(shown, texts, separator, labelled=labelled)


def _assembled(
    fields: list[_Field], texts: list[str], separator: str, *, labelled: bool
) -> Content:
    """The fields, separated, each after its label if `labelled`."""
    parts: list[str | tuple[str, str]] = []
    for index, (field, text) in enumerate(zip(fields, texts, strict=True)):
        label = f"{field.shown_label} " if labelled else ""
        parts += [(f"{separator if index else ''}{label}", LABEL_STYLE), (text, field.style)]
    return Content.assemble(*parts)


def _fit(fields: list[_Field], room: int) -> list[str]:
    """The texts with their asides if they all fit in `room` cells; else without, the fields
    shrunk in their turn (each to no fewer than its least cells) until they fit."""
    with_asides = [field.text_with_aside for field in fields]
    if sum(map(cell_len, with_asides)) <= room:
        return with_asides
    texts = [field.text for field in fields]
    for index in sorted(range(len(fields)), key=lambda i: fields[i].turn):
        over = sum(map(cell_len, texts)) - room
        if over <= 0:
            break
        field, text = fields[index], texts[index]
        count = _COUNT.search(text) if field.cut == "count" else None
        least = field.least + (cell_len(count.group()) if count else 0)
        keep = max(least, cell_len(text) - over)
        if keep < cell_len(text):
            texts[index] = _shorten(text, keep, field.cut)
    return texts


def _shorten(text: str, cells: int, cut: Literal["start", "end", "count"]) -> str:
    """`text` in `cells` cells with `…` where it was cut; a count's `(…)` is kept whole."""
    if cut == "start":
        return "…" + _last_cells(text, cells - 1)
    tail = ""
    if cut == "count" and (count := _COUNT.search(text)):
        tail = count.group()
        text = text[: count.start()]
    return _first_cells(text, max(1, cells - 1 - cell_len(tail))) + "…" + tail


def _first_cells(text: str, cells: int) -> str:
    """The longest start of `text` that takes at most `cells` cells."""
    return set_cell_size(text, cells).rstrip() if cell_len(text) > cells else text


def _last_cells(text: str, cells: int) -> str:
    """The longest end of `text` that takes at most `cells` cells."""
    return _first_cells(text[::-1], cells)[::-1]
