"""The span of a group of imported events: from the earliest time to the latest end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from data.times.parse import When


class Timed(Protocol):
    """Anything with a start and an optional end (an imported occurrence)."""

    @property
    def start(self) -> When: ...
    @property
    def end(self) -> When | None: ...


def phase_span(times: Sequence[Timed]) -> dict[str, str]:
    """`start` and `end` of a phase holding these events, as written: the start whose instant
    is the earliest, and the start or end whose instant is the latest. (A date's instant is
    its last second, so a date the phase starts with may begin before some of its events; the
    checker reads a date as its whole day, so no event is ever outside the phase.)"""
    first = min((t.start for t in times), key=lambda when: when.instant)
    last = max((t.end or t.start for t in times), key=lambda when: when.instant)
    return {"start": first.text, "end": last.text}
