"""The app stays up under a seeded monkey: random keys, clicks and resizes on the hostile
mission, ending with q answered (issue 5), under CPU contention (issue 11).

Each seed runs in a child process under time limits (tests/tui/child_process.py): a hang fails
that seed with a stack dump and its last actions. pytest-xdist spreads the seeds over the
workers. Each child runs pinned to one CPU beside a busy loop the test starts and stops
(`busy_cpu`), so every run of the suite drives the app on a busy machine, where the monkey
found crashes an idle machine never showed. Reproduce one by hand with
`PYTHONPATH=. python -m tests.tui.test_monkey monkey SEED 300`; under contention, start
`taskset -c 0 python -c 'while 1: pass' &` first and add `60 0` (the CPU limit, the CPU).
"""

from __future__ import annotations

import asyncio
import random
import string
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.binding import Binding
from textual.widgets import Input, OptionList, Select

from data.opening import load_mission
from tui.app import MissionTimelineApp, make_app
from tui.screens.error_dialog import ErrorDialog
from tui.screens.export_dialog import ExportDialog
from tui.screens.help import HelpScreen
from tui.screens.open_dialog import OpenDialog
from tui.screens.zone_picker import ZonePicker
from tui.widgets.crew_list import CrewList
from tui.widgets.query_bar import QueryBar
from tui.widgets.time_axis import TimeAxis
from tui.widgets.timeline import Timeline

from .child_process import Scenario, child_main, run_child
from .contention import busy_cpu
from .hostile import HOSTILE
from .terminal import click, key, quit_with_q, resize
from .waiting import keys_done

SEEDS = range(20)
ACTIONS = 500
SETTLE_EVERY = 50
"""The monkey lets the app catch up (a full pause) after this many actions."""
TINY_SIZES = [(1, 1), (2, 1), (1, 2), (10, 3), (59, 15), (60, 16)]
"""A fifth of the resizes go to one of these; the rest anywhere up to 300x100."""


def _keys() -> list[str]:
    """Every key the app, its widgets, its dialogs and Textual's app bind (q, ctrl+q, ctrl+c,
    the palette's ctrl+p among them), plus letters, digits and editing keys."""
    owners: list[type[object]] = [
        App,
        MissionTimelineApp,
        Timeline,
        TimeAxis,
        CrewList,
        QueryBar,
        HelpScreen,
        ExportDialog,
        OpenDialog,
        ZonePicker,
        ErrorDialog,
        Input,
        Select,
        OptionList,
    ]
    keys: set[str] = set()
    for owner in owners:
        for binding in getattr(owner, "BINDINGS", []):
            if isinstance(binding, Binding):
                keys.update(name.strip() for name in binding.key.split(","))
    keys.update(string.ascii_letters + string.digits)
    keys.update(["enter", "escape", "backspace", "delete", "space", "left", "right", "home", "end"])
    keys.update(["tab", "shift+tab", "pageup", "pagedown", "f1", "full_stop", "minus"])
    return sorted(keys)


KEYS = _keys()


def _act(app: App[None], rng: random.Random) -> str:
    """One random action, posted to the app as a terminal would send it; says what it was."""
    roll = rng.random()
    if roll < 0.8:
        return key(app, rng.choice(KEYS))
    if roll < 0.95:  # a click anywhere: footer keys, dialog buttons and the palette's too
        width, height = app.size
        return click(app, rng.randrange(max(1, width)), rng.randrange(max(1, height)))
    if rng.random() < 0.2:
        width, height = rng.choice(TINY_SIZES)
    else:
        width, height = rng.randint(1, 300), rng.randint(1, 100)
    resize(app, width, height)
    return f"resize {width}x{height}"


async def monkey(argument: str) -> None:
    """Seed `argument`: random keys, clicks and resizes on the hostile mission, then q."""
    seed = int(argument)
    rng = random.Random(seed)
    app = make_app(load_mission(HOSTILE), save_settings=False)

    async def note_quit() -> None:
        """q, ctrl+q, a click on the footer's q or the palette's Quit: noted, not done, so
        the run goes on to its last action (quitting is tested at the end)."""
        print("(quit asked, ignored until the end)", flush=True)

    app.action_quit = note_quit  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        for number in range(1, ACTIONS + 1):
            print(number, _act(app, rng), flush=True)  # the last lines say where a hang began
            await asyncio.sleep(0)
            if number % SETTLE_EVERY == 0:
                await pilot.pause()
                assert app.is_running, f"seed {seed}: the app stopped after {number} actions"
        await keys_done(pilot)  # keys are handled one at a time: a burst can still be going
        del app.action_quit  # the app's own again
        await quit_with_q(app, pilot)


SCENARIOS: dict[str, Scenario] = {"monkey": monkey}


@pytest.fixture(scope="module")
def contended_cpu() -> Iterator[int | None]:
    """The CPU a busy loop keeps busy while this worker runs its seeds (None: not pinned)."""
    with busy_cpu() as hog:
        yield hog.cpu


@pytest.mark.parametrize("seed", SEEDS)
def test_monkey(seed: int, tmp_path: Path, contended_cpu: int | None) -> None:
    """500 random keys (every binding, the dialogs' keys), clicks and resizes (tiny ones too)
    with the hostile mission loaded, sharing a CPU with a busy loop: no exception, no hang,
    and q still quits cleanly."""
    run = run_child(__spec__.name, "monkey", str(seed), tmp_path, cpu=contended_cpu)
    if run.failure is not None:
        pytest.fail(run.failure, pytrace=False)
    assert f"\n{ACTIONS} " in run.output  # it got to the last action


if __name__ == "__main__":
    sys.exit(child_main(SCENARIOS, sys.argv[1:]))
