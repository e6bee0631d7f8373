"""Filter expressions as people type them: values with spaces or quotes, any spelling of a
name (as a search finds it), and the nearest valid key or value when one is wrong."""

from __future__ import annotations

import pytest

from data.model import Mission
from data.opening import load_bundled
from data.query.filters import FilterError, parse_filter
from data.query.search import EventSearch, people_named


@pytest.fixture(scope="module")
def mission() -> Mission:
    return load_bundled()


def shown(mission: Mission, text: str) -> list[str]:
    return [event.id for event in parse_filter(text, mission).apply(mission.events)]


@pytest.mark.parametrize(
    "text",
    [
        "person:vande hei",
        'person:"vande hei"',
        "person:'Vande Hei'",
        "person:Mark  Vande Hei",
        "person:Марк Ванде Хай",
        'person:"mark t. vande hei"',
    ],
)
def test_a_name_with_spaces_is_one_value(mission: Mission, text: str) -> None:
    assert shown(mission, text) == shown(mission, "person:vande-hei")
    assert shown(mission, text)


def test_words_up_to_the_next_key_belong_to_the_value(mission: Mission) -> None:
    assert shown(mission, "person:vande hei kind:landing") == ["ms19-landing"]
    assert shown(mission, "kind:landing person:vande hei") == ["ms19-landing"]
    both = set(shown(mission, "person:vande hei")) | set(shown(mission, "person:peresild"))
    assert set(shown(mission, "person:vande hei,peresild")) == both
    assert set(shown(mission, 'person:"vande hei",Peresild')) == both


def test_quotes_keep_commas_and_colons_and_an_open_quote_runs_to_the_end(
    mission: Mission,
) -> None:
    with pytest.raises(FilterError, match=r"no phase matches 'run-up, kind:launch'"):
        parse_filter('phase:"run-up, kind:launch"', mission)
    assert shown(mission, 'person:"vande hei') == shown(mission, "person:vande-hei")


def test_the_filter_keeps_what_was_typed(mission: Mission) -> None:
    assert parse_filter("  person:vande   hei ", mission).text == "person:vande hei"


def test_person_values_name_people_as_search_does(mission: Mission) -> None:
    for query in ("oleg", "Sjkaplerov", "peressild", "Шкаплеров", "vande hei", "Dubrow"):
        people = {person.id for person in people_named(mission, query)}
        assert people, query
        assert people == set(EventSearch(mission, query)._people), query
        (term,) = parse_filter(f"person:{query}", mission).terms
        assert term.ids == people, query


def test_an_exact_id_or_name_wins_over_a_part(mission: Mission) -> None:
    (term,) = parse_filter("person:Oleg Novitskiy", mission).terms
    assert term.ids == {"novitskiy"}
    (term,) = parse_filter("kind:docking", mission).terms
    assert term.ids == {"docking"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kindd:docking", r"no filter key 'kindd' \(did you mean 'kind'\?\)"),
        ("persn:dubrov", r"did you mean 'person'\?"),
        ("kind:dockign", r"no kind matches 'dockign' \(did you mean 'docking' or 'undocking'\?\)"),
        ("person:shkaplerof", r"no person matches 'shkaplerof' \(did you mean 'shkaplerov'\?\)"),
        ("person:dubrof", r"did you mean 'dubrov'\?"),
        ("phase:retrn", r"no phase matches 'retrn' \(did you mean 'return'\?\)"),
        ("vehicle:soyuz 19", r"no vehicle matches 'soyuz 19' \(did you mean 'soyuz-ms-19'"),
        ("dubrov", r"cannot read 'dubrov': write key:value"),
        ("person:", r"person: needs a value"),
        ("person:ab", r"^no person matches 'ab'$"),
    ],
)
def test_what_is_wrong_comes_with_the_nearest_valid_ones(
    mission: Mission, text: str, message: str
) -> None:
    with pytest.raises(FilterError, match=message):
        parse_filter(text, mission)


def test_the_nearest_person_is_found_through_any_spelling(mission: Mission) -> None:
    with pytest.raises(FilterError, match=r"did you mean 'peresild'\?"):
        parse_filter("person:Joelia Peresilt", mission)
