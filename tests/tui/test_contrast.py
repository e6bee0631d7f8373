"""Every character of text on screen is readable: at least 4.5:1 against its own background
(WCAG 2 AA). The main screen, the help screen and the export dialog are looked at in every
theme; the palette, the other dialogs and other states of the main screen in a few themes
that differ most (each look costs a restyle and renders of the whole screen).

The colours are those of the rendered segments, what the terminal is sent, after Textual has
blended every transparent colour. The colours of the `ansi-*` themes are resolved with the
palette Textual itself renders them with (`App.ansi_theme`); a reversed segment swaps its
colours; dim text is taken half way to its background (as Textual's `DimFilter` draws it).

Exempt, and only these:
- box-drawing and block characters (U+2500-U+259F): pane and dialog borders, scrollbars and
  the rules of the phase lines (`──`) are lines, not text; every one of them sits next to text
  that is checked (a border's title, a phase's name), and no meaning rests on them alone;
- colour emoji (from U+1F000, the palette's 🔎): the terminal draws them in their own colours;
- the screen beneath a dialog or the palette, where it shows through: an inert backdrop
  (WCAG exempts inactive components). It is where no widget of the screen on top draws.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass

import pytest
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import TerminalTheme
from textual.color import Color
from textual.command import CommandInput, CommandPalette
from textual.pilot import Pilot
from textual.strip import Strip

import tui.theme
from data.model import Mission
from tui.app import MissionTimelineApp, make_app
from tui.config import Config
from tui.theme import HOUSE_THEME, MISSION_TIMELINE_THEME, contrast_ratio, readable

from .waiting import palette_shows, settled, until

MINIMUM = 4.5
"""WCAG 2 AA for text of normal size."""


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A segment of text whose colours are too close."""

    x: int
    y: int
    text: str
    color: Color
    background: Color

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.color, self.background)


def _is_text(character: str) -> bool:
    """Whether a character is text to read (not a space, a line, a block or an emoji)."""
    code = ord(character)
    return not character.isspace() and not 0x2500 <= code <= 0x259F and code < 0x1F000


def _colors(style: Style, palette: TerminalTheme) -> tuple[Color, Color]:
    """The colours a segment shows in: text, background."""
    color = (
        palette.foreground_color
        if style.color is None
        else style.color.get_truecolor(palette, foreground=True)
    )
    background = (
        palette.background_color
        if style.bgcolor is None
        else style.bgcolor.get_truecolor(palette, foreground=False)
    )
    text, back = Color(*color), Color(*background)
    if style.reverse:
        text, back = back, text
    if style.dim:
        text = back.blend(text, 0.5)
    return text, back


def unreadable(
    strips: Iterable[Strip],
    palette: TerminalTheme,
    backdrop: Callable[[int, int], bool] = lambda x, y: False,
) -> list[Unreadable]:
    """Every segment holding text whose contrast is under the minimum, but for those that
    start where `backdrop(x, y)` says the screen beneath shows through."""
    found = []
    for y, strip in enumerate(strips):
        x = 0
        for segment in strip:
            text, style, control = segment
            if (
                not control
                and any(_is_text(character) for character in text)
                and not backdrop(x, y)
            ):
                color, background = _colors(style or Style(), palette)
                if contrast_ratio(color, background) < MINIMUM:
                    found.append(Unreadable(x, y, text.strip(), color, background))
            x += segment.cell_length
    return found


def describe(app: MissionTimelineApp, problems: list[Unreadable]) -> str:
    """One line per widget and pair of colours, the worst first."""
    seen: dict[tuple[str, str, str], Unreadable] = {}
    for problem in sorted(problems, key=lambda p: p.ratio):
        widget, _ = app.screen.get_widget_at(problem.x, problem.y)
        where = f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__
        seen.setdefault((where, problem.color.hex, problem.background.hex), problem)
    return "\n".join(
        f"  {p.ratio:5.2f}  {where:<28} {p.color.hex} on {p.background.hex}  {p.text[:30]!r}"
        for (where, _, _), p in seen.items()
    )


# ----------------------------------------------------------------- the scenes


async def _timeline(pilot: Pilot[None]) -> None:
    """A search hit, a chosen person and the cursor on a planned-only event next to disputed
    ones, the timeline focused."""
    await pilot.press("slash", *"Sjkaplerov", "enter", "c", "j")
    await settled(pilot)
    screen = pilot.app.main_screen  # type: ignore[attr-defined]
    screen.go_to_event("ms18-deorbit")
    screen.timeline.focus()


async def _time_axis(pilot: Pilot[None]) -> None:
    """The time-axis view on the docking's phase (bars with labels, markers with titles,
    counts, ticks), focused, and the overview ruler with its visible part."""
    await pilot.press("v")
    await settled(pilot)
    pilot.app.main_screen.timeline.select_event("docking")  # type: ignore[attr-defined]
    await settled(pilot)
    await pilot.press("p")


async def _crew(pilot: Pilot[None]) -> None:
    """The same, with the crew pane focused (the timeline's cursor unfocused)."""
    await pilot.press("slash", *"Sjkaplerov", "enter", "c", "j")


async def _filter_error(pilot: Pilot[None]) -> None:
    await pilot.press("f", *"bogus:1", "enter")


async def _notifications(pilot: Pilot[None]) -> None:
    for severity in ("information", "warning", "error"):
        pilot.app.notify(
            f"A {severity} for the user", title=severity.title(), severity=severity, markup=False
        )


async def _help(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")


async def _export(pilot: Pilot[None]) -> None:
    await pilot.press("e")


async def _error(pilot: Pilot[None]) -> None:
    from tui.screens.error_dialog import ErrorDialog

    pilot.app.push_screen(ErrorDialog("Cannot open this mission file", "x.toml: line 3: bad"))


async def _open(pilot: Pilot[None]) -> None:
    await pilot.press("o")


async def _zone_picker(pilot: Pilot[None]) -> None:
    pilot.app.main_screen.action_pick_zone()  # type: ignore[attr-defined]


async def _palette(pilot: Pilot[None]) -> None:
    """The palette listing the zone commands (typed in one go: a key at a time, in each of
    the themes, would take a minute)."""
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")
    pilot.app.screen.query_one(CommandInput).value = "zone"
    await palette_shows(pilot, "zone:")


async def _nothing(pilot: Pilot[None]) -> None:
    """The screen as it opens (at a size too small, the notice that says so)."""


Play = Callable[[Pilot[None]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Scene:
    """What to do before looking, at which terminal size, in which themes."""

    play: Play
    size: tuple[int, int] = (120, 40)
    on_top: bool = False
    """Whether it opens a screen on top (help, a dialog, the palette): that screen is opened
    anew in each theme, as a user opens it; the main screen changes theme as it stands."""
    every_theme: bool = False
    """Whether it is looked at in every theme, or in `FEW_THEMES` only."""


SCENES: dict[str, Scene] = {
    "timeline": Scene(_timeline, every_theme=True),
    "help": Scene(_help, on_top=True, every_theme=True),
    "export-dialog": Scene(_export, on_top=True, every_theme=True),
    "timeline-80x24": Scene(_timeline, (80, 24)),
    "time-axis": Scene(_time_axis),
    "time-axis-80x24": Scene(_time_axis, (80, 24)),
    "crew": Scene(_crew),
    "filter-error": Scene(_filter_error),
    "notifications": Scene(_notifications),
    "too-small": Scene(_nothing, (70, 15)),
    "error-dialog": Scene(_error, on_top=True),
    "open-dialog": Scene(_open, on_top=True),
    "zone-picker": Scene(_zone_picker, on_top=True),
    "palette": Scene(_palette, on_top=True),
}

FEW_THEMES = (HOUSE_THEME, "textual-light", "catppuccin-latte", "ansi-dark")
"""The dark house theme, Textual's light one, the light theme where white text on its panels
was hardest to read (1.22:1, issue 12), and one drawn in the terminal's ANSI colours."""


def themes_for(scene: Scene, app: MissionTimelineApp) -> list[str]:
    """The house theme then every built-in theme, or `FEW_THEMES`, as the scene asks."""
    if not scene.every_theme:
        assert set(FEW_THEMES) <= set(app.available_themes)
        return list(FEW_THEMES)
    themes = [HOUSE_THEME, *sorted(set(app.available_themes) - {HOUSE_THEME})]
    assert len(themes) > 20, "every built-in theme, and the house theme"
    return themes


async def _in_theme(pilot: Pilot[None], scene: Scene, theme: str) -> None:
    """Switch to `theme`, and show the scene's screen on top again if it has one."""
    app = pilot.app
    if scene.on_top:
        while len(app.screen_stack) > 1:
            app.pop_screen()
    app.theme = theme
    await settled(pilot)
    if scene.on_top:
        await scene.play(pilot)
        await settled(pilot)


@pytest.mark.parametrize("name", list(SCENES))
async def test_every_text_is_readable(mission: Mission, name: str) -> None:
    scene = SCENES[name]
    app = make_app(mission, config=Config(), save_settings=False)
    report: list[str] = []
    async with app.run_test(size=scene.size) as pilot:
        await settled(pilot)
        if not scene.on_top:
            await scene.play(pilot)
        for theme in themes_for(scene, app):
            await _in_theme(pilot, scene, theme)
            screen = app.screen
            problems = unreadable(
                screen._compositor.render_strips(),
                app.ansi_theme,
                lambda x, y, screen=screen: screen.get_widget_at(x, y)[0] is screen,
            )
            if problems:
                report.append(f"{theme}:\n{describe(app, problems)}")
    assert not report, f"text under {MINIMUM}:1 in the {name} scene:\n" + "\n".join(report)


# ----------------------------------------------------------------- the check itself


def test_the_contrast_ratio_is_wcag_s() -> None:
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    assert contrast_ratio(black, white) == pytest.approx(21)
    assert contrast_ratio(white, white) == pytest.approx(1)
    # WCAG's own examples: #767676 is the lightest grey readable on white, #777777 is not.
    assert contrast_ratio(Color.parse("#767676"), white) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(Color.parse("#777777"), white) < MINIMUM


def test_the_check_finds_unreadable_text_and_skips_what_is_exempt() -> None:
    from textual._ansi_theme import MONOKAI

    grey_on_white = Style(color="#777777", bgcolor="#ffffff")
    strip = Strip(
        [
            Segment("╭──", grey_on_white),  # a border: exempt
            Segment("   ", grey_on_white),  # spaces: exempt
            Segment("text", grey_on_white),
            Segment("ok", Style(color="#000000", bgcolor="#ffffff")),
            Segment("reversed", Style(color="#ffffff", bgcolor="#000000", reverse=True)),
            Segment("dim", Style(color="#000000", bgcolor="#ffffff", dim=True)),
            Segment("default", Style(color="default", bgcolor="default")),
            Segment("🔎", Style(color="#000000", bgcolor="#000000")),  # emoji: exempt
            Segment("beneath", grey_on_white),
        ]
    )
    found = unreadable([strip], MONOKAI, lambda x, y: x >= 32)
    # Dim black on white is drawn grey (#7F7F7F, 3.9:1).
    assert [(problem.text, problem.x) for problem in found] == [("text", 6), ("dim", 20)]
    assert found[1].color.hex == "#7F7F7F"


def test_colours_already_readable_are_left_as_they_are(mission: Mission) -> None:
    """`readable` moves only what falls short: run again on its own result, it changes
    nothing; and the house theme, readable by design, loses none of its own colours."""
    app = make_app(mission, config=Config(), save_settings=False)
    for theme in sorted(app.available_themes):
        app.theme = theme
        variables = app.get_css_variables()
        assert readable(variables, app.ansi_theme) == variables, theme
    app.theme = HOUSE_THEME
    house = {**MISSION_TIMELINE_THEME.variables, "foreground": "#DCE3EA"}
    variables = app.get_css_variables()
    assert {name: variables[name] for name in house} == house


def test_a_readable_colour_is_kept_without_working_out_others(
    mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The candidates are made one at a time: in themes whose text colours read well, no
    colour is worked out past the first that does (making them all up front cost start-up
    ~25M instructions), down to the last resorts, never reached."""
    app = make_app(mission, config=Config(), save_settings=False)

    def unreached(variables: object) -> Iterator[str]:
        raise AssertionError("the last resorts were worked out")
        yield ""  # a generator, as the function it stands for

    for theme in sorted(app.available_themes):
        app.theme = theme
        variables = app.get_css_variables()
        with monkeypatch.context() as patched:
            patched.setattr(tui.theme, "_last_resorts", unreached)
            assert readable(variables, app.ansi_theme) == variables, theme
