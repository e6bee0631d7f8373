"""Writing a batch's text to the output stream, whether it is a `str` or already UTF-8
bytes (the columnar engine's rows, read in place): bytes go to the stream's binary buffer
as they are when the stream would have written the same bytes, rather than be decoded and
encoded again."""

from __future__ import annotations

import codecs
import os
from typing import TextIO


def write_utf8(text: str | bytes | memoryview, out: TextIO) -> None:
    """Write `text` to `out`; UTF-8 bytes as they are to the binary buffer of a UTF-8 stream
    that does not change line ends (flushed first, so that the order is kept), else
    decoded."""
    if isinstance(text, str):
        out.write(text)
    elif _takes_bytes(out):
        out.flush()
        out.buffer.write(text)
    else:
        out.write(str(text, "utf-8"))


def _takes_bytes(out: TextIO) -> bool:
    """Whether `out` writes text as UTF-8 to a binary buffer, line ends unchanged (a
    stream opened with `newline=""`, or any on a system whose line end is `\\n`)."""
    encoding = getattr(out, "encoding", None)
    if getattr(out, "buffer", None) is None or encoding is None:
        return False
    return codecs.lookup(encoding).name == "utf-8" and os.linesep == "\n"
