"""The first frame of the bundled mission imports only what it needs (issues 6 and 17:
start-up).

The JSON Lines reader (`data.load.jsonl`) is imported by the loader of a JSON Lines mission,
never for a small TOML one. The bundled mission comes checked (`data.bundled`, decoded by
msgspec): the loader, the schema, the importers and the TOML parser are not imported for it.
Exports, dialogs, the palette's commands, the other subcommands, pendulum, the time-axis
view (its widgets, drawing and scale: mounted when first shown), the filters' parser and
what a running mission clock shows wait until they are used.
Checked in a fresh process that runs the app headless up to its first frame (and, for the
large-mission modules, a search).
"""

import subprocess
import sys

LARGE_ONLY = (
    "data.load.jsonl",
    "data.load.jsonl_decode",
    "data.load.jsonl_bulk",
    "data.times.bulk_instants",
    "data.load.large",
    "pyarrow",
    "numpy",
)
LATER = (
    "pendulum",
    "icalendar",
    "importlib.resources",
    "hashlib",
    "data.export",
    "data.files.writing",
    "data.facts.person",
    "tui.widgets.load_progress",
    "tui.commands",
    "tui.screens.help",
    "tui.screens.export_dialog",
    "tui.screens.open_dialog",
    "tui.screens.zone_picker",
    "tui.screens.error_dialog",
    "data.opening",
    "data.load.document",
    "data.load.schema",
    "data.load.convert",
    "data.imports",
    "tomllib",
    "calendar",
    "tui.cli.check",
    "tui.cli.export",
    "tui.cli.import_",
    "tui.cli.schema",
    "tui.cli.serve",
    "tui.widgets.time_axis",
    "tui.widgets.time_axis_rows",
    "tui.widgets.time_axis_lanes",
    "tui.widgets.time_axis_scale",
    "tui.widgets.time_axis_shown",
    "tui.widgets.overview_ruler",
    "data.axis.markers",
    "data.axis.scale",
    "data.clock.facts",
    "data.query.filters",
    "textual.widgets._label",
    "tui.screens.too_small",
)

_FIRST_FRAME = """
import asyncio, sys
import tui.cli
from data.bundled import load_bundled
from tui.app import make_app

async def main():
    keys = sys.argv[1].split()
    app = make_app(load_bundled(), save_settings=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
    print(",".join(name for name in sys.argv[2:] if name in sys.modules))

asyncio.run(main())
"""


_PATTERNS_COMPILED = _FIRST_FRAME.replace(
    'print(",".join(name for name in sys.argv[2:] if name in sys.modules))',
    """from data import sanitize
    from data.times import bulk, display, parse
    on_use = (
        sanitize._unsafe, parse._duration_pattern, bulk._plain, bulk._zoned_time,
        display.clock_texts,
    )
    print(",".join(f.__qualname__ for f in on_use if f.cache_info().currsize))""",
)
"""The first frame, then which patterns and tables made on first use it made."""

_DATACLASSES = _FIRST_FRAME.replace(
    'print(",".join(name for name in sys.argv[2:] if name in sys.modules))',
    """import dataclasses
    ours = [m for name, m in list(sys.modules.items()) if name.split(".")[0] in ("data", "tui")]
    print(",".join(sorted(
        f"{kind.__module__}.{kind.__qualname__}" for module in ours
        for kind in vars(module).values()
        if isinstance(kind, type) and dataclasses.is_dataclass(kind)
        and kind.__module__ == module.__name__
    )))""",
)
"""The first frame, then the project's dataclasses it imported."""


_BUILD_CONFIGURATION = _FIRST_FRAME.replace(
    'print(",".join(name for name in sys.argv[2:] if name in sys.modules))',
    """import os
    read = [name for name in sys.modules if name.startswith("_sysconfigdata")]
    print(",".join([*read, *(["PYTHONTZPATH"] if "PYTHONTZPATH" in os.environ else [])]))""",
)
"""The first frame, then whether the build configuration was read and PYTHONTZPATH is set."""


def _imported_after(keys: str, modules: tuple[str, ...], script: str = _FIRST_FRAME) -> list[str]:
    """Which of `modules` a fresh app process has imported after its first frame and `keys`
    (or what else `script` prints)."""
    result = subprocess.run(
        [sys.executable, "-c", script, keys, *modules],
        capture_output=True,
        text=True,
        check=True,
        env={"TEXTUAL": "", "PATH": "", "HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent"},
    )
    return [name for name in result.stdout.strip().split(",") if name]


_NO_ARGUMENTS = """
import sys
from tui.cli import main

code = main([])  # standard output is a pipe: the command stops before the app runs
print(",".join(name for name in sys.argv[2:] if name in sys.modules), file=sys.stdout)
"""
"""The app command with no arguments, up to the app, then which of the modules it imported."""


def test_the_app_without_arguments_parses_none() -> None:
    """Neither `--lang` looked for nor the parser made: argparse is not imported (about 11M
    instructions with its parser). With arguments it is."""
    assert _imported_after("", ("argparse", "data.bundled"), _NO_ARGUMENTS) == ["data.bundled"]
    with_one = _NO_ARGUMENTS.replace("main([])", "main(['--live'])")
    assert _imported_after("", ("argparse",), with_one) == ["argparse"]


def test_first_frame_of_a_small_mission_leaves_the_large_mission_modules_alone() -> None:
    assert _imported_after("slash p e r enter n", LARGE_ONLY) == []


def test_first_frame_imports_no_export_dialog_palette_or_pendulum() -> None:
    assert _imported_after("", LATER) == []


def test_the_deferred_modules_are_imported_once_used() -> None:
    """The check above can fail: these keys import what the first frame left out."""
    imported = _imported_after("question_mark escape e escape v escape f k escape space", LATER)
    assert {
        "data.export",
        "tui.screens.help",
        "tui.screens.export_dialog",
        "tui.widgets.time_axis",
        "data.axis.scale",
        "data.query.filters",
        "data.clock.facts",
        "textual.widgets._label",
    } <= set(imported)


def test_the_first_screen_compiles_no_pattern_it_does_not_use() -> None:
    """Unsafe characters (the bundled mission's texts are printable), durations and the
    loader's whole-text time forms: about 7M instructions of compiling otherwise."""
    assert _imported_after("", (), _PATTERNS_COMPILED) == []


def test_zoneinfo_is_imported_without_the_build_configuration() -> None:
    """zoneinfo's default search path comes from the interpreter's build configuration
    (about 5M instructions), and the zone data from tzdata's folder only: it is imported with
    an empty PYTHONTZPATH, which is unset again once it is imported."""
    assert _imported_after("", (), _BUILD_CONFIGURATION) == []


def test_a_small_terminals_first_frame_waits_for_the_crew_list() -> None:
    """At 80x24 one pane shows at a time: the crew pane's list and facts, and the list's
    widget class, wait until `c` shows the pane."""
    crew = ("tui.widgets.crew_list",)
    small = _FIRST_FRAME.replace("size=(100, 40)", "size=(80, 24)")
    assert _imported_after("", crew, small) == []
    assert _imported_after("c", crew, small) == list(crew)


def test_the_first_screen_makes_no_clock_table() -> None:
    """The relative times' `HH:MM` and `:SS` texts (1,500 strings, about 8M instructions)
    wait for the first relative time: the first screen shows absolute ones. (The check
    above lists the table once made; `t`, the time mode, makes it.)"""
    assert "clock_texts" not in _imported_after("", (), _PATTERNS_COMPILED)
    assert "clock_texts" in _imported_after("t", (), _PATTERNS_COMPILED)


def test_the_first_screen_makes_no_dataclass() -> None:
    """Python 3.11 compiles a dataclass's generated methods as its module is imported (a
    frozen one with slots cost ~3M instructions): start-up's values are msgspec Structs, made
    in C."""
    assert _imported_after("", (), _DATACLASSES) == []


def test_zone_data_comes_from_tzdata_alone() -> None:
    """Imported so, zoneinfo searches tzdata's folder and no folder of the OS."""
    import zoneinfo
    from pathlib import Path

    import tzdata

    import data.times.parse  # noqa: F401  (sets the search path)

    searched = zoneinfo.TZPATH
    assert searched == (str(Path(tzdata.__file__).parent / "zoneinfo"),)
