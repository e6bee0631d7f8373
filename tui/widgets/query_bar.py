"""The input line for `/` (incremental search) and `f` (filter), with its error message.

Its parts are mounted when it first opens, and their modules imported then: most sessions
never search, and an `Input` is among the costliest widgets to style before the first frame.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Static

from data.i18n import N_, _
from data.model import EventKind, Mission

QueryKind = Literal["search", "filter"]

PROMPTS: dict[QueryKind, str] = {"search": "/", "filter": N_("filter")}
PLACEHOLDERS: dict[QueryKind, str] = {
    "search": N_("search titles, descriptions and people (any spelling); enter keeps it"),
    "filter": N_("phase:… kind:… person:… vehicle:… (e.g. kind:docking person:sjkaplerov)"),
}
"""The bar's prompt and placeholder for a search and a filter (translated where shown; the
search's prompt is the key `/` itself)."""


class FilterSuggester(Suggester):
    """Completes the last word of a filter with a key, or an id valid for its key."""

    def __init__(self, mission: Mission) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.values: dict[str, list[str]] = {
            "phase": [p.id for p in mission.phases],
            "kind": [k.value for k in EventKind],
            "person": [p.id for p in mission.people],
            "vehicle": [v.id for v in mission.vehicles],
        }

    async def get_suggestion(self, value: str) -> str | None:
        head, _, word = value.rpartition(" ")
        prefix = f"{head} " if head else ""
        key, colon, typed = word.partition(":")
        if not colon:
            from data.query.filters import KEYS  # the filters' parser, once a key is typed

            return next((f"{prefix}{k}:" for k in KEYS if k.startswith(key) and key), None)
        done, _, last = typed.rpartition(",")
        done = f"{done}," if done else ""
        for candidate in self.values.get(key, ()):
            if last and candidate.startswith(last):
                return f"{prefix}{key}:{done}{candidate}"
        return None


class Typed(Message):
    """What is typed in a query bar (`QueryBar.Changed`, `QueryBar.Submitted`): a search or a
    filter, and its text."""

    def __init__(self, bar: QueryBar, kind: QueryKind, value: str) -> None:
        super().__init__()
        self.bar = bar
        self.kind = kind
        self.value = value


class QueryBar(Vertical):
    """Hidden until the app opens it for a search or a filter; posts what is typed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="query-cancel",
            tooltip=N_("Close the input (a search in progress is cleared)"),
        ),
    ]

    class Changed(Typed):
        """The text in the bar changed."""

    class Submitted(Typed):
        """The user pressed enter."""

    class Cancelled(Message):
        """The user closed the bar."""

        def __init__(self, bar: QueryBar, kind: QueryKind) -> None:
            super().__init__()
            self.bar = bar
            self.kind = kind

    kind: reactive[QueryKind] = reactive("search", init=False)
    error: reactive[str] = reactive("", init=False)
    note: reactive[str] = reactive("", init=False)
    """Work in progress ("searching 1,000,000 events…"), shown until the result comes."""

    def __init__(
        self, mission: Mission, *, cursor_blink: bool = True, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.mission = mission
        self.cursor_blink = cursor_blink
        self.display = False

    def _parts(self) -> list[Widget]:
        # Imported with the parts: Textual imports `Input` and `Static` itself, not `Label`
        # (the class alone is about 2M instructions of start-up).
        from textual.widgets import Label

        field = Input(id="query-input", select_on_focus=False)
        field.cursor_blink = self.cursor_blink
        line = Horizontal(Label(PROMPTS["search"], id="query-prompt"), field, id="query-line")
        return [line, Static("", id="query-error")]

    @property
    def input(self) -> Input:
        return self.query_one("#query-input", Input)

    async def open(self, kind: QueryKind, value: str = "") -> None:
        """Show the bar for a search or a filter, with a starting value."""
        if not self.children:
            await self.mount_all(self._parts())
        self.kind = kind
        self.error = ""
        prompt = PROMPTS[kind]
        self.query_one("#query-prompt", Static).update(_(prompt) if kind == "filter" else prompt)
        field = self.input
        field.placeholder = _(PLACEHOLDERS[kind])
        field.suggester = FilterSuggester(self.mission) if kind == "filter" else None
        with field.prevent(Input.Changed):
            field.value = value
        field.cursor_position = len(value)
        self.display = True
        field.focus()

    def close(self) -> None:
        self.display = False
        self.error = self.note = ""

    def watch_error(self) -> None:
        self._show_message()

    def watch_note(self) -> None:
        self._show_message()

    def _show_message(self) -> None:
        """The line under the input: an error, else the work in progress."""
        if not self.children:
            return
        message = self.query_one("#query-error", Static)
        message.update(Content(self.error or self.note))
        message.set_class(not self.error, "-note")
        message.display = bool(self.error or self.note)

    def on_input_changed(self, message: Input.Changed) -> None:
        message.stop()
        self.error = ""
        self.post_message(self.Changed(self, self.kind, message.value))

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.post_message(self.Submitted(self, self.kind, message.value))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled(self, self.kind))
