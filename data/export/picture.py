"""The picture exports, SVG and PNG: the mission's lanes, phases, events and axis as an image.

`write_svg` and `write_png` lay the picture out (`picture_layout`, from the axis core) and
draw it (`picture_draw`, matplotlib, imported only then). The output is the text stream that
`data.files.writing` opens for every export: SVG is written to it as text, PNG as bytes to
its binary buffer, so a picture is written as safely as any export (a temporary file renamed
into place, never over a file without `--force`).
"""

from __future__ import annotations

from typing import TextIO

from data.export.options import ExportOptions
from data.export.picture_draw import measure, render
from data.export.picture_layout import Layout, layout
from data.model import Mission

BLOCK = 8192
"""Written a block at a time, so that the output's check (`data.files.writing`) runs
between blocks and a cancelled export stops there."""


def picture(mission: Mission, options: ExportOptions) -> Layout:
    """The laid-out picture of `mission` with `options`, its texts measured as drawn."""
    return layout(mission, options, measure())


def write_svg(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write the picture as SVG (UTF-8 text)."""
    text = render(picture(mission, options), options.theme, "svg").decode("utf-8")
    for start in range(0, len(text), BLOCK):
        out.write(text[start : start + BLOCK])


def write_png(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write the picture as PNG, `options.width` pixels wide, to `out`'s binary buffer."""
    data = render(picture(mission, options), options.theme, "png")
    out.flush()
    for start in range(0, len(data), BLOCK):
        out.buffer.write(data[start : start + BLOCK])
