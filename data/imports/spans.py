"""The span of a group of imported events: from the earliest time to the latest end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from data.load.lint import earliest, latest
from data.times.parse import When


class Timed(Protocol):
    """Anything with a start and an optional end (an imported occurrence)."""

    @property
    def start(self) -> When: ...
    @property
    def end(self) -> When | None: ...


def phase_span(times: Sequence[Timed]) -> dict[str, str]:
    """`start` and `end` of a phase holding these events: the time that can mean the earliest
    instant, and the one (a start or an end) that can mean the latest, as written."""
    first = min((t.start for t in times), key=earliest)
    last = max((t.end or t.start for t in times), key=latest)
    return {"start": first.text, "end": last.text}
