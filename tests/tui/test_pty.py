"""The app in a real pseudo-terminal: no payload byte from a hostile mission reaches the
terminal, q exits cleanly, and an ASCII-only, dumb terminal raises no UnicodeEncodeError
(issue 5). Exports under the same environment too.

The keys are typed as a person would: each once the screen shows that the one before it was
handled (read through a terminal emulator, pyte), never after a fixed delay.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest

from .hostile import HOSTILE
from .pty_app import PtyApp

ASCII_ENV = {"TERM": "dumb", "LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"}
OSC_DCS_APC = re.compile(rb"\x1b[\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\)?")
"""Operating system commands, device control strings and the like, with their terminator."""
SELECTED = ("\u25b6", "\\u25b6")
"""The selected row's mark, as drawn, and as an ASCII-only terminal gets it (escaped)."""


@dataclass(frozen=True)
class Step:
    """Keys to type, then what the screen must show before the next step."""

    keys: bytes
    what: str
    shows: Callable[[list[str], list[str]], bool]
    """(the screen before the keys, the screen now) -> done."""


def _footer_quit(_before: list[str], now: list[str]) -> bool:
    return "q Quit" in now[-1]


def _selected_row(screen: list[str]) -> str:
    return next((line for line in screen if any(mark in line for mark in SELECTED)), "")


def _anywhere(text: str) -> Callable[[list[str], list[str]], bool]:
    return lambda _before, now: any(text in line for line in now)


STEPS = [
    Step(
        b"",
        "the first frame: the footer, an event selected",
        lambda b, n: _footer_quit(b, n) and _selected_row(n) != "",
    ),
    Step(
        b"\x1b[B",
        "down: another event selected",
        lambda b, n: _selected_row(n) not in ("", _selected_row(b)),
    ),
    Step(b"\rz", "enter, z: the zone as stated", _anywhere("zone as stated")),
    Step(b"/", "/: the search bar open", _anywhere("esc Cancel")),
    Step(b"dock", "typed into the search bar", _anywhere("/ dock")),
    Step(b"\x1b", "escape: the search bar closed", _footer_quit),
]
"""down, enter, z, /, some text, escape (closes the search); then q (QUIT). Enter shows the
selected event's detail, already on screen at these sizes: the z typed with it is what shows
that both were handled."""
QUIT = b"q"


def run_in_pty(
    mission: Path | None,
    config: Path,
    steps: list[Step] = STEPS,
    last: bytes = QUIT,
    *,
    size: tuple[int, int] = (120, 40),
    words: tuple[str, ...] = (),
    **env: str,
) -> tuple[bytes, int | None]:
    """Run `python -m tui [WORDS...] [MISSION]` on a pseudo-terminal with its own config
    folder, type the keys of `steps` as the screen shows each one done, then `last`; read until
    the app closes the terminal, and return everything it wrote and its exit code (None if it
    had to be killed)."""
    app = PtyApp(mission, config, size=size, words=words, **env)
    try:
        for step in steps:
            before = list(app.screen.display)
            app.type(step.keys)
            app.wait_for(partial(step.shows, before), step.what)
        app.type(last)
        app.wait_closed()
        code = app.exit_code()
    finally:
        app.close()
    return bytes(app.output), code


@pytest.fixture(scope="module")
def bundled_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, int | None]:
    return run_in_pty(None, tmp_path_factory.mktemp("config"))


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, int | None]:
    return run_in_pty(HOSTILE, tmp_path_factory.mktemp("config"))


SAME_WORKER = pytest.mark.xdist_group("pty-runs")
"""The tests that share the two module-scoped runs above run on one worker, which runs each
once."""


@SAME_WORKER
def test_hostile_mission_exits_cleanly_on_q(hostile_run: tuple[bytes, int | None]) -> None:
    output, code = hostile_run
    assert code == 0, output[-2000:]
    assert b"Traceback" not in output


@SAME_WORKER
def test_no_payload_sequence_reaches_the_terminal(hostile_run: tuple[bytes, int | None]) -> None:
    output, _ = hostile_run
    for sequence in (
        b"\x1b]52;",  # clipboard
        b"\x1b]0;",  # window title
        b"\x1b]2;",
        b"\x1b]8;",  # hyperlink
        b"\x1bP",  # DCS
        b"\x1b[2J\x1b[H \x1b[31mCSI red",  # the payload's CSI, as written
        b"\x1b[31mCSI red",
        b"\xc2\x9b",  # C1 CSI, OSC, DCS, ST as UTF-8
        b"\xc2\x9d",
        b"\xc2\x90",
        b"\xc2\x9c",
    ):
        assert sequence not in output, sequence
    text = output.decode("utf-8", "replace")
    assert re.findall("[\x80-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", text) == []
    for command in OSC_DCS_APC.findall(output):
        assert b"evil" not in command and b"aGlqYWNrZWQ" not in command and b"window" not in command


@SAME_WORKER
def test_only_the_escapes_the_bundled_mission_also_gets(
    hostile_run: tuple[bytes, int | None], bundled_run: tuple[bytes, int | None]
) -> None:
    """Textual's own commands (e.g. OSC 22, the pointer shape) are the same for both."""
    hostile = set(OSC_DCS_APC.findall(hostile_run[0]))
    bundled = set(OSC_DCS_APC.findall(bundled_run[0]))
    assert hostile <= bundled
    assert hostile_run[0].count(b"\x07") == bundled_run[0].count(b"\x07")


@SAME_WORKER
def test_the_payload_is_drawn_as_text(hostile_run: tuple[bytes, int | None]) -> None:
    text = hostile_run[0].decode("utf-8", "replace")
    assert "[@click=app.quit]click" in text
    assert "␛]52;c;aGlqYWNrZWQ=␇" in text


@pytest.mark.parametrize("mission", [None, HOSTILE], ids=["bundled", "hostile"])
def test_ascii_dumb_terminal_raises_nothing(mission: Path | None, isolated_config: Path) -> None:
    output, code = run_in_pty(mission, isolated_config, size=(80, 24), **ASCII_ENV)
    assert code == 0, output[-2000:]
    assert b"UnicodeEncodeError" not in output and b"Traceback" not in output


@pytest.mark.parametrize("format_name", ["text", "md", "csv", "json", "ics"])
def test_exports_in_an_ascii_locale(format_name: str, tmp_path: Path) -> None:
    # A fixed export time: the two runs compared below may straddle a second (ICS DTSTAMP).
    environment = {**os.environ, **ASCII_ENV, "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "tui", "export", "-f", format_name]
    to_stdout = subprocess.run(command, env=environment, capture_output=True, check=False)
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stderr == b""
    assert not to_stdout.stdout.decode("utf-8").isascii()  # the mission's non-ASCII text
    target = tmp_path / f"out.{format_name}"
    to_file = subprocess.run(
        [*command, "-o", str(target)], env=environment, capture_output=True, check=False
    )
    assert to_file.returncode == 0, to_file.stderr
    # A CSV file starts with a byte-order mark; a pipe gets none (`csv_export.starts_a_file`).
    mark = "\ufeff".encode() if format_name == "csv" else b""
    assert target.read_bytes() == mark + to_stdout.stdout


def test_an_error_naming_a_non_ascii_file_in_an_ascii_locale(tmp_path: Path) -> None:
    environment = {**os.environ, **ASCII_ENV}
    missing = tmp_path / "Пересильд ‮.toml"
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", str(missing)],
        env=environment,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 66
    assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_e_typed_right_after_q_raises_nothing(isolated_config: Path) -> None:
    """`q` then `e` in one burst: the export dialog opens while the app closes, before its
    widgets are mounted; it must not look its zones field up (once a NoMatches traceback)."""
    output, code = run_in_pty(None, isolated_config, [], b"qe")
    assert code == 0
    assert b"Traceback" not in output and b"NoMatches" not in output


def _header(now: list[str]) -> str:
    return now[1] if len(now) > 1 else ""


def test_keys_typed_in_one_burst_after_slash_reach_the_search_field(
    isolated_config: Path,
) -> None:
    """`/`, a search, enter and z written to the terminal at once, as a paste or a script
    does: the letters (each also a key of the timeline: o opens, e exports, q quits) go to
    the search field, and z after enter to the timeline again."""
    steps = [
        STEPS[0],
        Step(
            b"/oeq" + b"\x7f" * 3 + b"dock\rz",
            "the search kept and the zone changed",
            lambda _before, now: "zone as stated" in _header(now) and "dock" in _header(now),
        ),
    ]
    output, code = run_in_pty(None, isolated_config, steps)
    assert code == 0, output[-2000:]
    assert b"Traceback" not in output


def test_keys_typed_in_one_burst_reach_the_export_dialog(
    isolated_config: Path, tmp_path: Path
) -> None:
    """e and the keys after it at once: they reach the dialog that e opens, as it opens."""
    target = tmp_path / "burst.txt"
    steps = [
        STEPS[0],
        Step(
            b"e\t\t" + str(target).encode() + b"\r",
            "the export written",
            _anywhere("written to"),
        ),
    ]
    output, code = run_in_pty(None, isolated_config, steps)
    assert code == 0, output[-2000:]
    assert target.read_text(encoding="utf-8").startswith("Soyuz MS-19")
