"""The event store behaves like the tuple of its events, and search and filters give the
same answers on its columns as their one-event tests (`matches`) walked event by event."""

from collections.abc import Sequence
from unittest import mock

import pytest

from data.model import Event, Mission
from data.query.filters import Filter, parse_filter
from data.query.search import EventSearch
from data.steps import STEP
from data.store import EventView, StoreBuilder, compact_position, phase_starts
from tests.generated import both_forms


def hits_one_by_one(search: EventSearch, events: Sequence[Event]) -> list[int]:
    """The reference for `EventSearch.hits`: each event tested on its own."""
    return [index for index, event in enumerate(events) if search.matches(event)]


def kept_one_by_one(flt: Filter, events: Sequence[Event]) -> list[Event]:
    """The reference for `Filter.apply`: each event tested on its own."""
    return [event for event in events if flt.matches(event)]


@pytest.fixture(scope="module")
def missions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Mission, Mission]:
    """The same generated mission as a compact store and as a tuple of events."""
    return both_forms(tmp_path_factory.mktemp("missions"), 2500, seed=11)


def test_store_is_a_sequence_of_the_same_events(missions: tuple[Mission, Mission]) -> None:
    store, plain = missions
    events = store.events
    assert len(events) == len(plain.events)
    assert events[0] == plain.events[0] and events[-1] == plain.events[-1]
    assert events[0] is events[0]  # recent events are kept, so they stay the same object
    assert list(events[10:20]) == list(plain.events[10:20])
    assert list(events[::-500]) == list(plain.events[::-500])
    assert events.index(plain.events[1234]) == 1234
    assert plain.events[99] in events
    with pytest.raises(IndexError):
        events[len(events)]
    by_id = store.event_by_id
    assert by_id[plain.events[42].id] == plain.events[42]
    assert "no-such-event" not in by_id and len(by_id) == len(events)
    with pytest.raises(KeyError):
        by_id["no-such-event"]


@pytest.mark.parametrize("step", [STEP, 64])  # one step, and many (data.steps)
def test_builder_keeps_file_order_for_equal_times(
    missions: tuple[Mission, Mission], step: int
) -> None:
    _, plain = missions
    builder = StoreBuilder([p.id for p in plain.phases], [p.id for p in plain.places])
    shuffled = list(reversed(plain.events))
    for event in shuffled:
        builder.add(event)
    expected = sorted(shuffled, key=lambda e: e.when.instant)
    with mock.patch("data.store.builder.STEP", step):
        assert list(builder.build()) == expected


def queries(mission: Mission) -> list[str]:
    person = mission.people[4]
    surname = person.name.split()[1]
    return [
        "plasma",
        "DOCK-AFT",
        surname,
        person.names.ru.split()[1],
        person.names.nl[0].split()[1].lower(),
        surname[:3],
        "toilet nominal",
        "zzzz",
        "",
        "a\nb",
    ]


def test_search_on_columns_matches_event_by_event(missions: tuple[Mission, Mission]) -> None:
    store, plain = missions
    found_any = False
    for query in queries(store):
        search = EventSearch(store, query)
        expected = hits_one_by_one(search, plain.events)
        found_any |= bool(expected)
        assert search.hits(store.events) == expected, query
        # Starts all along the list: the chunks searched grow from FIRST_CHUNK events.
        for start in [*range(0, len(plain.events), 311), len(plain.events) - 1]:
            after = next((i for i in expected if i >= start), None)
            before = next((i for i in reversed(expected) if i <= start), None)
            assert search.next_hit(store.events, start, 1) == after, query
            assert search.next_hit(store.events, start, -1) == before, query
    assert found_any


def test_filters_on_columns_match_event_by_event(missions: tuple[Mission, Mission]) -> None:
    store, plain = missions
    person = store.people[4]
    expressions = [
        "kind:docking,undocking",
        f"person:{person.names.nl[0].split()[1]}",
        "phase:exp-03 kind:eva",
        "vehicle:airlock",
        f"person:{person.id} kind:launch,landing",
    ]
    for text in expressions:
        flt = parse_filter(text, store)
        fast = flt.apply(store.events)
        slow = kept_one_by_one(flt, plain.events)
        assert isinstance(fast, EventView)
        assert slow, text
        assert list(fast) == slow, text
        assert len(fast) == len(slow) and fast[-1] == slow[-1]


def test_search_within_a_filtered_view(missions: tuple[Mission, Mission]) -> None:
    store, plain = missions
    flt = parse_filter("kind:eva,milestone", store)
    view = flt.apply(store.events)
    events = kept_one_by_one(flt, plain.events)
    for query in queries(store)[:5]:
        search = EventSearch(store, query)
        expected = hits_one_by_one(search, events)
        assert search.hits(view) == expected, query
        assert search.next_hit(view, 10, 1) == next((i for i in expected if i >= 10), None)


def test_text_column_keeps_strings_exactly() -> None:
    from data.store import TextColumn

    values = [f"item-{n}" if n % 7 else "" for n in range(TextColumn.CHUNK * 2 + 123)]
    values[5] = "Шкаплеров: ü"
    column = TextColumn()
    column.extend_list(values[:100])
    for value in values[100:300]:
        column.append(value)
    column.extend_list(values[300:])
    column.finish()
    assert len(column) == len(values)
    assert list(column) == values
    assert column[-1] == values[-1]
    assert column.find("item-4100") == 4100
    assert column.find("item-410") == 410
    assert column.find("tem-1") is None
    assert column.text(3, 9) == "".join(v + TextColumn.SEPARATOR for v in values[3:9])
    low, high = TextColumn.CHUNK - 2, TextColumn.CHUNK + 3
    assert column.text(low, high).split(TextColumn.SEPARATOR)[:-1] == values[low:high]
    order = list(reversed(range(len(values))))
    assert list(column.gathered(order)) == values[::-1]


@pytest.mark.parametrize("before", [0, 1, 4095, 4096, 5000])
def test_strings_joined_by_an_engine_are_kept_as_appended(before: int) -> None:
    """`extend_joined` (one text, each string followed by the separator, and the lengths)
    makes the same chunks as appending the strings one by one, whether the last chunk is
    full or begun."""
    from array import array

    from data.store import TextColumn

    values = [f"évent-{n}" * (n % 5) for n in range(before + TextColumn.CHUNK * 2 + 77)]
    joined, appended = TextColumn(values[:before]), TextColumn(values)
    for low, high in ((before, before + 10), (before + 10, len(values))):
        part = values[low:high]
        text = "".join(value + TextColumn.SEPARATOR for value in part)
        joined.extend_joined(text, array("I", map(len, part)))
    appended.finish()
    assert list(joined) == values
    assert (joined.blobs, joined.starts, joined.lengths) == (
        appended.blobs,
        appended.starts,
        appended.lengths,
    )


def test_phase_starts_from_columns_match_event_by_event(
    missions: tuple[Mission, Mission],
) -> None:
    store, plain = missions

    def walked(events: Sequence[Event]) -> list[tuple[int, str | None]]:
        starts: list[tuple[int, str | None]] = []
        for position, event in enumerate(events):
            if not starts or event.phase != starts[-1][1]:
                starts.append((position, event.phase))
        return starts

    assert phase_starts(store.events) == walked(plain.events)
    assert len(walked(plain.events)) > 3
    for text in ("kind:eva,milestone", "phase:exp-03", "kind:landing"):
        flt = parse_filter(text, store)
        view = flt.apply(store.events)
        assert phase_starts(view) == walked(kept_one_by_one(flt, plain.events)), text


def test_positions_by_id_in_a_store_and_a_view(missions: tuple[Mission, Mission]) -> None:
    store, plain = missions
    flt = parse_filter("kind:eva,milestone", store)
    view = flt.apply(store.events)
    events = kept_one_by_one(flt, plain.events)
    for position in (0, 1, len(events) // 2, len(events) - 1):
        event_id = events[position].id
        assert compact_position(view, event_id) == position
        assert compact_position(store.events, event_id) == plain.events.index(events[position])
    hidden = next(event for event in plain.events if event not in events)
    assert compact_position(view, hidden.id) is None
    assert compact_position(store.events, "no-such-event") is None
