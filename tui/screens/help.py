"""The help screen: every key from the live bindings (keymap applied), grouped by where it
works, and the row markers."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen

from data.facts.kinds import kind_name, short_kinds
from data.i18n import N_, _
from tui.text import HEADING_STYLE, LABEL_STYLE
from tui.widgets.fitted_text import FittedText
from tui.widgets.key_footer import KeyFooter
from tui.widgets.timeline_row import (
    CURSOR_MARK,
    DISPUTED_MARK,
    HIT_MARK,
    PERSON_MARK,
    PLANNED_MARK,
)


@dataclass(frozen=True, slots=True)
class KeyRow:
    """One binding as the help screen and the README show it, and where it works (`group`):
    its description, tooltip and group in the interface's language."""

    keys: str
    description: str
    tooltip: str
    id: str
    group: str


MARKERS = (
    (CURSOR_MARK, N_("the selected event")),
    (PLANNED_MARK, N_("planned only: no actual time is known")),
    (DISPUTED_MARK, N_("sources disagree (the detail pane says how)")),
    ("~", N_("approximate time")),
    (HIT_MARK, N_("matches the search")),
    (PERSON_MARK, N_("the selected crew member takes part")),
)


KIND_GAP = 4
"""Cells between two `CODE kind` pairs in the list of short kinds."""


class HelpScreen(ModalScreen[None]):
    """Lists the keys the app was given (`rows`); escape, q, ? or F1 close it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-body { width: 90%; max-width: 110; height: 90%; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark,f1",
            "dismiss",
            N_("Close"),
            id="help-close",
            tooltip=N_("Close help"),
        ),
        Binding("up,k", "scroll('up')", N_("Up"), show=False),
        Binding("down,j", "scroll('down')", N_("Down"), show=False),
    ]

    def __init__(self, rows: Sequence[KeyRow]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog") as body:
            body.border_title = _("Keys")
            yield FittedText(self.describe, id="help-text")
        yield KeyFooter()

    def describe(self, width: int = 100) -> Content:
        """The key table, wrapped to `width` cells with each explanation's lines under its
        first (explanations keep at least 20 cells, which the app's narrowest size gives)."""
        keys_width = max(len(row.keys) for row in self.rows) + 2
        name_width = max(len(row.description) for row in self.rows) + 2
        indent = keys_width + name_width
        rebind = _("Keys (rebind by id in the config file's [keymap])")
        lines = [Content.styled(rebind, HEADING_STYLE)]
        group = None
        for row in self.rows:
            if row.group != group:
                group = row.group
                lines += [Content(""), Content.styled(group, "bold underline")]
            explanation = textwrap.wrap(
                f"{row.tooltip} [{row.id}]", max(20, width - indent), break_on_hyphens=False
            )
            lines.append(
                Content.assemble(
                    (f"{row.keys:<{keys_width}}", "bold $text-accent"),
                    (f"{row.description:<{name_width}}", "bold"),
                    (explanation[0], LABEL_STYLE),
                )
            )
            lines += [
                Content.assemble(" " * indent, (more, LABEL_STYLE)) for more in explanation[1:]
            ]
        markers = _("Row markers (never colour alone)")
        lines += [Content(""), Content.styled(markers, HEADING_STYLE)]
        lines += [Content.assemble((f"{mark:<3}", "bold"), _(text)) for mark, text in MARKERS]
        lines += [Content(""), Content.styled(_("Kinds at narrow widths"), HEADING_STYLE)]
        pairs = [f"{code:<4} {kind_name(kind)}" for kind, code in short_kinds().items()]
        cells = max(map(cell_len, pairs)) + KIND_GAP
        pairs = [f"{pair:<{cells}}" for pair in pairs]
        per_line = max(1, width // cells)
        for start in range(0, len(pairs), per_line):
            lines.append(Content("".join(pairs[start : start + per_line]).rstrip()))
        return Content("\n").join(lines)

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "up":
            body.scroll_up()
        else:
            body.scroll_down()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
