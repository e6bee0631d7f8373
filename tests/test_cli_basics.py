"""The command line's promises from the foundation: version, help, and clean load errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.cli.app import Arguments, make_parser, parse_arguments


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=60
    )


def test_version_names_app_and_tzdata() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("mission-timeline 0.1.0 (tzdata 20")


def test_help_documents_every_option() -> None:
    result = run("--help")
    assert result.returncode == 0
    for word in ("MISSION", "--version", "export", "check", "schema"):
        assert word in result.stdout


def test_no_arguments_are_the_parsers_defaults() -> None:
    """The app started with no arguments skips argparse: what it takes instead is what the
    parser gives for none, and the parser has no option `Arguments` leaves out."""
    parsed = vars(make_parser().parse_args([]))
    assert set(parsed) == {*Arguments.__struct_fields__, "lang"}
    assert parse_arguments([]) == Arguments(
        **{name: parsed[name] for name in parsed if name != "lang"}
    )
    assert parse_arguments(["m.toml", "--live"]) == Arguments(mission="m.toml", live=True)


def test_usage_error_exits_64() -> None:
    result = run("--no-such-option")
    assert result.returncode == 64
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('format = 1\n[mission\nid = "x"\n', ":2:"),
        ('format = 1\n[mission]\nid = "x"\ntitle = "X"\n', "missing required field 'events'"),
    ],
)
def test_bad_mission_is_one_line_exit_65(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content)
    result = run(str(path))
    assert result.returncode == 65
    assert result.stderr.count("\n") == 1
    assert str(path) in result.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_exits_66(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.toml")]) == 66
    assert "no such file" in capsys.readouterr().err
