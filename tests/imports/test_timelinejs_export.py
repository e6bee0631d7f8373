"""TimelineJS export: the file TimelineJS reads, and what survives export, import and export."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from data.export import FORMATS, export, format_for_path, json_export, make_options
from data.imports import import_text
from data.load.document import build_mission
from data.model import Mission
from data.opening import load_bundled
from data.times.parse import Precision
from tui.cli import main

DEMO = Path(__file__).parents[1] / "export" / "golden" / "demo.json"


def timelinejs(mission: Mission, **options: Any) -> str:
    out = io.StringIO()
    export(mission, "timelinejs", make_options(mission, **options), out)
    return out.getvalue()


def test_the_documented_structure() -> None:
    mission = load_bundled()
    data = json.loads(timelinejs(mission))
    assert data["title"]["text"]["headline"] == mission.info.title
    assert [era["text"]["headline"] for era in data["eras"]] == [p.name for p in mission.phases]
    launch = next(s for s in data["events"] if s["unique_id"] == "launch")
    assert launch["group"] == "launch"  # groups are the events' kinds
    # UTC, to the precision stated: 11:55:02.442 in Moscow
    assert launch["start_date"] == {
        "year": 2021, "month": 10, "day": 5, "hour": 8, "minute": 55, "second": 2,
        "millisecond": 442, "display_date": "2021-10-05 11:55:02.442 MSK (+03:00) Europe/Moscow",
    }  # fmt: skip
    casting = next(s for s in data["events"] if s["unique_id"] == "casting-opens")
    assert casting["start_date"] == {
        "year": 2020,
        "month": 11,
        "display_date": "2020-11 Europe/Moscow",
    }


def test_mission_text_is_escaped_for_the_html_timelinejs_renders() -> None:
    demo = build_mission(json.loads(DEMO.read_text()), "demo.json")
    data = json.loads(timelinejs(demo))
    assert data["title"]["text"]["text"] == (
        "<p>A made-up flight for tests.<br>Second line with &lt;b&gt;html&lt;/b&gt; &amp; "
        "[a link](http://x).</p>"
    )
    assert all("<script" not in json.dumps(slide) for slide in data["events"])


def test_the_filter_applies() -> None:
    mission = load_bundled()
    data = json.loads(timelinejs(mission, filter_text="kind:launch"))
    assert {slide["group"] for slide in data["events"]} == {"launch"}


def test_round_trip_keeps_titles_times_precision_and_kinds() -> None:
    """Export timelinejs, import it, export JSON: what survives and what cannot."""
    mission = load_bundled()
    result = import_text("soyuz.timeline.json", timelinejs(mission))
    again = build_mission(result.document, "soyuz.timeline.json")
    out = io.StringIO()
    json_export.write(again, make_options(again), out)
    written = json.loads(out.getvalue())
    assert written["mission"]["title"] == mission.info.title
    before = {e.title: e for e in mission.events}
    after = {e["title"]: e for e in written["events"]}
    assert before.keys() == after.keys()
    assert [p.name for p in again.phases] == [p.name for p in mission.phases]
    for title, event in before.items():
        back = next(e for e in again.events if e.title == title)
        assert back.kind == event.kind  # through the group
        assert back.when.precision == event.when.precision
        assert (back.end is None) == (event.end is None)
        if event.when.precision >= Precision.MINUTE:
            assert back.when.instant == event.when.instant  # the same instant, in UTC
            assert back.when.text.endswith("Z")
        else:  # a date keeps its calendar date, but TimelineJS has no zone: now a UTC date
            assert back.when.text == event.when.text.split("[")[0].lstrip("~") + "[UTC]"
        # what cannot survive: the zone (kept only in the note, as the display date), the
        # planned time beside the actual one (in the description), `~`, people and places
        assert back.planned is None
        assert "TimelineJS display date: " in back.note
    assert [str(p) for p in result.unmapped] == [
        "soyuz.timeline.json: warning: TimelineJS has no time zones: every time was read as UTC"
    ]


def test_command_line_and_suffix(tmp_path: Path) -> None:
    assert FORMATS["timelinejs"].suffix == ".timeline.json"
    assert format_for_path("a/soyuz.timeline.json") == "timelinejs"
    assert format_for_path("a/soyuz.json") == "json"
    target = tmp_path / "soyuz.timeline.json"
    assert main(["export", "data/missions/soyuz-ms-19.toml", "-o", str(target)]) == 0
    assert json.loads(target.read_text())["events"][0]["unique_id"] == "cruise-announcement"
