"""The columnar engine (pyarrow, the `large` extra: `data.export.fast`) writes the very
bytes of the pure-Python writers, text, CSV and JSON: for the bundled mission, the demo, the
hostile fixtures, a generated mission with every time precision, zone form, span, stated
time and dispute (in batches of a few hundred events, so that a phase, a filter and a day
cross batches), and a generated mission large enough for the engine's own batches; in every
kind of zone (summer time, half and quarter hours, `stated`), relative mode and filter; in
English and in Dutch."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import test_fast_path
from export_helpers import DEMO

from data.export import export, make_options
from data.export.fast import engine_always, engine_ready, without_engine
from data.i18n import use
from data.model import Mission
from data.opening import load_bundled, load_mission
from tests.generated import write_mission

pytest.importorskip("pyarrow", reason="the engine is the optional `large` extra")
arrays = pytest.importorskip("data.export.fast.arrays")
ahead = pytest.importorskip("data.export.fast.ahead")

HOSTILE = Path(__file__).parents[1] / "tui" / "fixtures" / "hostile-mission.toml"
FORMATS = ("text", "csv", "json")
OPTIONS: dict[str, dict[str, Any]] = {
    **test_fast_path.OPTIONS,
    "odd offsets": {"zones": ["Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns"]},
    "narrow": {"zones": ["Europe/Moscow"], "columns": 40},
}
"""Options for the generated missions (whose ids the relative modes and filters name): those
of the column path's tests, and zones of odd offsets and a narrow width."""
SMALL_OPTIONS: dict[str, dict[str, Any]] = {
    "default": {},
    "zones": {"zones": ["Europe/Brussels", "stated", "Asia/Kolkata"]},
    "narrow": {"zones": ["Asia/Tokyo"], "columns": 40},
}
"""Options for the bundled, demo and hostile missions."""


@pytest.fixture(params=["en", "nl"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    use(request.param)
    yield request.param
    use("en")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Mission:
    folder = tmp_path_factory.mktemp("engine")
    return load_mission(write_mission(folder / "m.jsonl", 2000))


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Mission:
    folder = tmp_path_factory.mktemp("engine-large")
    return load_mission(write_mission(folder / "large.jsonl", 24_000, seed=7))


@pytest.fixture(scope="module")
def small() -> dict[str, Mission]:
    return {
        "bundled": load_bundled(),
        "demo": load_mission(DEMO),
        "hostile": load_mission(HOSTILE),
    }


def both_ways(mission: Mission, format_name: str, options: dict[str, Any]) -> tuple[str, str]:
    """The export written by the pure-Python writer, and by the engine."""
    made = []
    for way in (without_engine, engine_always):
        with way():
            out = io.StringIO(newline="")
            export(mission, format_name, make_options(mission, **options), out)
            made.append(out.getvalue())
    return made[0], made[1]


def assert_same(python: str, engine: str) -> None:
    """The two exports are the same; else the first line that differs is shown."""
    if python != engine:
        lines = zip(python.splitlines(), engine.splitlines(), strict=False)
        first = next(((a, b) for a, b in lines if a != b), None)
        pytest.fail(f"the engine wrote other bytes; first different line: {first!r}")


# JSON is the mission itself: the options do not change it.
CASES = [(f, name) for f in ("text", "csv") for name in OPTIONS] + [("json", "default")]


@pytest.mark.parametrize(("format_name", "name"), CASES)
def test_generated_mission_in_small_batches(
    generated: Mission,
    format_name: str,
    name: str,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(arrays, "SPAN", 300)
    monkeypatch.setattr(ahead, "THREADS", 2)  # the batches made on two threads anywhere
    python, engine = both_ways(generated, format_name, OPTIONS[name])
    assert_same(python, engine)
    assert python.count("\n") > (0 if name == "nothing" else 20)


@pytest.mark.parametrize("name", list(SMALL_OPTIONS))
@pytest.mark.parametrize("format_name", FORMATS)
@pytest.mark.parametrize("mission_name", ["bundled", "demo", "hostile"])
def test_fixtures(
    small: dict[str, Mission], mission_name: str, format_name: str, name: str, language: str
) -> None:
    python, engine = both_ways(small[mission_name], format_name, SMALL_OPTIONS[name])
    assert_same(python, engine)


@pytest.mark.parametrize("format_name", FORMATS)
def test_large_mission_as_exported(large: Mission, format_name: str) -> None:
    """A mission large enough for the engine to be used on its own (`FROM`), in its own
    batches."""
    assert engine_ready(len(large.events))
    options = {"zones": ["UTC", "Europe/Brussels", "stated"]}
    python, engine = both_ways(large, format_name, options)
    with_threshold = io.StringIO(newline="")
    export(large, format_name, make_options(large, **options), with_threshold)
    assert_same(python, engine)
    assert with_threshold.getvalue() == engine


def test_a_small_export_is_written_in_python(small: dict[str, Mission]) -> None:
    """Below `FROM` events the engine costs more than it saves, so it is not used."""
    assert not engine_ready(len(small["bundled"].events))


@pytest.mark.parametrize("unsafe", ["\x7f", "\u202e", "\x1b[31m"])
def test_a_character_that_could_drive_a_terminal_is_escaped_in_json(
    unsafe: str, tmp_path: Path
) -> None:
    """JSON written by the engine escapes what could drive a terminal, as the Python writer
    does, in a mission otherwise all ASCII: DEL (ASCII itself), a bidi control, an escape
    sequence."""
    path = write_mission(tmp_path / "m.jsonl", 40)
    header, first, *others = path.read_text(encoding="utf-8").splitlines()
    event = json.loads(first)
    event["title"] = f"Launch {unsafe}today"
    path.write_text("\n".join([header, json.dumps(event), *others]) + "\n", encoding="utf-8")
    python, engine = both_ways(load_mission(path), "json", {})
    assert_same(python, engine)
    assert unsafe not in engine
