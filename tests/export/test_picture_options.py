"""A picture's options: its time range (event ids or times), width, theme and one zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from data.export import OptionsError, make_options
from data.export.options import DEFAULT_WIDTH, Theme
from data.model import Mission
from tui.cli import main


def seconds(text: str) -> float:
    return datetime.fromisoformat(text).astimezone(UTC).timestamp()


def test_defaults_are_the_whole_mission_light_and_1600_pixels(bundled: Mission) -> None:
    options = make_options(bundled)
    assert (options.start, options.end) == (None, None)
    assert (options.width, options.theme) == (DEFAULT_WIDTH, Theme.LIGHT) == (1600, "light")


def test_range_from_event_ids_is_their_instants(bundled: Mission) -> None:
    options = make_options(bundled, range_from="launch", range_to="docking")
    assert options.start == seconds("2021-10-05T08:55:02.442Z")
    assert options.end == seconds("2021-10-05T12:22:31Z")


@pytest.mark.parametrize(
    ("zones", "range_from", "range_to", "start", "end"),
    [
        # A date stands for its whole day: --from starts it, --to ends it, in the zone shown.
        (["UTC"], "2021-10-05", "2021-10-05", "2021-10-05T00:00Z", "2021-10-06T00:00Z"),
        (
            ["Europe/Brussels"],
            "2021-10-05",
            "2021-10-31",
            "2021-10-04T22:00Z",  # midnight CEST
            "2021-10-31T23:00Z",  # the next midnight is CET: the 31st had 25 hours
        ),
        # A month, a minute; a time's own zone or offset wins over the one shown.
        (["UTC"], "2021-10", "2021-10-05T12:22Z", "2021-10-01T00:00Z", "2021-10-05T12:23Z"),
        (
            ["Asia/Tokyo"],
            "2021-10-05T11:55+03:00",
            "2021-10-05[Europe/Moscow]",
            "2021-10-05T08:55Z",
            "2021-10-05T21:00Z",
        ),
    ],
)
def test_range_from_times_covers_their_whole_unit(
    bundled: Mission, zones: list[str], range_from: str, range_to: str, start: str, end: str
) -> None:
    options = make_options(
        bundled, zones=zones, one_zone=True, range_from=range_from, range_to=range_to
    )
    assert (options.start, options.end) == (seconds(start), seconds(end))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"range_from": "dock"},
            "--from: no event with id 'dock' in this mission (did you mean 'docking', "
            "'ms18-docking' or 'ms21-docking'?); a time is written like 2021-10-05T08:55Z",
        ),
        ({"range_to": "2021-13-01"}, "--to: "),
        ({"range_from": "docking", "range_to": "launch"}, "--from 'docking' is not before --to"),
        ({"range_from": "launch", "range_to": "launch"}, "--from 'launch' is not before"),
        ({"width": 100}, "--width must be 480 to 10000 pixels, not 100"),
        ({"theme": "drak"}, "no theme 'drak' (did you mean 'dark'?)"),
        ({"zones": ["UTC", "Europe/Moscow"]}, "a picture's axis is in one IANA zone"),
        ({"zones": ["stated"]}, "a picture's axis is in one IANA zone"),
    ],
)
def test_bad_picture_options(bundled: Mission, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(OptionsError) as raised:
        make_options(bundled, one_zone=True, **kwargs)  # type: ignore[arg-type]
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "lanch"], "did you mean 'launch'"),
        (["--width", "12"], "--width must be 480 to 10000 pixels, not 12"),
        (["--zone", "UTC", "--zone", "Asia/Tokyo"], "one IANA zone"),
    ],
)
def test_command_line_refuses_bad_picture_options_with_usage_error(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "svg", "-o", "/dev/null", *args]) == 64
    error = capsys.readouterr().err
    assert error.startswith("mission-timeline export: ") and message in error
    assert error.count("\n") == 1


@pytest.mark.parametrize("option", [["--theme", "dark"], ["--from", "launch"]])
def test_picture_options_are_refused_for_other_formats(
    option: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "csv", *option]) == 64
    assert "apply to svg and png, not to csv" in capsys.readouterr().err


def test_width_is_refused_where_it_means_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """--width is pixels for a picture and columns for text and md; csv has no width."""
    assert main(["export", "--format", "csv", "--width", "800"]) == 64
    error = capsys.readouterr().err
    assert "--width applies to text and md (columns) and to svg and png (pixels)" in error
    assert error.endswith("not to csv\n")
