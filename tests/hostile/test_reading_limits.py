"""The same reading limits and problem places for TOML, JSON and JSON Lines, header included.

Each kind of problem (a syntax error, a string too long, a NUL, bytes that are not UTF-8) is
put in the mission title (the header line of JSON Lines) and in an event's title, in each
format: `check` names the file, the line and the column where it is, and exits 65. (A file over
`MISSION_TIMELINE_MAX_BYTES` is refused alike in every format, exit 66 with no place since
nothing was read: `test_unreadable_files.py`.) JSON Lines lines have a length limit of their
own, checked while reading.
"""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile_helpers import BASE, BASE_TOML, Run

import data.load.syntax
from data.exit_codes import ExitCode
from data.files.reading import MAX_LINE_BYTES, MAX_STRING_CHARS, LineTooLongError, MissionFile
from data.opening import MissionDataError, load_mission

FORMATS = ["toml", "json", "jsonl"]
TITLES = {"mission": '"A short demo flight"', "event": '"Launch"'}
"""Where each fault goes: the mission's title (the header line of JSON Lines) or the first
event's title, written the same way in every format."""
FAULTS: dict[str, tuple[bytes, int, str]] = {
    "syntax": (b"@", 0, "syntax error"),
    "long-string": (
        b'"' + b"x" * (MAX_STRING_CHARS + 1) + b'"',
        0,
        f"string too long ({MAX_STRING_CHARS + 1} characters; "
        f"the limit is {MAX_STRING_CHARS} characters)",
    ),
    "nul": (b'"A\x00B"', 2, "contains a NUL byte"),
    "utf-8": (b'"A\xffB"', 2, "not valid UTF-8"),
}
"""What replaces the title, how far into it the problem is placed, what the problem says."""


def mission_text(suffix: str) -> str:
    """The test mission in a format: its title and its first event's title in each."""
    if suffix == "toml":
        return BASE_TOML
    if suffix == "json":
        return json.dumps(BASE, indent=1)
    header = {key: value for key, value in BASE.items() if key != "events"}
    return "\n".join(json.dumps(line) for line in [header, *BASE["events"]]) + "\n"


def with_fault(text: str, where: str, fault: bytes) -> tuple[bytes, int, int]:
    """The text with the title at `where` replaced by `fault`, and the line and column
    (from 1) where the title was."""
    offset = text.index(TITLES[where])
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    data = text.encode()
    start = len(text[:offset].encode())
    return data[:start] + fault + data[start + len(TITLES[where].encode()) :], line, column


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("where", list(TITLES))
@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_problem_is_placed_alike_in_every_format(
    cli: Callable[..., Run], write: Callable[..., Path], suffix: str, where: str, fault: str
) -> None:
    replacement, shift, message = FAULTS[fault]
    content, line, column = with_fault(mission_text(suffix), where, replacement)
    path = write(f"m.{suffix}", content)
    run = cli("check", path)
    assert run.code == ExitCode.DATA, run
    first = run.lines[0]
    assert first.startswith(f"{path}:{line}:{column + shift}: "), first
    assert message in first, first
    # A JSON Lines event line that cannot be read leaves its id unknown to the header's
    # references: those problems follow. Any other file has nothing to read past the fault.
    assert len(run.lines) == 2 or (suffix, where) == ("jsonl", "event"), run.lines
    with pytest.raises(MissionDataError):
        load_mission(path)


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("escaped", [False, True])
def test_a_title_of_a_million_characters_loads(
    write: Callable[..., Path], suffix: str, escaped: bool
) -> None:
    """The red team's 1 MB titles hold, even written as six-character escapes (six times the
    limit as written)."""
    title = "\x1b" * 1_000_000 if escaped else "A" * 1_000_000
    written = json.dumps(title).encode()
    assert len(written) > (6 if escaped else 1) * 1_000_000
    content, _, _ = with_fault(mission_text(suffix), "mission", written)
    assert load_mission(write(f"m.{suffix}", content)).info.title == title


@pytest.mark.parametrize("suffix", ["toml", "json"])
def test_a_string_too_long_is_refused_before_parsing(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    parsers = {"toml": data.load.syntax.tomllib, "json": data.load.syntax.json}
    parse = parsers[suffix].loads

    def small_only(text: str, *args: Any, **options: Any) -> Any:
        assert len(text) < MAX_STRING_CHARS, "the whole text was given to the parser"
        return parse(text, *args, **options)

    monkeypatch.setattr(parsers[suffix], "loads", small_only)
    written = b'"' + b"x" * (60 << 20) + b'"'
    content, line, column = with_fault(mission_text(suffix), "event", written)
    with pytest.raises(MissionDataError) as caught:
        load_mission(write(f"m.{suffix}", content))
    problem = caught.value.problems[0]
    assert (problem.line, problem.column, problem.path) == (line, column, "events[0].title")
    limit = f"the limit is {MAX_STRING_CHARS} characters"
    assert problem.message == f"string too long ({60 << 20} characters; {limit})"


@pytest.mark.parametrize("line", [1, 3])
def test_a_json_lines_line_too_long_is_refused_while_read(
    write: Callable[..., Path], line: int
) -> None:
    lines = mission_text("jsonl").splitlines()
    lines[line - 1] = lines[line - 1][:-1] + ', "x": "' + "y" * MAX_LINE_BYTES + '"}'
    with pytest.raises(MissionDataError) as caught:
        load_mission(write("m.jsonl", "\n".join(lines) + "\n"))
    problem = caught.value.problems[-1]
    assert (problem.line, problem.column) == (line, 1)
    assert problem.message == f"line too long (the limit is {MAX_LINE_BYTES} bytes)"


def test_blocks_join_a_long_line_once_and_stop_past_the_limit(tmp_path: Path) -> None:
    lines = [b"a" * 10, b"b" * 50, b"c" * 64, b"", b"d" * 65, b"e"]
    path = tmp_path / "m.jsonl"
    path.write_bytes(b"\n".join(lines))
    with MissionFile(str(path)) as opened:
        blocks = opened.blocks(16, longest=64)
        read = [next(blocks) for _ in range(3)]
        assert b"".join(read) == b"\n".join(lines[:4]) + b"\n"
        assert all(block.endswith(b"\n") for block in read)
        with pytest.raises(LineTooLongError):
            next(blocks)
        assert opened.read <= len(b"\n".join(lines[:5])) + 16


def test_the_first_block_can_be_smaller(tmp_path: Path) -> None:
    """A JSON Lines header line is read without a large block after it: a reopening from
    the cache reads no more of the file. A line longer than the first read is joined."""
    lines = [b"h" * 5, *(bytes([letter]) * 9 for letter in b"abcdefghij")]
    path = tmp_path / "m.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    with MissionFile(str(path)) as opened:
        blocks = opened.blocks(64, first=8)
        assert next(blocks) == lines[0] + b"\n"
        assert opened.read == 8
        assert b"".join(blocks) == b"\n".join(lines[1:]) + b"\n"
    with MissionFile(str(path)) as opened:
        blocks = opened.blocks(64, first=3)
        assert next(blocks).startswith(lines[0] + b"\n")
        assert opened.read == 3 + 64


def test_a_huge_line_is_never_held_whole(tmp_path: Path) -> None:
    """A 256 MiB line (a sparse file: no newline in it) is refused once 16 MiB of it are
    read, holding no more than that and a block."""
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.truncate(256 << 20)
    tracemalloc.start()
    try:
        with MissionFile(str(path)) as opened, pytest.raises(LineTooLongError):
            for _ in opened.blocks(1 << 20):
                pass
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert opened.read <= MAX_LINE_BYTES + (1 << 20)
    assert peak < MAX_LINE_BYTES + (4 << 20)
