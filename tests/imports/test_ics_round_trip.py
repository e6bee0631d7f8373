"""Our own iCalendar export imported back, and an import written as TOML or JSON.

What survives `export --format ics` then `import` (the bundled Soyuz MS-19 mission):
titles, kinds (CATEGORIES), places by name, spans (`end`), planned-only events (TENTATIVE ->
`planned`), and every time's instant and precision where iCalendar can say it: a minute
stays a minute, a second a second, a day a day. What does not: a second of `:00` comes back as
a minute (iCalendar always writes seconds); milliseconds are cut to the second (iCalendar has
none); a month comes back as the span of its days (the export writes the whole month); the
zone a time was stated in (the export writes UTC) and `~` (approximate); an event's planned
time when it also has an actual one; the description (the export writes its facts there); ids
(made again from titles); people, vehicles, sources, phases.
"""

from __future__ import annotations

import json
from datetime import UTC, timedelta
from pathlib import Path

from data.imports import import_file
from data.opening import BUNDLED_MISSION, load_bundled, load_mission
from data.times.parse import Precision, When, parse_when
from tui.cli import main


def _exported(tmp_path: Path) -> Path:
    path = tmp_path / "soyuz.ics"
    assert main(["export", "-f", "ics", "-o", str(path)]) == 0
    return path


def _expected_time(when: When) -> tuple[object, Precision]:
    """What the round trip keeps of a time: its instant (or date) and its precision."""
    if when.precision is Precision.MONTH:
        return when.local_date.replace(day=1), Precision.DAY
    if when.precision is Precision.DAY:
        return when.local_date, Precision.DAY
    instant = when.instant.astimezone(UTC).replace(microsecond=0)
    precision = Precision.SECOND if instant.second else Precision.MINUTE
    return instant, precision


def _kept_time(when: When) -> tuple[object, Precision]:
    if when.is_date:
        return when.local_date, when.precision
    return when.instant, when.precision


def test_our_export_imports_back_with_titles_times_and_precision(tmp_path: Path) -> None:
    mission = load_bundled()
    result = import_file(_exported(tmp_path))
    events = result.document["events"]
    assert len(events) == len(mission.events)
    for original, back in zip(mission.events, events, strict=True):
        assert back["title"] == original.title
        assert back["kind"] == original.kind.value
        key = "planned" if original.planned_only else "at"
        assert _kept_time(parse_when(back[key])) == _expected_time(original.when)
        place = mission.place_by_id.get(original.place) if original.place else None
        places = {p["id"]: p["name"] for p in result.document.get("places", [])}
        assert places.get(back.get("place")) == (place.name if place else None)


def test_a_month_comes_back_as_the_span_of_its_days(tmp_path: Path) -> None:
    mission = load_bundled()
    months = [e for e in mission.events if e.when.precision is Precision.MONTH]
    assert months, "the bundled mission has an event known to the month"
    back = {e["title"]: e for e in import_file(_exported(tmp_path)).document["events"]}
    for event in months:
        end = parse_when(back[event.title]["end"])
        first_of_next = (event.when.local_date.replace(day=28) + timedelta(days=4)).replace(day=1)
        assert end.local_date == first_of_next - timedelta(days=1)


def test_spans_keep_their_ends(tmp_path: Path) -> None:
    mission = load_bundled()
    back = import_file(_exported(tmp_path)).document["events"]
    spans = [(e, b) for e, b in zip(mission.events, back, strict=True) if e.end is not None]
    assert spans, "the bundled mission has spans"
    for original, imported in spans:
        assert original.end is not None
        assert _kept_time(parse_when(imported["end"])) == _expected_time(original.end)


def test_toml_and_json_outputs_load_back_to_the_same_mission(tmp_path: Path) -> None:
    calendar = _exported(tmp_path)
    as_toml, as_json = tmp_path / "m.toml", tmp_path / "m.json"
    assert main(["import", str(calendar), "-o", str(as_toml)]) == 0
    assert main(["import", str(calendar), "-o", str(as_json)]) == 0
    exports = []
    for path in (as_toml, as_json):
        out = tmp_path / f"{path.name}.export.json"
        assert main(["export", str(path), "-f", "json", "-o", str(out)]) == 0
        exports.append(json.loads(out.read_text(encoding="utf-8")))
    assert exports[0] == exports[1]
    assert len(load_mission(as_toml).events) == len(load_mission(BUNDLED_MISSION).events)
