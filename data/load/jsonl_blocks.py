"""The blocks a JSON Lines mission's events are read in: their size, and each with the next.

With the columnar engine (the `large` extra), whose every call has a cost of its own, blocks
are larger (a 32nd of the file, up to `ENGINE_BLOCKS` times the usual size: progress is still
reported often) and the next block is read ahead, so that the engine parses it while the
reader checks the one before (`data.load.large.json_blocks.Ahead`).
"""

from __future__ import annotations

from collections.abc import Iterator

ENGINE_BLOCKS = 8
"""With the engine, blocks of up to this many usual blocks."""


def block_size(size: int, usual: int) -> int:
    """How many bytes to read at a time from a file of `size` bytes: `usual`, or with the
    engine (found, not imported) a 32nd of the file, from `usual` up to `ENGINE_BLOCKS`
    times that."""
    from data.load.large import worth_it

    if not worth_it(size):
        return usual
    return min(max(size // 32, usual), ENGINE_BLOCKS * usual)


def with_next(blocks: Iterator[bytes], *, ahead: bool) -> Iterator[tuple[bytes, bytes | None]]:
    """Each block with the one after it (`None` after the last) if reading `ahead`, else with
    `None`. A problem met reading the next block is raised only once the block before it was
    taken, where it would have been met without reading ahead."""
    if not ahead:
        yield from ((block, None) for block in blocks)
        return
    block = next(blocks, None)
    while block is not None:
        try:
            following = next(blocks, None)
        except Exception:
            yield block, None
            raise
        yield block, following
        block = following
