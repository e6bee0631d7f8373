"""The help screen: every key from the live bindings (keymap applied), grouped by where it
works, and the row markers."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer

from tui.text import HEADING_STYLE, LABEL_STYLE
from tui.widgets.fitted_text import FittedText
from tui.widgets.timeline_row import (
    CURSOR_MARK,
    DISPUTED_MARK,
    HIT_MARK,
    KIND_SHORT,
    PERSON_MARK,
    PLANNED_MARK,
)


@dataclass(frozen=True, slots=True)
class KeyRow:
    """One binding as the help screen and the README show it, and where it works (`group`)."""

    keys: str
    description: str
    tooltip: str
    id: str
    group: str


MARKERS = (
    (CURSOR_MARK, "the selected event"),
    (PLANNED_MARK, "planned only: no actual time is known"),
    (DISPUTED_MARK, "sources disagree (the detail pane says how)"),
    ("~", "approximate time"),
    (HIT_MARK, "matches the search"),
    (PERSON_MARK, "the selected crew member takes part"),
)
KIND_CELLS = 21
"""Cells of one `CODE kind` pair in the list of short kinds, with the gap after it."""


class HelpScreen(ModalScreen[None]):
    """Lists the keys the app was given (`rows`); escape, q, ? or F1 close it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark,f1", "dismiss", "Close", id="help-close", tooltip="Close help"
        ),
        Binding("up,k", "scroll('up')", "Up", show=False),
        Binding("down,j", "scroll('down')", "Down", show=False),
    ]

    def __init__(self, rows: Sequence[KeyRow]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog") as body:
            body.border_title = "Keys"
            yield FittedText(self.describe, id="help-text")
        yield Footer()

    def describe(self, width: int = 100) -> Content:
        """The key table, wrapped to `width` cells with each explanation's lines under its
        first (explanations keep at least 20 cells, which the app's narrowest size gives)."""
        keys_width = max(len(row.keys) for row in self.rows) + 2
        name_width = max(len(row.description) for row in self.rows) + 2
        indent = keys_width + name_width
        lines = [Content.styled("Keys (rebind by id in the config file's [keymap])", HEADING_STYLE)]
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
        lines += [Content(""), Content.styled("Row markers (never colour alone)", HEADING_STYLE)]
        lines += [Content.assemble((f"{mark:<3}", "bold"), text) for mark, text in MARKERS]
        lines += [Content(""), Content.styled("Kinds at narrow widths", HEADING_STYLE)]
        pairs = [f"{code:<4} {kind.value:<{KIND_CELLS - 5}}" for kind, code in KIND_SHORT.items()]
        per_line = max(1, width // KIND_CELLS)
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
