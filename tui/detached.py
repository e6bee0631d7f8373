"""Awaiting work done in a daemon thread of its own, which quitting never waits for.

Textual's thread workers (and `asyncio.to_thread`) run in the event loop's default executor,
whose threads are joined as the app closes: `q` waited for a search over a million events,
or for a mission file being parsed. An async worker that awaits `in_daemon_thread` instead is
cancelled when the app quits, and the thread is left to end alone (the process ends at once:
`tui.stdout`). Only for work that leaves nothing behind: an export, which must remove its
temporary file, stays a thread worker that its check stops (`tui.screens.mission.exporting`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
from collections.abc import Callable
from functools import partial
from typing import TypeVar

_Result = TypeVar("_Result")


async def in_daemon_thread(work: Callable[[], _Result], *, name: str) -> _Result:
    """`work()` run in a new daemon thread (in a copy of this context), awaited: its result,
    or its exception raised here. Once the awaiting is cancelled, its outcome is dropped."""
    loop = asyncio.get_running_loop()
    outcome: asyncio.Future[_Result] = loop.create_future()
    context = contextvars.copy_context()

    def run() -> None:
        settle: Callable[[], None]
        try:
            settle = partial(_succeed, outcome, context.run(work))
        except Exception as error:
            settle = partial(_fail, outcome, error)
        with contextlib.suppress(RuntimeError):  # the event loop has closed: the app is gone
            loop.call_soon_threadsafe(settle)

    threading.Thread(target=run, name=name, daemon=True).start()
    return await outcome


def _succeed(outcome: asyncio.Future[_Result], result: _Result) -> None:
    if not outcome.done():  # (cancelled: nobody waits)
        outcome.set_result(result)


def _fail(outcome: asyncio.Future[_Result], error: Exception) -> None:
    if not outcome.done():
        outcome.set_exception(error)
