"""tui.compat: its patches of Textual hold only for the release they were written for, the pin
in pyproject.toml names them, the work-around of the palette crash found under load, the
input thread that ends as soon as input is disabled, the frames drawn inside a batch, and the
style caches that go with their widgets."""

from __future__ import annotations

import asyncio
import gc
import importlib.metadata
import os
import select
import selectors
import signal
import subprocess
import sys
import threading
import tomllib
import tty
import weakref
from pathlib import Path
from typing import cast

import pytest
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.drivers._writer_thread import WriterThread
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

import tui.compat
from data.model import Mission
from tui.app import make_app
from tui.compat import PATCHES, WRITTEN_FOR

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"


def test_textual_is_the_release_the_patches_were_written_for() -> None:
    installed = importlib.metadata.version("textual")
    patches = "\n".join(f"  {name}: {bug}" for name, bug in PATCHES.items())
    assert installed.startswith(f"{WRITTEN_FOR}."), (
        f"Textual {installed} is installed, but tui/compat/ replaces these methods of "
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


HANG = 10.0
"""Seconds after which a wait that should end at once is taken for a hang (never a timing
assertion: on the fixed path it ends as soon as the thread sees the wake-up)."""


class _DriverApp:
    """What a `LinuxDriver` asks of its app: where its keys go, where its input thread's
    crash is reported."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.crashes: list[object] = []

    async def _post_message(self, message: object) -> bool:
        if isinstance(message, events.Key):
            self.keys.append(message.key)
        return True

    def call_later(self, *args: object) -> None:
        self.crashes.append(args)


class _EndlessWaits:
    """Every `select` of a `SelectSelector` lasts until one of its descriptors is ready, as
    on a machine so busy that 0.1 s never passes, until `release` ends them all."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._released, self._release = os.pipe()
        self.released = False
        real, released = select.select, self._released

        def until_ready(
            selector: selectors.SelectSelector,
            r: list[int],
            w: list[int],
            x: list[int],
            timeout: float | None = None,
        ) -> tuple[list[int], list[int], list[int]]:
            readable, writable, errors = real([*r, released], w, x)
            return [fd for fd in readable if fd != released], writable, errors

        monkeypatch.setattr(selectors.SelectSelector, "_select", until_ready)

    def release(self) -> None:
        self.released = True
        os.write(self._release, b"!")

    def close(self) -> None:
        os.close(self._released)
        os.close(self._release)


async def test_input_ends_at_once_when_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual 8.2's input thread waited up to 0.1 s for a key before it looked at its exit
    event, and 0.1 s more on nothing after it: every quit waited for both. With no wait ever
    timing out, a key typed still arrives, and disabling input (as every quit does) ends the
    thread at once instead of waiting for a timeout."""
    waits = _EndlessWaits(monkeypatch)
    master, slave = os.openpty()
    tty.setraw(slave)  # as the app's terminal is: a key is read as it is typed
    terminal = os.fdopen(slave, "r", closefd=False)
    monkeypatch.setattr(sys, "__stdin__", terminal)
    # The driver sets these handlers (and disabling input, SIGWINCH's): put back after.
    signals = (signal.SIGTSTP, signal.SIGCONT, signal.SIGWINCH)
    handlers = {number: signal.getsignal(number) for number in signals}
    app = _DriverApp()
    driver = LinuxDriver(cast(App[object], app))
    output = Path(os.devnull).open("w")  # noqa: SIM115 (closed below, after the writer thread)
    driver._writer_thread = WriterThread(output)
    driver._writer_thread.start()
    thread = driver._key_thread = threading.Thread(target=driver._run_input_thread)
    thread.start()
    hang = threading.Timer(HANG, waits.release)
    try:
        os.write(master, b"x")
        for _ in range(int(HANG / 0.01)):
            if app.keys:
                break
            await asyncio.sleep(0.01)
        hang.start()
        driver.disable_input()
        disabled_at_once = not waits.released
    finally:
        hang.cancel()
        waits.release()
        thread.join()
        driver.close()
        output.close()
        terminal.close()
        os.close(slave)
        os.close(master)
        waits.close()
        for number, handler in handlers.items():
            signal.signal(number, handler)
    assert app.keys == ["x"]
    assert disabled_at_once, "disabling input waited for the input thread's select to time out"
    assert not app.crashes


def test_a_strip_taken_whole_is_no_reference_cycle() -> None:
    """Cropped or divided to its own length, a strip is returned as it is, never cached in
    itself: it is freed when dropped, not left to the cyclic collector (Textual 8.2 left
    every frame's strips to it: 6-22 ms full collections after a key). Watched by a weak
    reference, not by what a collection finds: another test's thread may leave garbage."""

    class Watched(Strip):
        """A strip that a weak reference can watch."""

    gc.disable()
    try:
        strip = Watched([Segment("abc")])
        assert strip.crop_extend(0, 3, None) is strip
        assert list(strip.divide([3])) == [strip]
        watched = weakref.ref(strip)
        del strip
        assert watched() is None
    finally:
        gc.enable()


Written = list[tuple[object, object, int]]
"""Each frame `App._display` (Textual's) was given: its screen, its renderable and how many
batches were open then (Textual writes nothing while one is)."""


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> Written:
    """What reaches Textual's own `App._display` from the patched one, as it is called."""
    frames: Written = []
    display = tui.compat.drawing._display

    def recording(app: App[object], screen: Screen[object], renderable: object) -> None:
        frames.append((screen, renderable, app._batch_count))
        display(app, screen, renderable)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.compat.drawing, "_display", recording)
    return frames


async def test_the_first_screen_is_written_once_the_start_up_batch_ends(
    mission: Mission, written: Written
) -> None:
    """The app's first frame is drawn while Textual's start-up batch is open (the app waits for
    its main screen there). Textual 8.2 dropped it and wrote nothing until a later change;
    it is written, whole, as soon as the batch ends."""
    app = make_app(mission, save_settings=False)
    async with app.run_test(size=(80, 24)):
        whole = [
            batches
            for screen, renderable, batches in written
            if screen is app.main_screen and isinstance(renderable, LayoutUpdate)
        ]
        assert whole, "no frame of the whole screen was written"
        assert whole[0] == 0, "the first frame was written inside a batch (and dropped)"


async def test_frames_drawn_inside_a_batch_are_written_in_order_after_it(
    mission: Mission, written: Written
) -> None:
    app = make_app(mission, save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen, elsewhere = app.screen, Screen[None]()
        whole = LayoutUpdate([], Region(0, 0, 80, 24))
        written.clear()
        with app.batch_update():
            app._display(screen, "covered by the whole screen")
            app._display(screen, whole)
            app._display(screen, "a change after it")
            app._display(elsewhere, "a screen not shown")
            assert written == []
        assert written == [(screen, whole, 0), (screen, "a change after it", 0)]


_STYLE_CACHES_LEFT = """
import asyncio, gc, weakref
from data.bundled import load_bundled
from tui.app import make_app

async def drawn() -> list:
    app = make_app(load_bundled(), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return [weakref.ref(w._styles_cache) for w in app.screen.walk_children(with_self=True)]

caches = asyncio.run(drawn())
gc.unfreeze()  # (the app froze what was alive once its mission was shown)
gc.collect()
print(len(caches), sum(cache() is not None for cache in caches))
"""


def test_a_widget_gone_leaves_no_style_cache_behind() -> None:
    """In Textual 8.2, `StylesCache.get_inner_outer` was cached with each widget's style
    cache in its key, so up to 1,024 widgets' caches, with every line they drew, stayed
    alive after the widgets were gone. They go with their app (in a process of its own:
    nothing else there keeps the app)."""
    done = subprocess.run(
        [sys.executable, "-c", _STYLE_CACHES_LEFT], capture_output=True, text=True, check=True
    )
    drawn, left = map(int, done.stdout.split())
    assert drawn > 5 and left == 0
