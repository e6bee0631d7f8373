"""Work-arounds for Textual 8.2's Linux terminal driver (see `tui.compat`)."""

from __future__ import annotations

import contextlib
import os
import selectors
import socket
import weakref
from codecs import getincrementaldecoder

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from tui.compat.patching import patch

_disable_input = LinuxDriver.disable_input
_WAKERS: weakref.WeakKeyDictionary[LinuxDriver, socket.socket] = weakref.WeakKeyDictionary()
"""For each driver whose input thread runs, the socket that wakes that thread."""
_TICK = 0.1
"""Seconds the input thread waits for a key before it lets the parser see the time pass (a
lone escape becomes the escape key), as Textual's does."""


def _run_input_thread_until_woken(self: LinuxDriver) -> None:
    """`LinuxDriver.run_input_thread`, which ends as soon as input is disabled.

    Textual 8.2 bug: the input thread waits for a key in `select` for up to 0.1 s and only
    then looks at its exit event; once the event is set it waits another 0.1 s on a selector
    it has just emptied (so on nothing). `disable_input`, which every quit goes through,
    waits for the thread: 100 to 200 ms on every `q` (more on a busy machine), half of the
    time `q` took to end the app. Here the thread also waits on a socket of its own, which
    `disable_input` writes to (`_disable_input_at_once`): it stops as soon as it is woken or
    the event is set, and then only lets the parser see the time pass, without the wait.
    Keys are read and parsed as in Textual's."""
    fileno = self.fileno
    wake, waker = socket.socketpair()
    selector = selectors.SelectSelector()
    selector.register(fileno, selectors.EVENT_READ)
    selector.register(wake, selectors.EVENT_READ)
    _WAKERS[self] = waker
    parser = XTermParser(self._debug)
    decode = getincrementaldecoder("utf-8")().decode
    try:
        while not self.exit_event.is_set():
            ready = {key.fd for key, _ in selector.select(_TICK)}
            if wake.fileno() in ready:
                break
            if fileno in ready and (text := decode(os.read(fileno, 1024 * 4))):
                for event in parser.feed(text):
                    self.process_message(event)
            for event in parser.tick():
                self.process_message(event)
        for event in parser.tick():
            self.process_message(event)
    finally:
        _WAKERS.pop(self, None)
        selector.close()
        wake.close()
        waker.close()
        with contextlib.suppress(EOFError, ParseError):
            for _ in parser.feed(""):
                pass


def _disable_input_at_once(self: LinuxDriver) -> None:
    """`LinuxDriver.disable_input`, waking the input thread first so that it ends at once
    (see `_run_input_thread_until_woken`)."""
    waker = _WAKERS.get(self)
    if waker is not None and not self.exit_event.is_set():
        with contextlib.suppress(OSError):  # the thread has just ended
            waker.send(b"\0")
    _disable_input(self)


patch(
    LinuxDriver,
    "run_input_thread",
    _run_input_thread_until_woken,
    "every quit waits 100-200 ms for the input thread's select timeouts",
)
patch(
    LinuxDriver,
    "disable_input",
    _disable_input_at_once,
    "every quit waits 100-200 ms for the input thread's select timeouts",
)
