"""`LANG=C`, `PYTHONIOENCODING=ascii`: messages about non-ASCII data never raise
UnicodeEncodeError, in `check` or when the app refuses a file (real subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_helpers import BASE_TOML, event

ENVIRONMENTS = {
    "lang-c": {"LANG": "C", "LC_ALL": "C"},
    "ascii-io": {"PYTHONIOENCODING": "ascii"},
    "both": {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
    "no-utf8-mode": {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
}


def _run(args: list[str], extra: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHON"))}
    env |= extra
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, env=env, timeout=60, check=False
    )


def _bad_file(folder: Path) -> Path:
    data = event(
        0, title="Юлия \x1b]52;c;aGk=\x07", colör="ü", at="2021-10-05T08:55Z[Ευρώπη/Αθήνα]"
    )
    data = event(1, data, kind="стыковка")
    path = folder / "миссия.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("environment", list(ENVIRONMENTS))
def test_check_output_never_fails_to_encode(tmp_path: Path, environment: str) -> None:
    path = _bad_file(tmp_path)
    result = _run(["check", str(path)], ENVIRONMENTS[environment])
    assert result.returncode == 65, result.stderr
    assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4  # colör, the zone, the kind, and the summary
    assert lines[-1] == b"checked 1 file: 3 errors, 0 warnings"
    assert b"\x1b" not in result.stdout


@pytest.mark.parametrize("environment", list(ENVIRONMENTS))
def test_app_refusal_never_fails_to_encode(tmp_path: Path, environment: str) -> None:
    result = _run([str(_bad_file(tmp_path))], ENVIRONMENTS[environment])
    assert result.returncode == 65
    assert result.stdout == b""
    assert result.stderr.startswith(b"mission-timeline: ")
    assert result.stderr.count(b"\n") == 1 and b"Traceback" not in result.stderr


def test_ascii_output_escapes_what_it_cannot_encode(tmp_path: Path) -> None:
    result = _run(["check", str(_bad_file(tmp_path))], ENVIRONMENTS["ascii-io"])
    assert result.stdout.isascii()
    assert b"col\\xf6r" in result.stdout  # 'colör' written with a backslash escape


@pytest.mark.parametrize("environment", list(ENVIRONMENTS))
def test_clean_and_unreadable_files(tmp_path: Path, environment: str) -> None:
    good = tmp_path / "ok.toml"
    good.write_text(BASE_TOML.replace("A short demo flight", "Вызов"), encoding="utf-8")
    result = _run(["check", str(good), str(tmp_path / "нет.toml")], ENVIRONMENTS[environment])
    assert result.returncode == 66
    assert (
        result.stdout.splitlines()[-1]
        == b"checked 2 files: 1 error, 0 warnings (1 could not be read)"
    )
    assert b"Traceback" not in result.stderr
