"""Which format a file is read as, a BOM, and dotted keys too long to give the TOML parser.

The format is sniffed when the suffix is not a known one; a BOM is accepted; a dotted key of
more than 100 parts is refused before parsing, while dots in text are fine.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_helpers import BASE_TOML, Run, mission

from data.exit_codes import ExitCode
from data.opening import check_file, load_mission


@pytest.mark.parametrize("name", ["mission", "mission.JSON", "mission.txt"])
def test_format_is_sniffed_without_a_known_suffix(write: Callable[..., Path], name: str) -> None:
    assert load_mission(write(name, mission())).info.id == "demo"
    assert load_mission(write(name + "-toml", BASE_TOML)).info.id == "demo"


def test_bom_is_accepted(cli: Callable[..., Run], write: Callable[..., Path]) -> None:
    toml = write("m.toml", b"\xef\xbb\xbf" + BASE_TOML.encode())
    as_json = write("m.json", b"\xef\xbb\xbf" + json.dumps(mission()).encode())
    assert cli("check", toml, as_json).code == 0
    assert load_mission(toml).info.id == "demo"
    assert len(load_mission(as_json).events) == 4


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("format = 1\n" + "a." * 500_000 + "b = 1\n", 2),  # tomllib: quadratic, hours
        ("format = 1\n[" + "a . " * 200 + "b]\n", 2),
        ('x = {"' + '"."'.join("k" * 300) + '" = 1}\n', 1),
    ],
)
def test_long_dotted_keys_are_refused_before_parsing(
    cli: Callable[..., Run], write: Callable[..., Path], content: str, line: int
) -> None:
    path = write("m.toml", content)
    run = cli("check", path)
    assert run.code == ExitCode.DATA
    assert run.lines[0].startswith(f"{path}:{line}:")
    assert "a dotted key with more than 100 parts" in run.lines[0]


def test_dotted_keys_within_the_limit_and_dots_in_text_are_fine(write: Callable[..., Path]) -> None:
    keys = ".".join(["names"] + ["x"] * 98)  # 99 parts: parsed, then refused as unknown
    text = BASE_TOML + f'description = "{". " * 500}{"a." * 90}"\n'
    assert load_mission(write("ok.toml", text)).event_by_id["orbit"].description.startswith(". ")
    problems = check_file(write("m.toml", BASE_TOML + f"{keys} = 1\n")).problems
    assert "unknown field 'names' in event" in str(problems[0])
