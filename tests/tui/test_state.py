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
from tui.widgets.crew_list import CrewList
from tui.widgets.timeline import Timeline
from tui.widgets.timeline_row import HIT_MARK, PERSON_MARK

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
        screen = app.main_screen
        seen = [screen.zone]
        for _ in CYCLE:
            await pilot.press("z")
            seen.append(screen.zone)
        assert seen == [*CYCLE, "UTC"]
        assert screen.timeline.zone == screen.detail.zone == screen.crew.zone == "UTC"


async def test_zone_changes_rows_header_and_detail(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.timeline.select_event("docking")
        await pilot.press("z", "z", "z")  # Brussels
        assert screen.zone == "Europe/Brussels"
        assert "2021-10-05 14:22:31 CEST" in row_text(screen.timeline, "docking")
        assert "Brussels: 2021-10-05 14:22:31 CEST (+02:00)" in screen.detail.describe().plain
        screen.timeline.select_event("prichal-docking")
        await pilot.pause()
        assert "2021-11-26 16:19:39 CET" in row_text(screen.timeline, "prichal-docking")
        assert "Brussels: 2021-11-26 16:19:39 CET (+01:00)" in screen.detail.describe().plain
        # The header names the zone only: summer and winter time both occur in this
        # mission, and each row and the detail pane show the offset of their own date.
        assert screen.header.zone_text == "Brussels · Europe/Brussels"


async def test_landing_zone_uses_the_historical_offset(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.timeline.select_event("ms19-landing")
        for _ in range(5):
            await pilot.press("z")
        assert screen.zone == "Asia/Almaty"
        assert "2022-03-30 17:28" in row_text(screen.timeline, "ms19-landing")


async def test_stated_zone_shows_each_event_as_its_source_did(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("z")
        assert screen.zone == STATED
        assert "2021-10-05 11:55:02.442 MSK" in row_text(screen.timeline, "launch")
        assert "as stated" in screen.header.zone_text


async def test_t_cycles_time_modes(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        modes = [screen.mode]
        for _ in range(4):
            await pilot.press("t")
            modes.append(screen.mode)
        assert modes == [
            TimeMode.ABSOLUTE,
            TimeMode.T_MINUS,
            TimeMode.MET,
            TimeMode.FLIGHT_DAY,
            TimeMode.ABSOLUTE,
        ]
        await pilot.press("t")
        assert "T+00:00:00" in row_text(screen.timeline, "launch")
        assert "T+03:27:29" in row_text(screen.timeline, "docking")
        await pilot.press("t")
        assert "000/03:27:29" in row_text(screen.timeline, "docking")
        await pilot.press("t")
        assert "FD1" in row_text(screen.timeline, "docking")
        assert "flight day" in screen.header.mode_text


async def test_r_reanchors_on_the_selected_event(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.timeline.select_event("docking")
        await pilot.press("r")
        assert screen.anchor_event is not None and screen.anchor_event.id == "docking"
        assert screen.mode is TimeMode.T_MINUS  # r from absolute switches to T-/T+
        assert "T+00:00:00" in row_text(screen.timeline, "docking")
        assert "T-03:27:29" in row_text(screen.timeline, "launch")
        assert screen.header.mode_text == "T-/T+ from Soyuz MS-19 docks at Rassvet"
        await pilot.press("r")  # again on the anchor: back to the mission's reference
        assert screen.anchor_event.id == "launch"


async def _type(pilot: object, text: str) -> None:
    for character in text:
        await pilot.press(character)  # type: ignore[attr-defined]


async def _hits(app: MissionTimelineApp, pilot: object, query: str) -> set[str]:
    await pilot.press("slash")  # type: ignore[attr-defined]
    await _type(pilot, query)
    await pilot.press("enter")  # type: ignore[attr-defined]
    assert app.main_screen.search is not None and app.main_screen.search.query == query
    found: list[str] = []
    for _ in range(len(app.main_screen.mission.events) + 1):
        assert app.main_screen.selected is not None
        if app.main_screen.selected.id in found:
            break
        found.append(app.main_screen.selected.id)
        await pilot.press("n")  # type: ignore[attr-defined]
    await pilot.press("escape")  # type: ignore[attr-defined]
    assert app.main_screen.search is None
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
        screen = app.main_screen
        await pilot.press("slash")
        assert screen.query_bar.display and screen.query_bar.kind == "search"
        await _type(pilot, "Prich")
        assert screen.search is not None and screen.search.query == "Prich"
        assert screen.selected is not None and "Prichal" in screen.selected.title
        assert HIT_MARK in row_text(screen.timeline, screen.selected.id)
        assert "Prich" in screen.header.search_text
        await _type(pilot, "zzz")
        assert "No event matches" in screen.query_bar.error
        await pilot.press("escape")  # cancels the search in progress
        assert screen.search is None and not screen.query_bar.display
        assert isinstance(app.focused, Timeline)


async def test_next_and_previous_hit_keys(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        assert screen.check_action("next_hit", ()) is False
        await pilot.press("slash")
        await _type(pilot, "lands")
        await pilot.press("enter")
        assert screen.check_action("next_hit", ()) is True
        first = screen.selected
        await pilot.press("n")
        second = screen.selected
        assert second is not first
        await pilot.press("N")
        assert screen.selected is first


async def test_filter_by_kind_and_clear_with_escape(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("f")
        assert screen.query_bar.kind == "filter"
        await _type(pilot, "kind:docking")
        await pilot.press("enter")
        assert screen.event_filter is not None and screen.event_filter.text == "kind:docking"
        shown = screen.timeline.shown_events
        assert shown and all(event.kind.value == "docking" for event in shown)
        assert "kind:docking" in screen.header.filter_text
        assert screen.selected is not None and screen.selected.kind.value == "docking"
        await pilot.press("escape")
        assert screen.event_filter is None
        assert len(screen.timeline.shown_events) == len(screen.mission.events)
        assert screen.header.filter_text == ""


async def test_filter_by_person_in_dutch(app: MissionTimelineApp, mission: Mission) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await _type(pilot, "person:sjkaplerov kind:landing")
        await pilot.press("enter")
        assert [event.id for event in app.main_screen.timeline.shown_events] == ["ms19-landing"]


async def test_bad_filter_shows_a_message_not_a_traceback(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("f")
        await _type(pilot, "kind:nonsense")
        await pilot.press("enter")
        assert screen.event_filter is None
        assert screen.query_bar.display
        assert "no kind matches 'nonsense'" in screen.query_bar.error
        await pilot.press("ctrl+a", "ctrl+k")
        await _type(pilot, "bogus")
        await pilot.press("enter")
        assert "cannot read 'bogus'" in screen.query_bar.error
        await pilot.press("escape")
        assert not screen.query_bar.display and screen.event_filter is None


async def test_c_focuses_the_crew_and_selects_a_person(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        assert screen.person is None
        await pilot.press("c")
        assert isinstance(app.focused, CrewList)
        assert screen.person is not None and screen.person.id == "shkaplerov"
        await pilot.press("j")
        assert screen.person.id == "peresild"
        facts = screen.crew.describe().plain
        for text in ("Юлия Пересильд", "Joelia Peressild", "Age at launch: 37", "Soyuz MS-18"):
            assert text in facts
        assert "aboard Soyuz MS-19" in facts  # at the selected event, the launch
        assert screen.header.person_text == "Yulia Peresild"
        assert PERSON_MARK in row_text(screen.timeline, "launch")
        await pilot.press("k")
        assert screen.person.id == "shkaplerov"


async def test_crew_facts_follow_the_selected_event(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("c", "j")  # Peresild
        screen.timeline.select_event("hatch-open")
        await pilot.pause()
        facts = screen.crew.describe().plain
        assert "Where at the selected event: aboard International Space Station" in facts
        assert "as of the selected event: 6h 05m at" in facts
        screen.timeline.select_event("ms18-landing")
        await pilot.pause()
        facts = screen.crew.describe().plain
        assert "Where at the selected event: on the ground" in facts
        assert "Time in space, this mission: 11d 19h 40m (about 12 days)" in facts


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
        assert app.main_screen.zone == "Asia/Tokyo"


async def test_palette_goes_to_an_event(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("ctrl+p")
        await _type(pilot, "go to: Prichal docks")
        await palette_shows(pilot, "Prichal docks")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected is not None and screen.selected.id == "prichal-docking"


async def test_zone_picker_rejects_an_unknown_zone(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.action_pick_zone()
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
        assert screen.zone == "America/Sao_Paulo"


async def test_escape_is_hidden_when_there_is_nothing_to_clear(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE):
        screen = app.main_screen
        assert screen.check_action("clear", ()) is False
        screen.apply_filter("kind:launch")
        assert screen.check_action("clear", ()) is True


async def test_enter_on_a_search_without_hits_drops_it(app: MissionTimelineApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("slash")
        await _type(pilot, "qqqq")
        await pilot.press("enter")
        assert screen.search is None and not screen.query_bar.display
        assert screen.check_action("next_hit", ()) is False


@pytest.mark.parametrize(
    ("typed", "check"),
    [
        ("view: flight day", lambda app: app.main_screen.mode is TimeMode.FLIGHT_DAY),
        ("filter: kind landing", lambda app: app.main_screen.event_filter.text == "kind:landing"),
        (
            "filter: person Yulia Peresild",
            lambda app: app.main_screen.event_filter.text == "person:peresild",
        ),
        ("theme: nord", lambda app: app.theme == "nord"),
        ("zone: Baikonur", lambda app: app.main_screen.zone == "Asia/Qyzylorda"),
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
