"""The picture exports, SVG and PNG: the mission's lanes, phases, events and axis as an image.

`write_svg` and `write_png` lay the picture out (`picture_layout`, from the axis core) and
draw it (`picture_draw`, matplotlib, imported only then). The output is the text stream that
`data.files.writing` opens for every export: SVG is written to it as text, PNG as bytes to
its binary buffer, so a picture is written as safely as any export (a temporary file renamed
into place, never over a file without `--force`).
"""

from __future__ import annotations

import warnings
from typing import TextIO

from data.export.options import ExportOptions
from data.model import Mission

BLOCK = 8192
"""Written a block at a time, so that the output's check (`data.files.writing`) runs
between blocks and a cancelled export stops there."""


def picture(mission: Mission, options: ExportOptions, image_format: str) -> bytes:
    """The picture of `mission` with `options` as `svg` or `png` bytes. A character the
    font lacks (the placeholders of control characters, `␛`) is drawn as a box, without
    matplotlib's warning on standard error. (The layout and the drawing are imported here:
    `data.export`, which lists this format, loads neither matplotlib nor the axis core.)"""
    from data.export.picture_draw import measure, render
    from data.export.picture_layout import layout

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
        return render(layout(mission, options, measure()), options.theme, image_format)


def write_svg(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write the picture as SVG (UTF-8 text)."""
    text = picture(mission, options, "svg").decode("utf-8")
    for start in range(0, len(text), BLOCK):
        out.write(text[start : start + BLOCK])


def write_png(mission: Mission, options: ExportOptions, out: TextIO) -> None:
    """Write the picture as PNG, `options.width` pixels wide, to `out`'s binary buffer."""
    data = picture(mission, options, "png")
    out.flush()
    for start in range(0, len(data), BLOCK):
        out.buffer.write(data[start : start + BLOCK])
