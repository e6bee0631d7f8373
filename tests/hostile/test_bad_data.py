"""Every bad mission file of `bad_data_cases` gives one clear line, exit 65 and no traceback.

Each case runs twice: through `mission-timeline check FILE` and through opening the file in the
app (`mission-timeline FILE`, which exits before the TUI starts when the file is bad).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bad_data_cases import DATA_CASES
from hostile_helpers import Run

from data.exit_codes import ExitCode
from data.opening import MissionDataError, load_mission


def _one_line_each(run: Run, path: Path) -> None:
    assert "Traceback" not in run.out + run.err
    for line in run.lines:
        assert line.startswith(str(path)) or line.startswith("checked "), line
        assert "\x1b" not in line and "\x07" not in line


@pytest.mark.parametrize(
    ("name", "content", "fragment", "line"),
    [c[1:] for c in DATA_CASES],
    ids=[c[0] for c in DATA_CASES],
)
def test_bad_data_through_check(
    cli: Callable[..., Run],
    write: Callable[..., Path],
    name: str,
    content: Any,
    fragment: str,
    line: int | None,
) -> None:
    path = write(name, content)
    run = cli("check", path)
    assert run.code == ExitCode.DATA
    _one_line_each(run, path)
    assert run.lines[-1].startswith("checked 1 file: ")
    problems = run.lines[:-1]
    assert problems
    assert any(fragment in problem for problem in problems), problems
    if line is not None:
        matching = next(p for p in problems if fragment in p)
        assert matching.startswith(f"{path}:{line}:"), matching


@pytest.mark.parametrize(
    ("name", "content", "fragment"), [c[1:4] for c in DATA_CASES], ids=[c[0] for c in DATA_CASES]
)
def test_bad_data_through_the_app(
    cli: Callable[..., Run], write: Callable[..., Path], name: str, content: Any, fragment: str
) -> None:
    path = write(name, content)
    run = cli(path)
    assert run.code == ExitCode.DATA
    assert run.out == ""
    assert run.err.count("\n") == 1, run.err
    assert run.err.startswith(f"mission-timeline: {path}")
    assert "Traceback" not in run.err
    with pytest.raises(MissionDataError):
        load_mission(path)
