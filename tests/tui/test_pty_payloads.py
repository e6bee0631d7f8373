"""Escape payloads through every channel at once, in real pseudo-terminals: no payload byte
reaches the terminal (issue 11).

The channels: the settings file (unknown setting names, bad values, keymap ids and keys, theme
and zone names, a file that is not TOML) and the folder `MISSION_TIMELINE_CONFIG_DIR` names;
the mission file's name in every error path (missing, a folder, bad TOML, a bad `.jsonl`
header, a bad event line of a `.jsonl`, which the TUI reads in the background), for the TUI,
`check` and `export`; unknown command-line arguments of the TUI, `check`, `export` and
`schema`; and the environment (`MISSION_TIMELINE_MAX_BYTES`, `SOURCE_DATE_EPOCH`, the config
folder), set in every run. The payloads are the hostile mission's (OSC 52, OSC 8, OSC 0, CSI,
DCS, 8-bit C1, bidi overrides and C0 controls), from tests/hostile/make_hostile_mission.py.

The TUI writes escape sequences of its own, so its output is searched for the payloads as
written, for any operating system command or device control string carrying a payload's text,
and for C1, bidi and the C0 controls the TUI never writes; a command-line run may write no
control character at all. Every run must also show the payload, inert: else the channel was
not exercised.
"""

from __future__ import annotations

import json
import re
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from data.sanitize import sanitize_line
from tests.hostile.make_hostile_mission import PAYLOADS

from .hostile import unsafe_characters
from .test_pty import OSC_DCS_APC, Step, run_in_pty

ESCAPES = tuple(payload for payload in PAYLOADS if not payload.isprintable())
"""The hostile mission's payloads that are escape sequences or control characters."""
PAYLOAD = " ".join(ESCAPES)
IN_NAMES = PAYLOAD.replace("/", "\u2215")
"""The payloads in a file name, which cannot hold `/` (the OSC 8 link's slashes)."""
MARKERS = (b"aGlqYWNrZWQ", b"evil", b"window", b"544e", b"aGk")
"""What the payloads' operating system commands and device control string carry."""
NEVER_WRITTEN = re.compile(
    "[\x08\x7f\x80-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
"""Backspace, DEL, C1 controls and bidi marks: the TUI itself writes none of them."""
QUOTED = 70
"""Settings messages cut a quoted name at 80 characters: each chunk of payloads fits."""
MISSION = Path(__file__).parent / "mission.toml"


def _chunks(payloads: tuple[str, ...], limit: int) -> list[str]:
    """The payloads joined by spaces into as few texts of at most `limit` characters as the
    order allows."""
    chunks = [payloads[0]]
    for payload in payloads[1:]:
        if len(chunks[-1]) + 1 + len(payload) <= limit:
            chunks[-1] += " " + payload
        else:
            chunks.append(payload)
    return chunks


CHUNKS = _chunks(ESCAPES, QUOTED)


def _leaks(output: bytes, *, tui: bool) -> list[str]:
    """What in `output` is a payload reaching the terminal (empty: nothing)."""
    found = [repr(payload) for payload in ESCAPES if payload.encode() in output]
    found += [
        repr(command)
        for command in OSC_DCS_APC.findall(output)
        if any(marker in command for marker in MARKERS)
    ]
    text = output.decode("utf-8", "replace")
    found += [f"U+{ord(character):04X}" for character in NEVER_WRITTEN.findall(text)]
    if not tui:  # the terminal driver writes each newline as CR LF
        found += unsafe_characters(text.replace("\r\n", "\n"))
    return found


def _visible(text: str) -> str:
    """The start of `text` as the sanitiser shows it, up to its first space (a notice may
    wrap there)."""
    return sanitize_line(text).split(" ")[0]


def _toml(text: str) -> str:
    """`text` as a TOML basic string (keys too): JSON's escapes, and DEL's, which TOML needs."""
    return json.dumps(text).replace("\x7f", "\\u007f")


SETTINGS = {
    "unknown setting": "{colour} = 1",
    "theme": "theme = {nord}",
    "zone": "zone = {Europe/Brussels}",
    "keymap id": "[keymap]\n{quit} = 'x'",
    "keymap keys": "cursor-down = {j,}",
}
"""Each line of a settings file with a payload in it: `{label}` is the label followed by the
payloads, as a TOML string."""


def _settings(chunk: str) -> tuple[str, list[str]]:
    """A settings file with `chunk` in every place a message may quote, and the start of each
    of those places as a notice shows it."""
    labels = [line[line.index("{") + 1 : line.index("}")] for line in SETTINGS.values()]
    lines = [
        line.replace(f"{{{label}}}", _toml(label + chunk))
        for line, label in zip(SETTINGS.values(), labels, strict=True)
    ]
    return "\n".join(lines) + "\n", [_visible(label + chunk) for label in labels]


def _config_folder(tmp_path: Path, name: str, content: str | None) -> Path:
    """A config folder called `name`, holding `content` as its config.toml."""
    folder = tmp_path / name
    folder.mkdir()
    if content is not None:
        (folder / "config.toml").write_text(content, encoding="utf-8")
    return folder


MAX_BYTES = {"MISSION_TIMELINE_MAX_BYTES": PAYLOAD}
SOURCE_DATE = {"SOURCE_DATE_EPOCH": PAYLOAD}


def _environment(words: tuple[str, ...]) -> dict[str, str]:
    """Both variables, but for `export`, which refuses a bad SOURCE_DATE_EPOCH before anything
    else (its own test below)."""
    return MAX_BYTES if words[:1] == ("export",) else MAX_BYTES | SOURCE_DATE


def _run(
    tmp_path: Path,
    words: tuple[str, ...],
    *,
    settings: str | None = None,
    folder: str = f"config{IN_NAMES}",
    waits_for: list[str] | None = None,
    environment: dict[str, str] | None = None,
) -> tuple[bytes, int | None]:
    """Run `python -m tui WORDS...` on a pseudo-terminal, with the payloads in its
    environment, its config `folder`'s name and its `settings`. The TUI is quit with q once
    each text of `waits_for` has been on the screen (notices come and go: not necessarily at
    once); any other run ends by itself."""
    config = _config_folder(tmp_path, folder, settings)
    steps = []
    if waits_for is not None:
        seen: set[str] = set()

        def shows(_before: list[str], now: list[str]) -> bool:
            seen.update(now)
            return all(any(text in line for line in seen) for text in waits_for)

        steps = [Step(b"", f"each of {waits_for} on the screen", shows)]
    return run_in_pty(
        None,
        config,
        steps,
        b"q" if waits_for is not None else b"",
        size=(160, 80),
        words=words,
        **(_environment(words) if environment is None else environment),
    )


def _assert_inert(
    output: bytes, code: int | None, expected: int, shown: list[str], *, tui: bool
) -> None:
    """The run ended with `expected`, no traceback, no payload reached the terminal, and each
    of `shown` did, visible and inert (else a channel was not exercised)."""
    assert code == expected, output[-3000:]
    assert b"Traceback" not in output, output[-3000:]
    assert _leaks(output, tui=tui) == [], output[-3000:]
    text = output.decode("utf-8", "replace")
    assert [part for part in shown if part not in text] == [], output[-3000:]


@pytest.fixture
def short() -> Iterator[Path]:
    """A new folder with a short path (in the system's temporary folder): every settings
    notice shows the config folder's path, and a notice cuts a word longer than its line."""
    with tempfile.TemporaryDirectory(prefix="pty-") as name:
        yield Path(name)


@pytest.mark.parametrize("chunk", range(len(CHUNKS)))
def test_settings_payloads_never_reach_the_terminal(chunk: int, short: Path) -> None:
    """An unknown setting name, a bad theme, zone, keymap id and keys: a notice each, and the
    config folder's name (with the payloads too) in all of them; the TUI is quit once each
    was on the screen, visible and inert."""
    settings, shown = _settings(CHUNKS[chunk])
    folder = "config" + CHUNKS[chunk].replace("/", "\u2215")
    shown.append(_visible(folder))
    output, code = _run(short, (), settings=settings, folder=folder, waits_for=shown)
    _assert_inert(output, code, 0, [], tui=True)


def test_a_settings_file_that_is_not_toml(short: Path) -> None:
    """Its notice names the file, in a folder whose name holds every payload."""
    shown = [_visible("config" + IN_NAMES), "TOML"]
    output, code = _run(short, (), settings=f"theme = {PAYLOAD}\n", waits_for=shown)
    _assert_inert(output, code, 0, [], tui=True)


def _mission_files(folder: Path) -> dict[str, Path]:
    """A mission file for each error path, each named with the payloads; in the `.jsonl`
    ones, the payloads also name an unknown field."""
    raw = tomllib.loads(MISSION.read_text(encoding="utf-8"))
    events = raw.pop("events")
    unknown = {f"colour {PAYLOAD}": 1}
    paths = {
        kind: folder / f"{kind}{IN_NAMES}{suffix}"
        for kind, suffix in [
            ("missing", ".toml"),
            ("folder", ".toml"),
            ("bad-toml", ".toml"),
            ("bad-header", ".jsonl"),
            ("bad-event", ".jsonl"),
        ]
    }
    paths["folder"].mkdir()
    paths["bad-toml"].write_text(f"format = 1\ntitle = {PAYLOAD}\n", encoding="utf-8")
    header = json.dumps(raw | unknown)
    paths["bad-header"].write_text(f"{header}\n{{}}\n", encoding="utf-8")
    lines = [json.dumps(raw), *map(json.dumps, events[:-1]), json.dumps(events[-1] | unknown)]
    paths["bad-event"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


ERROR_PATHS = {"missing": 66, "folder": 66, "bad-toml": 65, "bad-header": 65, "bad-event": 65}
"""Each bad mission file, and the exit code of the TUI or `export` given it."""


@pytest.mark.parametrize("kind", list(ERROR_PATHS))
def test_a_mission_file_name_never_reaches_the_terminal_from_the_tui(
    kind: str, tmp_path: Path
) -> None:
    """The TUI reads a `.jsonl`'s events after its first frame (it switched to the alternate
    screen): a bad event line ends it; the other files are refused before it starts."""
    path = _mission_files(tmp_path)[kind]
    output, code = _run(tmp_path, (str(path),))
    started = kind == "bad-event"
    assert (b"\x1b[?1049h" in output) is started, output[-3000:]
    _assert_inert(output, code, ERROR_PATHS[kind], [_visible(path.name)], tui=started)


@pytest.mark.parametrize("kind", list(ERROR_PATHS))
def test_a_mission_file_name_never_reaches_the_terminal_from_export(
    kind: str, tmp_path: Path
) -> None:
    path = _mission_files(tmp_path)[kind]
    output, code = _run(tmp_path, ("export", str(path)))
    _assert_inert(output, code, ERROR_PATHS[kind], [_visible(path.name)], tui=False)


def test_mission_file_names_never_reach_the_terminal_from_check(tmp_path: Path) -> None:
    paths = _mission_files(tmp_path)
    output, code = _run(tmp_path, ("check", *map(str, paths.values())))
    _assert_inert(output, code, 66, [_visible(path.name) for path in paths.values()], tui=False)


OPTION = "--" + PAYLOAD.replace(" ", "-")
"""An unknown option (argparse takes an argument with a space for a positional one)."""
ARGUMENTS = {
    "tui": (OPTION,),
    "tui-two-missions": ("a.toml", PAYLOAD),
    "check": ("check", "a.toml", OPTION),
    "export": ("export", OPTION),
    "export-zone": ("export", "--zone", PAYLOAD),
    "schema": ("schema", PAYLOAD),
}
"""Command lines whose last argument is refused (exit 64) and quoted in the message."""


@pytest.mark.parametrize("case", list(ARGUMENTS))
def test_unknown_arguments_never_reach_the_terminal(case: str, tmp_path: Path) -> None:
    words = ARGUMENTS[case]
    output, code = _run(tmp_path, words)
    _assert_inert(output, code, 64, [_visible(words[-1])], tui=False)


def test_source_date_epoch_never_reaches_the_terminal(tmp_path: Path) -> None:
    """Its message quotes it as a `repr`, which escapes every control character."""
    output, code = _run(tmp_path, ("export",), environment=MAX_BYTES | SOURCE_DATE)
    _assert_inert(output, code, 64, [repr(PAYLOAD).split(" ")[0]], tui=False)
