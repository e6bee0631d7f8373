"""The data layer's words in Dutch: kind names, the facts' labels, stays and lanes, the time
axis's months, search and filter messages, the clock's errors. Each is made in the language
in force when it is asked for; in English every text is what it was."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import msgspec
import pytest

from data.axis.lanes import bands, lanes
from data.axis.scale import Scale
from data.axis.ticks import ticks
from data.clock.clock import parse_speed
from data.facts.derived import between
from data.facts.event import planned_mark, verdict
from data.facts.kinds import kind_name, kind_names
from data.facts.person import names_of, person_facts
from data.facts.stays import vehicle_stays
from data.i18n import speaking
from data.model import EventKind, Mission
from data.opening import load_bundled
from data.query.filters import FilterError, parse_filter
from data.query.search import HitCount
from data.times.parse import parse_when


@pytest.fixture(scope="module")
def mission() -> Mission:
    return load_bundled()


@pytest.fixture
def dutch() -> Iterator[None]:
    """Dutch for one test."""
    with speaking("nl"):
        yield


def shown(mission: Mission, text: str) -> list[str]:
    return [event.id for event in parse_filter(text, mission).apply(mission.events)]


# -- kinds ------------------------------------------------------------------------------------


def test_in_english_a_kind_is_named_by_its_value() -> None:
    assert kind_names() == {kind: kind.value for kind in EventKind}


def test_every_kind_has_a_dutch_name(dutch: None) -> None:
    names = kind_names()
    assert set(names) == set(EventKind)
    assert names[EventKind.LAUNCH] == "lancering"
    assert names[EventKind.DOCKING] == "koppeling"
    assert names[EventKind.UNDOCKING] == "ontkoppeling"
    assert names[EventKind.CREW] == "bemanning"
    assert len(set(names.values())) == len(EventKind), "two kinds share a Dutch name"


def test_kind_names_follow_a_change_of_language() -> None:
    with speaking("nl"):
        dutch = kind_name(EventKind.HATCH)
    with speaking("en"):
        english = kind_name(EventKind.HATCH)
    assert (dutch, english) == ("luik", "hatch")


# -- filter and search ------------------------------------------------------------------------


def test_the_filter_takes_a_kind_by_its_dutch_name_in_dutch(mission: Mission, dutch: None) -> None:
    assert shown(mission, "kind:koppeling") == shown(mission, "kind:docking")
    assert shown(mission, "kind:ontkoppeling,lancering") == shown(mission, "kind:undocking,launch")
    assert shown(mission, "kind:docking")  # the syntax's own words still work


def test_in_english_a_dutch_kind_name_is_no_kind(mission: Mission) -> None:
    with pytest.raises(FilterError, match="no kind matches 'koppeling'"):
        parse_filter("kind:koppeling", mission)


def with_dutch_phase_name(mission: Mission) -> Mission:
    """The mission with a Dutch name for its phase `launch-docking`."""
    phases = tuple(
        msgspec.structs.replace(p, names=(("nl", "Lancering en koppeling"),))
        if p.id == "launch-docking"
        else p
        for p in mission.phases
    )
    return msgspec.structs.replace(mission, phases=phases)


def test_a_phase_is_found_by_any_of_its_names(mission: Mission) -> None:
    renamed = with_dutch_phase_name(mission)
    wanted = shown(mission, "phase:launch-docking")
    assert shown(renamed, "phase:lancering en koppeling") == wanted
    assert shown(renamed, "phase:launch and docking") == wanted


def test_filter_errors_are_dutch(mission: Mission, dutch: None) -> None:
    with pytest.raises(FilterError) as unknown_key:
        parse_filter("soort:launch", mission)
    assert str(unknown_key.value).startswith("kan 'soort:launch' niet lezen: geen filtersleutel")
    with pytest.raises(FilterError) as no_value:
        parse_filter("kind:", mission)
    assert str(no_value.value) == "kind: heeft een waarde nodig: schrijf kind:WAARDE[,WAARDE...]"
    with pytest.raises(FilterError) as no_match:
        parse_filter("kind:zzzz", mission)
    assert str(no_match.value).startswith("kind: niets komt overeen met 'zzzz'")


def test_hit_counts_are_dutch(dutch: None) -> None:
    count = HitCount([3, 7, 1_200])
    assert count.place(7) == "treffer 2 van 3"
    assert count.place(5) == "3 treffers"
    assert HitCount([4]).place(0) == "1 treffer"
    assert HitCount([]).place(0) == "geen treffers"


def test_hit_counts_in_english_are_as_they_were() -> None:
    assert HitCount([3, 7]).place(7) == "hit 2 of 2"
    assert HitCount([4]).place(0) == "1 hit"
    assert HitCount([]).place(0) == "no hits"


# -- facts --------------------------------------------------------------------------------------


def test_a_persons_labels_are_dutch(mission: Mission, dutch: None) -> None:
    peresild = mission.person_by_id["peresild"]
    names = names_of(peresild)
    assert names[0] == peresild.name
    assert names[1].endswith(" (Cyrillisch)")
    assert "Joelia Peressild (Nederlands)" in names
    mordovina = person_facts(mission, mission.person_by_id["mordovina"])
    assert mordovina.flight == "(reserve, vloog niet)"
    shkaplerov = person_facts(mission, mission.person_by_id["shkaplerov"])
    assert shkaplerov.career.startswith("vóór ") and ", na " in shkaplerov.career


def test_plans_and_delays_are_dutch(dutch: None) -> None:
    assert planned_mark("Landing", True) == "(gepland) "
    assert planned_mark("Soyuz MS-19 hatch closure (planned)", True) == ""  # says so already
    assert planned_mark("Landing", False) == ""
    late = between(parse_when("2021-10-05T12:12Z"), parse_when("2021-10-05T12:22Z"))
    assert verdict(late).endswith(" te laat")
    same = between(parse_when("2021-10-05T12:12Z"), parse_when("2021-10-05T12:12Z"))
    assert verdict(same) == "in dezelfde minuut"


# -- stays, lanes and the axis -------------------------------------------------------------------


def test_lanes_and_stays_speak_dutch(mission: Mission, dutch: None) -> None:
    names = [lane.name for lane in lanes(mission)]
    assert {"Sjkaplerov", "Peressild", "Sjipenko"} <= set(names)
    ms18 = vehicle_stays(mission.vehicle_by_id["soyuz-ms-18"], mission)
    assert "in vlucht" in {stay.label for stay in ms18}


def test_bands_are_named_by_phase_name(mission: Mission) -> None:
    renamed = with_dutch_phase_name(mission)
    english = {band.phase: band.name for band in bands(renamed)}
    with speaking("nl"):
        dutch = {band.phase: band.name for band in bands(renamed)}
    assert english["launch-docking"] == "Launch and docking"
    assert dutch["launch-docking"] == "Lancering en koppeling"


def test_axis_months_come_from_the_dutch_locale(dutch: None) -> None:
    def at(text: str) -> float:
        return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()

    months = ticks(Scale.fit(at("2021-09-01T00:00"), at("2022-04-01T00:00"), 80), 80, "UTC")
    assert [tick.label for tick in months if tick.major] == ["jan. 2022"]
    assert "okt." in [tick.label for tick in months]
    days = ticks(Scale.fit(at("2021-10-20T00:00"), at("2021-11-10T00:00"), 120), 120, "UTC")
    assert [tick.label for tick in days if tick.major] == ["1 nov."]


# -- the clock ------------------------------------------------------------------------------------


def test_clock_errors_are_dutch(dutch: None) -> None:
    with pytest.raises(ValueError) as raised:
        parse_speed("fast")
    assert str(raised.value) == "geen snelheid: 'fast' (een snelheid van 1x tot 10,000x, bv. 60x)"
