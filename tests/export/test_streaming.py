"""Exports stream: the memory an export uses does not grow with the number of events
(beyond the loaded mission itself), and the writers never import Textual.

The writers format a batch of events at a time (`data.export.columns.CHUNK`, 4096); the
tests here make batches of 64 so that a few hundred events already span many batches.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from data.export import FORMATS, columns, export, make_options
from data.model import Mission
from data.opening import build_mission

BATCH = 64


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(columns, "CHUNK", BATCH)


def synthetic(events: int) -> Mission:
    raw: dict[str, Any] = {
        "format": 1,
        "mission": {"id": "big", "title": "Big", "reference": "e0"},
        "sources": [{"id": "s", "title": "Source", "url": "https://example.org"}],
        "places": [{"id": "p", "name": "Pad", "zone": "Asia/Qyzylorda"}],
        "phases": [
            {"id": "a", "name": "A", "start": "2021-01-01T00:00Z", "end": "2021-07-01T00:00Z"},
            {"id": "b", "name": "B", "start": "2021-07-01T00:00Z", "end": "2022-01-01T00:00Z"},
        ],
        "people": [
            {
                "id": "x",
                "name": "X",
                "flights": [{"up": "v", "down": "v", "launch": "e0", "landing": "e1"}],
            }
        ],
        "vehicles": [{"id": "v", "name": "V", "kind": "spacecraft"}],
        "events": [
            {
                "id": f"e{n}",
                "title": f"Event {n}",
                "kind": "milestone",
                "phase": "a" if n % 2 else "b",
                "at": f"2021-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:07Z",
                "description": "Something happened.\nOn two lines.",
                "place": "p",
                "people": ["x"],
                "sources": ["s"],
            }
            for n in range(events)
        ],
    }
    return build_mission(raw, "synthetic.json")


def peak_bytes(mission: Mission, format_name: str) -> int:
    fmt = FORMATS[format_name]
    options = make_options(
        mission,
        zones=["Europe/Brussels", "stated"] if fmt.zones else (),
        relative_to="e0" if fmt.views else None,
    )
    peaks = []
    with Path("/dev/null").open("w", encoding="utf-8", newline="") as sink:
        export(mission, format_name, options, sink)  # warm caches (lookups, zone data)
        # The least of two runs: a one-off resize of an interpreter-wide table (interned
        # strings, zone caches) is not memory the export holds.
        for _ in range(2):
            tracemalloc.start()
            try:
                export(mission, format_name, options, sink)
                peaks.append(tracemalloc.get_traced_memory()[1])
            finally:
                tracemalloc.stop()
    return min(peaks)


# Parquet is written a row group of 65,536 events at a time, in Arrow's memory, which
# tracemalloc does not see: tests/large/test_parquet.py measures it by row groups.
@pytest.mark.parametrize("format_name", [name for name in FORMATS if name != "parquet"])
def test_memory_does_not_grow_with_events(format_name: str) -> None:
    small = peak_bytes(synthetic(150), format_name)
    large = peak_bytes(synthetic(1200), format_name)
    # Eight times the events: a collecting writer would need about eight times the memory.
    assert large < small * 1.5 + 64 * 1024, (small, large)


class _Spy:
    """A stream that remembers the size of each write."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def write(self, text: str) -> int:
        self.sizes.append(len(text))
        return len(text)

    def seekable(self) -> bool:
        return False


@pytest.mark.parametrize("format_name", ["text", "md", "csv", "json", "ics", "mermaid"])
def test_writers_write_as_they_go(format_name: str) -> None:
    """Many small writes, not one big one: each event, or each batch of events, goes out as
    soon as it is formatted."""
    mission = synthetic(300)
    spy = _Spy()
    export(mission, format_name, make_options(mission), spy)  # type: ignore[arg-type]
    assert len(spy.sizes) >= 300 // BATCH
    assert max(spy.sizes) < 30_000 * BATCH // 64  # a JSON event with its UTC forms: ~370


@pytest.mark.parametrize(
    "module",
    [
        "data.export",
        "data.export.options",
        "data.export.text_export",
        "data.export.markdown_export",
        "data.export.csv_export",
        "data.export.json_export",
        "data.export.ics_export",
        "data.files.writing",
    ],
)
def test_export_modules_do_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules, 'rich' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
