"""The committed hostile mission is what its generator makes, loads, and carries every payload
in every text field; text comes out of the loader exactly and out of the sanitiser inert."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import make_hostile_mission as hostile
import pytest

from data.load.schema import RECORDS, TEXT, ListOf
from data.opening import check_file, load_mission
from data.sanitize import sanitize, sanitize_line


def test_committed_files_match_the_generator() -> None:
    data = hostile.mission()
    assert hostile.TOML_PATH.read_text(encoding="utf-8") == hostile.toml_text(data)
    assert json.loads(hostile.JSON_PATH.read_text(encoding="utf-8")) == data


@pytest.mark.parametrize("path", [hostile.TOML_PATH, hostile.JSON_PATH], ids=["toml", "json"])
def test_hostile_mission_is_valid(path: Any) -> None:
    result = check_file(path)
    assert result.problems == [] and result.exit_code == 0


def _text_fields(value: Any, record: str = "file", path: str = "") -> Iterator[tuple[str, str]]:
    """Every text field the schema declares, read from the loaded records."""
    if isinstance(value, tuple):  # a phase's names: (language, name) pairs
        value = dict(value)
    for key, field in RECORDS[record].items():
        item = value.get(key) if isinstance(value, dict) else getattr(value, key, None)
        where = f"{path}.{key}" if path else key
        kind = field.type
        if kind == TEXT:
            yield where, item
        elif isinstance(kind, ListOf) and kind.item == TEXT:
            yield from ((f"{where}[{i}]", text) for i, text in enumerate(item))
        elif isinstance(kind, str) and item is not None:
            yield from _text_fields(item, kind, where)
        elif isinstance(kind, ListOf) and isinstance(kind.item, str):
            for index, element in enumerate(item or ()):
                yield from _text_fields(element, kind.item, f"{where}[{index}]")


def _loaded(path: Any) -> dict[str, Any]:
    mission = load_mission(path)
    return {
        "mission": mission.info,
        "sources": mission.sources,
        "places": mission.places,
        "vehicles": mission.vehicles,
        "phases": mission.phases,
        "people": mission.people,
        "events": mission.events,
    }


def test_every_text_field_carries_every_payload() -> None:
    for path in (hostile.TOML_PATH, hostile.JSON_PATH):
        fields = list(_text_fields(_loaded(path)))
        assert len(fields) >= 50
        for field, text in fields:
            for payload in hostile.PAYLOADS:
                assert payload in text, (field, payload)


def test_sanitised_hostile_text_has_nothing_forbidden() -> None:
    for _, text in _text_fields(_loaded(hostile.TOML_PATH)):
        for shown in (sanitize(text), sanitize_line(text)):
            assert not any(char in shown for char in hostile.FORBIDDEN)
        assert "[@click=app.quit]click me[/]" in sanitize_line(text)  # markup stays literal
