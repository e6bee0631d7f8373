"""Config file, themes, keymap and NO_COLOR."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from data.model import Mission
from tui.app import MissionTimelineApp, make_app
from tui.config import Config, config_path, load_config, save_config
from tui.theme import HOUSE_THEME

from .notifications import record_notes

SIZE = (120, 40)


def test_config_path_follows_the_environment(isolated_config: Path) -> None:
    assert config_path() == isolated_config / "config.toml"


def test_config_round_trip(isolated_config: Path) -> None:
    config = Config(theme="nord", zone="Asia/Almaty", keymap={"cursor-down": 'down,j,"'})
    save_config(config)
    assert load_config() == (config, [])


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


async def test_zone_and_theme_are_remembered(mission: Mission) -> None:
    app = make_app(mission)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z", "z", "z")
        app.theme = "nord"
        await pilot.pause()
    config, problems = load_config()
    assert problems == []
    assert (config.zone, config.theme) == ("Europe/Brussels", "nord")
    again = make_app(mission)
    async with again.run_test(size=SIZE):
        assert again.main_screen.zone == "Europe/Brussels"
        assert again.theme == "nord"
        assert _screen_background(again) == _theme_background(again, "nord")


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
    save_config(Config(theme="no-such-theme", zone="Mars/Olympus"))
    app = make_app(mission)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE):
        assert app.theme == HOUSE_THEME
        assert app.main_screen.zone == "UTC"
        assert any("Unknown theme 'no-such-theme'" in note for note in notes)
        assert any("unknown IANA zone 'Mars/Olympus'" in note for note in notes)


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
    save_config(Config(keymap={"cursor-down": "x", "zone-cycle": "ctrl+z", "nope": "y"}))
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


async def test_unwritable_config_is_reported_once(
    isolated_config: Path, mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_config.write_text("a file where the folder should be", encoding="utf-8")
    app = make_app(mission)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z", "z")
        assert app.main_screen.zone == "Europe/Moscow"
        assert sum("Cannot save settings" in note for note in notes) == 1


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
