"""TimelineJS JSON import: TimelineJS's own documented examples, and the mapping rule by rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from data.imports import IMPORT_FORMATS, import_file, import_format, import_text
from data.load.document import build_mission
from data.problems import Severity

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"


def imported(slides: list[Any], **top: Any) -> tuple[dict[str, Any], list[str]]:
    """The document and the warnings (as printed) of a timeline with these slides."""
    text = json.dumps({"events": slides, **top}, indent=1)
    result = import_text("t.json", text, "timelinejs")
    build_mission(result.document, "t.json")  # every import is a valid mission
    return result.document, [str(problem) for problem in result.unmapped]


def slide(headline: str = "A", **dates: dict[str, Any]) -> dict[str, Any]:
    return {"text": {"headline": headline}, **dates}


def test_houston_example_maps_every_slide_in_range() -> None:
    result = import_file(FIXTURES / "houston.json")
    mission = build_mission(result.document, "houston.json")
    titles = [event.title for event in mission.events]
    assert len(titles) == 18
    assert result.document["mission"]["title"] == "Whitney Houston 1963 - 2012"  # <br> folded
    first = result.document["events"][0]
    assert first["title"] == "A Musical Heritage"
    assert first["at"] == "1963-08-09[UTC]"  # year, month, day: a date, no time invented
    assert "<" not in first["description"]  # the HTML text made plain
    assert all(p.severity is Severity.WARNING for p in result.unmapped)
    assert any("read as UTC" in p.message for p in result.unmapped)
    # a relative media path is no source: dropped, and said where
    relative = [p for p in result.unmapped if p.path == "events[0].media.url"]
    assert relative and relative[0].line == 16


def test_marktwain_example_keeps_seconds_and_drops_years_before_1900() -> None:
    result = import_file(FIXTURES / "marktwain.json")
    build_mission(result.document, "marktwain.json")
    events = {event["title"]: event for event in result.document["events"]}
    assert events["Florida, Missouri"]["at"] == "2000-01-05T06:45:56Z"
    assert events["Hannibal, Missouri"]["end"] == "1923-01-05T06:45:56Z"
    untitled = [p for p in result.unmapped if "no headline" in p.message]
    assert untitled and all(p.line is not None for p in untitled)


def test_eras_example_outside_the_supported_years_is_dropped_with_a_warning_each() -> None:
    result = import_file(FIXTURES / "eras.json")
    dropped = [p for p in result.unmapped if p.message.startswith("dropped: year")]
    raw = json.loads((FIXTURES / "eras.json").read_text())
    assert len(dropped) == len(raw["eras"]) + len(raw["events"])
    assert result.document["events"] == []


@pytest.mark.parametrize(
    ("date", "at", "end"),
    [
        ({"year": 2021, "month": 10}, "2021-10[UTC]", None),
        ({"year": "2021", "month": "10", "day": "5"}, "2021-10-05[UTC]", None),
        ({"year": 2021, "month": 10, "day": 5, "hour": 8, "minute": 5}, "2021-10-05T08:05Z", None),
        ({"year": 2021, "month": 1, "day": 2, "hour": 3, "minute": 4, "second": 5},
         "2021-01-02T03:04:05Z", None),
        ({"year": 2021, "month": 1, "day": 2, "hour": 3, "minute": 4, "second": 5,
          "millisecond": 7}, "2021-01-02T03:04:05.007Z", None),
        # no year or hour precision in a mission: the span of its months or minutes
        ({"year": 2021}, "2021-01[UTC]", "2021-12[UTC]"),
        ({"year": 2021, "month": 10, "day": 5, "hour": 14},
         "2021-10-05T14:00Z", "2021-10-05T14:59Z"),
    ],
)  # fmt: skip
def test_precision_is_what_the_date_gives(date: dict[str, Any], at: str, end: str | None) -> None:
    document, warnings = imported([slide(start_date=date)])
    event = document["events"][0]
    assert (event["at"], event.get("end")) == (at, end)
    assert any("(a mission has no" in w for w in warnings) == (end is not None)


def test_an_end_date_keeps_its_own_precision() -> None:
    document, _ = imported([slide(start_date={"year": 2021, "month": 3}, end_date={"year": 2022})])
    assert (document["events"][0]["at"], document["events"][0]["end"]) == (
        "2021-03[UTC]",
        "2022-12[UTC]",
    )


def test_title_eras_groups_media_and_display_dates() -> None:
    slides = [
        {**slide("Lift-off", start_date={"year": 2021, "month": 10, "day": 5}), "group": "Launch"},
        {
            **slide("Press day", start_date={"year": 2021, "month": 11, "display_date": "Nov."}),
            "group": "Press",
            "media": {"url": "https://example.org/a.jpg", "credit": "<b>Agency</b>"},
        },
    ]
    eras = [{"start_date": {"year": 2021, "month": 10}, "end_date": {"year": 2021, "month": 10},
             "text": {"headline": "October"}}]  # fmt: skip
    title = {"text": {"headline": "My <i>flight</i>", "text": "<p>One</p><p>Two &amp; three</p>"}}
    document, warnings = imported(slides, eras=eras, title=title)
    assert document["mission"] == {"id": "my-flight", "title": "My flight",
                                   "summary": "One\nTwo & three"}  # fmt: skip
    assert document["phases"] == [
        {"id": "october", "name": "October", "start": "2021-10[UTC]", "end": "2021-10[UTC]"}
    ]
    launch, press = document["events"]
    assert (launch["kind"], launch["phase"]) == ("launch", "october")  # a group naming a kind
    assert press["kind"] == "milestone" and "phase" not in press
    assert press["note"] == "TimelineJS group: Press\nTimelineJS display date: Nov."
    assert document["sources"] == [
        {"id": "agency", "title": "Agency", "url": "https://example.org/a.jpg"}
    ]
    assert press["sources"] == ["agency"]
    assert sum("group 'Press'" in w for w in warnings) == 1


def test_ids_are_made_from_titles_and_unique() -> None:
    document, _ = imported(
        [slide("Rózsa Péter", start_date={"year": 1951 + 50}) for _ in range(3)]
        + [slide("Запуск", start_date={"year": 2001})]
    )
    ids = [event["id"] for event in document["events"]]
    assert ids == ["rozsa-peter", "rozsa-peter-2", "rozsa-peter-3", "event"]


def test_html_is_made_plain_text_never_rendered() -> None:
    text = '<script>alert(1)</script><p>a<br/>b</p><a href="x">c</a> &lt;d&gt; <unclosed'
    dated = slide(start_date={"year": 2001})
    document, _ = imported([{**dated, "text": {"headline": "h", "text": text}}])
    assert document["events"][0]["description"] == "alert(1)a\nb\nc <d> <unclosed"


def test_a_json_file_is_a_mission_unless_it_looks_like_a_timeline() -> None:
    timeline = (FIXTURES / "marktwain.json").read_text()
    assert import_format("x.json", timeline) is IMPORT_FORMATS["timelinejs"]
    mission = Path("tests/export/golden/demo.json").read_text()
    assert import_format("x.json", mission) is None
