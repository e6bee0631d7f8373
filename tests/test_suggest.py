"""Did you mean: the nearest valid names in every "unknown X" message (`data.suggest`)."""

from __future__ import annotations

import pytest

from data.export.options import OptionsError, make_options
from data.model import Mission
from data.opening import load_bundled
from data.suggest import COMPARED, did_you_mean
from data.times.parse import TimeFormatError, zone_named


@pytest.fixture(scope="module")
def bundled() -> Mission:
    return load_bundled()


@pytest.fixture(scope="module")
def event_ids(bundled: Mission) -> list[str]:
    return list(bundled.event_by_id.keys())


def test_nearest_ids_first_then_those_that_contain_the_word(event_ids: list[str]) -> None:
    assert did_you_mean("dock", event_ids) == (
        " (did you mean 'docking', 'ms18-docking' or 'ms21-docking'?)"
    )
    assert did_you_mean("lanch", event_ids, shown=1) == " (did you mean 'launch'?)"


def test_case_and_separators_do_not_matter(event_ids: list[str]) -> None:
    assert did_you_mean("MS18 Docking", event_ids, shown=1) == " (did you mean 'ms18-docking'?)"
    assert did_you_mean("new york", ["America/New_York", "Europe/Moscow"]) == (
        " (did you mean 'America/New_York'?)"
    )


def test_nothing_near_is_no_suggestion(event_ids: list[str]) -> None:
    assert did_you_mean("zzzz", event_ids) == ""
    assert did_you_mean("", event_ids) == ""
    assert did_you_mean("x", ["Mexico/General"]) == ""  # one letter is inside too many names


def test_a_mapping_suggests_each_target_once() -> None:
    spellings = {"anton shkaplerov": "shkaplerov", "anton sjkaplerov": "shkaplerov"}
    assert did_you_mean("anton shkaplerof", spellings) == " (did you mean 'shkaplerov'?)"


def test_a_huge_list_is_compared_in_part_and_still_answers() -> None:
    ids = [f"e{n:07d}" for n in range(COMPARED * 5)]
    assert did_you_mean("e0000123x", ids, shown=1) == " (did you mean 'e0000123'?)"


def test_suggested_names_are_quoted_safely() -> None:
    hint = did_you_mean("evil", ["evil\x1b]52;c;aGk=\x07"])
    assert "\x1b" not in hint and "\x07" not in hint and hint.startswith(" (did you mean")


def test_a_zone_is_found_whatever_its_case_and_else_suggested() -> None:
    assert zone_named(" europe/brussels ") == "Europe/Brussels"
    with pytest.raises(TimeFormatError, match=r"did you mean 'Europe/Brussels'"):
        zone_named("Europe/Brusels")
    with pytest.raises(TimeFormatError, match=r"did you mean 'Asia/Tokyo'\?"):
        zone_named("tokyo")
    with pytest.raises(TimeFormatError, match=r"did you mean 'Asia/Tokyo'"):
        zone_named("tokio")  # a city spelt wrong, typed without its region
    with pytest.raises(TimeFormatError, match=r"not a valid.*did you mean 'America/New_York'"):
        zone_named("new york")
    with pytest.raises(TimeFormatError, match=r"^unknown IANA zone 'Mars/Olympus'$"):
        zone_named("Mars/Olympus")


def test_export_options_suggest_events_and_zones(bundled: Mission) -> None:
    with pytest.raises(OptionsError, match=r"no event with id 'dock' .*did you mean 'docking'"):
        make_options(bundled, relative_to="dock")
    with pytest.raises(OptionsError, match=r"did you mean 'Europe/Brussels'.*'stated'"):
        make_options(bundled, zones=["Europe/Brusels"])
    assert make_options(bundled, zones=["europe/brussels"]).zones == ("Europe/Brussels",)
