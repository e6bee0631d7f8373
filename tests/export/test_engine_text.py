"""The text engine's checks on a batch's joined texts (`data.export.fast.text_rows`): which
batches need the Python writer's own functions, found from the separators rather than at
every character, say what the definition says: a text empty, or ending with a space of any
kind (`str.isspace`, what `str.rstrip` strips)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import test_engine
from hypothesis import given, settings
from hypothesis import strategies as st
from test_engine import assert_same, both_ways, generated, language, small

from data.model import Mission
from data.opening import load_mission

pytest.importorskip("pyarrow", reason="the engine is the optional `large` extra")
text_rows = pytest.importorskip("data.export.fast.text_rows")
arrays = pytest.importorskip("data.export.fast.arrays")

__all__ = ["generated", "language", "small"]  # the fixtures, shared with `test_engine`

SEPARATOR = text_rows.SEPARATOR
_TEXTS = st.lists(st.text(st.sampled_from("ab é\t\xa0\u2003\x1c\x85\u200b"), max_size=4))
"""Texts of letters and characters that are spaces (or, `\\u200b`, look like one and are not)."""


def _joined(texts: list[str]) -> str:
    return "".join(text + SEPARATOR for text in texts)


@settings(max_examples=1000, deadline=None)
@given(texts=_TEXTS)
def test_ends_bare_is_an_empty_text_or_one_ending_with_a_space(texts: list[str]) -> None:
    expected = any(not text or text[-1].isspace() for text in texts)
    assert text_rows._ends_bare(_joined(texts)) is expected


@settings(max_examples=1000, deadline=None)
@given(texts=_TEXTS)
def test_space_at_end_is_a_text_ending_with_a_space(texts: list[str]) -> None:
    expected = any(text[-1:].isspace() for text in texts)
    assert (text_rows._SPACE_AT_END(_joined(texts)) is not None) is expected


@pytest.mark.parametrize("name", list(test_engine.OPTIONS))
def test_generated_mission_in_the_engines_rows(
    generated: Mission, name: str, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every batch made by the engine's rows, however few its events (a phase of the
    generated missions has fewer than `_FEWEST`, so the other tests write them in Python),
    in batches of a few hundred: the very bytes of the Python writer."""
    monkeypatch.setattr(text_rows, "_FEWEST", 1)
    monkeypatch.setattr(arrays, "SPAN", 300)
    python, engine = both_ways(generated, "text", test_engine.OPTIONS[name])
    assert_same(python, engine)
    assert python.count("\n") > (0 if name == "nothing" else 20)


@pytest.mark.parametrize("name", list(test_engine.SMALL_OPTIONS))
@pytest.mark.parametrize("mission_name", ["bundled", "demo", "hostile"])
def test_fixtures_in_the_engines_rows(
    small: dict[str, Mission],
    mission_name: str,
    name: str,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bundled, demo and hostile missions (text to sanitise, other scripts, wide
    characters) through the engine's rows, every batch."""
    monkeypatch.setattr(text_rows, "_FEWEST", 1)
    python, engine = both_ways(small[mission_name], "text", test_engine.SMALL_OPTIONS[name])
    assert_same(python, engine)


@pytest.mark.parametrize("title", ["", "Dock ", "Dock\u2003", "Dock"])
def test_a_title_only_planned_empty_or_ending_with_a_space(
    title: str, tmp_path: Path, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a batch's rows are cut as `_Rows` cuts them is read from its titles before
    the `(planned) ` mark: a marked title ends as it did, or with a space if it was empty."""
    events = [
        {"id": "a", "title": "Launch", "kind": "launch", "at": "2021-10-05T08:55Z"},
        {"id": "b", "title": title, "kind": "burn", "planned": "2021-10-05T09:55Z"},
    ]
    path = tmp_path / "mission.json"
    header = {"id": "m", "title": "M", "reference": "a"}
    path.write_text(json.dumps({"format": 1, "mission": header, "events": events}))
    monkeypatch.setattr(text_rows, "_FEWEST", 1)
    python, engine = both_ways(load_mission(path), "text", {})
    assert_same(python, engine)
    row = next(line for line in python.splitlines() if "09:55" in line)
    assert row == row.rstrip()
    assert row.endswith(title.rstrip() or ")")
