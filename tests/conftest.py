"""Deterministic surroundings for every test (STYLE.md 14).

- the config folder is a fresh temporary folder (`MISSION_TIMELINE_CONFIG_DIR`), and so is
  the cache folder (`MISSION_TIMELINE_CACHE_DIR`);
- `TZ` and pendulum's local zone are Europe/Amsterdam, so "local" is the same everywhere;
- "now" is frozen at 2026-01-15 12:00 UTC;
- `NO_COLOR` is unset unless a test sets it;
- the interface speaks English, whatever the machine's locale, and again after every test;
  a test asks for Dutch with the `in_dutch` fixture (or `data.i18n.use("nl")` in a child);
- text inputs do not blink;
- Hypothesis has no deadline per example: timing is never a test assertion, and a busy
  machine must not fail a property that holds.

`async def` tests (Textual's `App.run_test`) run in a fresh event loop each, through the small
hook below, so no asyncio plugin is needed.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import os
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from hypothesis import settings

from data.i18n import use

settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

LOCAL_ZONE = "Europe/Amsterdam"
FROZEN_NOW = pendulum.datetime(2026, 1, 15, 12, 0, 0, tz="UTC")


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("MISSION_TIMELINE_CONFIG_DIR", str(folder))
    # A large mission's cache of columns (data.load.large.cache) stays with the test too.
    monkeypatch.setenv("MISSION_TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    return folder


@pytest.fixture(autouse=True)
def fixed_zone_and_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", LOCAL_ZONE)
    monkeypatch.delenv("NO_COLOR", raising=False)
    pendulum.set_local_timezone(pendulum.timezone(LOCAL_ZONE))
    # pendulum's own time travel needs the optional time-machine package; nothing here reads
    # the clock except through pendulum.now, so freezing that is enough.
    monkeypatch.setattr(
        pendulum, "now", lambda tz=None: FROZEN_NOW if tz is None else FROZEN_NOW.in_timezone(tz)
    )
    try:
        yield
    finally:
        pendulum.set_local_timezone()


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """English, in this process and in the commands a test starts: the locale's variables
    that would choose a language are neutral (`C.UTF-8`), and the language is English again
    after the test (a command run in the process may have switched it)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    use("en")
    yield
    use("en")


@pytest.fixture
def in_dutch(english_by_default: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The interface in Dutch for the test (in this process, and in the commands it runs,
    through the locale), English again afterwards."""
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    use("nl")
    yield
    use("en")


@pytest.fixture(autouse=True)
def unfrozen_afterwards() -> Iterator[None]:
    """The app freezes what is alive once a mission is shown (`gc.freeze`); a test's app is
    garbage when the test ends, so let the collector have it back."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        from tui.app import MissionTimelineApp
    except ImportError:  # the TUI is not installed in this environment
        return
    monkeypatch.setattr(MissionTimelineApp, "CURSOR_BLINK", False)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers per core. A Pilot test waits for the app to go idle after each key
    (Textual sleeps at least 20 ms each time), so one worker per core leaves the cores idle
    about half the time; two keep them busy (the TUI tests: 88 s with 2 workers, 64-81 s with
    4 on this 2-core machine)."""
    return 2 * (os.cpu_count() or 1)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True
