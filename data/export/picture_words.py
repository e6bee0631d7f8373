"""The words of a picture beyond its axis: title, what it shows (zone, mode, range, filter),
and the sources line, each sanitised and fitted to a width in pixels."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from data.export.options import MODE_LABELS, ExportOptions
from data.i18n import _
from data.model import Mission, Source
from data.sanitize import sanitize_line

SOURCE_LINES = 2
"""The most lines the sources take."""

Width = Callable[[str], float]
"""The width of a text in pixels, in one font size."""

_DATED = re.compile(r", (\d{1,2} [A-Z][a-z]{2} \d{4})$")
"""A title that ends with the date of the article it names: `..., 5 Oct 2021`."""


def title(mission: Mission) -> str:
    """The mission's title, as a heading."""
    return sanitize_line(mission.info.title)


def subtitle(options: ExportOptions, zone: str) -> str:
    """What the axis shows and which events: `Times in Europe/Brussels`, `Times as T-/T+
    from launch`, then `events matching person:peresild` under a filter."""
    if options.relative and options.anchor is not None:
        mode, anchor = _(MODE_LABELS[options.mode]), sanitize_line(options.anchor.id)
        parts = [_("Times as {mode} from {anchor}").format(mode=mode, anchor=anchor)]
    else:
        parts = [_("Times in {zone}").format(zone=zone)]
    if options.filter is not None:
        matching = _("events matching {filter}")
        parts.append(matching.format(filter=sanitize_line(options.filter.text)))
    return " · ".join(parts)


def source_name(source: Source) -> str:
    """A source as a reader knows it, short: the publisher, with the date of an article when
    its title ends with one (`HLN, 5 Oct 2021`, `RussianSpaceWeb`, `NASA`)."""
    text = sanitize_line(source.title)
    name = text.split(",", 1)[0].split(" (", 1)[0].strip()
    dated = _DATED.search(text)
    return f"{name}, {dated[1]}" if dated else name


def sources_lines(
    mission: Mission, width: float, text_width: Width, most: int = SOURCE_LINES
) -> list[str]:
    """`Sources: HLN, 5 Oct 2021; RussianSpaceWeb; ...`: the sources the mission names, once
    each, in its order, on at most `most` lines of `width` pixels; when they do not all fit,
    the last line says how many more there are and where they are all listed."""
    names = list(dict.fromkeys(source_name(source) for source in mission.sources))
    if not names:
        return []

    def lines(shown: int) -> list[str]:
        rest = len(names) - shown
        more = _("and {count} more (the text export lists them all)")
        parts = [*names[:shown], *([more.format(count=rest)] * bool(rest))]
        parts[0] = _("Sources: {names}").format(names=parts[0])
        return list(wrap(parts, width, text_width, "; "))

    # The most names that fit: more names never take fewer lines, so halve the choice.
    low, high = 0, len(names)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if len(lines(middle)) <= most else (low, middle - 1)
    return lines(low)


def wrap(parts: Sequence[str], width: float, text_width: Width, joiner: str = " ") -> Iterator[str]:
    """`parts` joined by `joiner` into lines no wider than `width` (a line that breaks ends
    with the joiner's mark, `;`); a part wider than a line has a line of its own."""
    line = ""
    for part in parts:
        if line and text_width(line + joiner + part) > width:
            yield line + joiner.rstrip()
            line = ""
        line = f"{line}{joiner}{part}" if line else part
    if line:
        yield line
