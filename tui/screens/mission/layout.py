"""Which arrangement of the mission screen fits a terminal's size, and the widgets it arranges.

The screen is the header, a body (the timeline and its panes: the event detail and the crew),
the query bar and the footer. The body takes one of three arrangements, named by classes on
the screen that `app.tcss` lays out:

- below 100 columns or 30 rows (`-one-pane`): the timeline, and under it one pane at a time,
  the detail, or the crew while it has the focus;
- from 100 columns: the detail and the crew side by side under the timeline;
- from 160 columns (`-beside`): the panes in a column beside the timeline, which keeps the
  whole height (with `-one-pane` too below 30 rows: one pane at a time in that column).

The timeline shares its place (`#views`) with the time-axis view and its overview ruler, which
the screen mounts above it when the view is first shown: the view takes the list's place, or,
where there is height for both (`-axis-list`), stands above a shorter list.
"""

from __future__ import annotations

from textual.containers import Container
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from data.i18n import N_, _
from data.model import Mission
from tui.widgets.crew_pane import CrewPane
from tui.widgets.event_detail import EventDetail
from tui.widgets.key_footer import KeyFooter
from tui.widgets.query_bar import QueryBar
from tui.widgets.status_header import StatusHeader
from tui.widgets.timeline import Timeline

NARROW_WIDTH = 100
"""Below this width: one pane at a time, and the compact footer."""
SHORT_HEIGHT = 30
"""Below this height: one pane at a time."""
BESIDE_WIDTH = 160
"""From this width on, the panes stand beside the timeline."""
AXIS_WITH_LIST_HEIGHT = 40
"""From this height on, with the panes beside (or from `AXIS_WITH_LIST_TALL` rows whatever the
width), the time-axis view stands above a shorter list instead of taking its place."""
AXIS_WITH_LIST_TALL = 60
MIN_WIDTH = 60
MIN_HEIGHT = 16
"""Below either, the app shows the too-small notice instead (`tui.screens.too_small`)."""
TOO_SMALL = "too-small"
"""The too-small notice's screen id: the app tells it is showing without importing it (its
screen class, about 2M instructions of start-up, waits for a terminal that small)."""

PANE_TITLES = {"timeline": N_("Timeline"), "detail": N_("Event"), "crew": N_("Crew")}
"""Each pane's border title, by the pane's id (translated where it is shown)."""


def fits(size: Size) -> bool:
    """Whether the app can lay itself out at this terminal size."""
    return size.width >= MIN_WIDTH and size.height >= MIN_HEIGHT


def one_pane(size: Size) -> bool:
    """Whether the panes take turns: there is no room for both at this size."""
    return size.width < NARROW_WIDTH or size.height < SHORT_HEIGHT


def axis_with_list(size: Size) -> bool:
    """Whether the time-axis view and the list both have room, one above the other."""
    beside = size.width >= BESIDE_WIDTH
    return size.height >= AXIS_WITH_LIST_TALL or (beside and size.height >= AXIS_WITH_LIST_HEIGHT)


def compact_footer(size: Size) -> bool:
    """Whether the footer shows its keys without padding (below 100 columns)."""
    return size.width < NARROW_WIDTH


def arrangement(size: Size) -> dict[str, bool]:
    """The screen's classes for a terminal of `size`, each with whether it is on."""
    return {
        "-one-pane": one_pane(size),
        "-beside": size.width >= BESIDE_WIDTH,
        "-axis-list": axis_with_list(size),
    }


def arrangement_classes(size: Size) -> str:
    """The classes that are on in `arrangement(size)`, as a screen is given them when made."""
    return " ".join(name for name, on in arrangement(size).items() if on)


def arrange(screen: Screen[None], size: Size) -> None:
    """Give `screen` the arrangement that fits a terminal of `size`, and its footer its form."""
    for name, on in arrangement(size).items():
        screen.set_class(on, name)
    for footer in screen.query(KeyFooter):
        footer.compact = compact_footer(size)


def mission_widgets(mission: Mission, *, cursor_blink: bool, size: Size) -> list[Widget]:
    """The widgets that show a mission on a terminal of `size`: the header, the body and
    the query bar (the time-axis view and its ruler wait until the view is first shown; the
    crew pane's list and facts until the pane is, where one pane shows at a time)."""
    panes: list[Widget] = [
        Timeline(mission, id="timeline"),
        EventDetail(mission, id="detail"),
        CrewPane(mission, id="crew", later=one_pane(size)),
    ]
    for pane in panes:
        pane.border_title = _(PANE_TITLES[str(pane.id)])
    timeline, detail, crew = panes
    views = Container(timeline, id="views")
    return [
        StatusHeader(id="header"),
        Container(views, Container(detail, crew, id="panes"), id="body"),
        QueryBar(mission, cursor_blink=cursor_blink, id="query"),
    ]
