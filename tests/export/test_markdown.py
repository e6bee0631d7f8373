"""The Markdown export renders on GitHub as the same text: checked by rendering it with
markdown-it-py's GitHub-like preset and reading the table cells back."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from data.export import export, make_options
from data.export.markdown_export import escape
from data.model import Mission
from data.sanitize import sanitize

RENDER = MarkdownIt("gfm-like", {"html": True})


def to_md(mission: Mission, **options: object) -> str:
    out = io.StringIO(newline="")
    export(mission, "md", make_options(mission, **options), out)  # type: ignore[arg-type]
    return out.getvalue()


class _Cells(HTMLParser):
    """Table rows as lists of cell texts, and every tag seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self.links: list[str | None] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href"))
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse(markdown: str) -> _Cells:
    cells = _Cells()
    cells.feed(RENDER.render(markdown))
    return cells


@pytest.mark.parametrize(
    "text",
    [
        "a | b",
        "*not emphasis* _nor this_ **nor this**",
        "<b>not html</b> <script>alert(1)</script> &amp;",
        "[not a link](http://x) ![nor an image](y)",
        "`not code` ~~not struck~~ $x^2$ \\ backslash",
        "# not a heading",
        "line one\nline two",
    ],
)
def test_escaped_text_renders_as_itself_in_a_table_cell(text: str) -> None:
    table = f"| h |\n| --- |\n| {escape(text)} |\n"
    cells = parse(table)
    assert cells.rows[1] == [text]
    assert set(cells.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "br", "a"}
    # GitHub turns a bare URL into a link to itself; nothing else may become a link.
    assert all(link is not None and link in text for link in cells.links)


@pytest.mark.parametrize("text", ["- item", "+ item", "1. item", "2) item", "=== ", "> quote"])
def test_escaped_paragraph_is_not_a_block(text: str) -> None:
    html = RENDER.render(escape(text, block=True) + "\n")
    assert html.startswith("<p>"), html


def test_every_table_row_has_its_columns(demo: Mission) -> None:
    markdown = to_md(demo, zones=["Europe/Brussels", "stated"], relative_to="launch")
    timeline = markdown.split("\n## Crew\n")[0]
    cells = parse(timeline)
    # Zones, relative time, event, details, sources: six cells in every row.
    assert {len(row) for row in cells.rows} == {6}
    titles = [row[3] for row in cells.rows if row[0] != "Europe/Brussels"]
    expected = [sanitize(e.title) for e in demo.events]
    assert sorted(t.removeprefix("(planned) ") for t in titles) == sorted(expected)


def test_hostile_title_is_text_not_markup(demo: Mission) -> None:
    markdown = to_md(demo)
    assert "\x1b" not in markdown and "\u202e" not in markdown
    cells = parse(markdown)
    # Titles are bold (strong); nothing else from the mission becomes markup.
    assert {"script", "b", "img", "em", "code", "del", "s"}.isdisjoint(cells.tags)
    # Only URLs written out in the text become (GitHub's automatic) links to themselves,
    # and source numbers link to the source list's anchors (`<a id=...>`, with no href).
    assert "https://example.org/kit" in cells.links
    links = [link for link in cells.links if link is not None]
    assert all(link in markdown for link in links)
    assert all(link.startswith(("http://", "https://", "#source-")) for link in links)
    rendered = [cell for row in cells.rows for cell in row]
    assert "Docking | manual @ 70 m" in rendered


def test_headings_per_phase_and_crew_and_sources(bundled: Mission) -> None:
    markdown = to_md(bundled, zones=["Europe/Brussels"])
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    phases = [f"## {escape(phase.name)}" for phase in bundled.phases]
    assert headings[: len(phases)] == sorted(
        phases, key=lambda h: next(p.start.instant for p in bundled.phases if escape(p.name) in h)
    )
    assert headings[-2:] == ["## Crew", "## Sources"]
    assert markdown.count('\n- <a id="source-') == len(bundled.sources)
