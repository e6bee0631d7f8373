"""Widths in terminal cells: the one measure by which the text export aligns its columns and
the time axis fits its labels in a terminal.

A CJK character or an emoji takes two cells, a combining accent or a zero-width space none,
so a character count misplaces every column after such a text. Widths come from Rich's
`cell_len`, the measure the TUI's timeline rows use (through `Strip.cell_length`), imported
only for a text beyond printable ASCII (whose characters take one cell each), so an export
of plain text never loads Rich. Texts are measured after sanitising: a control character
would otherwise count as zero cells.
"""

from __future__ import annotations

from collections.abc import Iterable


def cell_width(text: str) -> int:
    """The number of terminal cells `text` takes (one line, no control characters)."""
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` cells; never cut."""
    return text + " " * (width - cell_width(text))


def _one_cell_each(texts: list[str]) -> bool:
    """Whether every character of `texts` is printable ASCII, which takes one cell."""
    joined = "".join(texts)
    return joined.isascii() and joined.isprintable()


def pad_column(texts: list[str], width: int) -> list[str]:
    """`pad` for each text of a column: quick when the column is plain ASCII (times are)."""
    if _one_cell_each(texts):
        return [text.ljust(width) for text in texts]
    return [pad(text, width) for text in texts]


def widest(texts: Iterable[str]) -> int:
    """The width in cells of the widest of `texts` (0 for none)."""
    listed = list(texts)
    if _one_cell_each(listed):
        return max(map(len, listed), default=0)
    return max(map(cell_width, listed), default=0)


def expand_tabs(line: str, size: int) -> str:
    """`str.expandtabs(size)` with tab stops counted in cells."""
    if "\t" not in line:
        return line
    first, *rest = line.split("\t")
    out, column = [first], cell_width(first)
    for part in rest:
        spaces = size - column % size
        out += [" " * spaces, part]
        column += spaces + cell_width(part)
    return "".join(out)
