"""Measure 3: key press to the next frame, on the large mission against the bundled one: the
list's keys and the screen's (zone, time mode), and the time-axis view's keys (next and
previous event, zoom, pan, fit, lanes)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from .common import Result

# Each plan: (where to start, key): the key is timed, the start is set up before it. Each
# key from where it has something to do: down the list from its top, up from its end.
KEY_PLANS = (
    ("top", "down"),
    ("top", "pagedown"),
    ("top", "end"),
    ("top", "right_square_bracket"),
    ("top", "z"),
    ("top", "t"),
    ("end", "up"),
    ("end", "pageup"),
    ("end", "home"),
    ("end", "left_square_bracket"),
    ("end", "z"),
    ("end", "t"),
    ("top", "n"),
    ("end", "n"),
)
AXIS_KEYS = ("plus", "minus", "shift+left", "shift+right", "0", "p")
AXIS_PLANS = (
    ("top", "right"),
    *(("top", key) for key in AXIS_KEYS),
    ("top", "down"),
    ("end", "left"),
    *(("end", key) for key in AXIS_KEYS),
    ("end", "up"),
)
"""The time-axis view's keys, each from the first and from the last event, the view zoomed in
`AXIS_ZOOMS` steps around it (so that both zooms, both pans and the fits do something): the
next or previous event, zoom, pan, fit all, fit the phase, and the lanes moved down or up."""
AXIS_ZOOMS = 8
KEY_NAMES = {
    "right_square_bracket": "] (next phase)",
    "left_square_bracket": "[ (previous phase)",
    "z": "z (next zone)",
    "t": "t (next time mode)",
    "n": "n (search next)",
}
AXIS_NAMES = {
    "right": "right (axis next event)",
    "left": "left (axis previous event)",
    "plus": "+ (axis zoom in)",
    "minus": "- (axis zoom out)",
    "shift+left": "shift+left (axis pan)",
    "shift+right": "shift+right (axis pan)",
    "0": "0 (axis fit all)",
    "p": "p (axis fit phase)",
    "down": "down (axis lanes)",
    "up": "up (axis lanes)",
}
"""`n` jumps to the next hit of the search set before the plans run (see `_key_times`); the
axis keys act on the time-axis view (see `_axis_times`)."""


def keys(path: Path, label: str, repeats: int) -> list[Result]:
    """Key press to the next frame, from the app's own frame hook, small vs large mission."""
    try:
        from tui.app import make_app
    except ImportError as error:
        return [Result("key to frame", "ms", [], note=f"not available on this branch: {error}")]
    from data.opening import load_bundled, load_mission
    from tui.config import Config

    def app(mission: Any) -> Any:
        """The app with the default settings, remembering nothing (`z` changes the zone)."""
        return make_app(mission, config=Config(), save_settings=False)

    small = load_bundled()
    large = load_mission(path)
    results: list[Result] = []
    small_times = asyncio.run(_key_times(app(small), repeats, _search_query(small)))
    large_times = asyncio.run(_key_times(app(large), repeats, _search_query(large)))
    small_axis = asyncio.run(_axis_times(app(small), repeats))
    large_axis = asyncio.run(_axis_times(app(large), repeats))
    plans = [(plan, KEY_NAMES, small_times, large_times) for plan in KEY_PLANS]
    plans += [(plan, AXIS_NAMES, small_axis, large_axis) for plan in AXIS_PLANS]
    for plan, names, small_found, large_found in plans:
        where, key = plan
        key = names.get(key, key)
        values = large_found.get(plan, [])
        baseline = small_found.get(plan, [])
        if not values:
            results.append(Result(f"key {key} at the {where}", "ms", [], note="no frame"))
            continue
        p99 = _percentile(values, 99)
        note = f"p99 {p99:.1f} ms"
        if plan[1] == "n":
            note += f"; searching {_search_query(large)!r}, bundled {_search_query(small)!r}"
        results.append(
            Result(
                f"key {key} at the {where}, {label} events",
                "ms",
                values,
                "bundled mission",
                baseline or None,
                "median <= 16 ms, p99 <= 33 ms",
                note=note,
            )
        )
    return results


def _search_query(mission: Any) -> str:
    """What "search next" searches for: the surname of the mission's first person, so each
    `n` jumps to the next event naming them (in any spelling)."""
    return str(mission.people[0].name.split()[-1]) if mission.people else "a"


async def _key_times(app: Any, repeats: int, query: str) -> dict[tuple[str, str], list[float]]:
    """Time each plan's key from dispatch to the frame the app paints after it.

    The search for `n` is set once, as typing it after `/` would: the main screen's `search`
    holds it."""
    frames = _hook_frames(app)
    times: dict[tuple[str, str], list[float]] = {}
    async with app.run_test(size=(100, 40)) as pilot:
        from data.query.search import EventSearch

        screen = app.main_screen
        screen.search = EventSearch(screen.mission, query)
        await pilot.pause()
        for _ in range(repeats):
            for where, key in KEY_PLANS:
                await pilot.press("home" if where == "top" else "end")
                await pilot.pause()
                elapsed = await _time_key(pilot, frames, key)
                if elapsed is not None:
                    times.setdefault((where, key), []).append(elapsed)
    return times


async def _axis_times(app: Any, repeats: int) -> dict[tuple[str, str], list[float]]:
    """Time each of the time-axis view's plans: the view on (`v`) and its lanes worked out,
    the cursor on the first or the last event, the view zoomed `AXIS_ZOOMS` steps around
    it, then the key."""
    frames = _hook_frames(app)
    times: dict[tuple[str, str], list[float]] = {}
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.main_screen
        await pilot.press("v")
        axis = screen.axis
        for _ in range(200):  # the view takes the focus after its first frame
            if axis.has_focus:
                break
            await pilot.pause(0.01)
        # A large mission's lanes are worked out once, in a thread (seconds for a million
        # events): the keys are timed once they are there, as they are from then on.
        axis.lanes  # noqa: B018  (asks for them)
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(repeats):
            for where, key in AXIS_PLANS:
                screen.timeline.select_position(0 if where == "top" else len(axis.shown) - 1)
                await pilot.pause()
                axis.action_fit_all()
                for _ in range(AXIS_ZOOMS):
                    axis.action_zoom_in()
                await pilot.pause()
                elapsed = await _time_key(pilot, frames, key)
                if elapsed is not None:
                    times.setdefault((where, key), []).append(elapsed)
    return times


def _hook_frames(app: Any) -> list[float]:
    """The times of the frames the app paints from now on (a list that grows).

    The hook is the app's `_display`, which Textual calls with each rendered update of the
    screen (headless too: the frame is composed, only the terminal write is skipped)."""
    frames: list[float] = []
    display = app._display

    def hooked(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    app._display = hooked
    # Smooth scrolling would make the frame after a key the first of an animation.
    app.animation_level = "none"
    return frames


async def _time_key(pilot: Any, frames: list[float], key: str) -> float | None:
    """Milliseconds from pressing `key` to the next frame (None: no frame came)."""
    seen = len(frames)
    started = time.perf_counter()
    await pilot.press(key)
    for _ in range(20):
        if len(frames) > seen:
            break
        await pilot.pause(0.005)
    return (frames[seen] - started) * 1000 if len(frames) > seen else None


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]
