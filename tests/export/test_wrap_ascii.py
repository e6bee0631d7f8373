"""The line-at-a-time wrap of printable ASCII (`wrap._wrap_ascii`, what a million-event text
export mostly wraps) gives the very lines of the word-at-a-time wrap (`wrap._wrap_cells`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from data.export.wrap import FALLBACK, MIN_ROOM, _wrap_ascii, _wrap_cells, wrap_line
from data.widths import cell_width

# Words of one to thirty letters and runs of spaces: long words, runs and leading or trailing
# spaces are where the two ways could part.
_PIECES = st.lists(
    st.one_of(st.text("ab-.", min_size=1, max_size=30), st.text(" ", min_size=1, max_size=4)),
    max_size=40,
)


@settings(max_examples=2000, deadline=None)
@given(
    pieces=_PIECES,
    width=st.integers(FALLBACK + 1, 70),  # narrower: no room for a character
    more=st.integers(0, 40),
    used=st.integers(0, 40),
    cut=st.booleans(),
)
def test_ascii_lines_wrap_as_word_by_word(
    pieces: list[str], width: int, more: int, used: int, cut: bool
) -> None:
    line = "".join(pieces)
    if more > width - MIN_ROOM:
        more = FALLBACK
    assert _wrap_ascii(line, width, more, used, cut) == _wrap_cells(line, width, more, used, cut)


def test_wrap_line_takes_the_ascii_way_only_for_printable_ascii() -> None:
    line = "word " * 30
    assert wrap_line(line, 42, 4) == _wrap_cells(line, 42, 4, 0, True)
    wide = "wörd " * 30
    assert wrap_line(wide, 42, 4) == _wrap_cells(wide, 42, 4, 0, True)


def test_no_character_before_u1100_takes_two_cells() -> None:
    """What `wrap._narrow` relies on to measure only lines of more characters than the width
    in a text of such characters."""
    assert max(cell_width(chr(code)) for code in range(0x1100)) == 1
    assert cell_width("\u1100") == 2
