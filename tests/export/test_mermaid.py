"""The Mermaid gantt export: the file's structure (a section per phase, a bar per span, a
milestone per instant, a day or a month as a bar over it, times in UTC as the CSV states
them), and titles from a hostile file that stay text: no line of the chart can be read by
Mermaid as anything but the task or section it is. Rendered by Mermaid's own `mmdc` where
it is installed."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from export_helpers import DEMO

from data.export import export, format_for_path, make_options
from data.export.columns import OUTSIDE
from data.export.mermaid_export import DATE_FORMAT
from data.model import Mission
from data.opening import load_mission
from data.sanitize import sanitize_line
from tui.cli import main

HOSTILE = Path(__file__).parents[1] / "hostile"
HEAD = ["gantt", "title", "dateFormat", "axisFormat", "todayMarker"]
TEXT = r"(?:[^:;#%<>&\n]|#\d+;)+"
"""Text with no character of Mermaid's grammar but in its entity codes (`#58;`)."""
TASK = re.compile(rf"    (?P<title>{TEXT}) :(?P<data>[^#;%\n]+)")
"""A task line Mermaid reads as one task."""
SECTION = re.compile(rf"    section (?P<name>{TEXT})")
STATEMENTS = re.compile(
    r"\s*(%|.%|href\s|call\s|click\s|gantt\b|dateFormat\s|inclusiveEndDates\b|topAxis\b"
    r"|axisFormat\s|tickInterval\s|includes\s|excludes\s|todayMarker\s|weekday\s|weekend\s"
    r"|\d{4}-\d\d-\d\d\b|title\s|accTitle\s*:|accDescr|section\s)",
    re.IGNORECASE,
)
"""What Mermaid 11's gantt lexer reads at the start of a line before a task's title
(its rules, in its order, up to `taskTxt`)."""
KEYWORD_TITLES = [
    "Section 3 opens",
    "click here",
    "call me()",
    'href "x"',
    "2021-10-05 launch",
    "50% fuel",
    "%% not a comment",
    "title of the film",
    "Gantt chart",
    "dateFormat x",
    "todayMarker on",
    "weekday monday",
    "accTitle: x",
    "accDescr { y }",
    "a: b; c # d",
    "Room #58; here",
    "\ufb02\u00b0\u00b060\u00b6\u00df tag",
    "<b>bold</b> & <script>x</script>",
    "line\nbreak\ttab\x1b[31m",
]


def to_mermaid(mission: Mission, filter_text: str | None = None) -> str:
    out = io.StringIO(newline="")
    export(mission, "mermaid", make_options(mission, filter_text=filter_text), out)
    return out.getvalue()


def decoded(text: str) -> str:
    """Mermaid's entity codes (`#58;`) read back as the characters they stand for."""
    return re.sub(r"#(\d+);", lambda match: chr(int(match.group(1))), text)


def tasks(chart: str) -> list[tuple[str, str]]:
    """The (title, data) of every task line; fails on a line that is not a task, a
    section, a comment or the head."""
    found = []
    for line in chart.splitlines():
        if line.startswith("%% ") or line.split()[0] in HEAD or SECTION.fullmatch(line):
            continue
        match = TASK.fullmatch(line)
        assert match is not None, line
        assert not STATEMENTS.match(match["title"]), line
        found.append((match["title"].strip(), match["data"]))
    return found


def test_the_head_names_utc_and_the_layout_of_the_times(bundled: Mission) -> None:
    lines = to_mermaid(bundled).splitlines()
    assert lines[0].startswith("%% soyuz-ms-19:") and lines[1] == "gantt"
    assert decoded(lines[2]) == "    title Soyuz MS-19: The Challenge (Vyzov) (times in UTC)"
    assert lines[3] == f"    dateFormat {DATE_FORMAT}"


def test_phases_are_sections_spans_bars_and_instants_milestones(bundled: Mission) -> None:
    chart = to_mermaid(bundled)
    phases = sorted(bundled.phases, key=lambda phase: phase.start.instant)
    names = [decoded(m["name"]) for m in SECTION.finditer(chart)]
    assert names == [phase.name for phase in phases]  # every bundled event has a phase
    found = tasks(chart)
    assert len(found) == len(bundled.events)
    by_title = {decoded(title): data for title, data in found}
    assert by_title["Launch of Soyuz MS-19"] == "milestone, 2021-10-05 08:55:02.442, 0ms"
    # A span: from its time to its end; a date: the day; a month: the month.
    assert by_title["Spacewalk to outfit Prichal (Russian EVA-51)"] == (
        "2022-01-19 12:17:31.000, 2022-01-19 19:28:00.000"
    )
    assert (
        by_title["Pesquet takes command of the ISS from Hoshide"] == "2021-10-04 00:00:00.000, 1d"
    )
    assert by_title["Roscosmos and Channel One open the casting competition"] == (
        "2020-11-01 00:00:00.000, 1M"
    )
    assert by_title["Prime and backup crews selected"] == (  # 13 to 14 May, inclusive
        "2021-05-13 00:00:00.000, 2021-05-15 00:00:00.000"
    )


def test_times_are_the_csv_utc_cells(bundled: Mission) -> None:
    """One conversion: each task starts at its event's UTC cell in the CSV export."""
    out = io.StringIO(newline="")
    export(bundled, "csv", make_options(bundled), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    starts = [
        data.removeprefix("milestone, ").split(", ")[0] for _, data in tasks(to_mermaid(bundled))
    ]
    assert sorted(starts) == sorted(row["utc"] for row in rows)
    launch = datetime(2021, 10, 5, 8, 55, 2, 442000, tzinfo=UTC)
    assert launch.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] in starts


def test_planned_approximate_and_outside_a_phase(demo: Mission) -> None:
    chart = to_mermaid(demo)
    found = dict(tasks(chart))
    assert "~Orbit insertion" in found  # approximate
    assert "(planned) Premiere" in found  # planned only
    assert chart.splitlines()[-2] == f"    section {OUTSIDE}"


def test_the_filter_applies(bundled: Mission) -> None:
    found = tasks(to_mermaid(bundled, "kind:launch"))
    assert len(found) == sum(event.kind == "launch" for event in bundled.events) >= 3


@pytest.mark.parametrize(
    "source", [HOSTILE / "hostile-mission.toml", HOSTILE / "hostile-mission.json", DEMO]
)
def test_hostile_titles_stay_text(source: Path) -> None:
    mission = load_mission(source)
    chart = to_mermaid(mission)
    found = tasks(chart)
    titles = sorted(decoded(title) for title, _ in found)
    expected = sorted(
        ("~" if e.when.approximate else "")
        + ("(planned) " if e.planned_only and "(planned)" not in e.title.lower() else "")
        + sanitize_line(e.title).strip()
        for e in mission.events
    )
    assert titles == expected
    assert "\x1b" not in chart and "\r" not in chart


def _keyword_mission(tmp_path: Path) -> Mission:
    """A mission whose titles, phase name and mission title read as Mermaid's syntax."""
    events = [
        {"id": f"e{n}", "title": title, "kind": "milestone", "at": f"2021-10-{n + 1:02d}T10:00Z"}
        for n, title in enumerate(KEYWORD_TITLES)
    ]
    events[0]["phase"] = "p"
    phase = {"id": "p", "name": "click: section; #x %y", "start": "2021-10-01T00:00Z"}
    document = {
        "format": 1,
        "mission": {"id": "kw", "title": "Keywords: #1; 100% <i>safe</i>"},
        "phases": [phase | {"end": "2021-10-30T00:00Z"}],
        "events": events,
    }
    path = tmp_path / "keywords.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return load_mission(path)


def test_titles_that_read_as_mermaid_statements_stay_titles(tmp_path: Path) -> None:
    mission = _keyword_mission(tmp_path)
    chart = to_mermaid(mission)
    found = [decoded(title) for title, _ in tasks(chart)]
    assert found == [sanitize_line(title).strip() for title in KEYWORD_TITLES]
    assert (
        decoded(chart.splitlines()[2]) == "    title Keywords: #1; 100% <i>safe</i> (times in UTC)"
    )
    assert [decoded(m["name"]) for m in SECTION.finditer(chart)] == [
        "click: section; #x %y",
        OUTSIDE,
    ]


def test_the_command_line_picks_mermaid_by_suffix(tmp_path: Path) -> None:
    assert format_for_path("timeline.mmd") == "mermaid"
    path = tmp_path / "timeline.mmd"
    assert main(["export", str(DEMO), "-o", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == to_mermaid(load_mission(DEMO))
    assert main(["export", "-f", "mermaid", "--zone", "Asia/Tokyo"]) == 64


MMDC = os.environ.get("MERMAID_CLI") or shutil.which("mmdc")


@pytest.mark.skipif(MMDC is None, reason="Mermaid's mmdc is not installed (see the README)")
def test_mermaid_draws_every_title(tmp_path: Path) -> None:
    """Mermaid's own command line (with a Chromium) parses the chart and draws each title
    exactly as the mission writes it."""
    assert MMDC is not None
    source = tmp_path / "keywords.mmd"
    source.write_text(to_mermaid(_keyword_mission(tmp_path)), encoding="utf-8")
    svg = tmp_path / "keywords.svg"
    result = subprocess.run(
        [MMDC, "-i", str(source), "-o", str(svg), *os.environ.get("MERMAID_ARGS", "").split()],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "UTC"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    from xml.dom.minidom import parse

    texts = {
        "".join(node.data for node in element.childNodes if node.nodeType == node.TEXT_NODE).strip()
        for element in parse(str(svg)).getElementsByTagName("text")
    }
    assert {sanitize_line(title).strip() for title in KEYWORD_TITLES} <= texts
