"""Running out of memory while loading is one problem, never a traceback.

A MemoryError anywhere while a mission is read, parsed or stored becomes the `MissionReadError`
"too large to load with the memory available" (exit 66: the content was never judged). Tested
with the parser made to raise it, and for real: `check` and `export` in a process whose
address space is limited (`RLIMIT_AS`), on files that need more than that to load, and on the
huge strings that the string limit refuses first, in little memory.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile_helpers import BASE, BASE_TOML, Run

import data.load.jsonl
import data.load.syntax
from data.exit_codes import ExitCode
from data.opening import MissionReadError, load_mission
from data.problems import TOO_LARGE_FOR_MEMORY

MEMORY_LIMIT = 128 << 20
"""The address space the processes may use: Python and the app start in under 48 MiB."""


def jsonl_text() -> str:
    header = {key: value for key, value in BASE.items() if key != "events"}
    return "\n".join(json.dumps(line) for line in [header, *BASE["events"]]) + "\n"


def out_of_memory(*_: Any, **__: Any) -> Any:
    raise MemoryError


@pytest.mark.parametrize(
    ("name", "text", "owner", "attribute"),
    [
        ("m.toml", BASE_TOML, data.load.syntax.tomllib, "loads"),
        ("m.json", json.dumps(BASE), data.load.syntax.json, "loads"),
        ("m.jsonl", jsonl_text(), data.load.syntax.json, "loads"),  # the header line
        ("m.jsonl", jsonl_text(), data.load.jsonl._Reader, "_block"),  # the event lines
    ],
    ids=["toml", "json", "jsonl-header", "jsonl-events"],
)
def test_memory_error_while_loading_is_one_problem(
    cli: Callable[..., Run],
    write: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    text: str,
    owner: Any,
    attribute: str,
) -> None:
    path = write(name, text)
    monkeypatch.setattr(owner, attribute, out_of_memory)
    with pytest.raises(MissionReadError) as caught:
        load_mission(path)
    assert str(caught.value) == f"{path}: {TOO_LARGE_FOR_MEMORY}"
    assert caught.value.__context__ is None  # the frames that held the memory are let go
    check = cli("check", path)
    assert check.code == ExitCode.NO_INPUT
    assert check.lines[0] == f"{path}: {TOO_LARGE_FOR_MEMORY}"
    export = cli("export", path, "-o", tmp_path / "out.txt")
    assert export.code == ExitCode.NO_INPUT
    assert export.err == f"mission-timeline export: {path}: {TOO_LARGE_FOR_MEMORY}\n"
    assert not (tmp_path / "out.txt").exists()


def _objects(count: int) -> str:
    """A JSON list of `count` empty objects: 3 bytes each in the file, over 60 in memory."""
    return "[" + "{}," * count + "{}]"


def _huge_file(path: Path) -> Path:
    """A file larger than the memory limit (sparse: it takes no room on the disk)."""
    with path.open("wb") as handle:
        handle.truncate(2 * MEMORY_LIMIT)
    return path


FILES: dict[str, tuple[Callable[[Path], Path], int, str]] = {
    "json-key-20MiB": (
        lambda d: _write(d / "m.json", '{"format": 1, "' + "k" * (20 << 20) + '": 1}'),
        ExitCode.DATA,
        "m.json:1:15: string too long (20971520 characters",
    ),
    "toml-string-20MiB": (
        lambda d: _write(d / "m.toml", f'format = 1\ntitle = "{"x" * (20 << 20)}"\nbad\n'),
        ExitCode.DATA,
        "m.toml:2:9: title: string too long (20971520 characters",
    ),
    "json-many-objects": (
        lambda d: _write(d / "m.json", f'{{"format": 1, "x": {_objects(3_000_000)}}}'),
        ExitCode.NO_INPUT,
        f"m.json: {TOO_LARGE_FOR_MEMORY}",
    ),
    "jsonl-many-objects": (
        lambda d: _write(d / "m.jsonl", jsonl_text() + f'{{"x": {_objects(3_000_000)}}}\n'),
        ExitCode.NO_INPUT,
        f"m.jsonl: {TOO_LARGE_FOR_MEMORY}",
    ),
    "toml-larger-than-memory": (
        lambda d: _huge_file(d / "m.toml"),
        ExitCode.NO_INPUT,
        f"m.toml: {TOO_LARGE_FOR_MEMORY}",
    ),
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("case", list(FILES))
@pytest.mark.parametrize("command", ["check", "export"])
def test_in_little_memory(tmp_path: Path, case: str, command: str) -> None:
    make, code, expected = FILES[case]
    path = make(tmp_path)
    output = tmp_path / "out.txt"
    args = [path] if command == "check" else [path, "-o", output]
    run = subprocess.run(
        [sys.executable, "-m", "tui", command, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert run.returncode == code, run
    printed = run.stdout if command == "check" else run.stderr
    assert expected in printed, run
    assert "Traceback" not in run.stderr and "Error" not in run.stderr, run.stderr
    if command == "export":
        assert run.stderr.count("\n") == 1 and not output.exists()
    else:
        assert run.stdout.count("\n") == 2 and not run.stderr
