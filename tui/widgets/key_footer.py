"""The footer of live keys: in the interface's language, rebuilt only when the keys it shows
have changed, and showing only whole keys, the least important dropped first when they do not
all fit."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from data.i18n import language
from tui.widgets.translated_footer import TranslatedFooter

ALWAYS_SHOWN = ("help", "quit")
"""The ids of the keys the footer never drops: how to learn every other key, and how to leave."""
DROPPED_FIRST = (
    "reanchor",
    "crew",
    "mode-cycle",
    "search-previous",
    "zone-cycle",
    "search",
    "filter",
    "search-next",
    "clear",
    "axis-pan-left",
    "axis-pan-right",
)
"""The ids of the keys dropped first when the footer has no room for every key, in this order:
those a user needs least once learnt (the help screen lists them all) go before those that
act on the search or filter in force; the time-axis view's pan keys go before `v`, the way
back to the list (its frame names them anyway). Any key not named here goes after them, the farthest
from the focus (the footer's right end) first."""


class KeyFooter(TranslatedFooter):
    """Textual's `Footer` in the interface's language (`TranslatedFooter`), rebuilt only
    when the keys it shows have changed, once for any number of changes in a row. Textual's
    rebuilds (mounting and styling every key anew) on each binding update: three times
    before the first frame, and again after every key press, which cost about a third of
    the time from a key to its frame.

    Textual's footer cuts its last key at its right edge ("esc C"), and the keys after it
    (help and quit) are never seen. This one hides whole keys instead, the least important
    first, until the rest fit beside the palette key; help and quit always stay."""

    _rebuild_pending = False
    _shown: tuple[ShownKey, ...] | None = None
    _fitted_width = 0
    """The width the keys were last fitted to (`_fit_keys`)."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        # Mounted once the screen's focus is set (`MissionState._mount_footer`), it shows its
        # keys from its first compose rather than from the first change of the bindings.
        self.set_reactive(Footer._bindings_ready, True)

    def compose(self) -> ComposeResult:
        self._shown = self._keys_shown()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # The class its `compact` (bound to the footer's) gives it once mounted, given
                # now: set then, it styled every key a second time (5 ms of the start-up).
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def on_mount(self) -> None:
        self._fit_keys()

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_pending:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        shown = self._keys_shown()
        if shown == self._shown:
            return
        same_keys = _keys_alone(shown) == _keys_alone(self._shown)
        self._shown = shown
        if same_keys:
            self._dim_disabled()
            return
        await self.recompose()
        self.call_after_refresh(self._fit_keys)

    def _keys_shown(self) -> tuple[ShownKey, ...]:
        """Everything about the active bindings that the footer's keys show, and the
        language they show it in."""
        shown_in = language()
        return tuple(
            (
                shown_in,
                key,
                binding.action,
                binding.description,
                binding.key_display,
                enabled,
                tooltip,
            )
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == self.app.COMMAND_PALETTE_BINDING
        )

    def _dim_disabled(self) -> None:
        """The same keys, only some enabled or disabled now (zoom out once the view is
        fitted, say): dim or light them where they are, as composing them anew would (the
        `-disabled` class, and a click that rings the bell), without mounting every key
        again: a key's frame in a few milliseconds instead of tens."""
        active = self.screen.active_bindings
        for key in self.query(FooterKey):
            enabled = active[key.key].enabled if key.key in active else True
            key._disabled = not enabled  # what FooterKey.__init__ sets from `disabled`
            key.set_class(not enabled, "-disabled")

    def on_resize(self) -> None:
        if self.size.width != self._fitted_width:  # the first layout's, as mounted: fitted
            self._fit_keys()

    def watch_compact(self) -> None:
        # The keys take their compact style (and so their width) after the next refresh.
        self.call_after_refresh(self._fit_keys)

    def _fit_keys(self) -> None:
        """Show the keys that fit in the footer's width beside the palette key: help and
        quit, then each other key, the most important first, if there is room for it (a
        smaller, less important key may take room a bigger one could not). Before its first
        layout, the footer is as wide as it will be: the terminal's width."""
        keys = list(self.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        active = self.screen.active_bindings
        ids = {key: active[key.key].binding.id if key.key in active else None for key in keys}
        others = [key for key in keys if key not in palette]
        self._fitted_width = self.size.width or self.app.size.width
        room = self._fitted_width - sum(map(_cells, palette))
        droppable = [key for key in others if ids[key] not in ALWAYS_SHOWN]
        used = sum(_cells(key) for key in others if key not in droppable)
        for key in reversed(_drop_order(droppable, ids)):
            cells = _cells(key)
            key.display = used + cells <= room
            used += cells if key.display else 0


ShownKey = tuple[str, str, str, str, str | None, bool, str]
"""A key as the footer shows it: language, key, action, description, key display, enabled,
tooltip."""


def _keys_alone(shown: tuple[ShownKey, ...] | None) -> Hashable:
    """The keys the footer shows, whether each is enabled or not."""
    return None if shown is None else tuple(key[:5] + key[6:] for key in shown)


def _drop_order(keys: list[FooterKey], ids: dict[FooterKey, str | None]) -> list[FooterKey]:
    """`keys` in the order they are dropped: those whose binding id (`ids`) `DROPPED_FIRST`
    names, in its order; then the others from the footer's right end."""
    rank = {binding_id: place for place, binding_id in enumerate(DROPPED_FIRST)}
    ranked = sorted((key for key in keys if ids[key] in rank), key=lambda key: rank[str(ids[key])])
    return ranked + [key for key in reversed(keys) if key not in ranked]


def _cells(key: FooterKey) -> int:
    """The cells a key takes in the footer: its text, its padding and border, its margin."""
    any_size = Size(1000, 1)
    content = key.get_content_width(any_size, any_size)
    return content + key.styles.gutter.width + key.styles.margin.width
