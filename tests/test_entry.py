"""The command's entry point (`tui.entry`): the cyclic garbage collector is off while the
command starts, and on again for a subcommand's work and once the TUI is done."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Sequence

import pytest

import tui.cli
from tui.entry import main

_START = """
import gc, sys

collector_on = []


class Spy:
    def find_spec(self, name, path, target=None):
        if name == "tui.cli":
            collector_on.append(gc.isenabled())


sys.meta_path.insert(0, Spy())
from tui.entry import main

code = main([])  # standard output is a pipe: the command stops before the app runs
print(code, collector_on, gc.isenabled())
"""


def test_the_command_starts_with_the_collector_off() -> None:
    """Off when `tui.cli` is imported (about 25 collections from there to the app's start with
    it on: each walks only objects that stay alive), on again when the command returns."""
    done = subprocess.run(
        [sys.executable, "-c", _START], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["64", "[False]", "True"], done.stderr


def test_a_subcommand_runs_with_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def run(argv: Sequence[str]) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(tui.cli, "subcommand", lambda name: run)
    try:
        assert main(["schema"]) == 0
    finally:
        gc.enable()
    assert seen == [True]
