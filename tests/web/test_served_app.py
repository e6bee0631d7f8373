"""The app as `mission-timeline serve` runs it (`served=True`), driven with Pilot: `o` is
refused without `--allow-open`, and with it opens files inside that folder only (`../`, a
symlink out and an absolute path elsewhere are refused); `e` hands the export to the browser
(`deliver_binary`) and writes nothing on the server."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from data.export import export, make_options
from data.opening import load_bundled
from tests.tui.notifications import record_notes
from tui.app import MissionTimelineApp, make_app
from tui.config import Config
from tui.screens.mission.exporting import download_name
from tui.screens.open_dialog import OPEN_REFUSED, OpenDialog, PathSuggester, inside

SIZE = (120, 40)
SMALL_MISSION = Path(__file__).parents[1] / "tui" / "mission.toml"


def served_app(open_folder: Path | None = None) -> MissionTimelineApp:
    return make_app(
        load_bundled(), config=Config(), save_settings=False, served=True, open_folder=open_folder
    )


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """An allowed folder holding a mission and a link out, beside a folder with another."""
    allowed, outside = tmp_path / "allowed", tmp_path / "outside"
    allowed.mkdir()
    outside.mkdir()
    shutil.copy(SMALL_MISSION, allowed / "mission.toml")
    shutil.copy(SMALL_MISSION, outside / "secret.toml")
    (allowed / "link.toml").symlink_to(outside / "secret.toml")
    (allowed / "out").symlink_to(outside)
    return allowed, outside


async def test_open_is_refused_with_a_notice_without_a_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = served_app()
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert not isinstance(app.screen, OpenDialog)
        assert notes == [OPEN_REFUSED]


async def _open(app: MissionTimelineApp, pilot: object, typed: str) -> str:
    """Type `typed` in the open dialog and press enter; the dialog's error, if it stays."""
    await pilot.press("o")  # type: ignore[attr-defined]
    dialog = app.screen
    assert isinstance(dialog, OpenDialog)
    dialog.query_one("#open-path", Input).value = typed
    await pilot.press("enter")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    if app.screen is dialog:
        return str(dialog.query_one("#open-error", Static).render())
    return ""


async def test_open_reads_a_file_inside_the_allowed_folder(folders: tuple[Path, Path]) -> None:
    allowed, _ = folders
    app = served_app(allowed)
    async with app.run_test(size=SIZE) as pilot:
        assert await _open(app, pilot, "mission.toml") == ""
        assert app.main_screen.mission.info.id == "soyuz-ms-19-test"
        assert app.main_screen.mission_path == allowed / "mission.toml"


@pytest.mark.parametrize(
    "typed", ["../outside/secret.toml", "link.toml", "out/secret.toml", "{outside}/secret.toml"]
)
async def test_open_refuses_every_way_out_of_the_folder(
    folders: tuple[Path, Path], typed: str
) -> None:
    allowed, outside = folders
    app = served_app(allowed)
    async with app.run_test(size=SIZE) as pilot:
        problem = await _open(app, pilot, typed.format(outside=outside))
        assert problem == f"Only files in {allowed} may be opened."
        assert app.main_screen.mission.info.id == "soyuz-ms-19"


def test_inside_resolves_links_and_parents(folders: tuple[Path, Path]) -> None:
    allowed, outside = folders
    assert inside(allowed, "mission.toml") == allowed / "mission.toml"
    assert inside(allowed, str(allowed / "mission.toml")) == allowed / "mission.toml"
    assert inside(allowed, "sub/../mission.toml") == allowed / "mission.toml"
    for typed in ("..", "../outside", "link.toml", "out", "/etc/passwd", "a\0b", "~/x/../../.."):
        assert inside(allowed, typed) is None, typed
    assert inside(outside / "missing", "mission.toml") is None


async def test_completion_stays_inside_the_allowed_folder(folders: tuple[Path, Path]) -> None:
    allowed, _ = folders
    suggester = PathSuggester(allowed)
    assert await suggester.get_suggestion("mis") == "mission.toml"
    assert await suggester.get_suggestion("../out") is None
    assert await suggester.get_suggestion("out/sec") is None
    assert await suggester.get_suggestion("/et") is None


async def test_export_goes_to_the_browser_and_writes_nothing_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = served_app()
    notes = record_notes(app, monkeypatch)
    delivered: list[tuple[bytes, str | None]] = []

    def deliver_binary(binary: io.BytesIO, *, save_filename: str | None = None) -> str:
        delivered.append((binary.read(), save_filename))
        return "key"

    monkeypatch.setattr(app, "deliver_binary", deliver_binary)
    async with app.run_test(size=SIZE) as pilot:
        app.main_screen.zone = "Europe/Brussels"
        await pilot.press("e")
        dialog = app.screen
        dialog.query_one("#format", Select).value = "csv"
        await pilot.pause()
        dialog.query_one("#path", Input).value = "../my export;.csv"
        await pilot.click("#export")
        await app.workers.wait_for_complete()
        await pilot.pause()
    mission = load_bundled()
    expected = tmp_path / "expected.csv"
    with expected.open("w", encoding="utf-8", newline="") as out:
        export(mission, "csv", make_options(mission, zones=["Europe/Brussels"]), out)
    assert delivered == [(expected.read_bytes(), "my_export_.csv")]
    assert notes[-1] == "CSV sent to your browser as my_export_.csv"
    assert [path.name for path in tmp_path.iterdir()] == ["expected.csv"]
    assert not (tmp_path.parent / "my export;.csv").exists()


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("soyuz-ms-19.md", "soyuz-ms-19.md"),
        ("/etc/passwd", "passwd"),
        ("..", "default.txt"),
        ("a\r\nSet-Cookie: x.txt", "a_Set-Cookie_x.txt"),
        ("Пересильд.txt", "txt"),
        ("", "default.txt"),
    ],
)
def test_download_names_are_safe_in_a_header(typed: str, name: str) -> None:
    assert download_name(typed, "default.txt") == name
