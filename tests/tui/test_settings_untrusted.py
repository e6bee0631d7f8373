"""The settings files (config.toml, state.toml) are untrusted input: read like a mission file,
never blocking the start, and none of their text reaches a notice unsanitised or as markup."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from data.model import Mission
from tui.app import make_app
from tui.config import MAX_CONFIG_BYTES, Config, Remembered, save_remembered
from tui.theme import HOUSE_THEME

from .notifications import record_notes
from .settings_files import write_config

SIZE = (120, 40)
OSC_52 = "\x1b]52;c;SGVsbG8=\x07"
OSC_0 = "\x1b]0;PWNED\x07"
CSI = "\x1b[2J\x9b31m"
UNSAFE = "\x1b\x07\x9b\x9d"


def _fifo(file: Path) -> None:
    os.mkfifo(file)


def _device(file: Path) -> None:
    file.symlink_to("/dev/zero")


def _loop(file: Path) -> None:
    file.symlink_to(file.name)


def _huge(file: Path) -> None:
    file.write_text('theme = "' + "x" * MAX_CONFIG_BYTES + '"\n', encoding="utf-8")


def _unreadable(file: Path) -> None:
    # A regular file that fails when read (EIO), whoever runs the test, root included.
    file.symlink_to("/proc/self/mem")


def _folder(file: Path) -> None:
    file.mkdir()


def _not_utf8(file: Path) -> None:
    file.write_bytes(b'theme = "\xff"\n')


def _nul(file: Path) -> None:
    file.write_bytes(b'theme = "nord"\x00\n')


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "not a regular file"),
    "device": (_device, "not a regular file"),
    "symlink-loop": (_loop, "cannot open"),
    "huge": (_huge, "too large"),
    "unreadable": (_unreadable, "cannot read"),
    "folder": (_folder, "is a directory"),
    "not-utf8": (_not_utf8, "not valid UTF-8"),
    "nul": (_nul, "NUL"),
}


@pytest.mark.parametrize(
    ("name", "fallback"),
    [("config.toml", "using the defaults"), ("state.toml", "nothing remembered")],
)
@pytest.mark.parametrize("kind", list(BAD_FILES))
async def test_a_bad_settings_file_starts_the_app_with_defaults(
    kind: str,
    name: str,
    fallback: str,
    isolated_config: Path,
    mission: Mission,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make, fragment = BAD_FILES[kind]
    isolated_config.mkdir()
    make(isolated_config / name)
    app = make_app(mission)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert app.main_screen.selected is not None
        assert (app.config, app.remembered) == (Config(), Remembered())
        assert (app.theme, app.main_screen.zone) == (HOUSE_THEME, "UTC")
        assert len(notes) == 1, notes
        message = notes[0]
        assert fragment in message and fallback in message
        assert "\n" not in message


def _toml_key(text: str) -> str:
    return '"' + "".join(f"\\u{ord(c):04x}" if c < " " else c for c in text) + '"'


PAYLOADS = {"osc-52": OSC_52, "osc-0": OSC_0, "csi": CSI}


def _unknown_setting(folder: Path, payload: str) -> None:
    folder.mkdir()
    content = f"{_toml_key('colour' + payload)} = 1\n{_toml_key('[@click=app.quit]x[/]')} = 2\n"
    (folder / "config.toml").write_text(content, encoding="utf-8")


def _keymap_id(folder: Path, payload: str) -> None:
    write_config(keymap={"quit" + payload: "x"})


def _keymap_keys(folder: Path, payload: str) -> None:
    write_config(keymap={"cursor-down": "j," + payload})


def _theme(folder: Path, payload: str) -> None:
    write_config(theme="nord" + payload)


def _zone(folder: Path, payload: str) -> None:
    write_config(zone="Europe/Brussels" + payload)


def _remembered_theme(folder: Path, payload: str) -> None:
    save_remembered(Remembered(theme="nord" + payload))


def _remembered_zone(folder: Path, payload: str) -> None:
    save_remembered(Remembered(zone="Europe/Brussels" + payload))


CHANNELS: dict[str, Callable[[Path, str], None]] = {
    "unknown-setting": _unknown_setting,
    "keymap-id": _keymap_id,
    "keymap-keys": _keymap_keys,
    "theme": _theme,
    "zone": _zone,
    "remembered-theme": _remembered_theme,
    "remembered-zone": _remembered_zone,
}


@pytest.mark.parametrize("payload", list(PAYLOADS))
@pytest.mark.parametrize("channel", list(CHANNELS))
async def test_settings_text_reaches_notices_sanitised(
    channel: str,
    payload: str,
    isolated_config: Path,
    mission: Mission,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    CHANNELS[channel](isolated_config, PAYLOADS[payload])
    app = make_app(mission)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert app.is_running
        assert len(notes) == 1, notes
        message = notes[0]  # recorded only if shown with markup=False
        assert not any(character in message for character in UNSAFE), repr(message)
        assert "␛" in message  # the payload is reported, visibly and inert
        shown = [notice.message for notice in app._notifications]
        assert not any(character in text for text in shown for character in UNSAFE)
        rows = {row.id: row.keys for row in app.key_rows()}
        assert not any(character in keys for keys in rows.values() for character in UNSAFE)
        if channel == "unknown-setting":
            assert "[@click=app.quit]x[/]" in message
