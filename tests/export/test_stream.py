"""`data.export.stream.write_utf8`: a batch's UTF-8 bytes and text written in turn come out
in order, as the stream would have written them as text, whatever the stream."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from data.export.stream import write_utf8

PIECES: list[str | bytes | memoryview] = [
    "Launch\r\n",
    "\u0417\u0430\u043f\u0443\u0441\u043a \u2014 5 okt.\n".encode(),
    "then\n",
    memoryview("Stykovka \u2116\n".encode()),
]
TEXT = "Launch\r\n\u0417\u0430\u043f\u0443\u0441\u043a \u2014 5 okt.\nthen\nStykovka \u2116\n"


def test_a_string_stream_gets_the_text() -> None:
    out = io.StringIO(newline="")
    for piece in PIECES:
        write_utf8(piece, out)
    assert out.getvalue() == TEXT


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1251"])
def test_a_file_gets_the_bytes_its_encoding_gives(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "out.txt"
    with path.open("w", encoding=encoding, newline="") as out:
        for piece in PIECES:
            write_utf8(piece, out)
    assert path.read_bytes() == TEXT.encode(encoding)
