"""How the text export lays out its lines: columns padded to their widths (in terminal
cells) and separated by a gap, details indented, headings underlined."""

from __future__ import annotations

from data.widths import cell_width, expand_tabs, pad

GAP = "  "
"""Between two columns."""
INDENT = "    "
"""Before each detail line of an event."""


def title_column(widths: list[int]) -> int:
    """Where the title starts, in cells: after the time columns of `widths` and their gaps."""
    return sum(widths) + len(GAP) * len(widths)


def row(cells: list[str], widths: list[int]) -> str:
    """Cells padded to their column widths (in terminal cells); the last cell is not padded."""
    padded = [pad(cell, width) for cell, width in zip(cells, widths, strict=False)]
    return GAP.join([*padded, *cells[len(widths) :]]).rstrip()


def rule(text: str, char: str) -> str:
    """The line of `char` under a heading: as wide as `text`, at least 3 cells."""
    return char * max(cell_width(text), 3)


def indented(text: str, indent: str) -> str:
    """Every line of `text` (tabs kept as spaces, at stops of 4 cells) indented, ending with
    a newline."""
    lines = text.rstrip().split("\n")
    return "".join(f"{indent}{expand_tabs(line, 4)}".rstrip() + "\n" for line in lines)
