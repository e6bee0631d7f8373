"""Pilot tests of zones, time modes, re-anchoring, search, filter, crew, help and palette."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from data.facts.derived import TimeMode
from data.model import Mission
from data.times.display import STATED
from tui.app import MissionTimelineApp
from tui.screens.help import HelpScreen
from tui.screens.zone_picker import ZonePicker
from tui.widgets.crew_pane import CrewList
from tui.widgets.timeline import HIT_MARK, PERSON_MARK, Timeline

from .conftest import row_text
from .waiting import palette_shows

SIZE = (120, 40)
CYCLE = [
    "UTC",
    STATED,
    "Europe/Moscow",
    "Europe/Brussels",
    "Asia/Qyzylorda",
    "Asia/Almaty",
    "America/New_York",
    "Europe/Amsterdam",  # the local zone the tests fix
]


async def test_z_cycles_every_zone_and_back(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        seen = [app.zone]
        for _ in CYCLE:
            await pilot.press("z")
            seen.append(app.zone)
        assert seen == [*CYCLE, "UTC"]
        assert app.timeline.zone == app.detail.zone == app.crew.zone == "UTC"


async def test_zone_changes_rows_header_and_detail(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.timeline.select_event("docking")
        await pilot.press("z", "z", "z")  # Brussels
        assert app.zone == "Europe/Brussels"
        assert "2021-10-05 14:22:31 CEST" in row_text(app.timeline, "docking")
        assert "Europe/Brussels CEST +02:00" in app.header.zone_text
        assert "Brussels: 2021-10-05 14:22:31 CEST (+02:00)" in app.detail.describe().plain
        app.timeline.select_event("prichal-docking")
        await pilot.pause()
        assert "2021-11-26 16:19:39 CET" in row_text(app.timeline, "prichal-docking")
        assert "Europe/Brussels CET +01:00" in app.header.zone_text


async def test_landing_zone_uses_the_historical_offset(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.timeline.select_event("ms19-landing")
        for _ in range(5):
            await pilot.press("z")
        assert app.zone == "Asia/Almaty"
        assert "2022-03-30 17:28" in row_text(app.timeline, "ms19-landing")


async def test_stated_zone_shows_each_event_as_its_source_did(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z")
        assert app.zone == STATED
        assert "2021-10-05 11:55:02.442 MSK" in row_text(app.timeline, "launch")
        assert "as stated" in app.header.zone_text


async def test_t_cycles_time_modes(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        modes = [app.mode]
        for _ in range(4):
            await pilot.press("t")
            modes.append(app.mode)
        assert modes == [
            TimeMode.ABSOLUTE,
            TimeMode.T_MINUS,
            TimeMode.MET,
            TimeMode.FLIGHT_DAY,
            TimeMode.ABSOLUTE,
        ]
        await pilot.press("t")
        assert "T+00:00:00" in row_text(app.timeline, "launch")
        assert "T+03:27:28" in row_text(app.timeline, "docking")
        await pilot.press("t")
        assert "000/03:27:28" in row_text(app.timeline, "docking")
        await pilot.press("t")
        assert "FD1" in row_text(app.timeline, "docking")
        assert "flight day" in app.header.mode_text


async def test_r_reanchors_on_the_selected_event(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.timeline.select_event("docking")
        await pilot.press("r")
        assert app.anchor is not None and app.anchor.id == "docking"
        assert app.mode is TimeMode.T_MINUS  # r from absolute switches to T-/T+
        assert "T+00:00:00" in row_text(app.timeline, "docking")
        assert "T-03:27:28" in row_text(app.timeline, "launch")
        assert app.header.mode_text == "T-/T+ from Soyuz MS-19 docks at Rassvet"
        await pilot.press("r")  # again on the anchor: back to the mission's reference
        assert app.anchor.id == "launch"


async def _type(pilot: object, text: str) -> None:
    for character in text:
        await pilot.press(character)  # type: ignore[attr-defined]


async def _hits(app: MissionTimelineApp, pilot: object, query: str) -> set[str]:
    await pilot.press("slash")  # type: ignore[attr-defined]
    await _type(pilot, query)
    await pilot.press("enter")  # type: ignore[attr-defined]
    assert app.search is not None and app.search.query == query
    found: list[str] = []
    for _ in range(len(app.mission.events) + 1):
        assert app.selected is not None
        if app.selected.id in found:
            break
        found.append(app.selected.id)
        await pilot.press("n")  # type: ignore[attr-defined]
    await pilot.press("escape")  # type: ignore[attr-defined]
    assert app.search is None
    return set(found)


async def test_search_any_spelling_finds_the_same_events(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        english = await _hits(app, pilot, "Shkaplerov")
        dutch = await _hits(app, pilot, "Sjkaplerov")
        cyrillic = await _hits(app, pilot, "Шкаплеров")
        lower = await _hits(app, pilot, "shkaplerov")
        assert english == dutch == cyrillic == lower
        assert {"launch", "docking", "ms19-landing"} <= english


async def test_search_is_incremental_and_marks_hits(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert app.query_bar.display and app.query_bar.kind == "search"
        await _type(pilot, "Prich")
        assert app.search is not None and app.search.query == "Prich"
        assert app.selected is not None and "Prichal" in app.selected.title
        assert HIT_MARK in row_text(app.timeline, app.selected.id)
        assert "Prich" in app.header.search_text
        await _type(pilot, "zzz")
        assert "No event matches" in app.query_bar.error
        await pilot.press("escape")  # cancels the search in progress
        assert app.search is None and not app.query_bar.display
        assert isinstance(app.focused, Timeline)


async def test_next_and_previous_hit_keys(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert app.check_action("next_hit", ()) is False
        await pilot.press("slash")
        await _type(pilot, "lands")
        await pilot.press("enter")
        assert app.check_action("next_hit", ()) is True
        first = app.selected
        await pilot.press("n")
        second = app.selected
        assert second is not first
        await pilot.press("N")
        assert app.selected is first


async def test_filter_by_kind_and_clear_with_escape(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert app.query_bar.kind == "filter"
        await _type(pilot, "kind:docking")
        await pilot.press("enter")
        assert app.event_filter is not None and app.event_filter.text == "kind:docking"
        shown = app.timeline.shown_events
        assert shown and all(event.kind.value == "docking" for event in shown)
        assert "kind:docking" in app.header.filter_text
        assert app.selected is not None and app.selected.kind.value == "docking"
        await pilot.press("escape")
        assert app.event_filter is None
        assert len(app.timeline.shown_events) == len(app.mission.events)
        assert app.header.filter_text == ""


async def test_filter_by_person_in_dutch(app: MissionTimelineApp, mission: Mission) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await _type(pilot, "person:sjkaplerov kind:landing")
        await pilot.press("enter")
        assert [event.id for event in app.timeline.shown_events] == ["ms19-landing"]


async def test_bad_filter_shows_a_message_not_a_traceback(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await _type(pilot, "kind:nonsense")
        await pilot.press("enter")
        assert app.event_filter is None
        assert app.query_bar.display
        assert "no kind matches 'nonsense'" in app.query_bar.error
        await pilot.press("ctrl+a", "ctrl+k")
        await _type(pilot, "bogus")
        await pilot.press("enter")
        assert "cannot read 'bogus'" in app.query_bar.error
        await pilot.press("escape")
        assert not app.query_bar.display and app.event_filter is None


async def test_c_focuses_the_crew_and_selects_a_person(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert app.person is None
        await pilot.press("c")
        assert isinstance(app.focused, CrewList)
        assert app.person is not None and app.person.id == "shkaplerov"
        await pilot.press("j")
        assert app.person.id == "peresild"
        facts = app.crew.describe().plain
        for text in ("Юлия Пересильд", "Joelia Peressild", "Age at launch: 37", "Soyuz MS-18"):
            assert text in facts
        assert "aboard Soyuz MS-19" in facts  # at the selected event, the launch
        assert app.header.person_text == "Yulia Peresild"
        assert PERSON_MARK in row_text(app.timeline, "launch")
        await pilot.press("k")
        assert app.person.id == "shkaplerov"


async def test_crew_facts_follow_the_selected_event(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "j")  # Peresild
        app.timeline.select_event("hatch-open")
        await pilot.pause()
        facts = app.crew.describe().plain
        assert "Where at the selected event: aboard International Space Station" in facts
        assert "as of the selected event: 6h 04m 57s" in facts
        app.timeline.select_event("ms18-landing")
        await pilot.pause()
        facts = app.crew.describe().plain
        assert "Where at the selected event: on the ground" in facts
        assert "Time in space, this mission: 11d 19h 39m" in facts


async def test_help_lists_every_key(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            text = app.screen.describe().plain
            for row in app.key_rows():
                assert f"[{row.id}]" in text
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)


async def test_palette_sets_any_zone(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await _type(pilot, "zone: Asia/Tokyo")
        await palette_shows(pilot, "zone: Asia/Tokyo")
        await pilot.press("enter")
        await pilot.pause()
        assert app.zone == "Asia/Tokyo"


async def test_palette_goes_to_an_event(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await _type(pilot, "go to: Prichal docks")
        await palette_shows(pilot, "Prichal docks")
        await pilot.press("enter")
        await pilot.pause()
        assert app.selected is not None and app.selected.id == "prichal-docking"


async def test_zone_picker_rejects_an_unknown_zone(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.action_pick_zone()
        await pilot.pause()
        assert isinstance(app.screen, ZonePicker)
        await _type(pilot, "Mars/Olympus")
        await pilot.press("enter")
        assert isinstance(app.screen, ZonePicker)
        error = str(app.screen.query_one("#zone-error").render())
        assert "unknown IANA zone 'Mars/Olympus'" in error
        await pilot.press("ctrl+a", "ctrl+k")
        await _type(pilot, "america/sao_paulo")
        await pilot.press("enter")
        await pilot.pause()
        assert app.zone == "America/Sao_Paulo"


async def test_escape_is_hidden_when_there_is_nothing_to_clear(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE):
        assert app.check_action("clear", ()) is False
        app.apply_filter("kind:launch")
        assert app.check_action("clear", ()) is True


async def test_enter_on_a_search_without_hits_drops_it(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await _type(pilot, "qqqq")
        await pilot.press("enter")
        assert app.search is None and not app.query_bar.display
        assert app.check_action("next_hit", ()) is False


@pytest.mark.parametrize(
    ("typed", "check"),
    [
        ("view: flight day", lambda app: app.mode is TimeMode.FLIGHT_DAY),
        ("filter: kind landing", lambda app: app.event_filter.text == "kind:landing"),
        ("filter: person Yulia Peresild", lambda app: app.event_filter.text == "person:peresild"),
        ("theme: nord", lambda app: app.theme == "nord"),
        ("zone: Baikonur", lambda app: app.zone == "Asia/Qyzylorda"),
    ],
)
async def test_palette_namespaces(
    app: MissionTimelineApp, typed: str, check: Callable[[MissionTimelineApp], bool]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await _type(pilot, typed)
        await palette_shows(pilot, typed)
        await pilot.press("enter")
        await pilot.pause()
        assert check(app)
