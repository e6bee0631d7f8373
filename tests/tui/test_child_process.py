"""The child-process harness of the monkey and the resize regressions: a livelock fails on its
CPU time, a deadlock on the wall clock, each with a stack dump; a pinned child and all its
threads stay on their CPU; the busy loop beside them stops even when the test fails."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from .child_process import Scenario, child_main, run_child
from .contention import busy_cpu, worker_cpu


async def spin(argument: str) -> None:
    """A livelock: never yields, never finishes."""
    print("spinning", flush=True)
    while True:
        pass


async def wait(argument: str) -> None:
    """A deadlock: waits for something that never happens, using no CPU."""
    print("waiting", flush=True)
    await asyncio.Event().wait()


async def where(argument: str) -> None:
    """Print the CPUs the child may run on, and those of a thread it starts."""
    print("main", sorted(os.sched_getaffinity(0)), flush=True)
    print("thread", sorted(await asyncio.to_thread(os.sched_getaffinity, 0)), flush=True)


SCENARIOS: dict[str, Scenario] = {"spin": spin, "wait": wait, "where": where}


def test_a_livelock_fails_on_its_cpu_time(tmp_path: Path) -> None:
    run = run_child(__spec__.name, "spin", "-", tmp_path, timeout=60, cpu_time=1)
    assert run.failure is not None
    assert "spin - spun (used up its CPU time: a livelock)" in run.failure
    assert "spinning" in run.failure
    assert "in spin" in run.errors  # the stack dump names where it spun


def test_a_deadlock_fails_on_the_wall_clock(tmp_path: Path) -> None:
    run = run_child(__spec__.name, "wait", "-", tmp_path, timeout=6)  # dumps after 1 s
    assert run.failure is not None
    assert "wait - hung (no answer before the wall-clock limit: a deadlock)" in run.failure
    assert "waiting" in run.failure


@pytest.mark.skipif(worker_cpu() is None, reason="this system cannot pin a process to a CPU")
def test_a_pinned_child_and_its_threads_stay_on_the_cpu(tmp_path: Path) -> None:
    cpu = worker_cpu()
    run = run_child(__spec__.name, "where", "-", tmp_path, cpu=cpu)
    assert run.failure is None, run.failure
    assert f"main [{cpu}]\nthread [{cpu}]\n" in run.output


def test_the_busy_loop_stops_even_when_the_test_fails() -> None:
    with pytest.raises(AssertionError), busy_cpu() as hog:
        assert hog.process.poll() is None, "the busy loop is not running"
        raise AssertionError("a failing test")
    assert hog.process.returncode is not None, "the busy loop still runs"


if __name__ == "__main__":
    sys.exit(child_main(SCENARIOS, sys.argv[1:]))
