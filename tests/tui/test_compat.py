"""tui.compat: its patches of Textual hold only for the release they were written for, the pin
in pyproject.toml names them, and the work-around of the palette crash found under load."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

from rich.style import Style
from textual import events
from textual.command import CommandList, CommandPalette

from data.model import Mission
from tui.app import make_app
from tui.compat import PATCHES, WRITTEN_FOR

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"


def test_textual_is_the_release_the_patches_were_written_for() -> None:
    installed = importlib.metadata.version("textual")
    patches = "\n".join(f"  {name}: {bug}" for name, bug in PATCHES.items())
    assert installed.startswith(f"{WRITTEN_FOR}."), (
        f"Textual {installed} is installed, but tui/compat.py replaces these methods of "
        f"Textual {WRITTEN_FOR} to work around its bugs:\n{patches}\n"
        "Check each against the installed release (drop those it fixed, adapt the rest), "
        "then update WRITTEN_FOR and the pin in pyproject.toml."
    )


def test_the_pin_is_the_release_and_names_every_patch() -> None:
    text = PYPROJECT.read_text(encoding="utf-8")
    dependencies = tomllib.loads(text)["project"]["dependencies"]
    pin = next(spec for spec in dependencies if spec.startswith("textual"))
    assert pin.startswith(f"textual>={WRITTEN_FOR}.")
    lines = text.splitlines()
    at = lines.index(f'    "{pin}",')
    comments = []
    for line in reversed(lines[:at]):
        if not line.strip().startswith("#"):
            break
        comments.append(line)
    comment = " ".join(comments)
    missing = [name for name in PATCHES if name not in comment]
    assert not missing, f"the comment on the Textual pin does not name {missing}"


async def test_a_click_on_a_palette_option_that_is_gone(mission: Mission) -> None:
    """In Textual 8.2, a click on the palette's list while its options changed (search
    results arriving) could carry the index of an option no longer there: IndexError in
    `OptionList._on_click` took the app down (monkey seed 10). The click does nothing."""
    app = make_app(mission, save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(CommandList)
        for _ in range(200):
            if options.option_count:
                break
            await pilot.pause(0.01)
        count = options.option_count
        assert count > 0, "the palette never listed its commands"
        await pilot.pause()
        x, y = options.region.offset

        def click_on(option: int) -> events.Click:
            """A click on the list's first line, drawn when it showed option `option`."""
            style = Style(meta={"option": option})
            return events.Click(options, 1, 0, 0, 0, 1, False, False, False, x + 1, y, style)

        options.post_message(click_on(count + 5))  # drawn when the list was longer
        await pilot.pause()
        assert app.is_running
        assert app.screen is palette and options.option_count == count
        options.post_message(click_on(0))  # an option still there is chosen as ever
        await pilot.pause()
        assert app.is_running
        assert app.screen is not palette
