"""The header's state line at 120, 100 and 80 columns: what shrinks first (issue 12, item 5),
in English and in Dutch, whose words are longer.

The explanation of the "as stated" zone goes first, whole; then the anchor's title gives up
its room, then the zone's name; a filter's count of events and the search's count of hits
stay whole: the crew member goes first, then the filter and the search shrink, then the
labels go. In Dutch the crew member goes at 120 columns already, as at 100 in English.
"""

from __future__ import annotations

from data.facts.derived import TimeMode
from data.facts.names import person_name
from data.i18n import _, ngettext
from data.times.display import STATED
from tui.app import MissionTimelineApp
from tui.zones import friendly_name

from .screen_text import screen_lines
from .waiting import keys_done, until


async def _busy_header(app: MissionTimelineApp, size: tuple[int, int]) -> str:
    """The state line with a long zone, T-/T+ mode, a filter, a search and a crew member."""
    async with app.run_test(size=size) as pilot:
        screen = app.main_screen
        screen.zone = "America/New_York"
        screen.mode = TimeMode.T_MINUS
        await pilot.press("f", *"person:vande", "enter")
        await pilot.press("slash", *"soyuz", "enter")
        await pilot.press("c", "j")
        await pilot.pause()
        assert screen.person is not None and screen.search is not None
        assert screen.event_filter is not None
        shown = len(screen.timeline.shown_events)
        line = screen_lines(app)[1]
        assert f" ({_events(shown)})" in line or size[0] == 80  # (80: anything may be cut)
        assert " s" in line  # the search keeps its start
        zone = friendly_name("America/New_York")
        assert f" {zone[:2]}" in line  # the zone keeps the start of its name
        return line


def _events(count: int) -> str:
    return ngettext("{count} event", "{count} events", count).format(count=count)


def _hits(number: int, total: int) -> str:
    """`hit 1 of 3` in the language in use (the data layer's words)."""
    return _("hit {number} of {total}").format(number=number, total=total)


async def test_120_columns_keep_the_counts_and_cut_the_anchor_first(
    speaking: str, app: MissionTimelineApp
) -> None:
    line = await _busy_header(app, (120, 40))
    person = app.main_screen.person
    assert person is not None
    assert f"{_('filter')} person:vande (" in line, line
    assert f"{_('search')} soyuz ({_hits(1, 9)})" in line, line  # the count is never cut
    mode = _("T-/T+ from {title}").split("{title}")[0].strip()
    assert "Launch of Soyuz MS-19" not in line and mode in line, line
    if speaking == "en":  # Dutch words are longer: the crew member goes first
        assert f"{_('crew')} {person_name(person).split()[0]}" in line, line


async def test_100_columns_keep_both_counts_and_let_the_crew_member_go(
    speaking: str, app: MissionTimelineApp
) -> None:
    line = await _busy_header(app, (100, 30))
    assert f"({_hits(1, 9)})" in line, line
    assert f"{_('crew')} " not in line  # the crew pane still shows who
    assert "…" in line  # the zone's name and the anchor's title gave up room first


async def test_80_columns_cut_what_does_not_fit(speaking: str, app: MissionTimelineApp) -> None:
    line = await _busy_header(app, (80, 24))
    assert "…" in line


async def _as_stated_header(app: MissionTimelineApp, size: tuple[int, int]) -> str:
    """The state line in the "as stated" zone, T-/T+ from the launch."""
    async with app.run_test(size=size) as pilot:
        screen = app.main_screen
        screen.zone = STATED
        screen.mode = TimeMode.T_MINUS
        await until(pilot, lambda: "T-/T+" in screen_lines(app)[1], "the T-/T+ mode shown")
        return screen_lines(app)[1]


async def test_80_columns_drop_the_as_stated_explanation_before_the_time_mode(
    speaking: str, app: MissionTimelineApp
) -> None:
    """The explanation of "as stated" goes whole before the time mode gives up a cell (it
    was kept whole like a count, and the time mode was cut to "T-/T+ from La…")."""
    line = await _as_stated_header(app, (80, 24))
    assert _as_stated() in line and _from_launch() in line, line
    assert _("each event in the zone its source used") not in line and "…" not in line


async def test_120_columns_keep_the_as_stated_explanation(
    speaking: str, app: MissionTimelineApp
) -> None:
    line = await _as_stated_header(app, (120, 40))
    assert f"{_as_stated()} ({_('each event in the zone its source used')})" in line, line
    assert _from_launch() in line, line


def _as_stated() -> str:
    return f"{_('zone')} {friendly_name(STATED)}"


def _from_launch() -> str:
    return f"{_('time')} " + _("T-/T+ from {title}").format(title="Launch of Soyuz MS-19")


async def test_80_columns_keep_both_counts_of_a_filter_and_a_search(
    speaking: str, app: MissionTimelineApp
) -> None:
    """With a filter and a search at 80 columns their texts shrink further rather than lose a
    count to the line's ellipsis (the search's "(hit 1 of 3)" was cut to "(hit 1 o…")."""
    hits = f"({_hits(1, 3)})"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", *"kind:docking", "enter", "slash", *"soyuz", "enter")
        await keys_done(pilot)
        await until(pilot, lambda: hits in screen_lines(app)[1], "the search's hits shown")
        line = screen_lines(app)[1]
        assert "UTC" in line and _("absolute") in line, line
        assert f"({_events(4)})" in line, line
