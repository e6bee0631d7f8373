"""Export options: checked against the mission, with the TUI's meaning."""

from __future__ import annotations

import pytest
from export_reference import sections

from data.export import OptionsError, default_file_name, format_for_path, make_options
from data.export.options import ExportOptions, facts_of
from data.facts.derived import TimeMode
from data.model import Mission


def relative_text(mission: Mission, event_id: str, options: ExportOptions) -> str:
    return facts_of(mission, mission.event_by_id[event_id], options).relative


def test_defaults(bundled: Mission) -> None:
    options = make_options(bundled)
    assert options.zones == ("UTC",)
    assert options.mode is TimeMode.ABSOLUTE and not options.relative
    assert options.filter is None


def test_zones_keep_order_and_drop_repeats(bundled: Mission) -> None:
    options = make_options(bundled, zones=["stated", "Europe/Brussels", "stated"])
    assert options.zones == ("stated", "Europe/Brussels")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"zones": ["Nowhere/Land"]}, "unknown IANA zone"),
        ({"zones": ["Europe/../../etc"]}, "not a valid IANA zone name"),
        ({"relative_to": "moon-landing"}, "no event with id 'moon-landing'"),
        ({"filter_text": "person:nobody"}, "no person matches 'nobody'"),
    ],
)
def test_bad_options(bundled: Mission, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(OptionsError, match=message):
        make_options(bundled, **kwargs)  # type: ignore[arg-type]


def test_relative_to_defaults_to_t_minus_and_mode_alone_counts_from_launch(
    bundled: Mission,
) -> None:
    docking = make_options(bundled, relative_to="docking")
    assert docking.mode is TimeMode.T_MINUS and docking.anchor is not None
    # 3 h 27 min 28.558 s from 08:55:02.442 to 12:22:31: rounded to the second, not cut.
    assert relative_text(bundled, "launch", docking) == "T-03:27:29"
    met = make_options(bundled, mode="met")
    assert met.anchor is bundled.reference_event
    assert relative_text(bundled, "docking", met) == "000/03:27:29"
    flight_day = make_options(bundled, relative_to="launch", mode=TimeMode.FLIGHT_DAY)
    assert relative_text(bundled, "ms18-landing", flight_day) == "FD13"


def test_sections_follow_phases_and_filter(bundled: Mission) -> None:
    options = make_options(bundled, filter_text="person:peresild")
    seen = []
    for section in sections(bundled, options):
        events = list(section.events)
        assert events
        assert all(e.phase == (section.phase.id if section.phase else None) for e in events)
        seen.extend(events)
    assert options.filter is not None
    assert sorted(e.id for e in seen) == sorted(
        e.id for e in bundled.events if options.filter.matches(e)
    )


def test_plan_phrase_respects_precision(bundled: Mission, demo: Mission) -> None:
    options = make_options(bundled, zones=["Europe/Brussels", "UTC"])
    docking = facts_of(bundled, bundled.event_by_id["docking"], options).plan
    # Fact sheet check 2: about ten minutes late (the plan is known to the minute).
    assert docking is not None and docking.phrase == (
        "planned 2021-10-05 14:12 CEST (+02:00) / 2021-10-05 12:12 UTC (+00:00), 0h 10m late"
    )
    landing = facts_of(demo, demo.event_by_id["landing"], make_options(demo)).plan
    assert landing is not None and landing.phrase.endswith("in the same minute")


def test_file_names(bundled: Mission) -> None:
    assert default_file_name(bundled, "md") == "soyuz-ms-19.md"
    assert default_file_name(bundled, "text") == "soyuz-ms-19.txt"
    assert format_for_path("out/Timeline.ICS") == "ics"
    assert format_for_path("notes.markdown") == "md"
    assert format_for_path("timeline") is None
