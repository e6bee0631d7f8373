"""Writing a picture: through data.files.writing like every export (atomic, no overwrite
without --force, no partial file), to a pipe as bytes, never to a terminal; mission text
shown as written, never as markup; matplotlib loaded only when a picture is made."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from picture_helpers import PNG_SIGNATURE, png_size, read_svg, render

from data.export import make_options
from data.export.picture import write_png
from data.files.writing import open_output
from data.model import Mission
from data.opening import load_mission
from tests.processes import with_a_terminal_for_output
from tui.cli import main

COMMAND = [sys.executable, "-m", "tui", "export"]
HOSTILE = Path(__file__).parents[1] / "hostile" / "hostile-mission.toml"


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_format_from_suffix_and_no_overwrite_without_force(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"timeline{suffix}"
    args = ["export", "-o", str(target), "--from", "launch", "--to", "docking"]
    assert main(args) == 0
    first = target.read_bytes()
    assert first.startswith(PNG_SIGNATURE if suffix == ".png" else b"<?xml")
    target.write_bytes(b"keep me")
    assert main([*args, "--theme", "dark"]) == 73
    assert target.read_bytes() == b"keep me"
    assert main([*args, "--theme", "dark", "--force"]) == 0
    assert target.read_bytes() not in (b"keep me", first)
    assert sorted(path.name for path in tmp_path.iterdir()) == [target.name]


def test_a_failed_png_leaves_no_file(bundled: Mission, tmp_path: Path) -> None:
    """Stopped after its first block of 8 KiB, a PNG is discarded: no file, no temporary."""
    target = tmp_path / "timeline.png"
    calls = []

    def check() -> None:
        calls.append(1)
        if len(calls) > 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), open_output(str(target), check=check) as out:
        write_png(bundled, make_options(bundled), out)
    assert len(calls) == 2
    assert list(tmp_path.iterdir()) == []


def test_png_to_a_pipe_is_bytes() -> None:
    result = subprocess.run(
        [*COMMAND, "--format", "png", "--width", "640", "--from", "launch", "--to", "docking"],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert png_size(result.stdout)[0] == 640


def test_a_picture_is_never_written_to_a_terminal() -> None:
    result = with_a_terminal_for_output([*COMMAND, "--format", "png"])
    assert result.returncode == 64
    assert result.stderr == (
        b"mission-timeline export: a picture is not for a terminal; give a file: -o PATH\n"
    )


def test_mission_text_is_shown_as_written_never_as_markup_or_controls() -> None:
    hostile = load_mission(HOSTILE)
    picture = read_svg(render(hostile))
    title = " ".join(picture.of("title"))  # on several lines: it is long
    assert "$variable" in title  # not mathtext
    assert "[@click=app.quit]" in title
    assert "\x1b" not in title and "\u202e" not in title and "␛" in title
    for text in picture.texts:
        assert not any(ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F for char in text.text)


def test_matplotlib_is_imported_only_for_a_picture(tmp_path: Path) -> None:
    code = (
        "import sys, data.export, tui.app, tui.cli\n"
        "from tui.cli import main\n"
        f"main(['export', '-o', {str(tmp_path / 'a.txt')!r}])\n"
        "print('matplotlib' in sys.modules)\n"
        f"main(['export', '-o', {str(tmp_path / 'a.svg')!r}])\n"
        "print('matplotlib' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split() == ["False", "True"]
