"""Work-arounds for Textual 8.2's option lists, screens and command palette (see
`tui.compat`)."""

from __future__ import annotations

from typing import Any, Literal

from textual import events
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.errors import NoWidget
from textual.geometry import Offset
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList

from tui.compat.patching import patch

_move_page = OptionList._move_page


def _move_page_when_laid_out(self: OptionList, direction: Literal[-1, 1]) -> None:
    """`OptionList._move_page` raises KeyError while the list has not laid out its lines (no
    room on a tiny terminal, or page up/down queued right after the list opened, as in a
    Select's drop-down or the crew list); there is nothing to move then."""
    try:
        _move_page(self, direction)
    except KeyError:
        return


patch(
    OptionList,
    "_move_page",
    _move_page_when_laid_out,
    "KeyError on page up/down before the list has laid out its lines",
)


_screen_on_resize = Screen._on_resize


async def _on_resize_at_terminal_size(self: Screen[object], event: events.Resize) -> None:
    """Lay a screen out at the terminal's size now, not the size a queued Resize carries.

    Textual 8.2 bug: `Screen._refresh_layout` posts a Resize to the screen itself whenever the
    screen's own size changed, and `Screen._on_resize` lays out at the size in the event. A
    screen under a modal is also laid out directly by the modal's `_on_resize`, so two
    Resize events of different sizes can sit in its queue; while an app-wide batch is open
    (a Footer recomposing after a screen was pushed or popped, say) a `_compositor_refresh`
    callback lands between them, so they are never merged. Each stale Resize then lays the
    screen out at its old size and posts itself again: the screen's queue never empties, its
    message loop never yields to asyncio, nothing else runs (not even the recompose that
    would close the batch) and the app hangs for good. Seen with the help screen open and
    the terminal resized below the minimum and back quickly (tests/tui/test_stays_up.py).

    A Resize whose size is no longer the terminal's is laid out at the terminal's size
    instead: laying out again at the size the screen already has posts nothing, so the loop
    ends.
    """
    size = self.app.size
    if event.size != size:
        event.stop()
        event = events.Resize(size, size, pixel_size=event.pixel_size)
    await _screen_on_resize(self, event)


patch(
    Screen,
    "_on_resize",
    _on_resize_at_terminal_size,
    "stale Resize events repost themselves forever and hang the app",
)


_dismiss = Screen.dismiss


def _dismiss_when_active(self: Screen[object], result: object = None) -> AwaitComplete:
    """Dismiss a screen only while it is the active one; otherwise do nothing.

    Textual 8.2 bug (Textualize/textual#4884; #2575 asked for an error instead):
    `Screen.dismiss` calls the screen's result callback, then pops whatever screen is on top.
    A dialog's Cancel press or key that was still queued when the too-small notice (or the
    command palette) opened over the dialog closed that screen instead, and left the dialog
    open with its callback spent: the dialog's next dismiss raised InvalidStateError and
    took the app down (the monkey test, seed 2). Such a late press is dropped, as if it had
    landed on the screen on top.
    """
    if not self.is_active:
        done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
        return done
    return _dismiss(self, result)


patch(
    Screen,
    "dismiss",
    _dismiss_when_active,
    "dismissing a screen that is not on top pops another (Textualize/textual#4884)",
)


_gather_commands = CommandPalette._gather_commands


def _gather_commands_while_open(self: CommandPalette, search_value: str) -> object:
    """Start the palette's search only while the palette is open.

    Textual 8.2 bug: text typed into the command palette just before escape (or a click
    outside it) reaches the palette as an Input.Changed after it was dismissed; it starts a
    new search worker, which then fails on the removed palette (NoMatches: CommandList) and
    takes the app down (the monkey test, seed 9).
    """
    if self not in self.app.screen_stack:
        return None
    return _gather_commands(self, search_value)


patch(
    CommandPalette,
    "_gather_commands",
    _gather_commands_while_open,
    "a search started after the palette closed fails with NoMatches",
)


_palette_on_click = CommandPalette._on_click


def _palette_on_click_on_nothing(self: CommandPalette, event: events.Click) -> None:
    """Ignore a click on the command palette where there is nothing at all.

    Textual 8.2 bug: `CommandPalette._on_click` asks which widget is under the click and
    gets NoWidget when nothing is there (a click sent before the terminal shrank), which
    took the app down (the monkey test, seed 17).
    """
    try:
        _palette_on_click(self, event)
    except NoWidget:
        return


patch(
    CommandPalette,
    "_on_click",
    _palette_on_click_on_nothing,
    "NoWidget for a click on the palette where nothing is",
)


_action_command_palette = App.action_command_palette
PALETTE_ID = "--command-palette"
"""The id Textual gives the command palette's screen."""


def palette_left_over(app: App[Any]) -> bool:
    """Whether a command palette is still around (one just closed, still being removed):
    another must not open then (see `_command_palette_when_none_left`; the app's own
    `action_command_palette` asks this too)."""
    return app._nodes._get_by_id(PALETTE_ID) is not None  # what raised DuplicateIds


def _command_palette_when_none_left(self: App[object]) -> None:
    """Open the command palette only when no earlier one is still around.

    Textual 8.2 bug: `App.action_command_palette` checks only whether the palette is the
    current screen. Pressed again while a palette that was just closed is still being
    removed, it mounts a second screen with the same id and raises DuplicateIds, which took
    the app down (the monkey test, seed 4, on a busy machine). That press does nothing.
    """
    if palette_left_over(self):
        return
    _action_command_palette(self)


patch(
    App,
    "action_command_palette",
    _command_palette_when_none_left,
    "DuplicateIds when the palette opens while the last one is being removed",
)


_widget_and_offset_at = Screen.get_widget_and_offset_at


def _attached_widget_and_offset_at(
    self: Screen[object], x: int, y: int
) -> tuple[Widget | None, Offset | None]:
    """The widget under a point and the offset in it, or (None, None) if that widget is gone.

    Textual 8.2 bug: just after a widget is removed, the screen's layout map still has it
    until the next layout; a mouse down on it began a text selection in a widget without a
    parent and `Screen._forward_event` raised AttributeError ('NoneType' object has no
    attribute 'region'), which took the app down (the monkey test, seed 1, in about one run
    in four). A widget that is no longer in the DOM is no widget.
    """
    widget, offset = _widget_and_offset_at(self, x, y)
    if widget is not None and widget is not self and widget.parent is None:
        return None, None
    return widget, offset


patch(
    Screen,
    "get_widget_and_offset_at",
    _attached_widget_and_offset_at,
    "AttributeError for a mouse down on a widget just removed",
)


_option_list_on_click = OptionList._on_click


async def _on_click_on_an_option_still_there(self: OptionList, event: events.Click) -> None:
    """Ignore a click on an option that the list no longer has.

    Textual 8.2 bug: `OptionList._on_click` takes the clicked option's index from the style
    of the line drawn under the mouse and looks it up without checking it. When the options
    change between the frame and the click (the command palette's list, as its search
    results arrive), the index can be past the end: IndexError took the app down (the monkey
    test, seed 10). Such a click landed on an option that is gone, so it does nothing.
    """
    clicked = event.style.meta.get("option")
    if isinstance(clicked, int) and not 0 <= clicked < self.option_count:
        return
    await _option_list_on_click(self, event)


patch(
    OptionList,
    "_on_click",
    _on_click_on_an_option_still_there,
    "IndexError for a click on an option the list no longer has",
)
