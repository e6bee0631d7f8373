"""Work-arounds for bugs in the Textual release this app pins (8.2), applied on import.

Each one names the bug and is covered by a test in tests/tui/test_stays_up.py; remove it when
Textual fixes the bug.
"""

from __future__ import annotations

from typing import Literal

from textual.widgets import OptionList

_move_page = OptionList._move_page


def _move_page_when_laid_out(self: OptionList, direction: Literal[-1, 1]) -> None:
    """`OptionList._move_page` raises KeyError while the list has not laid out its lines (no
    room on a tiny terminal, or page up/down queued right after the list opened, as in a
    Select's drop-down or the crew list); there is nothing to move then."""
    try:
        _move_page(self, direction)
    except KeyError:
        return


OptionList._move_page = _move_page_when_laid_out  # type: ignore[method-assign]
