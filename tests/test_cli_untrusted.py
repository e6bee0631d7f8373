"""Command-line arguments and environment variables are untrusted: no error message echoes
one raw (a file name could otherwise retitle the terminal or write to its clipboard)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PAYLOAD = "x\x1b]0;PWNED\x07\x1b]52;c;SGVsbG8=\x07\x1b[2J\x9b31m"
UNSAFE = (b"\x1b", b"\x07", b"\xc2\x9b")
"""ESC, BEL and the 8-bit CSI (in UTF-8: a raw 0x9b byte is also part of the sanitiser's own
placeholder `␛`, E2 90 9B)."""
SHOWN = ("␛]0;PWNED␇".encode(), b"\\x1b]0;PWNED\\x07")
"""How the payload appears once sanitised, or in a `repr`: visible and inert."""


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        check=False,
    )


NAME = PAYLOAD + ".toml"

CASES: dict[str, tuple[tuple[str, ...], int, bool]] = {
    # name: (arguments, exit code, whether the message quotes the payload)
    "export-name-then-extra": (("export", NAME, "extra"), 64, False),
    "export-extra-then-name": (("export", "extra.toml", NAME), 64, True),
    "export-unknown-option": (("export", "--" + PAYLOAD), 64, True),
    "export-bad-format": (("export", "--format", PAYLOAD), 64, True),
    "export-bad-mode": (("export", "--mode", PAYLOAD), 64, True),
    "export-bad-zone": (("export", "--zone", PAYLOAD), 64, True),
    "export-bad-event": (("export", "--relative-to", PAYLOAD), 64, True),
    "export-bad-filter": (("export", "--filter", "kind:" + PAYLOAD), 64, True),
    "export-missing-file": (("export", NAME), 66, True),
    "check-unknown-option": (("check", "a.toml", "--" + PAYLOAD), 64, True),
    "check-no-file": (("check",), 64, False),
    "check-missing-file": (("check", NAME), 66, True),
    "schema-extra": (("schema", PAYLOAD), 64, True),
    "app-unknown-option": (("--" + PAYLOAD,), 64, True),
    "app-two-names": (("a.toml", NAME), 64, True),
    "app-missing-file": ((NAME,), 66, True),
}


@pytest.mark.parametrize("case", list(CASES))
def test_arguments_are_never_echoed_raw(case: str) -> None:
    args, code, quoted = CASES[case]
    result = _run(*args)
    assert result.returncode == code, result.stderr
    output = result.stdout + result.stderr
    assert not any(byte in output for byte in UNSAFE), output
    assert b"Traceback" not in output
    assert any(shown in output for shown in SHOWN) is quoted
    message = result.stdout if case.startswith("check-missing") else result.stderr
    assert message.strip(), "every failure says why"


def test_output_path_is_never_echoed_raw(tmp_path: Path) -> None:
    result = _run("export", "-o", str(tmp_path / PAYLOAD / "out.txt"))
    assert result.returncode == 73
    assert not any(byte in result.stderr for byte in UNSAFE)
    assert SHOWN[0] in result.stderr and result.stderr.count(b"\n") == 1


def test_environment_is_never_echoed_raw() -> None:
    result = _run("export", env={"SOURCE_DATE_EPOCH": PAYLOAD})
    assert result.returncode == 64
    assert not any(byte in result.stderr for byte in UNSAFE)
    assert result.stderr.count(b"\n") == 1
