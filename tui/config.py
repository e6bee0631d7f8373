"""The user's settings: a TOML file in the platform's config folder.

```toml
theme = "mission-timeline"
zone = "Europe/Brussels"

[keymap]
cursor-down = "down,j,ctrl+n"   # binding id = comma-separated keys
```

`MISSION_TIMELINE_CONFIG_DIR` overrides the folder (the tests use it). A broken file never
stops the app: `load_config` returns the defaults and a message to show. The file is
untrusted input, read like a mission file.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

from data.files.reading import read_text
from data.problems import MissionError
from data.sanitize import quote, sanitize_line

CONFIG_DIR_ENV = "MISSION_TIMELINE_CONFIG_DIR"
CONFIG_FILE = "config.toml"
MAX_CONFIG_BYTES = 64 * 1024
"""A larger settings file is refused (the defaults are used): a real one is a few lines."""


@dataclass(frozen=True, slots=True)
class Config:
    theme: str | None = None
    zone: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)

    def with_changes(self, **changes: object) -> Config:
        return replace(self, **changes)  # type: ignore[arg-type]


def config_path() -> Path:
    """Where the config file lives (it may not exist yet)."""
    folder = os.environ.get(CONFIG_DIR_ENV) or platformdirs.user_config_dir("mission-timeline")
    return Path(folder) / CONFIG_FILE


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the config; on any problem return what could be read plus one message per problem.

    The file is untrusted: it is opened like a mission file (`data.files.reading`: a regular
    file of at most `MAX_CONFIG_BYTES`, UTF-8), so a pipe, a device, a folder or a huge file
    never blocks the start; a missing file is the defaults, silently. Every name from the
    file shown in a message is `quote`d (sanitised and cut short)."""
    path = path or config_path()
    if not os.path.lexists(path):
        return Config(), []
    try:
        raw = tomllib.loads(read_text(str(path), MAX_CONFIG_BYTES))
    except MissionError as error:
        return Config(), [f"Settings file not read: {error}; using the defaults"]
    except tomllib.TOMLDecodeError as error:
        where = sanitize_line(str(path))
        return Config(), [f"{where}: not valid TOML ({error}); using the defaults"]
    problems: list[str] = []
    theme = _string(raw, "theme", path, problems)
    zone = _string(raw, "zone", path, problems)
    keymap: dict[str, str] = {}
    table = raw.get("keymap", {})
    if not isinstance(table, dict):
        problems.append(f'{path}: [keymap] must be a table of binding id = "keys"; ignored')
    else:
        for binding_id, keys in table.items():
            if isinstance(keys, str) and _are_keys(keys):
                keymap[binding_id] = keys
            else:
                shown = f" = {quote(keys)}" if isinstance(keys, str) else ""
                problems.append(
                    f"{path}: keymap.{quote(binding_id)}{shown} must be a string of key "
                    "names separated by commas; ignored"
                )
    unknown = sorted(set(raw) - {"theme", "zone", "keymap"})
    if unknown:
        problems.append(f"{path}: unknown settings ignored: {quote_names(unknown)}")
    return Config(theme=theme, zone=zone, keymap=keymap), problems


def quote_names(names: list[str], shown: int = 5) -> str:
    """Names from the settings file for a one-line message: each `quote`d, at most `shown`."""
    listed = ", ".join(quote(name) for name in names[:shown])
    more = len(names) - shown
    return listed if more <= 0 else f"{listed} and {more} more"


def _are_keys(keys: str) -> bool:
    """Whether `keys` is key names separated by commas: printable, without spaces inside."""
    names = [key.strip() for key in keys.split(",")]
    return all(name and name.isprintable() and not any(c.isspace() for c in name) for name in names)


def save_config(config: Config, path: Path | None = None) -> None:
    """Write the config (raises OSError if the folder or file cannot be written)."""
    path = path or config_path()
    lines = [
        "# mission-timeline settings; the app rewrites theme and zone when you change them.",
    ]
    if config.theme is not None:
        lines.append(f"theme = {_toml_string(config.theme)}")
    if config.zone is not None:
        lines.append(f"zone = {_toml_string(config.zone)}")
    lines.append("")
    lines.append("[keymap]")
    lines.extend(
        f"{_toml_string(binding_id)} = {_toml_string(keys)}"
        for binding_id, keys in sorted(config.keymap.items())
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(path)


def _string(raw: dict[str, object], key: str, path: Path, problems: list[str]) -> str | None:
    value = raw.get(key)
    if value is None or isinstance(value, str):
        return value
    problems.append(f"{path}: {key} must be a string; ignored")
    return None


def _toml_string(value: str) -> str:
    # A JSON string is a TOML basic string, once DEL (allowed raw in JSON) is escaped too.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
