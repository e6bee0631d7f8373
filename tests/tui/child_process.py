"""Runs a test scenario in a child process under a timeout, so that a hang fails one test.

The hangs the monkey and the resize regressions guard against are livelocks inside one step of
the event loop (a screen whose message queue never empties never yields), which no asyncio
timeout can interrupt; only a separate process turns one into a failure, with the child's
stack dump and its last printed lines, instead of a stuck suite.

A test module that has scenarios ends with
`if __name__ == "__main__": sys.exit(child_main(SCENARIOS, sys.argv[1:]))`, and its tests call
`run_child("tests.tui.MODULE", SCENARIO, ARGUMENT, folder)`. By hand:
`PYTHONPATH=. python -m tests.tui.MODULE SCENARIO ARGUMENT TIMEOUT`.
"""

from __future__ import annotations

import asyncio
import faulthandler
import os
import subprocess
import sys
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from pathlib import Path

from tui.app import MissionTimelineApp

ROOT = Path(__file__).parents[2]
CHILD_TIMEOUT = 120.0
"""Seconds a child may take. A monkey seed takes 2 to 8 s on this 2-core machine, about 20 s
with both cores busy with other work; the generous limit only decides how long a real hang
takes to fail, never whether a slow run passes."""

Scenario = Callable[[str], Coroutine[None, None, None]]


@dataclass(frozen=True)
class ChildRun:
    """What a child process running one scenario said, and how it ended."""

    name: str
    returncode: int | None
    """None: killed after the timeout."""
    output: str
    errors: str

    @property
    def failure(self) -> str | None:
        """Why the scenario failed, for the test's message; None when it passed."""
        lines = self.output.splitlines()
        if self.returncode == 0 and lines and lines[-1] == "OK":
            return None
        hung = self.returncode is None or "Timeout (" in self.errors
        what = "hung (no answer before the timeout)" if hung else f"failed (exit {self.returncode})"
        last = "\n".join(lines[-12:]) or "(nothing)"
        errors = "\n".join(self.errors.splitlines()[-60:]) or "(nothing)"
        return f"{self.name} {what}.\nLast lines it printed:\n{last}\nIts stderr:\n{errors}"


def _text(data: str | bytes | None) -> str:
    if isinstance(data, bytes):
        return data.decode(errors="replace")
    return data or ""


def run_child(
    module: str, scenario: str, argument: str, folder: Path, timeout: float = CHILD_TIMEOUT
) -> ChildRun:
    """Run `scenario` of the test module `module` in a fresh interpreter, in `folder`, with its
    own config folder, under a timeout.

    The child dumps its stack and exits 5 s before the timeout; the parent kills it 10 s after.
    """
    folder.mkdir(parents=True, exist_ok=True)
    environment = {
        key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "PYTHONPATH")
    }
    environment.update(
        PYTHONPATH=str(ROOT),
        MISSION_TIMELINE_CONFIG_DIR=str(folder / "config"),
        TZ="Europe/Amsterdam",
    )
    command = [sys.executable, "-m", module, scenario, argument, str(timeout)]
    name = f"{scenario} {argument}"
    try:
        done = subprocess.run(
            command,
            cwd=folder,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout + 10,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        return ChildRun(name, None, _text(expired.stdout), _text(expired.stderr))
    return ChildRun(name, done.returncode, done.stdout, done.stderr)


def child_main(scenarios: Mapping[str, Scenario], arguments: list[str]) -> int:
    """The child's side: `SCENARIO ARGUMENT TIMEOUT`; prints OK at the end if all went well."""
    scenario, argument, timeout = arguments
    faulthandler.dump_traceback_later(float(timeout) - 5, exit=True)
    MissionTimelineApp.CURSOR_BLINK = False
    asyncio.run(scenarios[scenario](argument))
    print("OK", flush=True)
    return 0
