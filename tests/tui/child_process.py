"""Runs a test scenario in a child process under time limits, so that a hang fails one test.

The hangs the monkey and the resize regressions guard against are livelocks inside one step of
the event loop (a screen whose message queue never empties never yields), which no asyncio
timeout can interrupt; only a separate process turns one into a failure, with the child's
stack dump and its last printed lines, instead of a stuck suite.

Two limits, so that a busy machine never fails a run that is only slow: a livelock spins, so
the child may use `CPU_LIMIT` seconds of CPU time, which no amount of waiting for a busy CPU
uses up; a deadlock waits without spinning, so the child also has `WALL_LIMIT` seconds of
wall-clock time, far more than the slowest run takes on a busy machine.

A test module that has scenarios ends with
`if __name__ == "__main__": sys.exit(child_main(SCENARIOS, sys.argv[1:]))`, and its tests call
`run_child("tests.tui.MODULE", SCENARIO, ARGUMENT, folder)`. By hand:
`PYTHONPATH=. python -m tests.tui.MODULE SCENARIO ARGUMENT WALL_LIMIT [CPU_LIMIT [CPU]]`.
"""

from __future__ import annotations

import asyncio
import faulthandler
import math
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from pathlib import Path

from tui.app import MissionTimelineApp

ROOT = Path(__file__).parents[2]
CPU_LIMIT = 60
"""CPU seconds a child may use. A monkey seed uses about 4 s of CPU (3 to 5; its 500 actions
and q), however long a busy machine makes it wait; a livelock uses the rest and fails."""
WALL_LIMIT = 300.0
"""Seconds a child may take. A monkey seed takes 5 to 10 s on this 2-core machine when it is
otherwise quiet, and up to 150 s sharing its CPU with a busy loop while other test suites
keep both cores busy (a load average of 20); the limit only decides how long a deadlock
takes to fail."""

Scenario = Callable[[str], Coroutine[None, None, None]]


@dataclass(frozen=True)
class ChildRun:
    """What a child process running one scenario said, and how it ended."""

    name: str
    returncode: int | None
    """None: killed after the wall-clock limit."""
    output: str
    errors: str

    @property
    def failure(self) -> str | None:
        """Why the scenario failed, for the test's message; None when it passed."""
        lines = self.output.splitlines()
        if self.returncode == 0 and lines and lines[-1] == "OK":
            return None
        if self.returncode == -signal.SIGXCPU:
            what = "spun (used up its CPU time: a livelock)"
        elif self.returncode is None or "Timeout (" in self.errors:
            what = "hung (no answer before the wall-clock limit: a deadlock)"
        else:
            what = f"failed (exit {self.returncode})"
        last = "\n".join(lines[-12:]) or "(nothing)"
        errors = "\n".join(self.errors.splitlines()[-60:]) or "(nothing)"
        return f"{self.name} {what}.\nLast lines it printed:\n{last}\nIts stderr:\n{errors}"


def _text(data: str | bytes | None) -> str:
    if isinstance(data, bytes):
        return data.decode(errors="replace")
    return data or ""


def run_child(
    module: str,
    scenario: str,
    argument: str,
    folder: Path,
    timeout: float = WALL_LIMIT,
    cpu_time: int = CPU_LIMIT,
    cpu: int | None = None,
) -> ChildRun:
    """Run `scenario` of the test module `module` in a fresh interpreter, in `folder`, with its
    own config folder, under the time limits; on the one CPU `cpu`, if given.

    The child dumps its stack and exits 5 s before the `timeout`, or when it has used
    `cpu_time` seconds of CPU; the parent kills it 10 s after the `timeout`.
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
    command = [sys.executable, "-m", module, scenario, argument, str(timeout), str(cpu_time)]
    if cpu is not None:
        command.append(str(cpu))
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


def _limit_cpu_time(seconds: int) -> None:
    """After `seconds` more of CPU the kernel sends SIGXCPU: dump every thread's stack, then
    die of it (the default action, which faulthandler calls after its dump)."""
    faulthandler.register(signal.SIGXCPU, all_threads=True, chain=True)
    used = resource.getrusage(resource.RUSAGE_SELF)
    limit = math.ceil(used.ru_utime + used.ru_stime) + seconds  # the imports' time not counted
    resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 5))


def child_main(scenarios: Mapping[str, Scenario], arguments: list[str]) -> int:
    """The child's side: `SCENARIO ARGUMENT WALL_LIMIT [CPU_LIMIT [CPU]]`; pins itself to CPU,
    if given, before it starts a thread; prints OK at the end if all went well."""
    scenario, argument, timeout, *optional = arguments
    if len(optional) > 1:
        os.sched_setaffinity(0, {int(optional[1])})
    _limit_cpu_time(int(optional[0]) if optional else CPU_LIMIT)
    faulthandler.dump_traceback_later(float(timeout) - 5, exit=True)
    MissionTimelineApp.CURSOR_BLINK = False
    asyncio.run(scenarios[scenario](argument))
    print("OK", flush=True)
    return 0
