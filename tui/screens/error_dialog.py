"""A modal that shows one problem as plain text (a bad mission file, a failed export)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from data.i18n import N_, _
from tui.text import block, plain


class ErrorDialog(ModalScreen[None]):
    """Shows `title` and `message`; enter, escape or the button close it.

    The message may quote a mission file or a path: it is sanitised and shown as text, never
    parsed as markup.
    """

    DEFAULT_CSS = """
    ErrorDialog {
        align: center middle;
    }
    ErrorDialog > #error-dialog {
        width: 72;
        max-width: 90%;
        height: auto;
        max-height: 90%;
        padding: 1 2;
    }
    ErrorDialog #error-dialog-message {
        margin-top: 1;
        height: auto;
    }
    ErrorDialog #error-dialog-buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,enter",
            "close",
            N_("Close"),
            id="error-dialog-close",
            tooltip=N_("Close the message"),
        ),
    ]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="error-dialog", classes="dialog"):
            yield Static(plain(self.title_text, "bold $text-error"), id="error-dialog-title")
            yield Static(block(self.message), id="error-dialog-message")
            with Horizontal(id="error-dialog-buttons"):
                yield Button(_("OK"), variant="primary", id="error-dialog-ok")

    def on_mount(self) -> None:
        self.query_one("#error-dialog-ok", Button).focus()

    @on(Button.Pressed, "#error-dialog-ok")
    def action_close(self) -> None:
        self.dismiss(None)
