"""`mission-timeline check` as a command: exit codes, usage errors, file names and Ctrl-C.

Several files exit with the worst code; file names are sanitised in what it prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_helpers import BASE_TOML, Run, event

import data.opening
from data.exit_codes import ExitCode


def test_several_files_exit_with_the_worst(
    cli: Callable[..., Run], write: Callable[..., Path], tmp_path: Path
) -> None:
    good = write("good.toml", BASE_TOML)
    bad = write("bad.json", event(0, at="2021-10-05T08:55:02"))
    run = cli("check", good, bad)
    assert run.code == ExitCode.DATA
    assert run.lines[-1] == "checked 2 files: 1 error, 0 warnings"
    run = cli("check", good, bad, tmp_path / "gone.toml")
    assert run.code == ExitCode.NO_INPUT
    assert run.lines[-1] == "checked 3 files: 2 errors, 0 warnings (1 could not be read)"
    assert cli("check", good).code == 0


def test_usage_errors(cli: Callable[..., Run]) -> None:
    run = cli("check")
    assert run.code == 64
    assert "usage: mission-timeline check" in run.err
    assert cli("check", "--frobnicate", "x.toml").code == 64


def test_file_names_are_sanitised(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b]0;pwned\x07.toml"
    path.write_text("format = ")
    run = cli("check", path)
    assert run.code == ExitCode.DATA
    assert "\x1b" not in run.out and "\x07" not in run.out
    assert "evil␛]0;pwned␇.toml" in run.out
    assert re.search(r"evil.*\.toml:1:\d+: format: TOML syntax error", run.out)


def test_check_interrupted(
    cli: Callable[..., Run], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(name: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(data.opening, "check_file", interrupted)
    assert cli("check", write("m.toml", BASE_TOML)).code == 130
