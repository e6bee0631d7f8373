"""The app in a real pseudo-terminal, read through a terminal emulator (pyte), as a person sees
it: start it, wait for what the screen shows, type keys, read until it closes the terminal.

Every wait has a deadline that only fails a test, never lets one pass.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte

ROOT = Path(__file__).parents[2]
DEADLINE = 60.0
"""Seconds to wait for the screen a step expects: far more than the app needs on a busy
machine; reaching it fails the test, it never lets one pass."""


class PtyApp:
    """`python -m tui [MISSION]` on a pseudo-terminal of `size` (columns, rows), with its own
    config folder and `env` added to the environment."""

    def __init__(
        self,
        mission: Path | None,
        config: Path,
        *,
        size: tuple[int, int],
        words: tuple[str, ...] = (),
        **env: str,
    ) -> None:
        columns, rows = size
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        # COLUMNS and LINES (pytest-xdist's workers have them) would override the size.
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("TEXTUAL") and key not in ("COLUMNS", "LINES")
        }
        environment["TERM"] = "xterm-256color"
        environment.update(MISSION_TIMELINE_CONFIG_DIR=str(config), **env)
        environment.pop("NO_COLOR", None)
        arguments = [sys.executable, "-m", "tui", *words, *([str(mission)] if mission else [])]
        self.process = subprocess.Popen(
            arguments,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(slave)
        self.screen = pyte.Screen(columns, rows)
        self._terminal = pyte.ByteStream(self.screen)
        self.output = bytearray()
        """Everything the app wrote."""

    def read(self, until: float) -> bool:
        """Read what the app writes before `until`; False once it closed the terminal."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, until - time.monotonic()))
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the child closed the terminal
            return False
        self.output.extend(data)
        self._terminal.feed(data)
        return bool(data)

    def wait_for(self, shows: Callable[[list[str]], bool], what: str) -> None:
        """Read until the screen `shows` what is expected."""
        deadline = time.monotonic() + DEADLINE
        while not shows(self.screen.display):
            assert time.monotonic() < deadline, (
                f"no {what} after {DEADLINE:.0f} s; the screen:\n" + "\n".join(self.screen.display)
            )
            assert self.read(deadline), f"the app quit before {what}: {self.output[-2000:]!r}"

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def wait_closed(self) -> None:
        """Read until the app closes the terminal (it has ended)."""
        deadline = time.monotonic() + DEADLINE
        while self.read(deadline):
            assert time.monotonic() < deadline, (
                f"the app still runs {DEADLINE:.0f} s later; the screen:\n"
                + "\n".join(self.screen.display)
            )

    def exit_code(self) -> int | None:
        """The app's exit code once it has ended (None if it had to be killed)."""
        try:
            return self.process.wait(DEADLINE)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        """Kill the app if it still runs, and close the terminal."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)
