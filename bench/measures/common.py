"""What every measure shares: the project's paths and the line of figures it prints."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[1]
ROOT = BENCH.parent
PROBE = BENCH / "frame_probe.py"


@dataclass
class Result:
    """One line of the table: a measure, its figures and its baseline's."""

    name: str
    unit: str
    values: list[float]
    baseline: str = ""
    baseline_values: list[float] | None = None
    target: str = ""
    note: str = ""

    def row(self) -> str:
        if not self.values:
            return f"{self.name:<44} {self.note}"
        text = f"{self.name:<44} {spread(self.values, self.unit)}"
        if self.baseline_values:
            ratio = statistics.median(self.values) / statistics.median(self.baseline_values)
            text += f"   vs {self.baseline} {spread(self.baseline_values, self.unit)}"
            text += f"   ratio {ratio:.2f}x"
        if self.target:
            text += f"   target {self.target}"
        if self.note:
            text += f"   ({self.note})"
        return text


def spread(values: list[float], unit: str) -> str:
    median = statistics.median(values)
    return f"{median:,.1f} {unit} [{min(values):,.1f}-{max(values):,.1f}]"


def run_script(script: str, *args: str) -> dict[str, Any]:
    """Run `script` (Python source that prints one JSON object) with `args` in a fresh
    process from the project's folder, and give what it printed."""
    output = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    result: dict[str, Any] = json.loads(output)
    return result
