"""The header: the mission, the active zone, the time display mode, and any filter or search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from data.facts.derived import TimeMode
from data.model import Event, Person
from data.sanitize import sanitize_line
from tui.text import LABEL_STYLE
from tui.zones import describe

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
    mode_text: reactive[str] = reactive("")
    filter_text: reactive[str] = reactive("")
    search_text: reactive[str] = reactive("")
    person_text: reactive[str] = reactive("")

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
        person: Person | None,
    ) -> None:
        """Show the state of the view: the zone (named, with no offset: each row shows the
        one in force on its date) and where it came from (`zone_note`, if anything), the
        time mode and its anchor, the filter and how many events it keeps (`shown`), the
        search and the crew member."""
        self.zone_text = describe(zone) + (f" ({zone_note})" if zone_note else "")
        title = "" if anchor is None else anchor.title
        self.mode_text = {
            TimeMode.ABSOLUTE: "absolute",
            TimeMode.T_MINUS: f"T-/T+ from {title}",
            TimeMode.MET: f"mission elapsed time from {title}",
            TimeMode.FLIGHT_DAY: f"flight day (FD1 = the UTC day of {title})",
        }[mode]
        events = f"{shown} event" if shown == 1 else f"{shown} events"
        self.filter_text = "" if event_filter is None else f"{event_filter.text} ({events})"
        self.search_text = "" if search is None else search.query
        self.person_text = "" if person is None else person.name

    def render(self) -> RenderResult:
        top = Content.styled(sanitize_line(self.mission_title), "bold")
        state: list[str | tuple[str, str]] = [
            ("zone ", LABEL_STYLE),
            sanitize_line(self.zone_text),
            ("  │ time ", LABEL_STYLE),
            sanitize_line(self.mode_text),
        ]
        for label, value in (
            ("filter", self.filter_text),
            ("search", self.search_text),
            ("crew", self.person_text),
        ):
            if value:
                state += [(f"  │ {label} ", LABEL_STYLE), (sanitize_line(value), "bold")]
        return Content("\n").join([top, Content.assemble(*state)])
