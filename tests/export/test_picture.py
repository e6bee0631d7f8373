"""`export --format svg|png`: the SVG read back (lanes, phases, axis labels in the zone,
markers where their times are), the options honoured, a PNG of the requested width."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import UTC, datetime

import pytest
from picture_helpers import png_size, read_svg, render

from data.axis.lanes import lanes
from data.export.picture_style import PALETTES
from data.model import EventKind, Mission


def seconds(text: str) -> float:
    return datetime.fromisoformat(text).astimezone(UTC).timestamp()


@pytest.fixture(scope="module")
def whole(bundled: Mission) -> bytes:
    return render(bundled)


def test_the_svg_parses_and_is_as_wide_as_asked(whole: bytes) -> None:
    picture = read_svg(whole)
    assert picture.root.tag == "{http://www.w3.org/2000/svg}svg"
    assert picture.root.attrib["width"] == "1600px"
    assert picture.background == PALETTES["light"].background


def test_whole_mission_names_lanes_phases_title_and_sources(bundled: Mission, whole: bytes) -> None:
    picture = read_svg(whole)
    assert picture.of("title") == ["Soyuz MS-19: The Challenge (Vyzov)"]
    assert picture.of("subtitle") == ["Times in UTC"]
    assert picture.of("lane") == [lane.name for lane in lanes(bundled)]
    assert picture.of("heading") == ["Crew", "Vehicles", "Events"]
    # The phases wide enough for their names at this scale; the others are bands only.
    assert {"Run-up", "Expedition 66"} <= set(picture.of("phase"))
    sources = " ".join(picture.of("source"))
    assert sources.startswith("Sources: HLN, 5 Oct 2021; RussianSpaceWeb;")
    assert "the text export lists them all" in sources
    assert "fact sheet" not in sources.lower()
    assert set(picture.of("legend")) >= {"in flight", "aboard the station", "docked at a port"}
    # Whole months and years on the axis, in the zone (UTC needs no abbreviation here).
    assert {"Jan 2021", "Jan 2022", "Jan 2023"} <= set(picture.of("major-tick"))


def test_axis_in_brussels_changes_from_cest_to_cet(bundled: Mission) -> None:
    picture = read_svg(
        render(
            bundled,
            zones=["Europe/Brussels"],
            range_from="2021-10-30T18:00",
            range_to="2021-10-31T12:00",
        )
    )
    assert picture.of("subtitle") == ["Times in Europe/Brussels"]
    labels = picture.of("tick", "major-tick")
    assert any(label.endswith("CEST") for label in labels), labels
    assert any(label.endswith("CET") for label in labels), labels
    cest = next(n for n, label in enumerate(labels) if "CEST" in label)
    cet = next(n for n, label in enumerate(labels) if label.endswith(" CET"))
    assert cest < cet
    assert "31 Oct" in " ".join(picture.of("major-tick"))


def test_markers_sit_at_x_proportional_to_their_times(bundled: Mission) -> None:
    """On the launch day every marker's x is the same linear function of its time, to
    within the unit (pixel) each is drawn at."""
    picture = read_svg(render(bundled, range_from="2021-10-05", range_to="2021-10-05"))
    instants = bundled.events.columns.instants
    placed = sorted((instants[first], text.x) for first, text in picture.markers().items())
    assert len(placed) >= 4
    (t0, x0), (t1, x1) = placed[0], placed[-1]
    per_second = (x1 - x0) / (t1 - t0)
    # 1600 px for a day (in the SVG's units, 0.72 of a pixel).
    assert per_second == pytest.approx((1600 - 200) * 0.72 / 86_400, rel=0.15)
    for instant, x in placed:
        assert x == pytest.approx(x0 + (instant - t0) * per_second, abs=0.72 * 1.01)


def test_range_shows_only_its_events(bundled: Mission) -> None:
    start, end = seconds("2021-10-05T00:00Z"), seconds("2021-10-06T00:00Z")
    picture = read_svg(render(bundled, range_from="2021-10-05", range_to="2021-10-05"))
    instants = bundled.events.columns.instants
    markers = picture.markers()
    assert all(start <= instants[first] < end for first in markers)
    counts = {
        first: int(text.text) if text.text.isdigit() else 1 for first, text in markers.items()
    }
    assert sum(counts.values()) == bisect_left(instants, end) - bisect_left(instants, start)
    assert "Hatches open: ten people aboard" in picture.of("event")
    # Only lanes with a stay on that day: not Soyuz MS-21 (March 2022) nor Prichal.
    assert "Soyuz MS-21" not in picture.of("lane") and "Shkaplerov" in picture.of("lane")


def test_from_and_to_event_ids(bundled: Mission) -> None:
    picture = read_svg(render(bundled, range_from="launch", range_to="docking"))
    instants = bundled.events.columns.instants
    launch, docking = seconds("2021-10-05T08:55:02.442Z"), seconds("2021-10-05T12:22:31Z")
    markers = picture.markers()
    assert min(instants[first] for first in markers) == launch
    counts = [int(text.text) if text.text.isdigit() else 1 for text in markers.values()]
    assert sum(counts) == bisect_right(instants, docking) - bisect_left(instants, launch)


def test_filter_keeps_only_matching_events(bundled: Mission) -> None:
    picture = read_svg(render(bundled, filter_text="kind:docking"))
    dockings = [event for event in bundled.events if event.kind is EventKind.DOCKING]
    assert picture.of("subtitle") == ["Times in UTC · events matching kind:docking"]
    markers = picture.markers()
    counts = [int(text.text) if text.text.isdigit() else 1 for text in markers.values()]
    assert sum(counts) == len(dockings) == 4
    # A marker's index is among the filtered events (the first docking is index 0).
    assert min(markers) == 0 and max(markers) < len(dockings)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"relative_to": "launch"}, ("T+00:00", "T+01:00")),
        # Mission elapsed time counted from the docking: before it, negative.
        ({"relative_to": "docking", "mode": "met"}, ("-000/03:00", "-000/01:00")),
    ],
)
def test_relative_axis(
    bundled: Mission, options: dict[str, str], expected: tuple[str, ...]
) -> None:
    picture = read_svg(render(bundled, range_from="launch", range_to="docking", **options))
    anchor = options["relative_to"]
    mode = "MET" if options.get("mode") == "met" else "T-/T+"
    assert picture.of("subtitle") == [f"Times as {mode} from {anchor}"]
    labels = picture.of("tick", "major-tick")
    assert set(expected) <= set(labels), labels
    assert not any("UTC" in label for label in labels)


def test_dark_theme(bundled: Mission) -> None:
    picture = read_svg(render(bundled, theme="dark", range_from="launch", range_to="docking"))
    assert picture.background == PALETTES["dark"].background != PALETTES["light"].background


@pytest.mark.parametrize("width", [480, 1600, 2400])
def test_png_is_a_png_of_the_requested_width(bundled: Mission, width: int) -> None:
    data = render(bundled, "png", width=width, range_from="launch", range_to="docking")
    svg = read_svg(render(bundled, "svg", width=width, range_from="launch", range_to="docking"))
    assert png_size(data) == (width, int(svg.root.attrib["height"].removesuffix("px")))


def test_titles_beside_markers_are_never_cut_to_a_stub(whole: bytes) -> None:
    titles = read_svg(whole).of("event")
    assert titles  # some fit whole or cut
    assert all(len(title) > 6 or not title.endswith("…") for title in titles), titles


def test_a_narrow_picture_wraps_its_title_and_legend(bundled: Mission) -> None:
    picture = read_svg(render(bundled, width=480, range_from="launch", range_to="docking"))
    assert len(picture.of("title")) == 2
    assert " ".join(picture.of("title")) == "Soyuz MS-19: The Challenge (Vyzov)"
    # The legend's event glyph starts a second row, at the margin (28 px).
    (glyph,) = [text for text in picture.texts if text.role == "mark"]
    assert glyph.x == pytest.approx(28 * 0.72)
    assert all(text.x / 0.72 < 480 for text in picture.texts)
