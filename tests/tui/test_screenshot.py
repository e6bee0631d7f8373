"""The README screenshot is made by the app itself."""

from __future__ import annotations

from pathlib import Path

from tui.screenshot import save_readme_screenshot


async def test_screenshot_is_an_svg_of_the_scripted_visit(
    tmp_path: Path, isolated_config: Path
) -> None:
    path = await save_readme_screenshot(tmp_path / "docs" / "screenshot.svg")
    svg = path.read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    # Text in the SVG has spaces as &#160;; check words that carry no spaces.
    for word in ("Rassvet", "CEST", "Peresild", "T+03:27:29"):
        assert word in svg
    assert not isolated_config.exists()  # the visit changed the zone but saved nothing
