"""Settings: the user's config.toml (read only), what state.toml remembers, themes, keymap,
NO_COLOR."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from data.model import Mission
from tui.app import MissionTimelineApp, make_app
from tui.config import (
    Config,
    Remembered,
    config_path,
    load_config,
    load_remembered,
    save_remembered,
    state_path,
)
from tui.screens.zone_picker import ZonePicker
from tui.theme import HOUSE_THEME

from .notifications import record_notes
from .settings_files import write_config
from .waiting import palette_shows, until

SIZE = (120, 40)
REMEMBERED_NOTE = "(remembered from last time, z to change)"
USERS_CONFIG = """\
# My settings. The app must never rewrite this file.
theme = "gruvbox"   # easy on the eyes
zone = "Europe/Brussels"
future-setting = "a later version may read this"

[keymap]
# vim users
cursor-down = "down,j,ctrl+n"
"""


def test_both_files_follow_the_environment(isolated_config: Path) -> None:
    assert config_path() == isolated_config / "config.toml"
    assert state_path() == isolated_config / "state.toml"


def test_remembered_round_trip(isolated_config: Path) -> None:
    remembered = Remembered(theme='no"rd\x7f', zone="Asia/Almaty")
    save_remembered(remembered)
    assert load_remembered() == (remembered, [])
    assert state_path().read_text(encoding="utf-8").startswith("# mission-timeline remembers")
    assert [path.name for path in isolated_config.iterdir()] == ["state.toml"]  # no temporary


def test_remembering_replaces_a_link_and_never_writes_through_it(
    isolated_config: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text("precious\n", encoding="utf-8")
    isolated_config.mkdir()
    state_path().symlink_to(elsewhere)
    save_remembered(Remembered(zone="UTC"))
    assert elsewhere.read_text(encoding="utf-8") == "precious\n"
    assert not state_path().is_symlink()
    assert load_remembered() == (Remembered(zone="UTC"), [])


def test_broken_config_gives_defaults_and_a_message(isolated_config: Path) -> None:
    isolated_config.mkdir()
    (isolated_config / "config.toml").write_text("theme = [unclosed", encoding="utf-8")
    config, problems = load_config()
    assert config == Config()
    assert len(problems) == 1 and "not valid TOML" in problems[0]


def test_wrong_types_are_ignored_one_by_one(isolated_config: Path) -> None:
    isolated_config.mkdir()
    (isolated_config / "config.toml").write_text(
        'theme = 3\nzone = "UTC"\ncolour = "red"\n[keymap]\nquit = 5\nhelp = "h"\n',
        encoding="utf-8",
    )
    config, problems = load_config()
    assert config == Config(zone="UTC", keymap={"help": "h"})
    assert len(problems) == 3


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("zone = [", "not valid TOML"),
        ("zone = 3", "zone must be a string"),
        ('theme = ["nord"]\nzone = "UTC"', "theme must be a string"),
    ],
)
def test_a_broken_state_file_remembers_nothing(
    isolated_config: Path, content: str, fragment: str
) -> None:
    isolated_config.mkdir()
    state_path().write_text(content, encoding="utf-8")
    remembered, problems = load_remembered()
    assert remembered == Remembered()
    assert len(problems) == 1 and fragment in problems[0] and "nothing remembered" in problems[0]


def test_names_a_later_version_writes_are_left_alone(isolated_config: Path) -> None:
    isolated_config.mkdir()
    state_path().write_text('zone = "UTC"\nsplit = 0.4\n', encoding="utf-8")
    assert load_remembered() == (Remembered(zone="UTC"), [])


async def test_zone_and_theme_are_remembered_in_a_file_of_their_own(mission: Mission) -> None:
    app = make_app(mission)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z", "z", "z")
        app.theme = "nord"
        await pilot.pause()
    assert load_remembered() == (Remembered(theme="nord", zone="Europe/Brussels"), [])
    assert not config_path().exists()  # the user's file is never written, not even made
    again = make_app(mission)
    async with again.run_test(size=SIZE):
        assert again.main_screen.zone == "Europe/Brussels"
        assert again.theme == "nord"
        assert _screen_background(again) == _theme_background(again, "nord")


async def test_the_header_says_where_a_remembered_zone_came_from(mission: Mission) -> None:
    save_remembered(Remembered(zone="Asia/Tokyo"))
    app = make_app(mission)
    async with app.run_test(size=SIZE) as pilot:
        header = app.main_screen.header
        assert header.zone_text == f"Asia/Tokyo {REMEMBERED_NOTE}"
        await pilot.press("j")
        assert REMEMBERED_NOTE in header.zone_text  # until another zone is chosen
        await pilot.press("z")
        assert header.zone_text == "UTC"


async def test_no_note_when_the_remembered_zone_is_the_configured_one(mission: Mission) -> None:
    write_config(zone="Asia/Tokyo")
    save_remembered(Remembered(zone="Asia/Tokyo"))
    app = make_app(mission)
    async with app.run_test(size=SIZE):
        assert app.main_screen.header.zone_text == "Asia/Tokyo"


async def test_the_note_names_the_users_own_zone_key(mission: Mission) -> None:
    write_config(keymap={"zone-cycle": "ctrl+z,z"})
    save_remembered(Remembered(zone="Asia/Tokyo"))
    app = make_app(mission)
    async with app.run_test(size=SIZE):
        assert "(remembered from last time, ctrl+z to change)" in app.main_screen.header.zone_text


async def test_a_remembered_zone_wins_over_the_configured_one(mission: Mission) -> None:
    write_config(zone="Europe/Moscow", theme="nord")
    save_remembered(Remembered(zone="Asia/Tokyo", theme="dracula"))
    app = make_app(mission)
    async with app.run_test(size=SIZE):
        assert (app.main_screen.zone, app.theme) == ("Asia/Tokyo", "dracula")


async def test_the_users_config_survives_every_key_that_changes_a_setting(
    mission: Mission,
) -> None:
    path = config_path()
    path.parent.mkdir()
    path.write_text(USERS_CONFIG, encoding="utf-8")
    before = path.stat()
    app = make_app(mission)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("z")  # the zone key
        await pilot.press("ctrl+p", *"zone: Asia/Tokyo")  # the palette's zones
        await palette_shows(pilot, "zone: Asia/Tokyo")
        await pilot.press("enter")
        await until(pilot, lambda: screen.zone == "Asia/Tokyo", "the palette's zone chosen")
        await pilot.press("ctrl+p", *"zone: choose any")  # the zone picker
        await palette_shows(pilot, "zone: choose any")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ZonePicker), "the zone picker")
        await pilot.press(*"America/Sao_Paulo", "enter")
        await until(pilot, lambda: screen.zone == "America/Sao_Paulo", "the picker's zone")
        await pilot.press("ctrl+p", *"theme: nord")  # the palette's themes
        await palette_shows(pilot, "theme: nord")
        await pilot.press("enter")
        await until(pilot, lambda: app.theme == "nord", "the palette's theme chosen")
        assert load_remembered() == (Remembered(theme="nord", zone="America/Sao_Paulo"), [])
    assert path.read_text(encoding="utf-8") == USERS_CONFIG
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


async def test_house_theme_is_the_default(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE):
        assert app.theme == HOUSE_THEME
        assert _screen_background(app) == _theme_background(app, HOUSE_THEME)


def _screen_background(app: MissionTimelineApp) -> Color:
    """The colour the screen is painted with: the theme in use, not only its name."""
    return app.screen.styles.background


def _theme_background(app: MissionTimelineApp, name: str) -> Color:
    theme = app.get_theme(name)
    assert theme is not None and theme.background is not None
    return Color.parse(theme.background)


async def test_bad_theme_falls_back_with_a_notification(
    mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(theme="no-such-theme", zone="Mars/Olympus")
    app = make_app(mission)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE):
        assert app.theme == HOUSE_THEME
        assert app.main_screen.zone == "UTC"
        assert any("Unknown theme 'no-such-theme'" in note for note in notes)
        assert any("unknown IANA zone 'Mars/Olympus'" in note for note in notes)


async def test_a_bad_remembered_choice_falls_back_to_the_config(
    mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(theme="nord", zone="Europe/Moscow")
    save_remembered(Remembered(theme="gone-theme", zone="Mars/Olympus"))
    app = make_app(mission)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE):
        assert (app.theme, app.main_screen.zone) == ("nord", "Europe/Moscow")
        assert app.main_screen.header.zone_text == "Moscow · Europe/Moscow"
        from_state = [note for note in notes if "state.toml" in note]
        assert any("Unknown theme 'gone-theme'" in note for note in from_state)
        assert any("'Mars/Olympus'" in note for note in from_state)


async def test_a_broken_state_file_starts_with_the_config(
    isolated_config: Path, mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(zone="Europe/Moscow")
    state_path().write_bytes(b'zone = "\xff"\n')
    app = make_app(mission)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        assert app.main_screen.zone == "Europe/Moscow"
        assert len(notes) == 1 and "nothing remembered" in notes[0], notes
        await pilot.press("z")
    assert load_remembered() == (Remembered(zone=app.main_screen.zone), [])  # rewritten whole


async def test_broken_config_does_not_stop_the_app(
    isolated_config: Path, mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_config.mkdir()
    (isolated_config / "config.toml").write_bytes(b"\xff\xfe not text")
    app = make_app(mission)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert app.main_screen.selected is not None
        assert any("Settings file not read" in note for note in notes)


async def test_keymap_rebinds_by_id(mission: Mission, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(keymap={"cursor-down": "x", "zone-cycle": "ctrl+z", "nope": "y"})
    app = make_app(mission)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        start = screen.timeline.cursor_position
        await pilot.press("x")
        assert screen.timeline.cursor_position == start + 1
        await pilot.press("z")
        assert screen.zone == "UTC"
        await pilot.press("ctrl+z")
        assert screen.zone != "UTC"
        rows = {row.id: row.keys for row in app.key_rows()}
        assert rows["cursor-down"] == "x"
        assert any("Unknown binding ids" in note and "nope" in note for note in notes)


async def test_unwritable_state_is_reported_once(
    isolated_config: Path, mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_config.write_text("a file where the folder should be", encoding="utf-8")
    app = make_app(mission)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z", "z")
        assert app.main_screen.zone == "Europe/Moscow"
        assert sum("Cannot remember your choices" in note for note in notes) == 1


async def test_no_color_is_respected(mission: Mission, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(mission)
    async with app.run_test(size=SIZE):
        screen = app.main_screen
        assert app.no_color
        assert screen.timeline.has_pseudo_class("nocolor")
        # The cursor row stays visible without colour: reversed, and marked with a sign.
        assert screen.timeline.get_component_rich_style("timeline--cursor").reverse


async def test_colour_without_no_color(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE):
        assert not app.no_color
        assert not app.main_screen.timeline.get_component_rich_style("timeline--cursor").reverse


async def test_save_settings_false_writes_nothing(isolated_config: Path, mission: Mission) -> None:
    app = make_app(mission, config=Config(), save_settings=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z")
        assert app.main_screen.zone != "UTC"
    assert not isolated_config.exists()
