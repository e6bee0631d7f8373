"""The settings: the user's `config.toml` (read, never written) and the app's `state.toml`.

```toml
# config.toml: yours; the app only reads it
theme = "mission-timeline"
zone = "Europe/Brussels"
lang = "nl"                     # the interface's language (en, nl); --lang wins over it

[keymap]
cursor-down = "down,j,ctrl+n"   # binding id = comma-separated keys
```

`state.toml`, beside it, is the app's own: the theme and zone last chosen in the app
(`Remembered`), rewritten whole and atomically when they change, so the user's file keeps
its comments and layout. A remembered choice wins over `config.toml`'s, which is the start
value when nothing is remembered (delete `state.toml` to start from `config.toml` again).

Served in a browser (`mission-timeline serve`), each browser tab's app reads `config.toml`
(the server's settings) but neither reads nor writes `state.toml`: a choice made in one
browser session lasts for that session only, and never changes another session's start or
the server user's files (`tui.cli.app` passes `Remembered()` and `save_settings=False`).

`MISSION_TIMELINE_CONFIG_DIR` overrides the folder (the tests use it). Both files are
untrusted input, read like a mission file; a broken one never stops the app: it is read as
the defaults, with one message to show.
"""

from __future__ import annotations

import os
from pathlib import Path

import msgspec
import platformdirs

from data.files.reading import read_text
from data.i18n import LANGUAGES, _, ngettext
from data.problems import MissionError
from data.sanitize import quote, sanitize_line

CONFIG_DIR_ENV = "MISSION_TIMELINE_CONFIG_DIR"
CONFIG_FILE = "config.toml"
STATE_FILE = "state.toml"
MAX_CONFIG_BYTES = 64 * 1024
"""A larger settings file is refused (the defaults are used): a real one is a few lines."""
STATE_HEADER = (
    "# mission-timeline remembers your last theme and zone here and rewrites this file.\n"
    "# Your own settings belong in config.toml beside it, which the app never writes.\n"
)


class Config(msgspec.Struct, frozen=True):
    """The user's settings, from `config.toml`."""

    theme: str | None = None
    zone: str | None = None
    lang: str | None = None
    """One of `data.i18n.LANGUAGES` (the CLI picks the language: `tui.cli.prelude`)."""
    keymap: dict[str, str] = msgspec.field(default_factory=dict)


class Remembered(msgspec.Struct, frozen=True):
    """What the user last chose in the app, from `state.toml`."""

    theme: str | None = None
    zone: str | None = None


def settings_folder() -> Path:
    """The folder of both files (it may not exist yet)."""
    folder = os.environ.get(CONFIG_DIR_ENV) or platformdirs.user_config_dir("mission-timeline")
    return Path(folder)


def config_path() -> Path:
    """Where the user's config file lives (it may not exist)."""
    return settings_folder() / CONFIG_FILE


def state_path() -> Path:
    """Where the app remembers the user's choices (it may not exist yet)."""
    return settings_folder() / STATE_FILE


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the config; on any problem return what could be read plus one message per problem.

    A missing file is the defaults, silently. Every name from the file shown in a message is
    `quote`d (sanitised and cut short)."""
    path = path or config_path()
    raw, problems = _read_toml(
        path,
        _("Settings file not read: {error}; using the defaults"),
        _("{path}: not valid TOML ({error}); using the defaults"),
    )
    if raw is None:
        return Config(), problems
    theme = _string(raw, "theme", path, problems)
    zone = _string(raw, "zone", path, problems)
    lang = _string(raw, "lang", path, problems)
    if lang is not None and lang not in LANGUAGES:
        problems.append(
            _(
                "{path}: lang = {value} is not a language of the interface ({languages}); ignored"
            ).format(path=path, value=quote(lang), languages=", ".join(LANGUAGES))
        )
        lang = None
    keymap: dict[str, str] = {}
    table = raw.get("keymap", {})
    if not isinstance(table, dict):
        message = _('{path}: [keymap] must be a table of binding id = "keys"; ignored')
        problems.append(message.format(path=path))
    else:
        for binding_id, keys in table.items():
            if isinstance(keys, str) and _are_keys(keys):
                keymap[binding_id] = keys
            else:
                shown = f" = {quote(keys)}" if isinstance(keys, str) else ""
                message = _(
                    "{path}: {setting} must be a string of key names separated by commas; ignored"
                )
                setting = f"keymap.{quote(binding_id)}{shown}"
                problems.append(message.format(path=path, setting=setting))
    unknown = sorted(set(raw) - {"theme", "zone", "lang", "keymap"})
    if unknown:
        message = _("{path}: unknown settings ignored: {names}")
        problems.append(message.format(path=path, names=quote_names(unknown)))
    return Config(theme=theme, zone=zone, lang=lang, keymap=keymap), problems


def load_remembered(path: Path | None = None) -> tuple[Remembered, list[str]]:
    """Read what the app remembered; on any problem, nothing is remembered and one message
    says why. A missing file is nothing remembered, silently; names it does not know (from
    a later version, say) are left alone."""
    path = path or state_path()
    raw, problems = _read_toml(
        path,
        _("Remembered choices not read: {error}; nothing remembered"),
        _("{path}: not valid TOML ({error}); nothing remembered"),
    )
    if raw is None:
        return Remembered(), problems
    theme, zone = raw.get("theme"), raw.get("zone")
    if not (isinstance(theme, str | None) and isinstance(zone, str | None)):
        where = sanitize_line(str(path))
        wrong = "theme" if not isinstance(theme, str | None) else "zone"
        message = _("{path}: {setting} must be a string; nothing remembered")
        return Remembered(), [message.format(path=where, setting=wrong)]
    return Remembered(theme=theme, zone=zone), []


def save_remembered(remembered: Remembered, path: Path | None = None) -> None:
    """Write `state.toml` whole and atomically: a temporary file beside it, flushed to disk,
    then renamed over it, so a crash leaves the old file or the new one, never half of one.
    Whatever is at the path (a link, a pipe) is replaced, never written through. Raises
    OSError if the folder or the file cannot be written."""
    path = path or state_path()
    lines = [STATE_HEADER]
    for key in ("theme", "zone"):
        value = getattr(remembered, key)
        if value is not None:
            lines.append(f"{key} = {toml_string(value)}\n")
    import secrets  # not for the first frame

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write("".join(lines))
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def quote_names(names: list[str], shown: int = 5) -> str:
    """Names from the settings file for a one-line message: each `quote`d, at most `shown`."""
    listed = ", ".join(quote(name) for name in names[:shown])
    more = len(names) - shown
    if more <= 0:
        return listed
    return ngettext("{names} and {count} more", "{names} and {count} more", more).format(
        names=listed, count=more
    )


def toml_string(value: str) -> str:
    """`value` as a TOML basic string."""
    # A JSON string is a TOML basic string, once DEL (allowed raw in JSON) is escaped too.
    import json  # only when settings are written: not for the first frame

    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _read_toml(
    path: Path, unreadable: str, invalid: str
) -> tuple[dict[str, object] | None, list[str]]:
    """A settings file's table, `{}` if there is no file, or None and one message: the file
    could not be read (`unreadable`, a sentence with the `{error}`), or it is not valid TOML
    (`invalid`, with the `{path}` and the `{error}`); each says what is done instead.

    The file is untrusted: it is opened like a mission file (`data.files.reading`: a regular
    file of at most `MAX_CONFIG_BYTES`, UTF-8), so a pipe, a device, a folder or a huge file
    never blocks the start."""
    if not os.path.lexists(path):
        return {}, []
    import tomllib  # only when there is a file: none at the first start

    try:
        return tomllib.loads(read_text(str(path), MAX_CONFIG_BYTES)), []
    except MissionError as error:
        return None, [unreadable.format(error=error)]
    except tomllib.TOMLDecodeError as error:
        return None, [invalid.format(path=sanitize_line(str(path)), error=error)]


def _are_keys(keys: str) -> bool:
    """Whether `keys` is key names separated by commas: printable, without spaces inside."""
    names = [key.strip() for key in keys.split(",")]
    return all(name and name.isprintable() and not any(c.isspace() for c in name) for name in names)


def _string(raw: dict[str, object], key: str, path: Path, problems: list[str]) -> str | None:
    value = raw.get(key)
    if value is None or isinstance(value, str):
        return value
    problems.append(_("{path}: {setting} must be a string; ignored").format(path=path, setting=key))
    return None
