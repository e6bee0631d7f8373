"""The text export: aligned columns, nothing cut, independent of the terminal.

The checks of columns read an export too wide to wrap (`UNWRAPPED`); tests/export/
test_wrap.py checks the wrapping."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from data.export import export, make_options
from data.export.options import COLUMNS
from data.model import Mission

ZONES = ["Europe/Brussels", "stated"]
UNWRAPPED = COLUMNS.stop - 1
"""The widest the text may be: rows and the crew table on one line each."""


def to_text(mission: Mission, **options: object) -> str:
    out = io.StringIO(newline="")
    export(mission, "text", make_options(mission, **options), out)  # type: ignore[arg-type]
    return out.getvalue()


def event_lines(text: str, mission: Mission) -> list[str]:
    """The main line of each event (the one that ends with its title and notes)."""
    timeline = text.split("\nCrew\n")[0]
    return [line for line in timeline.splitlines() if line[:4].isdigit() or line[:1] == "~"]


def test_columns_are_aligned(bundled: Mission) -> None:
    text = to_text(bundled, zones=ZONES, relative_to="launch", columns=UNWRAPPED)
    header = next(line for line in text.splitlines() if line.startswith("Europe/Brussels"))
    starts = [header.index("as stated"), header.index("T-/T+ launch"), header.index("event")]
    lines = event_lines(text, bundled)
    assert len(lines) == len(bundled.events)
    for line in lines:
        for start in starts:
            assert line[start - 2 : start] == "  ", line
            assert line[start] != " ", line


def test_precise_times_with_abbreviations_and_offsets(bundled: Mission) -> None:
    text = to_text(bundled, zones=["Europe/Brussels", "America/New_York"])
    assert "2021-10-05 10:55:02.442 CEST (+02:00)  2021-10-05 04:55:02.442 EDT (-04:00)" in text
    # Fact sheet check 4: the MS-19 landing is 13:28 CEST in Brussels.
    assert "2022-03-30 13:28 CEST (+02:00)" in text
    # Check 3: Prichal docking in winter time.
    assert "2021-11-26 16:19:39 CET (+01:00)" in text


def test_nothing_is_cut_and_the_terminal_does_not_matter(demo: Mission) -> None:
    """Long fields are written whole, and COLUMNS or a tty width changes nothing."""
    outputs = set()
    for columns in ("20", "300"):
        env = {**os.environ, "COLUMNS": columns, "LINES": "5"}
        result = subprocess.run(
            [sys.executable, "-m", "tui", "export", "tests/export/fixtures/demo.toml"],
            capture_output=True,
            env=env,
            check=True,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    text = outputs.pop().decode()
    assert "Docking | manual @ 70 m [1]" in text
    assert max(len(line) for line in text.splitlines()) > 80


def test_relative_modes(demo: Mission) -> None:
    assert "T+03:27:29" in to_text(demo, relative_to="launch")
    met = to_text(demo, relative_to="launch", mode="met")
    assert "000/03:27:29" in met and "MET launch" in met
    assert "FD1" in to_text(demo, mode="flight-day")


def test_crew_section_and_numbered_sources(bundled: Mission) -> None:
    text = to_text(bundled, columns=UNWRAPPED)
    crew = text.split("\nCrew\n----\n")[1].split("\nSources\n")[0]
    shkaplerov = next(line for line in crew.splitlines() if line.startswith("Anton Shkaplerov"))
    assert "Soyuz MS-19" in shkaplerov
    # Fact sheet check 12 and 15: 176 d 2 h 33 m this mission, 709 d 8 h 04 m in all.
    assert "176d 02h 33m (about 176 days)" in shkaplerov
    assert "before 533d 05h 31m, after 709d 08h 04m" in shkaplerov
    assert shkaplerov.split()[2] == "49"  # check 17: age at launch
    peresild = next(line for line in crew.splitlines() if line.startswith("Yulia Peresild"))
    assert "Soyuz MS-19" in peresild and "Soyuz MS-18" in peresild
    # Check 13: known to the minute at landing, 11 d 19 h 40 m; NASA said "12 days".
    assert "11d 19h 40m (about 12 days)" in peresild
    mordovina = next(line for line in crew.splitlines() if line.startswith("Alena Mordovina"))
    assert mordovina.split()[2:] == ["33", "(backup,", "did", "not", "fly)"]
    sources = text.split("\nSources\n-------\n")[1]
    assert sources.startswith("[1] ") or sources.startswith("[1]  ")
    assert len([line for line in sources.splitlines() if line.startswith("[")]) == len(
        bundled.sources
    )


def test_control_characters_are_replaced(demo: Mission) -> None:
    text = to_text(demo)
    for char in ("\x1b", "\x07", "\r", "\u202e"):
        assert char not in text
    assert "Evil \u241b]52;c;aGk=\u2407 title\u240d" in text


def test_phases_are_headings_in_order(bundled: Mission) -> None:
    text = to_text(bundled)
    lines = text.splitlines()
    headings = [lines[i - 1] for i, line in enumerate(lines) if line and set(line) == {"-"}]
    names = [p.name for p in sorted(bundled.phases, key=lambda p: p.start.instant)]
    assert [h for h in headings if h in names] == names


def test_filter_and_empty_result(bundled: Mission) -> None:
    text = to_text(bundled, filter_text="kind:eva")
    assert "Filter: kind:eva" in text
    assert len(event_lines(text, bundled)) == sum(e.kind == "eva" for e in bundled.events)
    empty = to_text(bundled, filter_text="kind:eva phase:run-up")
    assert "(no events match the filter)" in empty
