"""Nothing the app shows is left untranslated: under a pseudo-translation that marks every
translated word (`⟪…⟫`, tests/tui/pseudo.py), each scene of the app (the main screen, every
event's detail, every person in the crew pane, help, the export, open and zone dialogs,
search, filter, the time-axis view, the clock, an error, the palette, the too-small notice)
shows no run of text that is neither marked nor the mission's own text, a time, a key's name
or a number."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from data.model import Mission
from data.times.dates import month_names
from tui.app import MissionTimelineApp, make_app
from tui.config import Config
from tui.screens.error_dialog import ErrorDialog
from tui.screens.export_dialog import ExportDialog
from tui.screens.help import HelpScreen
from tui.screens.open_dialog import OpenDialog
from tui.screens.zone_picker import ZonePicker
from tui.widgets.crew_pane import CrewPane
from tui.widgets.fitted_text import FittedText

from .pseudo import LANGUAGE, OPEN, mission_texts, plain_words, pseudo_translated, unmarked
from .screen_text import screen_lines
from .waiting import keys_done, palette_options, settled, until

Scene = Callable[[MissionTimelineApp, Pilot[None]], Awaitable[list[str]]]
"""A visit to one part of the app, returning the lines it showed."""


def _lines(app: MissionTimelineApp) -> list[str]:
    return screen_lines(app)


async def _main(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    return _lines(app)


async def _every_event(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    """The detail pane of each event, in T-/T+ mode (its relative time shown too), in
    Brussels time (a zone line of its own)."""
    screen = app.main_screen
    screen.set_zone("Europe/Brussels")
    await pilot.press("t")
    lines: list[str] = []
    for event in screen.mission.events:
        screen.go_to_event(event.id)
        await pilot.pause()
        lines += [line.plain for line in screen.detail.describe().split()]
    return lines + _lines(app)


async def _every_person(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    screen = app.main_screen
    screen.go_to_event("hatch-open")
    await pilot.press("c")
    lines: list[str] = []
    crew = screen.query_one(CrewPane)
    for _person in screen.mission.people:
        await pilot.press("j")
        await keys_done(pilot)
        lines += [line.plain for line in crew.describe().split()]
    return lines + _lines(app)


async def _help(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    await pilot.press("question_mark")
    await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
    await settled(pilot)
    whole = app.screen.query_one(FittedText).describe(100)
    return [line.plain for line in whole.split()] + _lines(app)


async def _export_dialog(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    """The dialog as it opens, then asking whether to replace a file that exists."""
    await pilot.press("e")
    await until(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
    await settled(pilot)
    lines = _lines(app)
    await pilot.press("enter")
    await until(pilot, lambda: app.screen.query_one("#replace").display, "the Replace button")
    await settled(pilot)
    return lines + _lines(app)


async def _open_dialog(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    """The dialog, its answer to an empty path, then the error dialog for a missing file."""
    await pilot.press("o")
    await until(pilot, lambda: isinstance(app.screen, OpenDialog), "the open dialog")
    await pilot.press("enter")
    await settled(pilot)
    lines = _lines(app)
    await pilot.press(*"missing.toml", "enter")
    await until(pilot, lambda: isinstance(app.screen, ErrorDialog), "the error dialog")
    await settled(pilot)
    return lines + _lines(app)


async def _zone_picker(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    app.main_screen.action_pick_zone()
    await until(pilot, lambda: isinstance(app.screen, ZonePicker), "the zone picker")
    await pilot.press(*"tok")
    await until(pilot, lambda: "Asia/Tokyo" in " ".join(_lines(app)), "a city completed")
    return _lines(app)


async def _after_each(
    app: MissionTimelineApp, pilot: Pilot[None], *steps: Sequence[str]
) -> list[str]:
    """The lines shown after each step's keys."""
    lines: list[str] = []
    for keys in steps:
        await pilot.press(*keys)
        await keys_done(pilot)
        await settled(pilot)
        lines += _lines(app)
    return lines


async def _search(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    """A search as it is typed (its placeholder first), kept, then one that finds nothing."""
    return await _after_each(app, pilot, ["slash"], [*"Sjkaplerov", "enter"], ["slash", *"zzzz"])


async def _filter(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    """The filter's placeholder, a filter applied, then one refused."""
    applied, refused = [*"kind:docking", "enter"], ["f", "ctrl+u", *"phase:nowhere", "enter"]
    return await _after_each(app, pilot, ["f"], applied, refused)


async def _time_axis(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    await pilot.press("v")
    await settled(pilot)
    return _lines(app)


async def _clock(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    """The mission clock playing from the launch, then paused."""
    app.main_screen.go_to_event("launch")
    await pilot.press("space", "greater_than_sign")
    await keys_done(pilot)
    await until(pilot, lambda: app.main_screen.clock is not None, "the clock running")
    await settled(pilot)
    lines = _lines(app)
    await pilot.press("space")
    await keys_done(pilot)
    await settled(pilot)
    return lines + _lines(app)


async def _palette(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    """The palette's commands: those it offers unasked, then Textual's own and the help."""
    await pilot.press("ctrl+p")
    await until(pilot, lambda: bool(palette_options(pilot)), "the palette's commands")
    await app.workers.wait_for_complete()
    await settled(pilot)
    lines = _lines(app) + palette_options(pilot)
    for typed in ("e", "s", "k"):  # the,me quit; screenshot, search; keys, maximize
        await pilot.press("ctrl+u", typed)
        await app.workers.wait_for_complete()
        await settled(pilot)
        lines += palette_options(pilot)
    return lines


async def _too_small(app: MissionTimelineApp, pilot: Pilot[None]) -> list[str]:
    await pilot.resize_terminal(50, 12)
    await settled(pilot)
    return _lines(app)


SCENES: dict[str, Scene] = {
    "main": _main,
    "every-event": _every_event,
    "every-person": _every_person,
    "help": _help,
    "export-dialog": _export_dialog,
    "open-and-error-dialogs": _open_dialog,
    "zone-picker": _zone_picker,
    "search": _search,
    "filter": _filter,
    "time-axis": _time_axis,
    "clock": _clock,
    "palette": _palette,
    "too-small": _too_small,
}


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("scene", list(SCENES))
async def test_every_word_shown_is_translated(
    mission: Mission,
    scene: str,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / f"{mission.info.id}.txt").write_text("there already\n", encoding="utf-8")
    pseudo_translated(monkeypatch)
    app = make_app(mission, config=Config(), save_settings=False)
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        shown = await SCENES[scene](app, pilot)
        words = _plain_words(app, mission)
    assert any(OPEN in line for line in shown), "the pseudo-translation is shown"
    left = unmarked(shown, [*mission_texts(mission), *TYPED], words)
    assert not left, f"shown untranslated: {left}"


FOOTER_AND_DIALOG_KEYS = ("^p", "esc", "enter", "tab", "space", "ctrl+r")
"""Keys as the footer and the export dialog's last line name them."""
TYPED = ("Sjkaplerov", "Sjkaplerovzzzz", "tok", "missing.toml")
"""What the scenes type (searched, completed, opened): shown as typed."""


def _plain_words(app: MissionTimelineApp, mission: Mission) -> set[str]:
    """The words the app shows that need no translation (`pseudo.plain_words`): every
    key's name, the binding ids the help shows, the themes, what the scenes type."""
    rows = app.key_rows()
    keys = [key for row in rows for key in row.keys.split(", ")]
    # pendulum writes the months (`Jul 2020`): its English where a language is new to it
    months = month_names(LANGUAGE).values()
    others = [*(row.id for row in rows), *app.available_themes, *TYPED, *months]
    return plain_words(mission, keys=[*keys, *FOOTER_AND_DIALOG_KEYS], others=others)


async def test_a_typed_value_is_what_the_check_reads(
    mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check finds an English word the app shows untranslated: here one typed into an
    input, which nothing translates."""
    pseudo_translated(monkeypatch)
    app = make_app(mission, config=Config(), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Untranslated words")
        await keys_done(pilot)
        await settled(pilot)
        assert app.main_screen.query_one("#query-input", Input).value == "Untranslated words"
        shown = _lines(app)
        words = _plain_words(app, mission)
    left = unmarked(shown, mission_texts(mission), words)
    assert left, "the typed words are found"
    # the hit count's bracket beside the value is punctuation
    assert {run.removeprefix("/ ").rstrip(" (") for run in left} == {"Untranslated words"}, left
