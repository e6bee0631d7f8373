"""Reading a process's screen from a pseudo-terminal as it draws it: what it wrote and when,
and the moment its screen settled.

While the process runs, the reader only takes the bytes and the time each read returned
(`time.monotonic_ns()`, shared by all processes on Linux); the terminal emulator (pyte)
replays them afterwards, so emulating the terminal never delays the reading of the bytes
that follow, on a machine with few cores.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pyte

from .common import ROOT

SIZE = (80, 24)
"""The pseudo-terminal's columns and rows."""

Shows = Callable[[list[str]], bool]
"""Whether a screen (its lines of text) shows what a measure waits for."""


@dataclass
class Drawn:
    """What a process wrote to its terminal: each read's time and bytes."""

    started: int
    """`time.monotonic_ns()` just before the process was started."""
    chunks: list[tuple[int, bytes]] = field(default_factory=list)

    def settled(self, shows: Shows) -> tuple[float, list[str]]:
        """Milliseconds from the start to the read after which the screen was as it was left
        (text and colours), and that screen's lines; `RuntimeError` if it does not show
        `shows`'s state (the process failed, or was cut short)."""
        screens = list(self._screens())
        if not screens:
            raise RuntimeError("nothing was drawn")
        final_time, final, lines = screens[-1]
        if not shows(lines):
            shown = "\n".join(lines)
            raise RuntimeError(f"the screen left does not show the state waited for:\n{shown}")
        settled = final_time
        for at, screen, _ in reversed(screens):
            if screen != final:
                break
            settled = at
        return (settled - self.started) / 1e6, lines

    def _screens(self) -> list[tuple[int, tuple[object, ...], list[str]]]:
        """After each read: its time, the screen (characters with their colours and
        attributes) and its lines of text."""
        columns, rows = SIZE
        screen = pyte.Screen(columns, rows)
        stream = pyte.ByteStream(screen)
        screens = []
        for at, data in self.chunks:
            stream.feed(data)
            cells = tuple(tuple(screen.buffer[y][x] for x in range(columns)) for y in range(rows))
            screens.append((at, cells, list(screen.display)))
        return screens


def start_on_pty(
    arguments: Sequence[str], env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], int]:
    """Start `python ARGUMENTS` from the project's folder on an 80x24 pseudo-terminal of
    its own (a new session); give the process and the terminal's side to read and type on."""
    columns, rows = SIZE
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = {**os.environ, "TERM": "xterm-256color", "TEXTUAL": "", **(env or {})}
    for name in ("COLUMNS", "LINES"):  # would override the terminal's size
        environment.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, *arguments],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment,
        cwd=ROOT,
        start_new_session=True,
    )
    os.close(slave)
    return process, master


def run_on_pty(
    arguments: Sequence[str],
    *,
    timeout: float,
    quiet: float | None = None,
    env: dict[str, str] | None = None,
) -> tuple[Drawn, int | None]:
    """Run `python ARGUMENTS` from the project's folder on an 80x24 pseudo-terminal and read
    what it writes: until it exits, or (with `quiet`) until it has written nothing for
    `quiet` seconds, when it is killed. Give what it wrote and its exit status (None:
    killed). `RuntimeError` after `timeout` seconds."""
    drawn = Drawn(time.monotonic_ns())
    process, master = start_on_pty(arguments, env)
    deadline = time.monotonic() + timeout
    try:
        while process.poll() is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"not done within {timeout:.0f} s")
            wait = min(left, quiet) if quiet is not None and drawn.chunks else min(left, 0.05)
            ready, _, _ = select.select([master], [], [], wait)
            if not ready:
                if quiet is not None and drawn.chunks:
                    break  # nothing new for `quiet` seconds: the screen has settled
                continue
            with contextlib.suppress(OSError):
                data = os.read(master, 65536)
                drawn.chunks.append((time.monotonic_ns(), data))
    finally:
        killed = process.poll() is None
        if killed:
            process.kill()
        with contextlib.suppress(OSError):
            while select.select([master], [], [], 0)[0] and os.read(master, 65536):
                pass
        os.close(master)
        process.wait()
    return drawn, None if killed else process.returncode
