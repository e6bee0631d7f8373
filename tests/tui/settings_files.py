"""A user's `config.toml` for a test, written as a person would write it: TOML text."""

from __future__ import annotations

from pathlib import Path

from tui.config import config_path, toml_string


def write_config(
    *,
    theme: str | None = None,
    zone: str | None = None,
    keymap: dict[str, str] | None = None,
    comment: str = "",
) -> Path:
    """Write `config.toml` in the test's settings folder, with `comment` lines on top; its
    path."""
    lines = [comment] if comment else []
    for key, value in (("theme", theme), ("zone", zone)):
        if value is not None:
            lines.append(f"{key} = {toml_string(value)}")
    if keymap is not None:
        lines.append("[keymap]")
        lines += [f"{toml_string(name)} = {toml_string(keys)}" for name, keys in keymap.items()]
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
