"""A served app and a headless Chromium for the browser tests: the server started on a free
localhost port as a user starts it, the system's Chromium (Debian's `chromium`) driven by
Playwright, and the terminal's text as the page's xterm.js holds it.

textual-serve draws with xterm.js on a canvas, so the text is read from xterm's own buffer:
a script run before the page's own captures the `Terminal` as the page stores it (its
`terminal` property), and `screenText()` returns its rows as text, each cut to the
terminal's width (after a narrowing, xterm keeps a line's old cells past it). Every wait is for a
state (a text on screen, a line from the server), with a deadline that only fails a test.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
"""The system's Chromium; the browser tests are skipped without it (.ci/run installs it)."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEADLINE_MS = 60_000
"""How long to wait for a state: far more than a busy machine needs."""
POLL = 0.01
"""Seconds between two tries to connect to the server while it starts."""
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "web"
"""Where the browser tests keep their screenshots (ignored by git)."""

CAPTURE_TERMINAL = """
(() => {
  window.__terminals = [];
  Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    get() { return undefined; },
    set(value) {
      Object.defineProperty(this, "terminal", {
        value, writable: true, configurable: true, enumerable: true,
      });
      if (value && value.buffer && value.options) window.__terminals.push(value);
    },
  });
  window.screenText = () => {
    const terminal = window.__terminals[0];
    if (!terminal) return "";
    const buffer = terminal.buffer.active, rows = [];
    for (let y = 0; y < terminal.rows; y++) {
      const line = buffer.getLine(buffer.viewportY + y);
      rows.push(line ? line.translateToString(true, 0, terminal.cols) : "");
    }
    return rows.join("\\n");
  };
})();
"""


@dataclass(frozen=True, slots=True)
class Served:
    """A running `mission-timeline serve`: its URL and its first line of output."""

    url: str
    banner: str


def free_port() -> int:
    """A localhost port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_listening(process: subprocess.Popen[str], port: int) -> None:
    """Wait until the server accepts connections (it says where it serves just before)."""
    deadline = time.monotonic() + DEADLINE_MS / 1000
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=DEADLINE_MS / 1000).close()
            return
        except ConnectionRefusedError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"serve stopped or never listened on {port}") from None
            time.sleep(POLL)


@contextmanager
def serving(args: Sequence[str] = (), env: dict[str, str] | None = None) -> Iterator[Served]:
    """`mission-timeline serve ARGS` on a free localhost port, until the block ends; then
    interrupted as Ctrl+C does. A port taken meanwhile (exit 69) is tried again."""
    for _ in range(3):
        port = free_port()
        command = [sys.executable, "-m", "tui", "serve", "--port", str(port), *args]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env or dict(os.environ),
        )
        assert process.stdout is not None
        banner = process.stdout.readline()  # the server says where it serves, or why not
        if banner.startswith("Serving"):
            break
        process.wait()
        if process.returncode != 69:
            raise AssertionError(f"serve did not start: {banner}{process.stdout.read()}")
    else:
        raise AssertionError("no free port could be listened on")
    try:
        _wait_until_listening(process, port)
        yield Served(f"http://127.0.0.1:{port}", banner)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=DEADLINE_MS / 1000)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
