"""The same promises in a real process: `mission-timeline FILE` and `mission-timeline check
FILE` on hostile input exit with the documented code, one line, no traceback, no hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_helpers import BASE_TOML, event, mission


def _run(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        capture_output=True,
        timeout=60,  # a hang fails the test instead of blocking the suite
        env={**os.environ, **(env or {})},
        check=False,
    )


def _text(path: Path, content: str | bytes) -> Path:
    path.write_bytes(
        content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    )
    return path


CASES: dict[str, tuple[Callable[[Path], Path], int, bytes]] = {
    "toml-syntax": (lambda d: _text(d / "m.toml", "format = 1\n[mission\n"), 65, b":2:"),
    "json-syntax": (lambda d: _text(d / "m.json", '{"format": 1,}'), 65, b"JSON syntax error"),
    "json-nan": (lambda d: _text(d / "m.json", '{"format": NaN}'), 65, b"NaN is not allowed"),
    "huge-int": (lambda d: _text(d / "m.toml", "format = 1" + "0" * 5000), 65, b"out of range"),
    "naive-time": (
        lambda d: _text(d / "m.json", json.dumps(event(0, at="2021-10-05T08:55"))),
        65,
        b"needs an offset",
    ),
    "dst-gap": (
        lambda d: _text(d / "m.json", json.dumps(event(0, at="2021-03-28T02:30[Europe/Brussels]"))),
        65,
        b"does not exist",
    ),
    "zone-escape": (
        lambda d: _text(d / "m.json", json.dumps(event(0, at="2021-10-05T08:55Z[\x1b]0;x\x07]"))),
        65,
        b"\xe2\x90\x9b]0;x\xe2\x90\x87",  # shown as ␛]0;x␇
    ),
    "invalid-utf8": (lambda d: _text(d / "m.toml", b"format = 1\n\xc3\x28\n"), 65, b"UTF-8"),
    "nul": (lambda d: _text(d / "m.toml", b"format = 1\x00\n"), 65, b"NUL"),
    "surrogate": (
        lambda d: _text(d / "m.json", json.dumps(event(0, title="\udc80"))),
        65,
        b"lone surrogate",
    ),
    "deep": (lambda d: _text(d / "m.json", "[" * 200_000), 65, b"nested too deeply"),
    "duplicate-id": (
        lambda d: _text(d / "m.json", json.dumps(event(3, id="launch"))),
        65,
        b"duplicate id",
    ),
    "directory": (lambda d: d, 66, b"is a directory"),
    "fifo": (lambda d: (os.mkfifo(d / "f.toml"), d / "f.toml")[1], 66, b"not a regular file"),
    "dev-zero": (lambda d: Path("/dev/zero"), 66, b"not a regular file"),
    "missing": (lambda d: d / "gone.toml", 66, b"no such file"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_app_exits_cleanly(tmp_path: Path, case: str) -> None:
    make, code, fragment = CASES[case]
    result = _run(make(tmp_path))
    assert result.returncode == code, result.stderr
    assert result.stdout == b""
    assert result.stderr.startswith(b"mission-timeline: ") and result.stderr.count(b"\n") == 1
    assert fragment in result.stderr
    assert b"Traceback" not in result.stderr and b"\x1b" not in result.stderr


@pytest.mark.parametrize("case", list(CASES))
def test_check_exits_cleanly(tmp_path: Path, case: str) -> None:
    make, code, fragment = CASES[case]
    result = _run("check", make(tmp_path))
    assert result.returncode == code, result.stderr
    assert result.stderr == b""
    assert fragment in result.stdout
    assert result.stdout.splitlines()[-1].startswith(b"checked 1 file: ")
    assert b"\x1b" not in result.stdout


def test_size_limit_from_the_environment(tmp_path: Path) -> None:
    path = _text(tmp_path / "m.toml", BASE_TOML)
    result = _run(path, env={"MISSION_TIMELINE_MAX_BYTES": "100"})
    assert result.returncode == 66 and b"too large" in result.stderr
    assert _run("check", path).returncode == 0


def test_check_many_files_in_one_run(tmp_path: Path) -> None:
    good = _text(tmp_path / "good.json", json.dumps(mission()))
    bad = _text(tmp_path / "bad.toml", "format = ")
    result = _run("check", good, bad, good)
    assert result.returncode == 65
    assert result.stdout.splitlines()[-1] == b"checked 3 files: 1 error, 0 warnings"


def test_check_never_imports_textual(tmp_path: Path) -> None:
    bad = _text(tmp_path / "bad.json", json.dumps(event(0, title=5)))
    good = _text(tmp_path / "good.toml", BASE_TOML)
    code = (
        "import sys\nfrom tui.cli import main\n"
        f"codes = main(['check', {str(good)!r}]), main(['check', {str(bad)!r}])\n"
        "print(list(map(int, codes)), 'textual' in sys.modules, 'rich' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.splitlines()[-1] == "[0, 65] False False"


def test_check_into_a_closed_pipe(tmp_path: Path) -> None:
    """`mission-timeline check big.json | head -1`: no traceback, and the status still says
    the file has errors."""
    data = mission()
    data["events"] += [dict(data["events"][0], id=f"e{i}", kind="x") for i in range(20_000)]
    path = _text(tmp_path / "m.json", json.dumps(data))
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "check", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # the reader goes away, as `head -1` does
    error = process.stderr.read()
    assert process.wait(timeout=60) == 65
    assert b"events[4].kind: unknown value 'x'" in first
    assert error == b""
