"""tui.detached: work awaited in a daemon thread of its own, whose end quitting never waits for
(the searches and filters of a large mission, a mission file being opened)."""

from __future__ import annotations

import asyncio
import contextlib
import threading

import pytest

from tui.detached import in_daemon_thread

HANG = 10.0
"""Seconds after which work held for the test is let go, so that a wrong implementation fails
the test instead of hanging it (never a timing assertion)."""


def test_the_result_or_the_exception_is_handed_back() -> None:
    async def main() -> tuple[int, str]:
        result = await in_daemon_thread(lambda: 6 * 7, name="test")
        with pytest.raises(ZeroDivisionError) as caught:
            await in_daemon_thread(lambda: 1 // 0, name="test")
        return result, type(caught.value).__name__

    assert asyncio.run(main()) == (42, "ZeroDivisionError")


def test_the_event_loop_ends_without_waiting_for_the_thread() -> None:
    """As the app quits, its workers are cancelled and its event loop ends (`asyncio.run`,
    which joins the default executor's threads: `asyncio.to_thread`'s work, and Textual's
    thread workers', is waited for to its end). The daemon thread is left running."""
    release = threading.Event()
    started = threading.Event()
    threads: list[threading.Thread] = []

    def held() -> None:
        threads.append(threading.current_thread())
        started.set()
        release.wait()

    async def main() -> None:
        task = asyncio.create_task(in_daemon_thread(held, name="test"))
        await asyncio.to_thread(started.wait, HANG)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    hang = threading.Timer(HANG, release.set)
    hang.start()
    try:
        asyncio.run(main())
        ended_first = not release.is_set()
    finally:
        hang.cancel()
        release.set()
    assert ended_first, "the event loop waited for the thread's work to end"
    assert threads and threads[0].daemon
    threads[0].join()
