"""`mission-timeline serve` in a real browser (headless Chromium through Playwright): the page
loads the app, keys, the mouse, a resize, a theme and the mission clock work as in a
terminal, `e` downloads the export, `y` reaches the browser's clipboard, `o` is refused, and
what one browser session chooses is not remembered for another. A screenshot is kept in
`artifacts/web/`.

Skipped only where there is no Chromium (`.ci/run` installs Debian's `chromium`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.browser import (
    ARTIFACTS,
    CAPTURE_TERMINAL,
    CHROMIUM,
    CHROMIUM_ARGS,
    DEADLINE_MS,
    Served,
    serving,
)

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium (apt-get install chromium)"),
    pytest.mark.xdist_group("browser"),
]

if CHROMIUM is not None:
    from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright


REMEMBERED = 'zone = "Asia/Tokyo"\ntheme = "nord"\n'
"""The server user's own `state.toml`: a browser session neither reads nor changes it."""


@pytest.fixture(scope="module")
def config_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's settings folder, with the server user's remembered choices."""
    folder = tmp_path_factory.mktemp("served-config")
    (folder / "state.toml").write_text(REMEMBERED, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def served(config_folder: Path) -> Iterator[Served]:
    env = dict(os.environ, MISSION_TIMELINE_CONFIG_DIR=str(config_folder), TZ="UTC")
    with serving(env=env) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser, served: Served) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.url)
    context.set_default_timeout(DEADLINE_MS)
    yield context
    context.close()


def open_app(context: BrowserContext, served: Served) -> Page:
    """A new tab on the app, once it shows the mission, with the keyboard on the terminal."""
    page = context.new_page()
    page.add_init_script(CAPTURE_TERMINAL)
    page.goto(served.url, wait_until="domcontentloaded")
    shows(page, "Soyuz MS-19: The Challenge (Vyzov)")
    page.locator(".xterm-helper-textarea").focus()
    return page


def shows(page: Page, text: str) -> None:
    """Wait until the terminal in the page shows `text`."""
    page.wait_for_function("(text) => window.screenText().includes(text)", arg=text)


def gone(page: Page, text: str) -> None:
    """Wait until the terminal in the page no longer shows `text`."""
    page.wait_for_function("(text) => !window.screenText().includes(text)", arg=text)


FOOTER_FITS = """(widerThan) => {
  const terminal = window.__terminals[0];
  const footer = window.screenText().split("\\n").at(-1);
  return terminal.cols < widerThan && footer.endsWith("^p Palette ")
    && footer.length === terminal.cols;
}"""
"""Whether the terminal is narrower than `widerThan` columns and the footer, its last row, is
drawn at its width: the palette key and the cell of padding after it at the right edge."""


def screen(page: Page) -> str:
    return str(page.evaluate("window.screenText()"))


def test_the_banner_says_where_and_for_whom(served: Served) -> None:
    assert served.url in served.banner
    assert "this computer only" in served.banner


def test_keys_search_help_mouse_and_resize(context: BrowserContext, served: Served) -> None:
    page = open_app(context, served)
    shows(page, "Launch of Soyuz MS-19")  # the selected event, in the detail pane
    page.keyboard.press("j")
    shows(page, "orbit · ")  # the next event's kind line in the detail pane
    page.keyboard.press("/")
    page.keyboard.type("peresild")
    page.keyboard.press("Enter")
    shows(page, "search peresild (hit")
    page.keyboard.press("?")
    shows(page, "Everywhere")  # the help screen's first group of keys
    page.keyboard.press("Escape")
    gone(page, "Everywhere")

    # The mouse: a click on a row of the timeline selects that event.
    row = next(y for y, line in enumerate(screen(page).splitlines()) if "docks at Rassvet" in line)
    box = page.locator(".xterm-screen").bounding_box()
    assert box is not None
    size = page.evaluate("[window.__terminals[0].cols, window.__terminals[0].rows]")
    cell_width, cell_height = box["width"] / size[0], box["height"] / size[1]
    page.mouse.click(box["x"] + 60 * cell_width, box["y"] + (row + 0.5) * cell_height)
    shows(page, "docking · ")
    shows(page, "q Quit")  # the footer, the frame's last row
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "serve.png")

    # A smaller window: the terminal follows it, and the app draws its footer at the new
    # width, the palette key (and the padding after it) at the right end.
    page.set_viewport_size({"width": 900, "height": 600})
    page.wait_for_function(FOOTER_FITS, arg=size[0])
    shows(page, "docking · ")


def test_the_mission_clock_plays_in_the_browser(context: BrowserContext, served: Served) -> None:
    """Issue 16 in the web mode: space plays from the selected event (the launch), `>` speeds
    the clock up, space pauses it; the header shows each, drawn by the browser's terminal."""
    page = open_app(context, served)
    page.keyboard.press("Space")
    shows(page, "▶ 1x 2021-10-05 08:55")
    page.keyboard.press(">")
    shows(page, "▶ 10x")
    page.keyboard.press("Space")
    shows(page, "paused")


def test_export_is_downloaded_with_the_exports_bytes(
    context: BrowserContext, served: Served, tmp_path: Path
) -> None:
    downloads = []
    context.on("page", lambda tab: tab.on("download", lambda item: downloads.append(item)))
    page = open_app(context, served)
    page.keyboard.press("e")
    shows(page, "Export the timeline")
    # The format list: space opens it; Plain text, Markdown, CSV: two down, enter takes it.
    for key in ("Space", "ArrowDown", "ArrowDown", "Enter"):
        page.keyboard.press(key)
    shows(page, "soyuz-ms-19.csv")
    with context.expect_page() as opened:
        page.keyboard.press("Enter")
    shows(page, "CSV sent to your browser as soyuz-ms-19.csv")
    download = downloads[0] if downloads else opened.value.wait_for_event("download")
    assert download.suggested_filename == "soyuz-ms-19.csv"
    expected = tmp_path / "expected.csv"
    subprocess.run(
        [sys.executable, "-m", "tui", "export", "--format", "csv", "-o", str(expected)],
        check=True,
    )
    assert Path(download.path()).read_bytes() == expected.read_bytes()
    assert expected.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM of a file, kept
    assert not (Path.cwd() / "soyuz-ms-19.csv").exists()  # nothing written on the server


def test_copy_reaches_the_browsers_clipboard_and_open_is_refused(
    context: BrowserContext, served: Served
) -> None:
    page = open_app(context, served)
    page.keyboard.press("y")
    shows(page, "Copied to the clipboard: Launch of Soyuz MS-19")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("2021-10-05 08:55:02.442 UTC")
    assert "Launch of Soyuz MS-19" in copied
    page.keyboard.press("o")
    shows(page, "Opening files is off in the browser")
    assert "Open a mission file" not in screen(page)


def test_one_sessions_choices_stay_in_that_session(
    context: BrowserContext, served: Served, config_folder: Path
) -> None:
    first = open_app(context, served)
    shows(first, "zone UTC")
    first.keyboard.press("z")
    gone(first, "zone UTC")
    # A theme from the palette: the browser draws its colours.
    background = "() => window.__terminals[0].buffer.active.getLine(0).getCell(0).getBgColor()"
    before = first.evaluate(background)
    first.keyboard.press("Control+p")
    first.keyboard.type("theme: textual-light")
    shows(first, "theme: textual-light")
    first.keyboard.press("Enter")
    first.wait_for_function(f"() => ({background})() !== {before}")

    second = open_app(context, served)
    shows(second, "zone UTC")
    assert second.evaluate(background) == before
    assert (config_folder / "state.toml").read_text(encoding="utf-8") == REMEMBERED
    assert [path.name for path in config_folder.iterdir()] == ["state.toml"]
