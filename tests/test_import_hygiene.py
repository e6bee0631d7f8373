"""The data layer must never import Textual (STYLE.md 1): asserted, not hoped."""

import subprocess
import sys
from pathlib import Path

import pytest

DATA_MODULES = sorted(
    f"data.{path.stem}" for path in Path("data").glob("*.py") if path.stem != "__init__"
)


@pytest.mark.parametrize("module", ["data", *DATA_MODULES])
def test_data_layer_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
