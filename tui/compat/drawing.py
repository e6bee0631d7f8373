"""Work-arounds for how Textual 8.2 draws: strips, frames held in a batch, widgets' style
caches (see `tui.compat`)."""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rich.console import RenderableType
from rich.style import Style
from textual._compositor import LayoutUpdate
from textual._styles_cache import StylesCache
from textual.app import App
from textual.color import Color
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style as TextualStyle

from tui.compat.patching import patch

_crop_extend = Strip.crop_extend
_divide = Strip.divide


def _crop_extend_whole(self: Strip, start: int, end: int, style: Style | None) -> Strip:
    """`Strip.crop_extend`, without caching a strip in itself: cropped to its own length, the
    result is the strip, which Textual stores in the strip's own cache, a reference cycle
    that only the cyclic collector frees (with its segments): full collections of 6-22 ms
    now and then after a key, as every frame's strips went that way."""
    if start <= 0 and end == self.cell_length:
        return self
    return _crop_extend(self, start, end, style)


def _divide_whole(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
    """`Strip.divide`, without caching `[self]` in the strip itself when the only cut is at
    its end (the same cycle as `_crop_extend_whole`)."""
    cuts = list(cuts)
    if [cut for cut in cuts if cut <= self.cell_length] == [self.cell_length]:
        return [self]
    return _divide(self, cuts)


patch(Strip, "crop_extend", _crop_extend_whole, "every frame's strips are reference cycles")
patch(Strip, "divide", _divide_whole, "every frame's strips are reference cycles")


_display = App._display
_end_batch = App._end_batch
_HELD: weakref.WeakKeyDictionary[App[object], list[tuple[Screen[object], RenderableType]]] = (
    weakref.WeakKeyDictionary()
)
"""For each app inside a batch, the frames it drew meanwhile, in order (see `_display_held`)."""


def _display_held(
    self: App[object], screen: Screen[object], renderable: RenderableType | None
) -> None:
    """`App._display`, which holds a frame drawn inside a batch until the batch ends.

    Textual 8.2 bug: `App._display` drops a frame drawn while a batch is open, and the screen
    counts it as drawn, so nothing is written until something else changes. The app's first
    frame is drawn inside the batch that Textual keeps open while the app mounts (the app
    waits for its main screen there): it reached the terminal only at a later, unrelated
    change, 20-25 ms after it was ready, and with no such change it never would have."""
    if renderable is not None and self._batch_count:
        held = _HELD.setdefault(self, [])
        if isinstance(renderable, LayoutUpdate):
            held.clear()  # a whole screen: what came before it is covered
        held.append((screen, renderable))
        return
    _display(self, screen, renderable)


def _end_batch_drawing_held(self: App[object]) -> None:
    """`App._end_batch`, then the frames held since the batch began, in order, for the
    screen still shown (see `_display_held`)."""
    _end_batch(self)
    if not self._batch_count:
        for screen, renderable in _HELD.pop(self, ()):
            if screen is self.screen:
                _display(self, screen, renderable)


patch(App, "_display", _display_held, "a frame drawn inside a batch is never written")
patch(App, "_end_batch", _end_batch_drawing_held, "a frame drawn inside a batch is never written")


@lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[TextualStyle, TextualStyle]:
    """`StylesCache.get_inner_outer`, cached on the two colours alone.

    Textual 8.2 bug: the method is cached with `lru_cache` but is not a class method, so
    its cache keys hold each widget's `StylesCache` and, through it, every line it drew:
    up to 1,024 widgets kept alive for good after they are gone (a test worker kept a
    million objects, and each full collection took over a second)."""
    inner = TextualStyle(background=base_background + background)
    return inner, TextualStyle(background=base_background)


patch(
    StylesCache,
    "get_inner_outer",
    staticmethod(_inner_outer),
    "the style cache of every widget drawn stays alive after the widget is gone",
)
