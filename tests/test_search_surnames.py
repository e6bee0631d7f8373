"""Any spelling of a name finds text that names the person by surname alone."""

from data.opening import load_bundled
from data.query.search import EventSearch


def test_every_spelling_finds_the_same_events() -> None:
    mission = load_bundled()
    hits = {
        query: EventSearch(mission, query).hits(mission.events)
        for query in ("Shkaplerov", "Sjkaplerov", "Шкаплеров", "shkaplérov")
    }
    assert len({tuple(found) for found in hits.values()}) == 1
    # crew-swap mentions Shkaplerov in its description only.
    assert "crew-swap" in {mission.events[i].id for i in hits["Шкаплеров"]}


def test_short_surnames_are_not_searched_alone() -> None:
    mission = load_bundled()
    search = EventSearch(mission, "Vande Hei")
    assert "hei" not in search._needles
