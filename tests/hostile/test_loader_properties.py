"""Property-based tests: whatever the bytes, the loader gives a mission or a clean error."""

from __future__ import annotations

import copy
import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hostile_helpers import BASE, BASE_TOML
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.facts.derived import TimeMode, relative
from data.model import Mission
from data.opening import MissionError, check_file, load_mission
from data.times.display import STATED, show
from data.times.parse import TimeFormatError, parse_when

SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _load(path: Path, content: bytes) -> None:
    """The property: a Mission or a MissionError, and `check` agrees with the loader."""
    path.write_bytes(content)
    try:
        loaded = load_mission(path)
    except MissionError as error:
        assert error.exit_code in (65, 66)
        assert "\n" not in str(error) and "\x1b" not in str(error)
        result = check_file(path)
        assert result.exit_code == error.exit_code
        assert result.errors >= 1
    else:
        assert isinstance(loaded, Mission)
        assert check_file(path).exit_code == 0


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_as_toml(folder: Path, content: bytes) -> None:
    _load(folder / "fuzz.toml", content)


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_as_json(folder: Path, content: bytes) -> None:
    _load(folder / "fuzz.json", content)


@SETTINGS
@given(st.binary(max_size=200), st.integers(0, len(BASE_TOML)))
def test_bytes_spliced_into_a_valid_toml_mission(folder: Path, noise: bytes, at: int) -> None:
    text = BASE_TOML.encode()
    _load(folder / "fuzz.toml", text[:at] + noise + text[at:])


# Structured fuzzing: a valid mission with one value replaced by something hostile.

TIME_PARTS = st.tuples(
    st.sampled_from(["", "~"]),
    st.sampled_from(["1900", "1899", "2021", "2200", "2201", "0001", "9999"]),
    st.sampled_from(["-01", "-02", "-12", "-13", "-00"]),
    st.sampled_from(["", "-01", "-29", "-31", "-32"]),
    st.sampled_from(["", "T00:00", "T23:59", "T02:30", "T12:00:60", "T24:00", "T12:00:00.123"]),
    st.sampled_from(["", "Z", "+14:00", "-12:00", "+23:59", "-23:59", "+24:00", "+05:00"]),
    st.sampled_from(
        [
            "",
            "[UTC]",
            "[Europe/Brussels]",
            "[Pacific/Kiritimati]",
            "[Etc/GMT+12]",
            "[../x]",
            "[\x1b]",
        ]
    ),
)
TIMES = TIME_PARTS.map("".join)

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(exclude_categories=()), max_size=20)
    | TIMES,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["id", "at", "title", "x", "kind"]), children, max_size=3)
    ),
    max_leaves=10,
)


def _leaf_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            paths += _leaf_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths += _leaf_paths(item, (*prefix, index))
    return paths


PATHS = _leaf_paths(BASE)


@SETTINGS
@given(st.sampled_from(PATHS), JSON_VALUES)
def test_one_hostile_value_in_a_valid_json_mission(
    folder: Path, path: tuple[Any, ...], value: Any
) -> None:
    data = copy.deepcopy(BASE)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    text = json.dumps(data, ensure_ascii=True)
    _load(folder / "fuzz.json", text.encode())


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(["delete", "copy", "set"]), st.sampled_from(PATHS), TIMES),
        max_size=6,
    )
)
def test_several_edits_to_a_valid_json_mission(
    folder: Path, edits: list[tuple[str, tuple[Any, ...], str]]
) -> None:
    """Deleting fields, copying records (duplicate ids) and retiming events in combination:
    partial missions whose references and lint rules must still be checked without error."""
    data = copy.deepcopy(BASE)
    for action, path, time_text in edits:
        target: Any = data
        try:
            for part in path[:-1]:
                target = target[part]
            if action == "delete":
                del target[path[-1]]
            elif action == "copy" and isinstance(target, list):
                target.append(copy.deepcopy(target[path[-1]]))
            else:
                target[path[-1]] = time_text
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed this path
    _load(folder / "fuzz.json", json.dumps(data).encode())


TOML_VALUES = st.sampled_from(
    [
        *('"x"', "1", "1.5", "nan", "-inf", "true", "[]", "{}", "2021-10-05T08:00:00Z"),
        *("1" + "0" * 30, '"\\u001b[2J"', '"\\ud800"', "[[[[1]]]]", '"' + "a" * 300 + '"'),
        *('"""\nx\n"""', "'lit'"),
    ]
) | TIMES.map(json.dumps)


@SETTINGS
@given(st.data())
def test_one_hostile_value_in_a_valid_toml_mission(folder: Path, data: st.DataObject) -> None:
    lines = BASE_TOML.splitlines()
    keyed = [i for i, line in enumerate(lines) if " = " in line]
    index = data.draw(st.sampled_from(keyed))
    key = lines[index].split(" = ")[0]
    lines[index] = f"{key} = {data.draw(TOML_VALUES)}"
    _load(folder / "fuzz.toml", "\n".join(lines).encode())


# Any time the loader accepts can be shown in any zone and relative to any other.

SHOW_ZONES = [STATED, "UTC", "Etc/GMT+12", "Etc/GMT-14", "Pacific/Kiritimati", "America/Adak"]


@settings(max_examples=500, deadline=None)
@given(TIMES, TIMES)
def test_accepted_times_never_overflow(text: str, other: str) -> None:
    try:
        when, reference = parse_when(text), parse_when(other)
    except TimeFormatError:
        return
    for zone in SHOW_ZONES:
        assert str(show(when, zone))
    for mode in TimeMode:
        assert relative(when, reference, mode)


@pytest.mark.parametrize(
    "text",
    [
        "1900-01-01T00:00+14:00",
        "1900-01-01T00:00+23:59",
        "1900-01[Pacific/Kiritimati]",
        "2200-12-31T23:59-23:59",
        "2200-12[Etc/GMT+12]",
        "2200-12-31T23:59:59.999-12:00[Etc/GMT+12]",
    ],
)
def test_extreme_times_show_everywhere(text: str) -> None:
    when = parse_when(text)
    for zone in SHOW_ZONES:
        assert show(when, zone).date
    early, late = parse_when("1900-01-01T00:00+23:59"), parse_when("2200-12-31T23:59-23:59")
    assert late.instant - early.instant > timedelta(days=300 * 365)
    for mode in TimeMode:
        assert relative(when, early, mode) and relative(when, late, mode)
