"""A child process seen from outside, through Linux's /proc: how far it has read a file, whether
it is blocked writing to a full pipe, how many bytes it read in all; and stopped (SIGSTOP)
while a test looks, so that what the test saw still holds when it sends a signal.

`wait_until` and `signal_when` poll a state with a deadline that only fails a test: they never
wait a fixed time, and the signal lands in the state the test names, however fast the machine
is.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

DEADLINE = 60.0
"""Seconds to wait for a state: far more than a command needs on a busy machine."""
POLL = 0.002
"""Seconds between two looks at the process."""

Moment = Callable[[int], bool]
"""Whether the process with this id is in some state."""


def _proc(pid: int, name: str) -> str:
    return Path(f"/proc/{pid}/{name}").read_text()


def state(pid: int) -> str:
    """The process's state letter: R running, S sleeping, T stopped, Z exited (a zombie)."""
    return _proc(pid, "stat").rpartition(")")[2].split()[0]


def position(pid: int, path: Path) -> int | None:
    """How far the process has read `path`, if it has it open."""
    wanted = path.resolve()
    with suppress(FileNotFoundError):
        for descriptor in Path(f"/proc/{pid}/fd").iterdir():
            with suppress(FileNotFoundError):  # closed meanwhile
                if descriptor.readlink() == wanted:
                    info = _proc(pid, f"fdinfo/{descriptor.name}")
                    return int(info.split("pos:", 1)[1].split()[0])
    return None


def blocked_writing_to_a_pipe(pid: int) -> bool:
    """Whether the process sleeps in a write to a pipe that is full (a state it does not leave
    while nobody reads the pipe)."""
    with suppress(FileNotFoundError):
        return state(pid) == "S" and "pipe_write" in _proc(pid, "wchan")
    return False


def bytes_read(pid: int) -> int:
    """Every byte the process has read (files, terminal, pipes), also once it has exited and
    before it is reaped (`ended`)."""
    fields = dict(line.split(": ") for line in _proc(pid, "io").splitlines())
    return int(fields["rchar"])


@contextmanager
def stopped(pid: int) -> Iterator[None]:
    """The process stopped (SIGSTOP) meanwhile; it goes on (SIGCONT) afterwards. A signal sent
    meanwhile is delivered as it goes on, in the state it was stopped in."""
    os.kill(pid, signal.SIGSTOP)
    try:
        deadline = time.monotonic() + DEADLINE
        while state(pid) not in ("T", "Z"):
            assert time.monotonic() < deadline, "the process did not stop"
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def wait_until(process: subprocess.Popen[bytes], moment: Moment, what: str) -> None:
    """Poll until `process` is at `moment`."""
    deadline = time.monotonic() + DEADLINE
    while not moment(process.pid):
        assert process.poll() is None, f"the command ended before {what}"
        assert time.monotonic() < deadline, f"no {what} after {DEADLINE:.0f} s"
        time.sleep(POLL)


def signal_when(
    process: subprocess.Popen[bytes], moment: Moment, what: str, signum: int = signal.SIGINT
) -> None:
    """Send `signum` to `process` once it is at `moment`, checked again while it is stopped,
    so that the signal lands there (a moment the process can leave on its own)."""
    while True:
        wait_until(process, moment, what)
        with stopped(process.pid):
            if moment(process.pid):
                os.kill(process.pid, signum)
                return


def ended(process: subprocess.Popen[bytes]) -> None:
    """Wait until the process has exited, without reaping it: /proc still shows it."""
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)


def with_a_terminal_for_output(command: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run `command` with a terminal (a pseudo-terminal) as its standard output and its
    standard error captured."""
    leader, follower = os.openpty()
    try:
        return subprocess.run(
            command, stdout=follower, stderr=subprocess.PIPE, check=False, timeout=120
        )
    finally:
        os.close(follower)
        os.close(leader)
