"""`mission-timeline help` works like `--help`, and every help text names the formats the
app reads (.toml, .json and .jsonl)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("asked", "same_as"),
    [
        (["help"], ["--help"]),
        (["help", "export"], ["export", "--help"]),
        (["help", "check"], ["check", "--help"]),
        (["help", "schema"], ["schema", "--help"]),
    ],
)
def test_help_prints_what_dash_dash_help_prints(asked: list[str], same_as: list[str]) -> None:
    result, expected = run(*asked), run(*same_as)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == expected.stdout and "usage: mission-timeline" in result.stdout


def test_help_names_itself_among_the_subcommands() -> None:
    assert "help" in run("--help").stdout.split("Subcommands:", 1)[1]


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("exprot", "no subcommand 'exprot' (did you mean 'export'?)"),
        ("zzz", "no subcommand 'zzz'; the subcommands are check, export, import, schema, serve"),
    ],
)
def test_help_on_an_unknown_subcommand_names_the_nearest(word: str, message: str) -> None:
    result = run("help", word)
    assert result.returncode == 64
    assert result.stderr == f"mission-timeline help: {message}\n"


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"]])
def test_help_names_every_format_read(args: list[str]) -> None:
    assert ".toml, .json or .jsonl" in " ".join(run(*args).stdout.split())
