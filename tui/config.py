"""The user's settings: a TOML file in the platform's config folder.

```toml
theme = "mission-timeline"
zone = "Europe/Brussels"

[keymap]
cursor-down = "down,j,ctrl+n"   # binding id = comma-separated keys
```

`MISSION_TIMELINE_CONFIG_DIR` overrides the folder (the tests use it). A broken file never
stops the app: `load_config` returns the defaults and a message to show.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

CONFIG_DIR_ENV = "MISSION_TIMELINE_CONFIG_DIR"
CONFIG_FILE = "config.toml"


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
    """Read the config; on any problem return what could be read plus one message per problem."""
    path = path or config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config(), []
    except (OSError, UnicodeDecodeError) as error:
        return Config(), [f"{path}: cannot read the config file ({error}); using defaults"]
    except tomllib.TOMLDecodeError as error:
        return Config(), [f"{path}: not valid TOML ({error}); using defaults"]
    problems: list[str] = []
    theme = _string(raw, "theme", path, problems)
    zone = _string(raw, "zone", path, problems)
    keymap: dict[str, str] = {}
    table = raw.get("keymap", {})
    if not isinstance(table, dict):
        problems.append(f'{path}: [keymap] must be a table of binding id = "keys"; ignored')
    else:
        for binding_id, keys in table.items():
            if isinstance(keys, str) and keys.strip():
                keymap[binding_id] = keys
            else:
                problems.append(f"{path}: keymap.{binding_id} must be a string of keys; ignored")
    unknown = sorted(set(raw) - {"theme", "zone", "keymap"})
    if unknown:
        problems.append(f"{path}: unknown settings ignored: {', '.join(unknown)}")
    return Config(theme=theme, zone=zone, keymap=keymap), problems


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
