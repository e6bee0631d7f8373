"""Measures 1 and 2: process start to the first frame (bundled and large mission), and to
the large mission fully shown, each against its baseline."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from .common import PROBE, ROOT, Result
from .loading import LOAD_SCRIPT


def first_frame(runs: int, mission: Path | None = None, label: str = "") -> Result:
    """Process start to first frame, the app against the bare app, alternated."""
    app_args = ["app"] if mission is None else ["app", str(mission)]
    app: list[float] = []
    bare: list[float] = []
    failure = ""
    for _ in range(runs):
        for target, values in ((["bare"], bare), (app_args, app)):
            try:
                values.append(_frame_time(target, timeout=600 if mission else 60))
            except RuntimeError as error:
                failure = str(error)
    name = "first frame, bundled mission" if mission is None else f"first frame, {label} events"
    target = "<= 1.25x bare" if mission is None else "<= 2x bare"
    if failure and not app:
        return Result(name, "ms", [], note=f"could not be measured: {failure}")
    return Result(name, "ms", app, "bare app", bare, target, note=failure)


def loaded_in_app(runs: int, mission: Path, label: str) -> Result:
    """Process start to the whole large mission shown in the app (its worker done and the
    list rebuilt for it), against a fresh process that only loads it (`load_mission`)."""
    app: list[float] = []
    alone: list[float] = []
    failure = ""
    for _ in range(runs):
        try:
            app.append(_frame_time(["app-loaded", str(mission)], timeout=600) / 1000)
        except RuntimeError as error:
            failure = str(error)
        output = subprocess.run(
            [sys.executable, "-c", LOAD_SCRIPT, "app", str(mission)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        alone.append(json.loads(output)["seconds"])
    name = f"fully loaded in the app, {label} events (s)"
    if failure and not app:
        return Result(name, "s", [], note=f"could not be measured: {failure}")
    return Result(name, "s", app, "load_mission alone", alone, "<= 3 s at 1M", note=failure)


def _frame_time(target: list[str], timeout: float) -> float:
    """Milliseconds from spawning the probe to its first frame, on an 80x24 pseudo-terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "frame"
        env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL": ""}
        started = time.monotonic_ns()
        process = subprocess.Popen(
            [sys.executable, str(PROBE), str(report), *target],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(slave)
        output = bytearray()
        deadline = time.monotonic() + timeout
        try:
            while process.poll() is None and time.monotonic() < deadline:
                ready, _, _ = select.select([master], [], [], 0.05)
                if ready:
                    with contextlib.suppress(OSError):
                        output += os.read(master, 65536)
            if process.poll() is None:
                process.kill()
                raise RuntimeError(f"no frame within {timeout:.0f} s")
        finally:
            with contextlib.suppress(OSError):
                while select.select([master], [], [], 0)[0] and os.read(master, 65536):
                    pass
            os.close(master)
            process.wait()
        if not report.exists():
            tail = output.decode(errors="replace")[-300:].strip()
            raise RuntimeError(f"exit {process.returncode} before a frame: {tail!r}")
        return (int(report.read_text()) - started) / 1e6
