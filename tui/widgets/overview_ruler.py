"""The overview ruler: the whole mission in one line, its phases marked, and the part the
time-axis view shows.

It draws the view's phases row (`time_axis_rows.phases_cells`) on a scale that fits the
whole mission (`data.axis.scale.Scale.fit`), under the same column of row names, so the two
line up; the visible part is in the cursor's colours (reversed without colour).
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from data.axis.lanes import bands, span
from data.axis.scale import Scale
from data.i18n import _
from data.model import Mission
from tui.widgets.time_axis_rows import (
    PHASE_CLASSES,
    RULER_ROW,
    Palette,
    frame,
    label_width,
    phases_cells,
    strip,
)

VISIBLE = "overview-ruler--visible"
"""The component class of the part the view shows."""


class OverviewRuler(Widget):
    """One line: the mission's phases from its first to its last event, the visible part
    marked. The screen sets `mission`, `view_span` and `area` (attributes down)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {VISIBLE, *PHASE_CLASSES}

    DEFAULT_CSS = """
    OverviewRuler { height: 1; }
    """

    view_span: reactive[tuple[float, float] | None] = reactive(None)
    """The first and last instant the view shows (None: nothing marked)."""
    area: reactive[int | None] = reactive(None)
    """The width of the view's time area, which the ruler's takes to line up with it (None:
    all the width there is)."""

    def __init__(
        self,
        mission: Mission,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.mission = mission

    def show_mission(self, mission: Mission) -> None:
        """Show another mission (or more of one being read)."""
        self.mission = mission
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        area = min(width - label_width(), self.area or width)
        if y or area < 1 or not self.mission.events:
            return Strip.blank(width, self.rich_style)
        scale = Scale.fit(*span(self.mission), area)
        mission_bands = bands(self.mission)
        view = frame(scale, area, mission_bands, None)
        marked = range(0)
        if self.view_span is not None:
            start, end = self.view_span
            marked = range(max(0, scale.column(start)), min(area - 1, scale.column(end)) + 1)
        cells = phases_cells(view, mission_bands)
        palette = Palette(self.rich_style, self._style, VISIBLE)
        row = strip(view, _(RULER_ROW), cells, palette, marked)
        return row.crop_extend(0, width, palette.base)

    def _style(self, name: str) -> Style:
        """A component class's style in the current theme."""
        return self.get_component_rich_style(name)
