"""The timeline's keys: moving the cursor by event, page and phase, and opening an event."""

from __future__ import annotations

from textual.binding import Binding, BindingType

TIMELINE_BINDINGS: list[BindingType] = [
    Binding(
        "up,k", "cursor_up", "Up", show=False, id="cursor-up", tooltip="Select the event above"
    ),
    Binding(
        "down,j",
        "cursor_down",
        "Down",
        show=False,
        id="cursor-down",
        tooltip="Select the event below",
    ),
    Binding("pageup", "page_up", "Page up", show=False, id="page-up", tooltip="Up one screen"),
    Binding(
        "pagedown",
        "page_down",
        "Page down",
        show=False,
        id="page-down",
        tooltip="Down one screen",
    ),
    Binding("home,g", "first", "First", show=False, id="first", tooltip="The first event"),
    Binding("end,G", "last", "Last", show=False, id="last", tooltip="The last event"),
    Binding(
        "left_square_bracket",
        "previous_phase",
        "Prev phase",
        key_display="[",
        show=False,  # in the help screen; the footer keeps room for ? at 80 columns
        id="previous-phase",
        tooltip="The start of this phase, or of the one before",
    ),
    Binding(
        "right_square_bracket",
        "next_phase",
        "Next phase",
        key_display="]",
        show=False,
        id="next-phase",
        tooltip="The start of the next phase",
    ),
    Binding(
        "enter",
        "open",
        "Detail",
        show=False,
        id="open-detail",
        tooltip="Show the selected event's detail",
    ),
]
"""The list's bindings (`Timeline.BINDINGS`), each with an id the keymap can rebind."""
