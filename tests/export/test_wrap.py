"""`--width`: no line of the text export is wider than asked (in terminal cells, CJK and
emoji two each), nothing is lost or reordered by the wrap, and `--brief` keeps one line of
detail per event with no source numbers, confidence codes or notes."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from data.export import export, make_options
from data.export.details import brief_line, first_sentence
from data.export.options import COLUMNS
from data.export.wrap import fit, wrap_line
from data.facts.event import place_name
from data.model import EventKind, Mission
from data.opening import load_mission
from data.sanitize import sanitize_line
from data.widths import cell_width
from tui.cli import main
from tui.cli.export import _columns

HOSTILE = Path(__file__).parents[1] / "tui" / "fixtures" / "hostile-mission.toml"

_WIDE_MISSION = """
format = 1

[mission]
id = "wide"
title = "宇宙 🚀 mission 宇宙飛行士の長い長い名前と👨\u200d👩\u200d👧家族の旅の物語をここに書きます"
summary = "{long}"
reference = "launch"

[[sources]]
id = "s1"
title = "宇宙飛行士のための非常に長い情報源の名前がここに入りますので折り返してください🚀🚀🚀"
url = "https://example.org/{url}"
note = "{long}"

[[phases]]
id = "flight"
name = "飛行 e\u0301\u200b"
summary = "{long}"
start = "2021-10-05T08:55Z"
end = "2021-10-17T04:35Z"

[[events]]
id = "launch"
title = "打ち上げ 🚀 宇宙飛行士の長い長いタイトルがここにありますので折り返されるべきです"
kind = "launch"
phase = "flight"
at = "2021-10-05T11:55:02.442+03:00[Europe/Moscow]"
description = "{long}"
note = "{long}"
sources = ["s1"]

[[events]]
id = "word"
title = "{url}"
kind = "film"
phase = "flight"
at = "~2021-10-06T09:04Z"
description = "{url}\\n{long}"
"""
_LONG = "宇宙👨\u200d👩\u200d👧 Rene\u0301e 飛行士の長い文章です。" * 12
_URL = "a" * 30 + "宇" * 40 + "b" * 30


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> Mission:
    """A mission whose every text is long, wide (CJK, emoji, a joined family), combining, or
    one word longer than any width."""
    path = Path(tmp_path_factory.mktemp("wrap")) / "wide.toml"
    path.write_text(_WIDE_MISSION.format(long=_LONG, url=_URL), encoding="utf-8")
    return load_mission(path)


@pytest.fixture(scope="module")
def hostile() -> Mission:
    return load_mission(HOSTILE)


def _export(mission: Mission, format_name: str = "text", **options: object) -> str:
    out = io.StringIO(newline="")
    export(mission, format_name, make_options(mission, **options), out)  # type: ignore[arg-type]
    return out.getvalue()


VIEWS = [
    {"zones": ["UTC"]},
    {"zones": ["Europe/Brussels", "stated"], "relative_to": "launch"},
]


@pytest.mark.parametrize("name", ["bundled", "demo", "wide", "hostile"])
@pytest.mark.parametrize("columns", [40, 80, 100])
@pytest.mark.parametrize("view", VIEWS, ids=["one zone", "two zones and relative"])
@pytest.mark.parametrize("brief", [False, True], ids=["full", "brief"])
def test_no_line_of_the_text_export_is_wider_than_asked(
    name: str, columns: int, view: dict[str, object], brief: bool, request: pytest.FixtureRequest
) -> None:
    mission: Mission = request.getfixturevalue(name)
    text = _export(mission, columns=columns, brief=brief, **view)
    widest = max(text.splitlines(), key=cell_width)
    assert cell_width(widest) <= columns, widest
    # Nothing lost, added or reordered: only spaces and line ends moved.
    whole = _export(mission, columns=COLUMNS.stop - 1, brief=brief, **view)
    assert "".join(text.split()) == "".join(whole.split())


def test_the_bundled_mission_had_lines_to_wrap(bundled: Mission) -> None:
    """The check above tests something: unwrapped, lines run far past 100 cells."""
    whole = _export(bundled, zones=["Europe/Brussels"], columns=COLUMNS.stop - 1)
    assert max(map(cell_width, whole.splitlines())) > 400


def test_a_title_continues_under_its_column_and_a_detail_under_its_first_word() -> None:
    row = "2021-10-05 11:55 UTC (+00:00)  " + "Launch of a rocket " * 4 + "\n"
    detail = "    " + "word " * 20 + "\n"
    lines = fit(row + detail, 60, 31).splitlines()
    assert [line[:31].strip() == "" for line in lines[:3]] == [False, True, True]
    assert lines[1][31] != " "
    first = next(n for n, line in enumerate(lines) if line.startswith("    word"))
    assert all(
        line.startswith(" " * 31 + "L") or line.startswith(" " * 31 + "a")
        for line in lines[1:first]
    )
    assert lines[first + 1].startswith("      word")
    assert all(cell_width(line) <= 60 for line in lines)


def test_a_word_wider_than_the_line_is_cut_between_characters_never_inside_one() -> None:
    lines = wrap_line("宇" * 50 + "e\u0301" * 3, 41, 4)
    assert all(cell_width(line) <= 41 for line in lines)
    assert lines[0] == "宇" * 20  # 40 cells: a 21st would take 42
    assert "".join(line.strip() for line in lines) == "宇" * 50 + "e\u0301" * 3
    assert not any(line.strip().startswith("\u0301") for line in lines)


def test_first_sentence_keeps_abbreviations_and_stops_at_the_first_end() -> None:
    assert first_sentence("Docked at St. Petersburg. Then left.") == "Docked at St. Petersburg."
    assert first_sentence('He said "Go." Then left.') == 'He said "Go."'
    assert first_sentence("The U.S. team flew. Later more.") == "The U.S. team flew."
    assert first_sentence("51.6° inclination, no end") == "51.6° inclination, no end"
    assert first_sentence("Two lines\nsecond. Third") == "Two lines"
    assert first_sentence("Он прилетел. Потом улетел.") == "Он прилетел."


def test_brief_line_falls_back_to_kind_and_place() -> None:
    assert brief_line("", EventKind.DOCKING, "ISS") == "docking · at ISS"
    assert brief_line("It docked. Late.", EventKind.DOCKING, "ISS") == "It docked."


@pytest.mark.parametrize("name", ["bundled", "demo", "hostile"])
def test_brief_text_has_each_event_and_one_line_of_detail(
    name: str, request: pytest.FixtureRequest
) -> None:
    mission: Mission = request.getfixturevalue(name)
    text = _export(mission, brief=True, columns=COLUMNS.stop - 1)
    assert "\nCrew\n" not in text and "\nSources\n" not in text
    assert "confidence" not in text and "note:" not in text and "stated:" not in text
    for event in mission.events:
        line = brief_line(event.description, event.kind, place_name(mission, event.place))
        assert f"\n    {sanitize_line(line)}\n".replace("\t", "    ") in text, event.id
    for number in range(1, len(mission.sources) + 1):
        assert f"[{number}]" not in text
    details = [line for line in text.splitlines() if line.startswith("    ")]
    assert len(details) == len(mission.events)


def test_brief_markdown_has_no_sources_and_one_detail_cell(bundled: Mission) -> None:
    text = _export(bundled, "md", brief=True)
    assert "| UTC | Event | Detail |" in text
    assert "## Sources" not in text and "## Crew" not in text
    assert "#source-" not in text and "confidence" not in text and "note:" not in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "**" in line]
    assert len(rows) == len(bundled.events)


@pytest.mark.parametrize("format_name", ["csv", "json", "ics", "svg"])
def test_brief_is_refused_where_it_means_nothing(
    format_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", format_name, "-o", "/dev/null", "--brief"]) == 64
    error = capsys.readouterr().err
    assert (
        error == f"mission-timeline export: --brief applies to text and md, not to {format_name}\n"
    )


def test_width_out_of_range_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--width", "39"]) == 64
    assert "--width must be 40 to 10000 columns, not 39" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_default_width_is_the_terminals_else_100(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.setenv("COLUMNS", "132")
    assert _columns(None, None) == 132
    assert _columns(None, "-") == 132
    assert _columns(None, "out.txt") == 100  # a file is not shown in the terminal
    assert _columns(72, None) == 72
    monkeypatch.setenv("COLUMNS", "20")
    assert _columns(None, None) == COLUMNS.start  # never narrower than an export may be
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert _columns(None, None) == 100
