"""Tests in another language: `speaking("nl")` around a block restores the language before it
(tests run one after the other in a worker and share `data.i18n`'s state)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from data.i18n import language, use


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """The interface speaks `lang` inside the block, and the language before it after."""
    before = language()
    use(lang)
    try:
        yield
    finally:
        use(before)
