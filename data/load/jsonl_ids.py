"""Ids used twice in a JSON Lines mission, found once all its events are read.

The reader keeps each event's id's hash and line as it takes it (a set of a million ids would
keep a million strings alive); the hashes are counted once, in steps, and only if some are
equal are the ids themselves compared.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import compress, islice
from operator import eq

from data.steps import Check


def duplicate_ids(
    hashes: array[int], lines: array[int], ids: Sequence[str], check: Check, step: int
) -> list[tuple[int, str]]:
    """The line and id of every use of an id after its first (`ids[n]` hashes to
    `hashes[n]` and is on line `lines[n]`), counting the hashes `step` at a time (`check`
    between)."""
    if _distinct(hashes, check, step) == len(hashes):
        return []  # the usual case, in one pass
    ordered = sorted(hashes)
    repeated = set(compress(ordered, map(eq, ordered, islice(ordered, 1, None))))
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index in compress(range(len(hashes)), map(repeated.__contains__, hashes)):
        ident = ids[index]
        if ident in seen:
            found.append((lines[index], ident))
        seen.add(ident)
    return found


def _distinct(hashes: array[int], check: Check, step: int) -> int:
    """How many different hashes there are: a set made in steps (`check` between), freed at
    once."""
    distinct: set[int] = set()
    for low in range(0, len(hashes), step):
        distinct.update(hashes[low : low + step])
        check()
    return len(distinct)
