"""The column path of the exports (`write`: text, Markdown, CSV, JSON) gives the very bytes
of the per-event reference (`export_reference`, which renders each event's facts), on the
generated benchmark mission loaded from JSON Lines and from JSON (the reference walking a
tuple of its events), for every option that changes what is written:
zones (a fixed one, one with summer time, one with a half-hour offset, `stated`), relative
times in each mode and from another event, and filters (a kind, a phase, a person, and one
that leaves nothing)."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import export_reference
import pytest

from data.export import csv_export, json_export, make_options, markdown_export, text_export
from data.export.options import ExportOptions
from data.model import Mission
from data.times.parse import Precision
from tests.generated import both_forms

EVENTS = 2000
WRITERS: dict[str, Any] = {
    "text": text_export,
    "md": markdown_export,
    "csv": csv_export,
    "json": json_export,
}
REFERENCES: dict[str, Any] = {
    "text": export_reference.write_text,
    "md": export_reference.write_markdown,
    "csv": export_reference.write_csv,
}
OPTIONS: dict[str, dict[str, Any]] = {
    "default": {},
    "zones": {"zones": ["Europe/Brussels", "stated", "Asia/Kolkata"]},
    "stated-only": {"zones": ["stated"]},
    "t-minus": {"zones": ["America/Chicago"], "mode": "t-minus"},
    "met-from": {"zones": ["stated"], "relative_to": "x02-docking", "mode": "met"},
    "flight-day": {"mode": "flight-day"},
    "kinds": {"zones": ["Asia/Tokyo", "UTC"], "filter_text": "kind:eva,docking,anomaly"},
    "phase": {"filter_text": "phase:exp-02", "relative_to": "x01-launch"},
    "person": {"zones": ["stated", "Europe/Moscow"], "filter_text": "person:morredo"},
    "nothing": {"filter_text": "kind:film"},
}


@pytest.fixture(scope="module")
def missions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Mission]:
    store, plain = both_forms(tmp_path_factory.mktemp("fast-path"), EVENTS)
    return {"store": store, "tuple": plain}


def render(write: Any, mission: Mission, options: ExportOptions) -> str:
    out = io.StringIO(newline="")
    write(mission, options, out)
    return out.getvalue()


def test_the_mission_has_every_shape_of_event(missions: dict[str, Mission]) -> None:
    """What the comparisons rely on: every precision, approximate times, both times, spans,
    stated times, disputes and the station's crew all occur."""
    events = list(missions["store"].events)
    precisions = Counter(event.when.precision for event in events)
    assert set(precisions) == set(Precision)
    assert any(e.when.approximate for e in events)
    assert any(e.at is not None and e.planned is not None for e in events)
    assert any(e.at is None for e in events)
    assert sum(e.end is not None for e in events) > 10
    assert any(e.stated for e in events)
    assert any(e.disputes for e in events)
    assert any(e.station_crew is not None for e in events)
    assert len({e.when.zone for e in events}) > 5


# Every option set on the JSON Lines store; a few with the reference walking a tuple of the
# JSON mission's events.
CASES = [("store", name) for name in OPTIONS] + [
    ("tuple", name) for name in ("default", "zones", "person")
]


@pytest.mark.parametrize(("form", "name"), CASES)
@pytest.mark.parametrize("format_name", ["text", "md", "csv"])
def test_views_match_the_reference(
    missions: dict[str, Mission], form: str, name: str, format_name: str
) -> None:
    store = missions["store"]
    fast = render(WRITERS[format_name].write, store, make_options(store, **OPTIONS[name]))
    mission = missions[form]
    reference = render(REFERENCES[format_name], mission, make_options(mission, **OPTIONS[name]))
    assert fast == reference
    assert fast.count("\n") > (0 if name == "nothing" else 20)


def test_json_matches_the_reference(missions: dict[str, Mission]) -> None:
    store = missions["store"]
    fast = render(json_export.write, store, make_options(store))
    out = io.StringIO(newline="")
    export_reference.write_json(missions["tuple"], out)
    assert fast == out.getvalue()
    assert fast.count('"id"') > EVENTS
