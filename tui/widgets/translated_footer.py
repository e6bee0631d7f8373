"""Textual's footer, its keys' descriptions and tooltips in the interface's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from data.i18n import _


class TranslatedFooter(Footer):
    """Textual's `Footer`, its keys worded in the language in force when they are composed:
    the bindings' descriptions and tooltips are marked for translation (`N_`), and their
    English is the catalog's key."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description) if widget.description else ""
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = _(widget.tooltip)
            yield widget
