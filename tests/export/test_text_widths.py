"""The text export aligns by terminal cells: a CJK, emoji, combining or zero-width name or title
keeps every column after it in line (issue 11).

Display columns are measured with `wcwidth`, independently of the Rich measure the export
uses: each check finds a cell's text in a line and asserts the display column where it
starts is the column's, on every row.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from wcwidth import wcswidth

from data.export import export, make_options
from data.export.options import COLUMNS, ExportOptions, facts_of
from data.export.text_export import format_event, time_cells
from data.facts.person import person_facts
from data.model import Mission
from data.opening import load_mission
from data.widths import expand_tabs, pad

WIDE = {
    "cjk": "宇宙飛行士",
    "rocket": "🚀 Rocket",
    "family": "👨\u200d👩\u200d👧 family",
    "combining": "Rene\u0301e",
    "zero-width": "Zero\u200bWidth\u200b",
    "ascii": "Plain Name",
}
"""Names whose display width differs from their length (and one whose does not)."""

_SOURCE = """
[[sources]]
id = "s{n}"
title = "{title}"
note = "Note of {title}"
"""
_PERSON = """
[[people]]
id = "{id}"
name = "{name}"
role = "Crew"
born = "1980-0{n}-15"
flights = [{{ up = "capsule", down = "capsule", launch = "launch", landing = "landing" }}]
"""
_MISSION = """
format = 1

[mission]
id = "widths"
title = "宇宙 🚀 mission"
reference = "launch"

[[vehicles]]
id = "capsule"
name = "宇宙船 👨\u200d👩\u200d👧"
kind = "spacecraft"

[[phases]]
id = "flight"
name = "飛行 e\u0301\u200b"
start = "2021-10-05T08:55Z"
end = "2021-10-17T04:35Z"

[[events]]
id = "launch"
title = "打ち上げ 🚀"
kind = "launch"
phase = "flight"
at = "2021-10-05T11:55:02.442+03:00[Europe/Moscow]"
sources = ["s1", "s11"]

[[events]]
id = "tabs"
title = "Rene\u0301e\u200b tabs"
kind = "film"
phase = "flight"
at = "~2021-10-06T09:04Z"
description = "宇\\tafter\\nab\\tafter\\n👨\u200d👩\u200d👧\\tafter"

[[events]]
id = "landing"
title = "👨\u200d👩\u200d👧 landing"
kind = "landing"
phase = "flight"
planned = "2021-10-17T04:35:42Z"
at = "2021-10-17T10:35+06:00[Asia/Almaty]"
"""


@pytest.fixture(scope="module")
def mission(tmp_path_factory: pytest.TempPathFactory) -> Mission:
    """A mission whose names and titles are all wide, narrow or invisible, with 11 sources
    (so the source labels `[1]` and `[11]` differ in width)."""
    sources = [_SOURCE.format(n=n, title=list(WIDE.values())[n % len(WIDE)]) for n in range(1, 12)]
    people = [
        _PERSON.format(id=key, name=name, n=n) for n, (key, name) in enumerate(WIDE.items(), 1)
    ]
    path = Path(tmp_path_factory.mktemp("widths")) / "widths.toml"
    path.write_text(_MISSION + "".join(sources) + "".join(people), encoding="utf-8")
    return load_mission(path)


def _text(mission: Mission, options: ExportOptions | None = None) -> str:
    out = io.StringIO(newline="")
    export(mission, "text", options or make_options(mission), out)  # type: ignore[arg-type]
    return out.getvalue()


def _column(line: str, text: str, after: int = 0) -> tuple[int, int]:
    """The display column where `text` starts in `line` (searched from index `after`), and the
    index just past it; only spaces may come between `after` and `text`."""
    index = line.index(text, after)
    assert line[after:index].strip() == "", (line, text)
    width = wcswidth(line[:index])
    assert width >= 0, line
    return width, index + len(text)


def _after_label(line: str) -> str:
    """What follows a source's label `[3]` in `line`."""
    return line.split("]", 1)[1].lstrip()


def _section(text: str, heading: str, end: str | None) -> list[str]:
    body = text.split(f"\n{heading}\n{'-' * len(heading)}\n")[1]
    return (body.split(f"\n{end}\n")[0] if end else body).splitlines()


def test_the_widths_mission_is_what_the_checks_need(mission: Mission) -> None:
    """The checks below test nothing unless the names really differ in width and length."""
    assert [wcswidth(name) - len(name) for name in WIDE.values()] == [5, 1, -3, -1, -2, 0]
    assert {person.name for person in mission.people} == set(WIDE.values())


def test_crew_columns_start_at_the_same_display_column_on_every_row(mission: Mission) -> None:
    lines = _section(_text(mission), "Crew", "Sources")
    header = lines[0]
    headings = ["age at launch", "up", "down", "time in space (this mission)"]
    starts = [header.index(heading) for heading in headings]
    rows = {line.split("  ")[0].rstrip(): line for line in lines[2:] if not line.startswith(" ")}
    assert set(rows) == set(WIDE.values())
    for person in mission.people:
        line = rows[person.name]
        facts = person_facts(mission, person)
        cells = [str(facts.age_at_launch), facts.up, facts.down, facts.in_space]
        _, after = _column(line, person.name)
        for cell, start in zip(cells, starts, strict=True):
            assert cell
            column, after = _column(line, cell, after)
            assert column == start, (person.name, cell, line)


def test_event_columns_start_at_the_same_display_column_on_every_row(mission: Mission) -> None:
    options = make_options(
        mission, zones=["UTC", "stated"], relative_to="launch", columns=COLUMNS.stop - 1
    )
    lines = _text(mission, options).splitlines()
    header = next(line for line in lines if line.startswith("UTC "))
    starts = [header.index(name) for name in ("UTC", "as stated", "T-/T+ launch", "event")]
    rows = [line for line in lines if line[:1].isdigit() or line[:1] == "~"]
    assert len(rows) == len(mission.events)
    for event, line in zip(mission.events, rows, strict=True):
        cells = [*time_cells(facts_of(mission, event, options)), event.title]
        after = 0
        for cell, start in zip(cells, starts, strict=True):
            column, after = _column(line, cell, after)
            assert column == start, (cell, line)


def test_headings_are_underlined_to_their_display_width(mission: Mission) -> None:
    lines = _text(mission).splitlines()
    for title, rule in (("宇宙 🚀 mission", "="), ("飛行 e\u0301\u200b", "-")):
        index = lines.index(title)
        assert lines[index + 1] == rule * wcswidth(title)


def test_source_titles_and_notes_start_at_the_same_display_column(mission: Mission) -> None:
    lines = _section(_text(mission), "Sources", None)
    titles = [line for line in lines if line.startswith("[")]
    notes = [line for line in lines if line.startswith(" ")]
    assert len(titles) == len(notes) == 11
    columns = {_column(line, _after_label(line), line.index("]") + 1)[0] for line in titles}
    columns |= {_column(line, line.lstrip())[0] for line in notes}
    assert columns == {len("[11] ")}


def test_tabs_stop_every_four_display_columns(mission: Mission) -> None:
    afters = [line for line in _text(mission).splitlines() if line.endswith("after")]
    assert len(afters) == 3
    columns = [_column(line, "after", len(line) - len("after"))[0] for line in afters]
    assert columns == [8, 8, 8]


def test_the_copied_event_is_aligned_by_display_width(mission: Mission) -> None:
    """`y` copies `format_event`: its sources list pads `[1]` to the width of `[11]`."""
    launch = mission.event_by_id["launch"]
    text = format_event(mission, launch, make_options(mission))
    sources = [line for line in text.splitlines() if line.startswith("[")]
    columns = [_column(line, _after_label(line), line.index("]") + 1)[0] for line in sources]
    assert columns == [5, 5]


@pytest.mark.parametrize(
    ("text", "width"),
    [("宇宙", 6), ("🚀", 3), ("👨\u200d👩\u200d👧", 4), ("e\u0301", 2), ("a\u200b", 3), ("ab", 2)],
)
def test_pad_fills_to_display_columns(text: str, width: int) -> None:
    assert wcswidth(pad(text, width)) == width
    assert pad(text, width).startswith(text)


def test_expand_tabs_counts_cells() -> None:
    assert expand_tabs("宇\tx", 4) == "宇  x"
    assert expand_tabs("宇宙\tx\ty", 4) == "宇宙    x   y"
    assert expand_tabs("ab\tx", 4) == "ab\tx".expandtabs(4)
