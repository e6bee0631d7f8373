"""The register of `tui.compat`'s work-arounds: which Textual release they were written
for, and each method replaced."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

WRITTEN_FOR = "8.2"
"""The Textual release line these work-arounds were written for and checked against."""

PATCHES: dict[str, str] = {}
"""Each Textual method replaced (`Class.method`) and the bug it works around."""


def patch(owner: type, name: str, replacement: Callable[..., Any], bug: str) -> None:
    """Replace `owner.name` with `replacement`, and list it in `PATCHES`."""
    setattr(owner, name, replacement)
    PATCHES[f"{owner.__name__}.{name}"] = bug
