"""The timeline's keys: moving the cursor by event, page and phase, and opening an event."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from data.i18n import N_

TIMELINE_BINDINGS: list[BindingType] = [
    Binding(
        "up,k",
        "cursor_up",
        N_("Up"),
        show=False,
        id="cursor-up",
        tooltip=N_("Select the event above"),
    ),
    Binding(
        "down,j",
        "cursor_down",
        N_("Down"),
        show=False,
        id="cursor-down",
        tooltip=N_("Select the event below"),
    ),
    Binding(
        "pageup", "page_up", N_("Page up"), show=False, id="page-up", tooltip=N_("Up one screen")
    ),
    Binding(
        "pagedown",
        "page_down",
        N_("Page down"),
        show=False,
        id="page-down",
        tooltip=N_("Down one screen"),
    ),
    Binding("home,g", "first", N_("First"), show=False, id="first", tooltip=N_("The first event")),
    Binding("end,G", "last", N_("Last"), show=False, id="last", tooltip=N_("The last event")),
    Binding(
        "left_square_bracket",
        "previous_phase",
        N_("Prev phase"),
        key_display="[",
        show=False,  # in the help screen; the footer keeps room for ? at 80 columns
        id="previous-phase",
        tooltip=N_("The start of this phase, or of the one before"),
    ),
    Binding(
        "right_square_bracket",
        "next_phase",
        N_("Next phase"),
        key_display="]",
        show=False,
        id="next-phase",
        tooltip=N_("The start of the next phase"),
    ),
    Binding(
        "enter",
        "open",
        N_("Detail"),
        show=False,
        id="open-detail",
        tooltip=N_("Show the selected event's detail"),
    ),
]
"""The list's bindings (`Timeline.BINDINGS`), each with an id the keymap can rebind."""
