"""Markdown: every source number links to its entry in the source list, in pandoc's HTML
(run where pandoc is installed) and in a GitHub-like renderer (markdown-it-py, always);
paragraphs wrapped to `--width` render as the same text."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from data.export import export, make_options
from data.export.options import COLUMNS
from data.model import Mission
from data.opening import load_mission

HOSTILE = Path(__file__).parents[1] / "tui" / "fixtures" / "hostile-mission.toml"
RENDER = MarkdownIt("gfm-like", {"html": True})


def to_md(mission: Mission, **options: object) -> str:
    out = io.StringIO(newline="")
    export(mission, "md", make_options(mission, **options), out)  # type: ignore[arg-type]
    return out.getvalue()


class _Anchors(HTMLParser):
    """The fragment links (`href="#..."`), the ids and names, and each paragraph's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.targets: set[str] = set()
        self.paragraphs: list[str] = []
        self._paragraph: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        href = found.get("href") or ""
        if tag == "a" and href.startswith("#"):
            self.links.append(href[1:])
        for name in ("id", "name"):
            if found.get(name):
                self.targets.add(str(found[name]))
        if tag == "p":
            self._paragraph = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._paragraph is not None:
            self.paragraphs.append(" ".join("".join(self._paragraph).split()))
            self._paragraph = None

    def handle_data(self, data: str) -> None:
        if self._paragraph is not None:
            self._paragraph.append(data)


def _read(html: str) -> _Anchors:
    anchors = _Anchors()
    anchors.feed(html)
    return anchors


def _references(markdown: str) -> list[int]:
    return [int(number) for number in re.findall(r"\[\\\[(\d+)\\\]\]\(#source-\1\)", markdown)]


@pytest.mark.parametrize("name", ["bundled", "demo"])
def test_every_reference_has_its_target_in_the_markdown(
    name: str, request: pytest.FixtureRequest
) -> None:
    """Without a renderer: each `[\\[n\\]](#source-n)` has the anchor `source-n` in the list,
    and no source number is left without its link."""
    mission: Mission = request.getfixturevalue(name)
    markdown = to_md(mission)
    references = _references(markdown)
    assert references, "the mission cites sources"
    anchors = set(map(int, re.findall(r'<a id="source-(\d+)" name="source-\1"></a>', markdown)))
    assert anchors == set(range(1, len(mission.sources) + 1))
    assert set(references) <= anchors
    unlinked = re.sub(r"\[\\\[\d+\\\]\]\(#source-\d+\)", "", markdown)
    assert not re.search(r"\\\[\d+\\\](?!\s)", unlinked.split("## Sources")[0])


@pytest.mark.parametrize("name", ["bundled", "demo"])
def test_every_link_resolves_in_a_github_like_renderer(
    name: str, request: pytest.FixtureRequest
) -> None:
    mission: Mission = request.getfixturevalue(name)
    markdown = to_md(mission)
    found = _read(RENDER.render(markdown))
    assert len(found.links) == len(_references(markdown))
    assert set(found.links) <= found.targets


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
@pytest.mark.parametrize("reader", ["gfm", "markdown"])
def test_every_link_resolves_in_pandocs_html(bundled: Mission, reader: str) -> None:
    """pandoc's GitHub reader and its own Markdown reader: every fragment link has a target,
    and the source list is a list with one item per source."""
    markdown = to_md(bundled, zones=["Europe/Brussels", "stated"], relative_to="launch")
    html = subprocess.run(
        ["pandoc", "-f", reader, "-t", "html5"],
        input=markdown.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout.decode("utf-8")
    found = _read(html)
    assert len(found.links) == len(_references(markdown))
    assert set(found.links) <= found.targets
    sources = html.split('id="sources"')[1]
    assert sources.count("<li>") == len(bundled.sources)


@pytest.mark.parametrize("columns", [40, 72, 100])
@pytest.mark.parametrize("name", ["bundled", "hostile"])
def test_wrapped_paragraphs_render_as_the_same_text(
    name: str, columns: int, request: pytest.FixtureRequest
) -> None:
    mission = load_mission(HOSTILE) if name == "hostile" else request.getfixturevalue(name)
    wrapped = to_md(mission, columns=columns)
    whole = to_md(mission, columns=COLUMNS.stop - 1)
    assert wrapped != whole
    assert _read(RENDER.render(wrapped)).paragraphs == _read(RENDER.render(whole)).paragraphs
    rendered = RENDER.render(wrapped)
    assert rendered.count("<li>") == RENDER.render(whole).count("<li>")
    assert rendered.count("<h2>") == RENDER.render(whole).count("<h2>")
    for line in wrapped.splitlines():
        if not line.startswith(("|", "#")):  # a table row or a heading is one line
            # Over the width only where a word (or a source's anchor) cannot be broken.
            words = re.sub(r'^- <a id="[^"]+" name="[^"]+"></a>', "", line).split()
            assert len(line) <= columns or len(words) <= 1, line
