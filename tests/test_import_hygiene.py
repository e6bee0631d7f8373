"""The data layer must never import Textual (STYLE.md 1): asserted, not hoped."""

import subprocess
import sys
from pathlib import Path

import pytest

DATA_MODULES = sorted(
    ".".join(path.with_suffix("").parts).removesuffix(".__init__")
    for path in Path("data").rglob("*.py")
)


def test_every_data_module_is_checked() -> None:
    assert {"data", "data.load.jsonl", "data.store.events", "data.files.reading"} <= set(
        DATA_MODULES
    )


@pytest.mark.parametrize("module", DATA_MODULES)
def test_data_layer_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
