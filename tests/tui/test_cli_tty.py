"""Without a terminal the app does not run blind."""

from __future__ import annotations

import pytest

from data.exit_codes import ExitCode
from tui.cli import main


def test_no_terminal_exits_64_and_points_to_export(capsys: pytest.CaptureFixture[str]) -> None:
    # Under capsys, stdout is not a terminal.
    assert main([]) == ExitCode.USAGE
    error = capsys.readouterr().err
    assert "not a terminal" in error and "mission-timeline export" in error
