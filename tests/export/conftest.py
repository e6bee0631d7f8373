"""Fixtures for the export tests, and `pytest --update-golden` to rewrite the golden files.

The bundled mission may still change; after it does, run
`pytest tests/export --update-golden`, read the diff of tests/export/golden/, and commit it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from export_helpers import DEMO, GOLDEN, STAMP

from data.model import Mission
from data.opening import load_bundled, load_mission


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/export/golden/ from the current exports instead of comparing",
    )


@pytest.fixture(scope="session")
def stamp() -> datetime:
    return STAMP


@pytest.fixture(scope="session")
def demo() -> Mission:
    return load_mission(DEMO)


@pytest.fixture(scope="session")
def bundled() -> Mission:
    return load_bundled()


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, bytes], None]:
    """Compare bytes with a golden file (or rewrite it with --update-golden)."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: bytes) -> None:
        path = GOLDEN / name
        if update:
            path.write_bytes(actual)
            return
        assert path.exists(), f"no golden file {name}; run pytest tests/export --update-golden"
        expected = path.read_bytes()
        assert actual == expected, f"{name} differs; if intended: pytest --update-golden"

    return check
