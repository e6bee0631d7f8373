"""The bundled mission ships checked (`data.bundled`): its records, made from its TOML by the
loader, as JSON beside it; never stale, and taken only while they match the TOML and the
records' shape (else the TOML is read, as any mission file is)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import msgspec
import pytest

import data.bundled
from data.bundled import (
    BUNDLED_MISSION,
    CHECKED,
    checked_mission,
    checked_text,
    load_bundled,
    records_shape,
)
from data.files.reading import read_text
from data.load.document import load_text
from data.model import Mission

FIELDS = ("info", "sources", "places", "vehicles", "phases", "people")


def from_toml(path: Path = BUNDLED_MISSION) -> Mission:
    """The mission as the loader reads it from a TOML file."""
    return load_text(str(path), read_text(str(path)))


def same_mission(one: Mission, other: Mission) -> bool:
    """Every record of the two missions equal, and their events, in the same order."""
    return all(getattr(one, name) == getattr(other, name) for name in FIELDS) and list(
        one.events
    ) == list(other.events)


def test_the_shipped_checked_records_are_what_the_loader_makes_of_the_toml() -> None:
    """Remake them with `python -m data.bundled` after changing the TOML or the loader."""
    made = checked_text(from_toml(), BUNDLED_MISSION.read_bytes())
    assert CHECKED.read_bytes() == made, "stale: run python -m data.bundled"


def test_the_shipped_records_are_plain_json_naming_the_toml_they_were_made_from() -> None:
    shipped = json.loads(CHECKED.read_bytes())
    assert set(shipped) == {"toml", "shape", *FIELDS, "events"}
    assert len(shipped["events"]) == len(from_toml().events)


def test_the_bundled_mission_comes_from_the_checked_records_and_equals_the_tomls() -> None:
    checked = checked_mission()
    assert checked is not None
    assert same_mission(checked, from_toml())
    assert checked.reference_event is not None
    assert checked.reference_event.id == from_toml().reference_event.id  # type: ignore[union-attr]


@pytest.fixture
def changed_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled TOML with another title, where the app looks for it; the shipped checked
    records beside it are those of the real one."""
    path = tmp_path / BUNDLED_MISSION.name
    text = BUNDLED_MISSION.read_text(encoding="utf-8")
    title = 'title = "Soyuz MS-19: The Challenge (Vyzov)"'
    assert title in text
    path.write_text(text.replace(title, 'title = "Edited"'), encoding="utf-8")
    monkeypatch.setattr(data.bundled, "BUNDLED_MISSION", path)
    return path


def test_an_edited_toml_is_read_instead_of_the_stale_records(changed_toml: Path) -> None:
    assert checked_mission() is None
    mission = load_bundled()
    assert mission.info.title == "Edited"
    assert same_mission(mission, from_toml(changed_toml))


def test_an_edit_of_the_same_size_is_seen(changed_toml: Path) -> None:
    """The TOML's fingerprint is its text's checksum, not only its size."""
    text = BUNDLED_MISSION.read_text(encoding="utf-8")
    title = 'title = "Soyuz MS-19: The Challenge (Vyzov)"'
    changed_toml.write_text(text.replace(title, title.replace("Soyuz", "Sojuz")), "utf-8")
    assert changed_toml.stat().st_size == BUNDLED_MISSION.stat().st_size
    assert checked_mission() is None
    assert load_bundled().info.title == "Sojuz MS-19: The Challenge (Vyzov)"


def test_records_of_another_shape_are_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data.bundled, "records_shape", lambda: "another shape")
    assert checked_mission() is None
    assert same_mission(load_bundled(), from_toml())


@pytest.mark.parametrize(
    "content",
    [None, b"", b"{", b"[]", b'{"toml": 1}', b"\x80\x81 not json"],
    ids=["missing", "empty", "cut", "array", "wrong-type", "binary"],
)
def test_missing_or_broken_records_fall_back_to_the_toml(
    content: bytes | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / CHECKED.name
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(data.bundled, "CHECKED", path)
    assert checked_mission() is None
    assert same_mission(load_bundled(), from_toml())


def test_the_shape_changes_with_a_records_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    """A record with one more field (records made before it lack it) has another shape."""
    from data import records

    before = records_shape()
    event = records.Event
    fields = [(name, event.__annotations__[name]) for name in event.__struct_fields__]
    grown = msgspec.defstruct("Event", [*fields, ("crew_note", "str", "")], frozen=True)
    monkeypatch.setattr(records, "Event", grown)
    assert records_shape() != before


def test_the_shape_changes_with_an_enums_values(monkeypatch: pytest.MonkeyPatch) -> None:
    from data import records

    before = records_shape()
    fewer = StrEnum("EventKind", {"LAUNCH": "launch"}, module=records.__name__)  # type: ignore[misc]
    monkeypatch.setattr(records, "EventKind", fewer)
    assert records_shape() != before
