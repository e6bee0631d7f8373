"""The engine makes its batches on two threads (`data.export.fast.ahead.in_order`): the
batches come back in order, however their making finishes, an error where its batch would
have been, and with few held at once; and a lookup table shared by the threads never looks
a code up in texts made before it (`parts.Table`)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

pa = pytest.importorskip("pyarrow", reason="the engine is the optional `large` extra")
ahead = pytest.importorskip("data.export.fast.ahead")
parts = pytest.importorskip("data.export.fast.parts")


@pytest.fixture
def two_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two threads, whatever the machine's cores."""
    monkeypatch.setattr(ahead, "THREADS", 2)


@pytest.mark.usefixtures("two_threads")
def test_batches_come_back_in_order_when_a_later_one_is_made_first() -> None:
    second_made = threading.Event()

    def make(item: int) -> int:
        if item == 0:  # the first waits until the second is made
            assert second_made.wait(timeout=30)
        if item == 1:
            second_made.set()
        return item * 10

    assert list(ahead.in_order(make, range(6))) == [0, 10, 20, 30, 40, 50]


@pytest.mark.usefixtures("two_threads")
def test_no_more_than_one_batch_over_the_threads_is_held() -> None:
    taken = 0

    def items() -> Iterator[int]:
        nonlocal taken
        for item in range(100):
            taken += 1
            yield item

    made = ahead.in_order(lambda item: item, items())
    assert next(made) == 0
    assert taken == ahead.THREADS + 1
    made.close()
    assert taken == ahead.THREADS + 1


@pytest.mark.usefixtures("two_threads")
def test_an_error_is_raised_where_its_batch_would_be() -> None:
    def make(item: int) -> int:
        if item == 3:
            raise ValueError("batch 3")
        return item

    got = []
    with pytest.raises(ValueError, match="batch 3"):
        for item in ahead.in_order(make, range(10)):
            got.append(item)
    assert got == [0, 1, 2]


def test_one_thread_makes_the_batches_in_the_callers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ahead, "THREADS", 1)
    makers = set()

    def make(item: int) -> int:
        makers.add(threading.current_thread())
        return item

    assert list(ahead.in_order(make, range(5))) == list(range(5))
    assert makers == {threading.current_thread()}


def test_a_shared_table_looks_a_code_up_only_in_texts_made_with_it() -> None:
    """One thread has made code 5's text but not yet its array (it is still making code
    6's) when another asks for code 5: the other must get code 5's text, not an array
    from before it."""
    five_made, other_done = threading.Event(), threading.Event()

    def make(code: int) -> str:
        if code == 6:
            five_made.set()
            assert other_done.wait(timeout=30)
        return f"text {code}"

    table = parts.Table(make)
    seen: list[object] = []

    def other() -> None:
        assert five_made.wait(timeout=30)
        seen.append(table.part(pa.array([5, 5], pa.int32())).array().to_pylist())
        other_done.set()

    thread = threading.Thread(target=other)
    thread.start()
    first = table.part(pa.array([5, 6], pa.int32())).array().to_pylist()
    thread.join(timeout=30)
    assert first == ["text 5", "text 6"]
    assert seen == [["text 5", "text 5"]]
    assert table.part(pa.array([6, 5], pa.int32())).array().to_pylist() == ["text 6", "text 5"]


@pytest.mark.usefixtures("two_threads")
def test_batches_are_made_in_the_callers_language() -> None:
    """The CSV is written in English inside `speaking("en")` while the app speaks Dutch."""
    from data.i18n import language, speaking

    with speaking("nl"):
        assert set(ahead.in_order(lambda _: language(), range(6))) == {"nl"}
