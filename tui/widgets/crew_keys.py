"""The crew list's keys, rebindable by id: the help screen and the keymap list them without
importing the list (`tui.widgets.crew_list`, made when the crew pane first shows it)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from data.i18n import N_

CREW_LIST_BINDINGS: list[BindingType] = [
    Binding(
        "up,k",
        "cursor_up",
        N_("Crew up"),
        show=False,
        id="crew-up",
        tooltip=N_("The person above"),
    ),
    Binding(
        "down,j",
        "cursor_down",
        N_("Crew down"),
        show=False,
        id="crew-down",
        tooltip=N_("The person below"),
    ),
]
"""`CrewList.BINDINGS`."""
