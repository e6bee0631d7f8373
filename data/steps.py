"""Long work done in short steps, so that it can be stopped between them.

A reading or an export may run in a thread beside the app's event loop. A call into C (a
sort, building a set or an array from a million values) keeps the interpreter to itself until
it returns, so each such call takes at most `STEP` values (a few milliseconds), and a `Check`
is called between two steps: it raises to stop the work (no longer wanted: the app quits).
"""

from __future__ import annotations

from collections.abc import Callable

STEP = 1 << 15
"""Values taken in one call into C at most during long work (a few milliseconds each)."""

Check = Callable[[], None]
"""Called between two steps of long work; raises (an exception of its caller's) to stop it."""


def go_on() -> None:
    """The `Check` of work that is never stopped."""
