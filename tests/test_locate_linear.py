"""The error locator reads one long line in one pass: no place kept per character.

A regular expression such as `"(?:[^"\\]|\\.)*"` keeps a place to go back to for every
character it matches: on a 60 MiB string that took gigabytes and most of a minute. Memory is
what these tests measure (`tracemalloc` sees the regular expression engine's stack), never time.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from data.load.locate import json_offsets, json_path_at, toml_lines, toml_path_at
from data.load.syntax import parse_toml
from data.problems import MissionDataError

LONG = 2 << 20
"""Two million characters: the old patterns kept about 300 MB of places for a line this long."""
SPARE = 3 * LONG
"""What a pass may allocate besides the text: a copy of the line or two."""


@pytest.fixture
def peak() -> Iterator[Callable[[Callable[[], Any]], int]]:
    """Run a function and give the most memory it held at once, in bytes."""

    def measure(function: Callable[[], Any]) -> int:
        tracemalloc.start()
        try:
            function()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    yield measure


def test_toml_locator_reads_a_long_string_in_one_pass(peak: Callable[..., int]) -> None:
    text = f'format = 1\n[mission]\ntitle = "{"A" * LONG}"\nid = "x"\n'
    assert peak(lambda: toml_lines(text)) < SPARE
    assert toml_lines(text)[("mission", "id")] == (4, 1)


def test_toml_locator_reads_a_long_line_of_dotted_keys_in_one_pass(
    peak: Callable[..., int],
) -> None:
    text = "[mission]\n" + "a." * (LONG // 2) + "\n"
    assert peak(lambda: toml_lines(text)) < SPARE


def test_toml_string_left_open_ends_at_its_line() -> None:
    """A bracket in a string left open opens nothing, and the scan does not start again
    inside it (a line of escaped quotes was read once per quote)."""
    text = 'format = 1\n[mission]\ntitle = "abc [ def\nid = "x"\n'
    assert toml_lines(text)[("mission", "id")] == (4, 1)
    escaped = 'format = 1\n[mission]\ntitle = "' + '\\"' * (LONG // 2) + "\n"
    assert toml_path_at(escaped, 3) == "mission.title"


def test_json_locator_reads_a_long_key_in_one_pass(peak: Callable[..., int]) -> None:
    text = '{"mission": {"' + "k" * LONG + '": 1, "id": 7}}'
    assert peak(lambda: json_offsets(text, ["mission.id"])) < SPARE
    assert json_offsets(text, ["mission.id"])[("mission", "id")] == LONG + 20
    broken = text[:-2] + ",]}"
    assert peak(lambda: json_path_at(broken, len(broken) - 2)) < SPARE


def test_a_huge_integer_is_found_among_long_runs_of_digits() -> None:
    """The run of more than 4000 digits is found from where runs start (a search from every
    digit read each shorter run again and again)."""
    lines = [f"n{index} = {'1' * 3999}" for index in range(40)]
    text = "\n".join([*lines, f"big = {'2' * 4400}", ""])
    with pytest.raises(MissionDataError) as caught:
        parse_toml(text, "m.toml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (41, 7)
