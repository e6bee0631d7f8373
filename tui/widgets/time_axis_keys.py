"""The time-axis view's keys: its bindings (each with an id, a description and a tooltip,
rebindable by id) and the short list of them its frame's title shows.

While the view has the focus the footer shows its zoom, pan and fit keys (at 80 columns it
drops whole keys to make room, `?` and `q` always kept); the view's frame names them too, as
the user has them bound, so they are in sight whatever the footer has room for.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding, BindingType
from textual.content import Content

from data.i18n import N_, _, pgettext

TITLE = N_("Time axis")
"""The view's name (translated where it is shown)."""

AXIS_BINDINGS: list[BindingType] = [
    Binding(
        "left,h",
        "previous",
        N_("Prev event"),
        show=False,
        id="axis-previous",
        tooltip=N_("Time axis: select the event before (the list's cursor moves too)"),
    ),
    Binding(
        "right,l",
        "next",
        N_("Next event"),
        show=False,
        id="axis-next",
        tooltip=N_("Time axis: select the event after (the list's cursor moves too)"),
    ),
    Binding(
        "plus,equals_sign",
        "zoom_in",
        N_("Zoom in"),
        key_display="+",
        id="axis-zoom-in",
        tooltip=N_("Time axis: zoom in around the selected event (down to a second per cell)"),
    ),
    Binding(
        "minus",
        "zoom_out",
        N_("Zoom out"),
        key_display="-",
        id="axis-zoom-out",
        tooltip=N_("Time axis: zoom out around the selected event (up to the whole mission)"),
    ),
    Binding(
        "H,shift+left",
        "pan(-1)",
        N_("Pan left"),
        id="axis-pan-left",
        tooltip=N_("Time axis: move the view earlier by a quarter of its width"),
    ),
    Binding(
        "L,shift+right",
        "pan(1)",
        N_("Pan right"),
        id="axis-pan-right",
        tooltip=N_("Time axis: move the view later by a quarter of its width"),
    ),
    Binding(
        "0",
        "fit_all",
        N_("Fit all"),
        id="axis-fit-all",
        tooltip=N_("Time axis: show the whole mission"),
    ),
    Binding(
        "p",
        "fit_phase",
        N_("Fit phase"),
        id="axis-fit-phase",
        tooltip=N_("Time axis: show the whole phase of the selected event"),
    ),
    Binding(
        "up,k",
        "lanes(-1)",
        N_("Lanes up"),
        show=False,
        id="axis-lanes-up",
        tooltip=N_("Time axis: scroll the lanes up (when they do not all fit)"),
    ),
    Binding(
        "down,j",
        "lanes(1)",
        N_("Lanes down"),
        show=False,
        id="axis-lanes-down",
        tooltip=N_("Time axis: scroll the lanes down (when they do not all fit)"),
    ),
    Binding(
        "enter",
        "open",
        N_("Detail"),
        show=False,
        id="axis-open-detail",
        tooltip=N_("Time axis: show the selected event's detail"),
    ),
]
"""The view's bindings (`TimeAxis.BINDINGS`)."""


def frame_title(first_key: Callable[[str], str]) -> Content:
    """The frame's title: the view's name and its keys, each as the user has it (`first_key`
    of a binding id): `Time axis  +/- zoom  H/L pan  0 all  p phase`."""
    named = (
        (("axis-zoom-in", "axis-zoom-out"), pgettext("time axis keys", "zoom")),
        (("axis-pan-left", "axis-pan-right"), pgettext("time axis keys", "pan")),
        (("axis-fit-all",), pgettext("time axis keys", "all")),
        (("axis-fit-phase",), pgettext("time axis keys", "phase")),
    )
    hints = "  ".join(
        "/".join(first_key(binding_id) for binding_id in ids) + f" {what}" for ids, what in named
    )
    return Content(f"{_(TITLE)}  {hints}")
