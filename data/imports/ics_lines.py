"""Reading the text of an iCalendar file (RFC 5545) into components of content lines.

The text is untrusted: it is split into physical lines at LF (a CR before it is dropped;
no other character ends a line, so a control character in a value stays in that value),
folded lines are joined, and each content line is split into its name, parameters and value.
`BEGIN:`/`END:` lines nest the lines into `Component`s. Every line is numbered, so every
problem names its place. Limits, each refused with the file and the line: an unfolded line of
more than `MAX_LINE_CHARS` characters, components nested deeper than `MAX_DEPTH`, an `END`
that does not close the open component, a line that is not a content line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from data.files.reading import MAX_STRING_CHARS
from data.i18n import _
from data.problems import MissionDataError, Problem

MAX_LINE_CHARS = MAX_STRING_CHARS
"""An unfolded content line may hold at most 1 MiB characters: the limit of a string in a
mission file (a longer SUMMARY could not be kept anyway)."""
MAX_DEPTH = 8
"""Components nest at most this deep: a calendar's deepest is 3 (VCALENDAR, VEVENT, VALARM;
VCALENDAR, VTIMEZONE, STANDARD), so 8 leaves room for extensions and refuses recursion."""

_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAMETER = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)')


@dataclass(frozen=True, slots=True)
class ContentLine:
    """One property: `NAME;PARAM=VALUE:value`, unfolded."""

    number: int
    """The line of the file where it starts (1-based)."""
    name: str
    """Upper case."""
    parameters: dict[str, str]
    """Parameter names in upper case -> values without their quotes (a list stays joined by
    commas)."""
    value: str
    """The value as written (escapes not yet read)."""


@dataclass(slots=True)
class Component:
    """A `BEGIN:NAME` ... `END:NAME` block: its properties and the components inside it."""

    name: str
    """Upper case."""
    line: int
    """The line of its BEGIN."""
    properties: list[ContentLine] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def first(self, name: str) -> ContentLine | None:
        """The first property of that (upper-case) name, if any."""
        return next((p for p in self.properties if p.name == name), None)

    def every(self, name: str) -> list[ContentLine]:
        """Every property of that (upper-case) name, in the order of the file."""
        return [p for p in self.properties if p.name == name]


def error(name: str, line: int, message: str, column: int = 1) -> MissionDataError:
    """The error for a problem at a line of the calendar `name`."""
    return MissionDataError([Problem(name, "", message, line, column)])


def read_components(name: str, text: str) -> list[Component]:
    """The top-level components of an iCalendar text; raise `MissionDataError` naming the
    line of the first thing that cannot be read (see the module's limits)."""
    top: list[Component] = []
    stack: list[Component] = []
    for number, line in _unfolded(name, text):
        content = _content_line(name, number, line)
        if content.name in ("BEGIN", "END"):
            _nest(name, content, stack, top)
        elif stack:
            stack[-1].properties.append(content)
        else:
            message = _("{name} outside any component").format(name=content.name)
            raise error(name, number, message)
    if stack:
        message = _("BEGIN:{component} is never ended").format(component=stack[-1].name)
        raise error(name, stack[-1].line, message)
    return top


def _nest(name: str, content: ContentLine, stack: list[Component], top: list[Component]) -> None:
    """Open (BEGIN) or close (END) a component."""
    what = content.value.strip().upper()
    if not _NAME.fullmatch(what):
        message = _("{name} needs a component name").format(name=content.name)
        raise error(name, content.number, message)
    if content.name == "BEGIN":
        if len(stack) >= MAX_DEPTH:
            message = _("components nested deeper than {depth}").format(depth=MAX_DEPTH)
            raise error(name, content.number, message)
        component = Component(what, content.number)
        (stack[-1].children if stack else top).append(component)
        stack.append(component)
        return
    if not stack or stack[-1].name != what:
        if stack:
            message = _("END:{component} does not end {open}")
        else:
            message = _("END:{component} does not end no component")
        open_name = stack[-1].name if stack else ""
        raise error(name, content.number, message.format(component=what, open=open_name))
    stack.pop()


def _unfolded(name: str, text: str) -> list[tuple[int, str]]:
    """(number of the first physical line, the unfolded line) for each non-empty line."""
    lines: list[tuple[int, str]] = []
    parts: list[str] = []
    start = 0
    size = 0
    for number, raw in enumerate(text.split("\n"), 1):
        physical = raw[:-1] if raw.endswith("\r") else raw
        if physical[:1] in (" ", "\t") and parts:
            parts.append(physical[1:])
            size += len(physical) - 1
        else:
            if parts:
                lines.append((start, "".join(parts)))
            parts, start, size = ([physical], number, len(physical)) if physical else ([], 0, 0)
        if size > MAX_LINE_CHARS:
            message = _("a line longer than {count} characters")
            raise error(name, start, message.format(count=f"{MAX_LINE_CHARS:,}"))
    if parts:
        lines.append((start, "".join(parts)))
    return lines


def _content_line(name: str, number: int, line: str) -> ContentLine:
    """`NAME;PARAM=VALUE:value` split into its parts."""
    match = _NAME.match(line)
    if match is None:
        raise error(name, number, _("not an iCalendar content line (NAME:value)"))
    parameters: dict[str, str] = {}
    position = match.end()
    while position < len(line) and line[position] == ";":
        parameter = _PARAMETER.match(line, position)
        if parameter is None:
            raise error(name, number, _("a parameter that cannot be read"), position + 1)
        parameters[parameter[1].upper()] = parameter[2].replace('"', "")
        position = parameter.end()
    if position >= len(line) or line[position] != ":":
        message = _("a content line needs ':' before its value")
        raise error(name, number, message, position + 1)
    return ContentLine(number, match[0].upper(), parameters, line[position + 1 :])
