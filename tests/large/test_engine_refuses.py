"""The columnar engine never takes what the general reader refuses: a valid file broken in
any way (a byte put in, changed or taken out; a value of another type, `null`, an unknown or
doubled key; two objects on a line, one over two lines, blank lines, CRLF) gives the same
problems, placed alike, with the engine as without it, and a file still valid the same
mission."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.generated import HEADER as SMALL_HEADER
from tests.large.engine_helpers import assert_same, both

pytest.importorskip("pyarrow")

HEADER: dict[str, Any] = {
    **SMALL_HEADER,
    "sources": [{"id": "press", "title": "Press kit"}, {"id": "tv", "title": "Television"}],
}
EVENTS: list[dict[str, Any]] = [
    {
        "id": "launch",
        "title": "Launch: lift-off",
        "kind": "launch",
        "at": "2021-10-05T08:55:02Z",
        "place": "pad",
        "people": ["ada"],
        "vehicles": ["capsule"],
        "sources": ["press", "tv"],
        "phase": "ascent",
        "confidence": "C2+",
    },
    {
        "id": "orbit",
        "title": "Orbit",
        "kind": "orbit",
        "at": "~2021-10-05T09:03+05:00[Asia/Qyzylorda]",
    },
    {
        "id": "burn-1",
        "title": 'A "quoted" burn',
        "kind": "burn",
        "description": "Back\\slash, tab\tand new\nline",
        "planned": "2021-10-05[Asia/Qyzylorda]",
        "end": "2021-10-05T10:00:00.250Z",
        "note": "a note: with a colon",
    },
    {
        "id": "docking",
        "title": "Docking",
        "kind": "docking",
        "at": "2021-10-05T12:22Z",
        "station_crew": 5,
        "stated": [{"text": "12:22 UTC", "source": "press"}],
        "disputes": [
            {
                "topic": "time",
                "versions": [
                    {"claim": "12:22", "at": "2021-10-05T12:22Z", "sources": ["tv"]},
                    {"claim": "12:23"},
                ],
            }
        ],
    },
    {"id": "film", "title": "Filming: day 1", "kind": "film", "planned": "2021-10[Europe/Moscow]"},
    {
        "id": "landing",
        "title": "Landing",
        "kind": "landing",
        "planned": "2021-10-17T07:36+03:00[Europe/Moscow]",
        "at": "2021-10-17T04:36Z",
    },
]
VALUES: list[Any] = [
    None,
    0,
    -1,
    1.5,
    True,
    "",
    "x",
    "launch",
    "ada",
    "C1",
    "2021-10-05T08:55Z",
    "2021-02-30T08:55Z",
    [],
    ["ada"],
    ["nobody"],
    [None],
    {},
    {"text": "t", "source": "press"},
    [{"text": "t", "source": "nobody"}],
    [{"topic": "t", "versions": []}],
    10**20,
    "\u0000",
    "\ud800",
    'é:"',
]
KEYS = [*sorted({key for event in EVENTS for key in event}), "titel", "at_utc", "versions"]
BYTES = [*b'{}[]:,"\\ ntu0\t\r\x00\xff', 0xC3, 0xA9, 0x0A]


def _lines() -> list[str]:
    return [json.dumps(event, ensure_ascii=False) for event in EVENTS]


@st.composite
def broken(draw: st.DrawFn) -> bytes:
    """The base file with one to three things broken in its event lines."""
    lines = [line.encode("utf-8") for line in _lines()]
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["byte", "value", "twice", "layout"]))
        line = lines[row]
        if how == "byte":
            place = draw(st.integers(0, len(line)))
            byte = bytes([draw(st.sampled_from(BYTES))])
            edit = draw(st.sampled_from(["insert", "replace", "delete"]))
            if edit == "insert":
                lines[row] = line[:place] + byte + line[place:]
            elif edit == "replace":
                lines[row] = line[:place] + byte + line[place + 1 :]
            else:
                lines[row] = line[:place] + line[place + 1 :]
        elif how == "value":
            try:
                event = json.loads(line)
            except ValueError:  # broken already
                continue
            if not isinstance(event, dict):
                continue
            event[draw(st.sampled_from(KEYS))] = draw(st.sampled_from(VALUES))
            ascii_only = draw(st.booleans())
            lines[row] = json.dumps(event, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
        elif how == "twice":
            key = draw(st.sampled_from(KEYS))
            value = json.dumps(draw(st.sampled_from(VALUES)))
            lines[row] = b"{" + f'"{key}": {value}, '.encode() + line[1:]
        else:
            layout = draw(st.sampled_from(["join", "split", "blank", "crlf", "space", "bom"]))
            if layout == "join" and row + 1 < len(lines):
                lines[row : row + 2] = [line + b" " + lines[row + 1]]
            elif layout == "split":
                lines[row] = line.replace(b", ", b",\n", 1)
            elif layout == "blank":
                lines.insert(row, b"")
            elif layout == "crlf":
                lines[row] = line + b"\r"
            elif layout == "space":
                lines[row] = b" " + line
            else:
                lines[row] = b"\xef\xbb\xbf" + line
    header = json.dumps(HEADER).encode()
    return b"\n".join([header, *lines]) + b"\n"


def test_the_base_file_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_bytes(b"\n".join([json.dumps(HEADER).encode(), *(x.encode() for x in _lines())]))
    with_engine, general = both(path)
    assert_same(with_engine, general)
    assert not isinstance(general, list)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(broken())
def test_a_broken_file_reads_alike(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "m.jsonl"
    path.write_bytes(content)
    assert_same(*both(path), compare_exports=False)
