"""The footer of live keys: one widget that draws them in the interface's language, whole
keys only, the least important dropped first when they do not all fit; a click on a key
presses it."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.css.styles import RenderStyles
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from data.i18n import _

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

SEPARATOR = "▏"
"""The line before the palette key (Textual's `vkey` border)."""


class FooterItem(NamedTuple):
    """A key as the footer shows it, its words in the interface's language."""

    key: str
    """The key a click presses."""
    key_display: str
    description: str
    enabled: bool
    """False: dimmed, and a click rings the bell."""
    tooltip: str
    binding_id: str | None


class Placed(NamedTuple):
    """A key placed on the footer's line: the cells it takes (`start` to `end`, its margin
    not included) and whether it is the palette key at the right end."""

    item: FooterItem
    start: int
    end: int
    palette: bool


class KeyFooter(Widget, can_focus=False):
    """The screen's active keys with their descriptions on one line, the command palette's
    key at its right end, drawn in the cells Textual's `Footer` draws: one widget instead of
    one per key (the keys of Textual's footer, each a widget with its own styles, took a
    sixth of the app's start-up).

    Textual's footer cuts its last key at its right edge ("esc C"), and the keys after it
    (help and quit) are never seen. This one hides whole keys instead, the least important
    first, until the rest fit beside the palette key; help and quit always stay."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--item",
        "footer-key--hover",
        "footer-key--separator",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--item {
            background: $footer-item-background;
        }
        .footer-key--hover {
            background: $block-hover-background;
        }
        .footer-key--separator {
            color: $foreground 20%;
        }
        &.-over-key {
            pointer: pointer;
        }
    }
    """

    compact = reactive(False)
    """Keys without padding, a cell between them (below 100 columns)."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__()
        self.set_reactive(KeyFooter.compact, compact)
        self.keys: tuple[FooterItem, ...] = ()
        """Every key the screen's bindings show, in order, shown or not."""
        self.palette: FooterItem | None = None
        """The command palette's key, at the right end."""
        self._placed: tuple[Placed, ...] = ()
        self._placed_for: tuple[object, ...] = ()
        self._hovered: FooterItem | None = None
        self._taking = False
        """Whether the keys are to be taken anew after the next refresh."""

    @property
    def shown(self) -> tuple[FooterItem, ...]:
        """The keys on the line, in order (the palette key last): those that fit."""
        return tuple(place.item for place in self._place())

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._take_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Take the keys anew once the bindings settle: once for any number of changes in a
        row, and not while the app is in the background (its focus is gone meanwhile)."""
        if screen.app.app_focus and screen is self.screen and not self._taking:
            self._taking = True
            self.call_after_refresh(self._take_keys)

    def _take_keys(self) -> None:
        """The screen's keys now; drawn again only when they differ from those shown."""
        self._taking = False
        if not self.is_attached:  # its screen closed meanwhile
            return
        keys, palette = self._active_keys()
        if (keys, palette) != (self.keys, self.palette):
            self.keys, self.palette = keys, palette
            self.refresh()

    def _active_keys(self) -> tuple[tuple[FooterItem, ...], FooterItem | None]:
        """The keys the screen's bindings show (the first of each action's, as Textual's
        footer shows them) and the palette key, worded in the language in force."""
        active = self.screen.active_bindings
        by_action: dict[str, FooterItem] = {}
        for key, (_node, binding, enabled, tooltip) in active.items():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = self._item(key, binding, enabled, tooltip)
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            tooltip = binding.tooltip or binding.description
            palette = self._item(binding.key, binding, enabled, tooltip)
        return tuple(by_action.values()), palette

    def _item(self, key: str, binding: Binding, enabled: bool, tooltip: str) -> FooterItem:
        """The footer's key for `binding`, pressed as `key`."""
        return FooterItem(
            key,
            self.app.get_key_display(binding),
            _(binding.description) if binding.description else "",
            enabled,
            _(tooltip) if tooltip else "",
            binding.id,
        )

    def watch_compact(self) -> None:
        self.refresh()

    # ----------------------------------------------------------------- placing

    def _cells(self, item: FooterItem) -> tuple[str, str]:
        """A key's two parts as drawn: the key, then its description, each with its padding
        (Textual's `FooterKey` in its compact or normal style; the palette key's is always
        compact, as Textual's footer leaves it)."""
        if not item.description:
            return item.key_display, ""
        if self.compact or item == self.palette:
            return item.key_display, f" {item.description}"
        return f" {item.key_display} ", f"{item.description} "

    def _width(self, item: FooterItem) -> int:
        """The cells a key takes: its text, and its margin in the compact style."""
        return cell_len("".join(self._cells(item))) + self.compact

    def _palette_width(self) -> int:
        """The cells the palette key takes: the separator, its text, its padding or margin."""
        if self.palette is None:
            return 0
        return 1 + cell_len("".join(self._cells(self.palette))) + 1

    def _place(self) -> tuple[Placed, ...]:
        """The keys that fit the footer's width, placed: help and quit, then each other key,
        the most important first, if there is room for it (a smaller, less important key
        may take room a bigger one could not); the palette key at the right end. Before
        its first layout, the footer is as wide as it will be: the terminal's width."""
        width = self.size.width or self.app.size.width
        wanted = (self.keys, self.palette, self.compact, width)
        if wanted == self._placed_for:
            return self._placed
        room = width - self._palette_width()
        droppable = [item for item in self.keys if item.binding_id not in ALWAYS_SHOWN]
        used = sum(self._width(item) for item in self.keys if item not in droppable)
        dropped = set()
        for item in reversed(_drop_order(droppable)):
            if used + self._width(item) <= room:
                used += self._width(item)
            else:
                dropped.add(item)
        placed = []
        start = 0
        for item in self.keys:
            if item not in dropped:
                end = start + self._width(item) - self.compact
                placed.append(Placed(item, start, end, palette=False))
                start = end + self.compact
        if self.palette is not None:
            end = width - self.compact
            placed.append(Placed(self.palette, width - self._palette_width(), end, palette=True))
        self._placed, self._placed_for = tuple(placed), wanted
        return self._placed

    # ----------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.background_colors[1]
        gap = Style(bgcolor=base.rich_color)
        left: list[Segment] = []
        right: list[Segment] = []
        cursor = 0
        for place in self._place():
            if place.palette:
                right = self._segments(place.item, base, palette=True)
                continue
            if place.start > cursor:
                left.append(Segment(" " * (place.start - cursor), gap))
            left += self._segments(place.item, base, palette=False)
            cursor = place.end
        palette_width = self._palette_width()
        keys = Strip(left).crop_extend(0, max(0, width - palette_width), gap)
        if not right:
            return keys
        end = Strip(right, palette_width).crop(max(0, palette_width - width), palette_width)
        return Strip.join([keys, end])

    def _segments(self, item: FooterItem, base: Color, *, palette: bool) -> list[Segment]:
        """A key's cells, as Textual's `FooterKey` draws them over the footer's `base`
        background: its background (lighter under the mouse), the key and the description
        in their colours, dimmed when disabled; the palette key with the separator before
        it and its padding (normal style) or margin (compact) after."""
        layer = "footer-key--hover" if item == self._hovered else "footer-key--item"
        background = base + self.get_component_styles(layer).background
        key_style, description_style = (
            _colours(self.get_component_styles(name), background, disabled=not item.enabled)
            for name in ("footer-key--key", "footer-key--description")
        )
        key, description = self._cells(item)
        segments = [Segment(key, key_style)]
        if description:
            segments.append(Segment(description, description_style))
        if not palette:
            return segments
        line = base + self.get_component_styles("footer-key--separator").color
        separator = Style(color=line.rich_color, bgcolor=background.rich_color)
        after = Style(bgcolor=(base if self.compact else background).rich_color)
        return [Segment(SEPARATOR, separator), *segments, Segment(" ", after)]

    # ----------------------------------------------------------------- mouse

    def _item_at(self, x: int) -> FooterItem | None:
        """The key drawn at cell `x` of the line (the palette key's separator included)."""
        for place in reversed(self._place()):  # the palette key is drawn over the others
            if place.start <= x < place.end:
                return place.item
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._item_at(event.x))

    def on_leave(self) -> None:
        self._hover(None)

    def _hover(self, item: FooterItem | None) -> None:
        """Light the key under the mouse, and show its tooltip."""
        if item == self._hovered:
            return
        self._hovered = item
        self.set_class(item is not None, "-over-key")
        self.tooltip = (item.tooltip or None) if item is not None else None
        self.refresh()


def _colours(styles: RenderStyles, background: Color, *, disabled: bool) -> Style:
    """A key part's style: its component's background laid over `background`, its colour
    over that, its text style, dimmed when the key is disabled."""
    under = background + styles.background
    style = Style(color=(under + styles.color).rich_color, bgcolor=under.rich_color)
    return style + styles.text_style + Style(dim=True) if disabled else style + styles.text_style


def _drop_order(items: list[FooterItem]) -> list[FooterItem]:
    """`items` in the order they are dropped: those whose binding id `DROPPED_FIRST` names,
    in its order; then the others from the footer's right end."""
    rank = {binding_id: place for place, binding_id in enumerate(DROPPED_FIRST)}
    ranked = sorted(
        (item for item in items if item.binding_id in rank), key=lambda i: rank[str(i.binding_id)]
    )
    return ranked + [item for item in reversed(items) if item not in ranked]
