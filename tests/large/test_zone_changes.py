"""The zones' changes of offset handed from one process to another (the cache keeps them):
taken only when each holds, and then giving the offsets a sampling gives, without sampling."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pyarrow")

from data.load.jsonl_cache import written
from data.load.large import zone_offsets
from data.load.large.zone_offsets import Learned, learned, teach
from data.opening import load_mission
from tests.large.engine_helpers import assert_same

_ZONES = ["Europe/Berlin", "America/New_York", "Asia/Qyzylorda", "UTC"]
_DAY_MS = 86_400_000


def _offsets() -> np.ndarray:
    """The offsets of every zone through the local days of 1995 to 2030 (ms; NaN: none)."""
    days = np.arange(9131, 22000, 5)
    zone_of = np.repeat(np.arange(len(_ZONES)), len(days))
    wall = np.tile(days * _DAY_MS + 43_200_000, len(_ZONES))
    return zone_offsets.zone_offsets(_ZONES, zone_of, wall)


def _sampling_fails(self: object, low: int, high: int) -> None:
    raise AssertionError("sampled again")


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process knows no zone's changes."""
    monkeypatch.setattr(zone_offsets, "_CHANGES", {})


@pytest.fixture
def found(fresh: None, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Learned], np.ndarray]:
    """The changes a process found, and the offsets it gave; then a process that knows none."""
    offsets = _offsets()
    handed = learned()
    monkeypatch.setattr(zone_offsets, "_CHANGES", {})
    return handed, offsets


def test_changes_taught_give_the_same_offsets_without_sampling(
    found: tuple[list[Learned], np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    handed, offsets = found
    assert {zone.zone for zone in handed} == set(_ZONES)
    assert sum(len(zone.moments) for zone in handed) > 100  # the check below can fail
    assert all(teach(zone) for zone in handed)
    monkeypatch.setattr(zone_offsets._Changes, "_scan", _sampling_fails)
    np.testing.assert_array_equal(_offsets(), offsets)


def _changed(zone: Learned, moments: list[int], offsets: list[float]) -> Learned:
    return replace(zone, moments=moments, offsets=offsets)


def _wrongs(zone: Learned) -> dict[str, Learned]:
    """Changes that do not hold, each made from `zone`'s (which has some)."""
    m, o = zone.moments, zone.offsets
    return {
        "a second late": _changed(zone, [m[0] + 1, *m[1:]], o),
        "a second early": _changed(zone, [m[0] - 1, *m[1:]], o),
        "one missing": _changed(zone, m[1:], o[:1] + o[2:]),
        "an offset wrong": _changed(zone, m, [o[0], o[1] + 1000, *o[2:]]),
        "the start's offset wrong": _changed(zone, m, [o[0] + 1000, *o[1:]]),
        "no change at all": _changed(zone, [*m, m[-1] + 86_400], [*o, o[-1]]),
        "out of order": _changed(zone, [m[1], m[0], *m[2:]], [o[0], o[2], o[1], *o[3:]]),
        "outside the span": replace(zone, high=m[-1] - 1),
        "an offset short": _changed(zone, m, o[:-1]),
        "not a number": _changed(zone, m, [o[0], float("nan"), *o[2:]]),
        "past any date": replace(zone, high=10**15, moments=[*m, 10**15], offsets=[*o, o[-2]]),
        "an unknown zone": replace(zone, zone="Mars/Olympus_Mons"),
    }


_NAMES = [*_wrongs(Learned("", 0, 9, [1, 2], [0.0, 1.0, 0.0]))]


@pytest.mark.parametrize("wrong", _NAMES)
def test_changes_that_do_not_hold_are_refused(
    found: tuple[list[Learned], np.ndarray], wrong: str
) -> None:
    handed, _ = found
    berlin = next(zone for zone in handed if zone.zone == "Europe/Berlin")
    assert teach(berlin)  # as found, they hold
    zone_offsets._CHANGES.clear()
    assert not teach(_wrongs(berlin)[wrong])
    assert "Europe/Berlin" not in zone_offsets._CHANGES


@pytest.mark.usefixtures("cached")
def test_a_reopening_takes_the_changes_from_the_cache(
    mission: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_mission(mission)
    written()  # the cache, written in the background, with the changes learned
    assert any(zone.moments for zone in learned())
    monkeypatch.setattr(zone_offsets, "_CHANGES", {})
    monkeypatch.setattr(zone_offsets._Changes, "_scan", _sampling_fails)
    assert_same(load_mission(mission), first, compare_exports=False)
