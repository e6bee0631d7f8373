"""Where the time-axis view looks: the whole mission, a zoom between it and a second per cell
kept around an instant, a pan, and a move that brings the selected event into view.

Every scale is the data core's (`data.axis.scale.Scale`: fit, zoomed, panned); this module
only decides which one the view takes after each key.
"""

from __future__ import annotations

from data.axis.lanes import span
from data.axis.scale import Scale
from data.model import Mission

ZOOM = 2.0
"""How much one zoom key or wheel step changes the seconds per cell."""
PAN = 0.25
"""How far one pan key moves the view, in widths of the time area."""


def whole(mission: Mission, width: int) -> Scale | None:
    """The scale that shows the whole mission in `width` cells (None: no events yet)."""
    return Scale.fit(*span(mission), width) if mission.events and width > 0 else None


def zoomed(scale: Scale, factor: float, around: float, coarsest: Scale | None) -> Scale:
    """`scale` zoomed by `factor` (above 1: in) keeping the instant `around` in place, never
    finer than a second per cell (the core's `FINEST`) and never coarser than `coarsest`
    (the whole mission), which it then is."""
    result = scale.zoomed(factor, around)
    if coarsest is not None and result.per_unit >= coarsest.per_unit:
        return coarsest
    return result


def showing(scale: Scale, instant: float, width: int) -> Scale:
    """`scale` if `instant` is in its `width` cells, else panned to have it in the middle."""
    if 0 <= scale.column(instant) < width:
        return scale
    return scale.panned(scale.at(instant) - width / 2)
