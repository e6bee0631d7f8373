"""Files that cannot be read give exit 66 and one line, through `check`, the app and the loader.

Not a regular file, missing, over the size limit, or changed, shrunk or deleted while read.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile_helpers import BASE_TOML, Run, mission

import data.files.reading
from data.exit_codes import ExitCode
from data.opening import MissionReadError, load_mission


def _unreadable_cases(tmp_path: Path, suffix: str) -> dict[str, tuple[Path, str]]:
    """Files no reader can read, named with `suffix` (the reader is chosen by it)."""
    fifo = tmp_path / f"fifo.{suffix}"
    os.mkfifo(fifo)
    folder = tmp_path / f"folder.{suffix}"
    folder.mkdir()
    return {
        "directory": (folder, "is a directory"),
        "fifo": (fifo, "not a regular file"),
        "dev-zero": (_link(tmp_path, f"zero.{suffix}", Path("/dev/zero")), "not a regular file"),
        "missing": (tmp_path / f"nothing.{suffix}", "no such file"),
        "nul-in-name": (Path(f"a\x00b.{suffix}"), "cannot open"),
        "proc-file": (
            _link(tmp_path, f"status.{suffix}", Path("/proc/self/status")),
            "does not report its size",
        ),
        "symlink-loop": (_link(tmp_path, f"loop.{suffix}", None), "cannot open"),
    }


def _link(tmp_path: Path, name: str, target: Path | None) -> Path:
    """A symlink `name` to `target`, or to itself."""
    link = tmp_path / name
    link.symlink_to(link if target is None else target)
    return link


@pytest.mark.parametrize("suffix", ["toml", "json", "jsonl"])
@pytest.mark.parametrize(
    "case", ["directory", "fifo", "dev-zero", "missing", "nul-in-name", "proc-file", "symlink-loop"]
)
def test_unreadable_inputs(cli: Callable[..., Run], tmp_path: Path, case: str, suffix: str) -> None:
    path, fragment = _unreadable_cases(tmp_path, suffix)[case]
    run = cli("check", path)
    assert run.code == ExitCode.NO_INPUT
    assert fragment in run.lines[0] and len(run.lines) == 2
    assert run.lines[-1] == "checked 1 file: 1 error, 0 warnings (1 could not be read)"
    app = cli(path)
    assert app.code == ExitCode.NO_INPUT
    assert fragment in app.err and app.err.count("\n") == 1
    assert app.err.startswith(f"mission-timeline: {str(path).replace(chr(0), '␀')}: ")
    with pytest.raises(MissionReadError) as caught:
        load_mission(path)
    assert caught.value.exit_code == ExitCode.NO_INPUT


@pytest.mark.parametrize("name", ["m.toml", "m.json", "m.jsonl"])
def test_size_limit(
    cli: Callable[..., Run],
    write: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    forms = {"m.toml": BASE_TOML, "m.json": json.dumps(mission()), "m.jsonl": _jsonl(mission())}
    content = forms[name]
    path = write(name, content)
    size = len(content.encode())
    monkeypatch.setenv("MISSION_TIMELINE_MAX_BYTES", str(size - 1))
    run = cli("check", path)
    assert run.code == ExitCode.NO_INPUT
    assert f"too large ({size} bytes; the limit is {size - 1})" in run.out
    assert cli(path).code == ExitCode.NO_INPUT
    monkeypatch.setenv("MISSION_TIMELINE_MAX_BYTES", str(size))
    assert cli("check", path).code == 0


def _jsonl(document: dict[str, Any]) -> str:
    """A mission in the JSON Lines form: the header, then an event a line."""
    header = {key: value for key, value in document.items() if key != "events"}
    return "\n".join(json.dumps(line) for line in [header, *document["events"]]) + "\n"


def test_default_size_limit_fits_a_million_events() -> None:
    assert data.files.reading.max_file_bytes() == data.files.reading.MAX_FILE_BYTES >= 500 * 10**6


def _change_during_read(
    monkeypatch: pytest.MonkeyPatch, path: Path, change: Callable[[Path], None]
) -> None:
    real = data.files.reading._read_into
    calls = []

    def read_and_change(handle: Any, view: memoryview) -> int:
        if not calls:
            change(path)
        calls.append(1)
        return real(handle, view)

    monkeypatch.setattr(data.files.reading, "_read_into", read_and_change)


def test_file_that_changes_while_read(
    cli: Callable[..., Run], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("m.toml", BASE_TOML)

    def grow(target: Path) -> None:
        with target.open("a") as handle:
            handle.write("# appended while being read\n")

    _change_during_read(monkeypatch, path, grow)
    run = cli("check", path)
    assert run.code == ExitCode.NO_INPUT
    assert "changed while it was being read" in run.lines[0]


def test_file_that_shrinks_while_read(
    cli: Callable[..., Run], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("m.toml", BASE_TOML)
    _change_during_read(monkeypatch, path, lambda target: target.write_text("format = 1\n"))
    run = cli(path)
    assert run.code == ExitCode.NO_INPUT
    assert "changed while it was being read" in run.err


def test_file_that_disappears_while_read(
    cli: Callable[..., Run], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("m.toml", BASE_TOML)
    _change_during_read(monkeypatch, path, Path.unlink)
    run = cli("check", path)
    assert run.code == ExitCode.NO_INPUT
    assert "deleted while it was being read" in run.lines[0]
