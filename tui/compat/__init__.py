"""Work-arounds for bugs in the Textual release this app pins (8.2), applied on import:
`widgets` (option lists, screens, the command palette), `terminal` (the Linux driver) and
`drawing` (strips, frames, style caches).

Each one replaces one method of Textual's (listed in `PATCHES`, and in the comment on the
Textual pin in pyproject.toml), names the bug, and is covered by a test in
tests/tui/test_stays_up.py or tests/tui/test_compat.py; remove it when Textual fixes the bug.
tests/tui/test_compat.py fails, naming every patch, when the installed Textual is not the
release they were written for (`WRITTEN_FOR`): check each against the new release first.
"""

from tui.compat import drawing, terminal, widgets  # noqa: F401  (they apply on import)
from tui.compat.patching import PATCHES, WRITTEN_FOR
from tui.compat.widgets import PALETTE_ID, palette_left_over

__all__ = ["PALETTE_ID", "PATCHES", "WRITTEN_FOR", "palette_left_over"]
