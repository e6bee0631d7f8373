"""The keys of the app itself, and every key the user can rebind (`[keymap]` in
`config.toml`), grouped by where it works, as the help screen and the README list them."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from data.i18n import N_
from tui import keymap
from tui.screens.mission.clocking import ClockAndReplay
from tui.screens.mission.screen import MissionScreen
from tui.widgets.crew_keys import CREW_LIST_BINDINGS
from tui.widgets.query_bar import QueryBar
from tui.widgets.time_axis_keys import AXIS_BINDINGS
from tui.widgets.timeline import Timeline

APP_BINDINGS: list[BindingType] = [
    Binding(
        "o",
        "open",
        N_("Open"),
        show=False,
        id="open",
        tooltip=N_(
            "Open another mission file, or import an iCalendar or TimelineJS file (the "
            "current one stays if it cannot be read)"
        ),
    ),
    Binding(
        "tab",
        "app.focus_next",
        N_("Next pane"),
        show=False,
        id="focus-next",
        tooltip=N_("Move to the next pane"),
    ),
    Binding(
        "shift+tab",
        "app.focus_previous",
        N_("Prev pane"),
        show=False,
        id="focus-previous",
        tooltip=N_("Move to the previous pane"),
    ),
    Binding(
        "question_mark,f1",
        "help",
        N_("Help"),
        key_display="?",
        id="help",
        tooltip=N_("List every key"),
    ),
    Binding(
        "ctrl+p",
        "command_palette",
        N_("Palette"),
        id="command-palette",
        show=False,  # the footer shows the palette key on its right
        priority=True,
        tooltip=N_("Commands: zone:, view:, go to:, filter:, theme:"),
    ),
    Binding("q", "quit", N_("Quit"), id="quit", tooltip=N_("Quit the app")),
]
"""The app's own keys (`MissionTimelineApp.BINDINGS`)."""

KEY_GROUPS: keymap.KeyGroups = (
    (
        N_("Everywhere"),
        (MissionScreen.BINDINGS, ClockAndReplay.BINDINGS, APP_BINDINGS),
    ),
    (N_("Timeline"), (Timeline.BINDINGS,)),
    (N_("Time-axis view"), (AXIS_BINDINGS,)),  # the view's (its module waits for `v`)
    (N_("Crew pane"), (CREW_LIST_BINDINGS,)),
    (N_("Search and filter input"), (QueryBar.BINDINGS,)),
)
"""The bindings the user can rebind, grouped by where they work, in the order the help
screen lists them (a key bound in two places, `escape`, is explained in each); the groups'
names are translated where they are shown."""
KEY_OWNERS = tuple(owner for _, owners in KEY_GROUPS for owner in owners)
