"""The theme and the zone the app starts with: the remembered one, else the configured one,
else the default; an unknown one is reported and passed over."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from data.i18n import _
from data.sanitize import quote
from tui.config import Config, Remembered, config_path, state_path
from tui.theme import HOUSE_THEME
from tui.zones import check_zone


def first_theme(
    config: Config, remembered: Remembered, themes: Collection[str], problems: list[str]
) -> str:
    """The remembered theme, else the config file's, else the house theme; an unknown one
    is added to `problems`."""
    for name, path in ((remembered.theme, state_path()), (config.theme, config_path())):
        if name is None:
            continue
        if name in themes:
            return name
        problems.append(
            _("Unknown theme {name} in {path}; ignored").format(name=quote(name), path=path)
        )
    return HOUSE_THEME


def first_zone(
    config: Config, remembered: Remembered, zone_key: str, problems: list[str]
) -> tuple[str, str]:
    """The zone to start in: the remembered one, else the config file's, else UTC; and,
    when a remembered zone replaces the one the user would otherwise get, the header's note
    saying where it came from (`zone_key` is the key that changes it)."""
    configured = _known_zone(config.zone, config_path(), problems) or "UTC"
    kept = _known_zone(remembered.zone, state_path(), problems)
    if kept is None or kept == configured:
        return configured, ""
    return kept, _("remembered from last time, {key} to change").format(key=zone_key)


def _known_zone(name: str | None, path: Path, problems: list[str]) -> str | None:
    """The zone `name` from the settings file `path`, checked; None (with a problem noted)
    if it is unknown."""
    if name is None:
        return None
    try:
        return check_zone(name)
    except ValueError as error:
        problems.append(
            _("Zone {name} in {path}: {error}; ignored").format(
                name=quote(name), path=path, error=error
            )
        )
        return None
