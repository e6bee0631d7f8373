"""Generate the hostile mission: a valid mission whose every text field carries attacks.

    python tests/hostile/make_hostile_mission.py     # rewrites hostile-mission.{toml,json}

Every text field the schema declares (titles, descriptions, notes, names and every
spelling, roles, places, sources and their URLs, phase names, the mission title and summary,
stated times, disputes) holds its own label followed by every payload in `PAYLOADS`:
Rich/Textual markup that would run an action when clicked, styles, links, OSC 52
(clipboard), OSC 8 (hyperlink), OSC 0 (window title), CSI, DCS, 8-bit C1 controls and bidi
overrides. Ids, kinds and times stay valid, so the file loads
and `mission-timeline check` passes it; the TUI and export tests use it to assert that nothing
in it is interpreted and that none of `FORBIDDEN` reaches a terminal.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from data.load.schema import RECORDS, TEXT, ListOf

HERE = Path(__file__).parent
TOML_PATH = HERE / "hostile-mission.toml"
JSON_PATH = HERE / "hostile-mission.json"

PAYLOADS = (
    "[@click=app.quit]click me[/]",
    "[@click=app.bell]ring[/]",
    "[bold red]red[/bold red]",
    "[link=https://evil.example]link[/link]",
    "[/]",
    "$variable :warning:",
    "\x1b]52;c;aGlqYWNrZWQ=\x07",  # OSC 52: write "hijacked" to the clipboard
    "\x1b]8;;https://evil.example\x1b\\osc8 link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]0;window title\x07",  # OSC 0: set the window title
    "\x1b[2J\x1b[H",  # CSI: clear the screen, cursor home
    "\x1b[31mCSI red\x1b[0m",
    "\x1bP+q544e\x1b\\",  # DCS: request termcap
    "\x9b2J",  # 8-bit CSI
    "\x9d52;c;aGk=\x9c",  # 8-bit OSC ... ST
    "\x90q\x9c",  # 8-bit DCS
    "\u202eevil\u202c",  # right-to-left override
    "\u2066isolate\u2069\u200f",
    "bell\x07 backspace\x08 return\r del\x7f",
)
PAYLOAD = " ".join(PAYLOADS)

FORBIDDEN = ("\x1b", "\x07", "\x08", "\r", "\x7f", *(chr(c) for c in range(0x80, 0xA0)))
FORBIDDEN += ("\u202e", "\u202c", "\u2066", "\u2069", "\u200f")
"""Characters from the payloads that must never reach a terminal."""


def text(label: str) -> str:
    """A field's hostile content: its label (to tell fields apart), then every payload."""
    return f"{label} {PAYLOAD}"


def mission() -> dict[str, Any]:
    """The hostile mission as plain data; every text field of every record is filled."""
    data = _records()
    _fill(data, "file", "")
    return data


def _fill(value: dict[str, Any], record: str, label: str) -> None:
    """Give every text field the schema declares, in this record and those inside it, a
    hostile value (fields written out in `_records` keep theirs)."""
    for key, field in RECORDS[record].items():
        where = f"{label} {key}".strip()
        kind = field.type
        if kind == TEXT:
            value.setdefault(key, text(where))
        elif isinstance(kind, ListOf) and kind.item == TEXT:
            value.setdefault(key, [text(where)])
        elif isinstance(kind, str):
            _fill(value.setdefault(key, {}), kind, where)
        elif isinstance(kind, ListOf) and isinstance(kind.item, str):
            for index, item in enumerate(value.get(key, ())):
                _fill(item, kind.item, f"{where}[{index}]")


def _records() -> dict[str, Any]:
    return {
        "format": 1,
        "mission": {
            "id": "hostile",
            "title": text("mission title"),
            "summary": text("mission summary"),
            "reference": "launch",
        },
        "sources": [
            {
                "id": "src",
                "title": text("source title"),
                "url": f"https://example.org/?q= {PAYLOAD}",
                "note": text("source note"),
            }
        ],
        "places": [
            {
                "id": "pad",
                "name": text("place name"),
                "zone": "Asia/Qyzylorda",
                "lat": 45.996,
                "lon": 63.564,
                "note": text("place note"),
            }
        ],
        "vehicles": [
            {
                "id": "ship",
                "name": text("ship name"),
                "kind": "spacecraft",
                "note": text("ship note"),
            },
            {"id": "base", "name": text("station name"), "kind": "station", "sources": ["src"]},
        ],
        "phases": [
            {
                "id": "up",
                "name": text("phase one"),
                "start": "2021-10-05T08:00Z",
                "end": "2021-10-05T13:00Z",
                "summary": text("phase one summary"),
            },
            {
                "id": "stay",
                "name": text("phase two"),
                "start": "2021-10-05T13:00Z",
                "end": "2021-10-17T06:00Z",
                "summary": text("phase two summary"),
            },
        ],
        "people": [
            {
                "id": "eve",
                "name": text("person name"),
                "names": {
                    "ru": text("russian name"),
                    "nl": [text("dutch name")],
                    "other": [text("other name")],
                },
                "role": text("role"),
                "affiliation": text("affiliation"),
                "born": "1984-02-17",
                "birthplace": text("birthplace"),
                "bio": text("bio") + "\nsecond line\tand a tab",
                "time_in_space": {"before": "P10D", "after": "P22D"},
                "flights": [
                    {
                        "up": "ship",
                        "down": "ship",
                        "launch": "launch",
                        "docking": "docking",
                        "undocking": "undocking",
                        "landing": "landing",
                        "station": "base",
                    }
                ],
                "sources": ["src"],
                "confidence": "C1",
                "note": text("person note"),
            },
            {"id": "mal", "name": text("backup name"), "backup": True, "role": text("backup role")},
        ],
        "events": [
            {
                "id": "launch",
                "title": text("launch title"),
                "kind": "launch",
                "description": text("launch description"),
                "phase": "up",
                "at": "2021-10-05T13:55:02+05:00[Asia/Qyzylorda]",
                "place": "pad",
                "vehicles": ["ship"],
                "people": ["eve"],
                "sources": ["src"],
                "confidence": "C2+",
                "note": text("launch note"),
                "stated": [{"text": text("stated time"), "source": "src"}],
            },
            {
                "id": "docking",
                "title": text("docking title"),
                "kind": "docking",
                "description": text("docking description"),
                "phase": "up",
                "planned": "2021-10-05T12:12Z",
                "at": "2021-10-05T12:22:31Z",
                "vehicles": ["ship", "base"],
                "disputes": [
                    {
                        "topic": text("dispute topic"),
                        "versions": [
                            {
                                "claim": text("claim one"),
                                "at": "2021-10-05T12:22Z",
                                "sources": ["src"],
                            },
                            {"claim": text("claim two"), "at": "2021-10-05T12:23Z"},
                        ],
                    }
                ],
                "station_crew": 3,
            },
            {
                "id": "filming",
                "title": text("filming title"),
                "kind": "film",
                "description": text("filming description"),
                "phase": "stay",
                "at": "2021-10-06[Europe/Moscow]",
                "end": "2021-10-16[Europe/Moscow]",
                "confidence": "U",
            },
            {
                "id": "undocking",
                "title": text("undocking title"),
                "kind": "undocking",
                "phase": "stay",
                "at": "2021-10-17T00:14Z",
                "station_crew": 3,
            },
            {
                "id": "landing",
                "title": text("landing title"),
                "kind": "landing",
                "phase": "stay",
                "at": "~2021-10-17T04:36Z",
                "place": "pad",
                "note": text("landing note"),
            },
        ],
    }


def toml_text(data: dict[str, Any]) -> str:
    """`data` as TOML; tomllib has no writer, and this file's shape is known."""
    lines = ["# Generated by tests/hostile/make_hostile_mission.py: do not edit.", ""]
    lines += [f"format = {data['format']}", "", "[mission]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in data["mission"].items()]
    for list_name in ("sources", "places", "vehicles", "phases", "people", "events"):
        for record in data[list_name]:
            lines += ["", f"[[{list_name}]]"]
            lines += [f"{key} = {_toml_value(value)}" for key, value in record.items()]
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"


def _toml_string(value: str) -> str:
    """A TOML basic string: control characters escaped, everything else (bidi) literal."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif unicodedata.category(char) == "Cc":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def main() -> int:
    data = mission()
    TOML_PATH.write_text(toml_text(data), encoding="utf-8")
    JSON_PATH.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TOML_PATH.name} and {JSON_PATH.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
