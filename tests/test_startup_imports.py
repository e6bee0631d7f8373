"""The first frame of the bundled mission imports only what it needs (issue 6: start-up).

The large-mission machinery (`data.store`, `data.whens`, `data.fastload`, msgspec) is
imported by the loader of a JSON Lines mission, never for a small TOML one; search and
filters tell a store apart without importing its module. Checked in a fresh process that
runs the app headless up to its first frame.
"""

import subprocess
import sys

from data.search import _SEPARATOR
from data.store import TextColumn

LARGE_ONLY = ("data.store", "data.whens", "data.fastload", "msgspec")

_FIRST_FRAME = """
import asyncio, sys
from data.loader import load_bundled
from tui.app import make_app

async def main():
    app = make_app(load_bundled(), save_settings=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "p", "e", "r", "enter", "n")
        await pilot.pause()
    print(",".join(name for name in sys.argv[1:] if name in sys.modules))

asyncio.run(main())
"""


def test_first_frame_of_a_small_mission_leaves_the_large_mission_modules_alone() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _FIRST_FRAME, *LARGE_ONLY],
        capture_output=True,
        text=True,
        check=True,
        env={"TEXTUAL": "", "PATH": "", "HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent"},
    )
    assert result.stdout.strip() == ""


def test_search_separator_is_the_store_separator() -> None:
    assert _SEPARATOR == TextColumn.SEPARATOR
