"""Fixtures for the hostile-input tests: the CLI runner and a mission-file writer."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile_helpers import Run

from tui.cli import main


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `mission-timeline ARGS...` in-process; returns the exit code and the output."""

    def run(*args: str | Path) -> Run:
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit_:  # argparse exits on usage errors and --help
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Run(int(code), captured.out, captured.err)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a mission file: a dict becomes JSON; str and bytes are written as they are."""

    def write_file(name: str, content: dict[str, Any] | str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, dict):
            content = json.dumps(content, indent=1)
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogatepass")
        path.write_bytes(content)
        return path

    return write_file
