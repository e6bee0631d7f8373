"""Run an app until its first frame is painted, then write the time and exit.

    python bench/frame_probe.py REPORT_FILE [--stay] bare
    python bench/frame_probe.py REPORT_FILE [--stay] app [MISSION]
    python bench/frame_probe.py REPORT_FILE app-loaded MISSION

The parent (bench/run.py) reads `time.monotonic_ns()` just before it starts this process;
Linux's monotonic clock is shared by all processes, so the difference between that and the
time written here is process start (interpreter start-up and every import included) to the
first frame. Nothing is imported here before the app's own entry point runs: the probe's
hooks go into `textual.app` as soon as the app imports it (`_once_imported`), and the app
starts from its command's entry point (`tui.entry`, which turns the cyclic garbage
collector off before anything of the app is imported), so it starts as its command does.

The first frame: Textual calls `App._ready()` once the app is mounted and its first screen
composed, just before it starts processing messages; from there `call_after_refresh` runs
its callback after the next refresh of the screen, that is once the first frame has been
rendered and written to the terminal. The probe wraps `_ready` to schedule that callback,
which writes the time and exits the app. The app runs on a real pseudo-terminal (given by
the parent) so the full write path is timed.

With `--stay` the app goes on after its first frame (the parent reads the screen until it
settles, then ends the process), and the probe also writes, for every frame the app hands to
its terminal (Textual's `App._display`), the time and the CPU time the process has used so
far (`time.process_time_ns`), a line each, to REPORT_FILE.frames.

`app-loaded` waits instead for a large mission to be fully loaded and shown: from `_ready`
it looks every 10 ms whether the app has stopped loading and its timeline shows the whole
mission (`timeline.mission is mission` on the main screen, which holds only once the widgets have
been rebuilt for it), then writes the time after the next refresh, as above.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any


def _once_imported(name: str, then: Callable[[ModuleType], None]) -> None:
    """Call `then` with the module `name` as soon as it has been imported (before the import
    returns), without importing it here, nor anything else (`importlib.abc`, say, would
    import `importlib.resources` for both apps, which neither does): a finder first on
    `sys.meta_path` asks the finders after it, and runs `then` after the module's code."""

    class Finder:
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            for finder in sys.meta_path:
                spec = finder.find_spec(fullname, path, target)
                if spec is not None:
                    break
            else:
                return None
            run = spec.loader.exec_module

            def run_then(module: ModuleType) -> None:
                run(module)
                then(module)

            spec.loader.exec_module = run_then
            return spec

    sys.meta_path.insert(0, Finder())


def _install(textual_app: ModuleType, report: Path, *, loaded: bool, stay: bool) -> None:
    """Wrap `App._ready` (and `App._display`, with `stay`) in `textual_app`, just imported."""
    app_class = textual_app.App
    original = app_class._ready

    async def ready(self: Any) -> None:
        await original(self)

        def painted() -> None:
            report.write_text(str(time.monotonic_ns()))
            if not stay:
                self.exit()

        if not loaded:
            self.call_after_refresh(painted)
            return

        def look() -> None:
            from textual.css.query import NoMatches

            app: Any = self
            try:
                screen = app.main_screen
                done = screen.reading is None and screen.timeline.mission is screen.mission
            except NoMatches:  # the widgets are being rebuilt
                done = False
            if done:
                timer.stop()
                self.call_after_refresh(painted)

        timer = self.set_interval(0.01, look)

    app_class._ready = ready
    if stay:
        _log_frames(app_class, report.with_suffix(".frames"))


def _log_frames(app_class: Any, log: Path) -> None:
    """Write `monotonic_ns process_time_ns` to `log` for every frame the app displays."""
    original = app_class._display
    out = log.open("a", encoding="ascii")

    def display(self: Any, screen: Any, renderable: Any) -> None:
        original(self, screen, renderable)
        if renderable is not None:
            out.write(f"{time.monotonic_ns()} {time.process_time_ns()}\n")
            out.flush()

    app_class._display = display


def main() -> int:
    report, *arguments = sys.argv[1:]
    stay = arguments[0] == "--stay"
    target, *rest = arguments[stay:]
    loaded = target == "app-loaded"

    def install(textual_app: ModuleType) -> None:
        _install(textual_app, Path(report), loaded=loaded, stay=stay)

    _once_imported("textual.app", install)
    if target == "bare":
        sys.path.insert(0, str(Path(__file__).parent))
        from bare_app import main as bare_main

        return bare_main()
    from tui.entry import main as app_main

    return app_main(rest)


if __name__ == "__main__":
    raise SystemExit(main())
