"""The help screen: the palette's "Keys and help" (typed `keys` or `help`) opens it (never
Textual's key panel), escape and ? close it; it groups the keys by where they work; and the
README lists every key it lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import HelpPanel

from tui.app import MissionTimelineApp
from tui.app_keys import KEY_GROUPS
from tui.screens.export_dialog import ExportDialog
from tui.screens.help import HelpScreen

from .waiting import palette_options, palette_shows, until

SIZE = (120, 40)


@pytest.mark.parametrize(("typed", "close"), [("keys", "escape"), ("help", "question_mark")])
async def test_the_palettes_keys_opens_the_apps_help(
    app: MissionTimelineApp, typed: str, close: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *typed)
        await palette_shows(pilot, "Keys and help")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        assert not app.query(HelpPanel) and not app.main_screen.query(HelpPanel)
        text = app.screen.describe().plain
        assert all(f"[{row.id}]" in text for row in app.key_rows())
        await pilot.press(close)
        await until(pilot, lambda: app.screen is app.main_screen, f"{close} closes the help")


async def test_no_keys_command_over_a_dialog(app: MissionTimelineApp) -> None:
    """Help never opens over a dialog, so the palette opened there does not offer it."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+p", *"quit")
        await palette_shows(pilot, "Quit")
        await pilot.press(*["backspace"] * 4, *"keys")
        await app.workers.wait_for_complete()
        await until(
            pilot,
            lambda: not any(option.startswith("Quit") for option in palette_options(pilot)),
            "the palette's search for 'keys' done",
        )
        assert not any(option.startswith("Keys") for option in palette_options(pilot))


async def test_help_groups_the_keys_by_where_they_work(app: MissionTimelineApp) -> None:
    """A key bound in two places (`up, k`: the timeline and the crew pane; `escape`: the
    screen and the search input) is explained once in each place's section, under its
    heading; the sections are the app's groups of key owners, in their order."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        lines = help_screen.describe().plain.split("\n")
        headings = [title for title, _ in KEY_GROUPS]
        assert [line for line in lines if line in headings] == headings
        section = ""
        sections: dict[str, list[str]] = {}
        for line in lines[: lines.index("Row markers (never colour alone)")]:
            if line in headings:
                section = line
            elif "[" in line:
                sections.setdefault(section, []).append(line)
        assert any(
            line.startswith("up, k ") and "[cursor-up]" in line for line in sections["Timeline"]
        )
        assert any(
            line.startswith("up, k ") and "[crew-up]" in line for line in sections["Crew pane"]
        )
        assert any(
            line.startswith("escape ") and "[clear]" in line for line in sections["Everywhere"]
        )
        input_keys = sections["Search and filter input"]
        assert any(line.startswith("escape ") and "[query-cancel]" in line for line in input_keys)
        for section_lines in sections.values():
            keys = [line.split("  ")[0] for line in section_lines if not line.startswith(" ")]
            assert len(keys) == len(set(keys)), f"a key twice in one section: {keys}"


def test_the_readme_lists_every_key(app: MissionTimelineApp) -> None:
    """The README's keys (written by hand, in tables under "## Keys") name every binding id
    the help screen lists, so a key added to the app is not missing from the README."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    keys = readme.split("\n## Keys\n", 1)[1].split("\n## ", 1)[0]
    missing = [row.id for row in app.key_rows() if f"`{row.id}`" not in keys]
    assert not missing, f"binding ids not in the README's keys: {missing}"
