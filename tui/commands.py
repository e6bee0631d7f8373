"""Command palette commands, namespaced and fitted to the current state (posting's model).

`zone: <IANA zone>` completes over every zone, `view: …` changes the time display, `go to:
<event>` selects an event, `filter: …` filters, `theme: …` switches themes (each in the
interface's language). Event titles are mission text: their prompts are built as `Content`,
never parsed as markup. A command is offered when it holds every word typed (`word_spans`),
not on a fuzzy match of letters.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol, cast

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from data.facts.derived import TimeMode
from data.facts.kinds import kind_name
from data.facts.names import person_name, phase_name
from data.i18n import N_, _
from data.model import Event, EventKind, Mission
from data.query.search import fold
from data.sanitize import sanitize_line
from data.times.parse import zone_names
from tui.zones import friendly_name, zone_cycle

if TYPE_CHECKING:
    from data.query.filters import Filter

TEXTUAL_WORDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""The titles and help of Textual's own palette commands, exactly as Textual 8.2 words them,
marked here for the catalog (`in_language` translates them)."""


def in_language(command: SystemCommand) -> SystemCommand:
    """One of Textual's palette commands, its title and help in the interface's language."""
    return command._replace(title=_(command.title), help=_(command.help))


GO_TO_LIMIT = 20_000
"""Beyond this many events, `go to:` offers the first ones only (search with `/` instead)."""

MODE_COMMANDS = {
    TimeMode.ABSOLUTE: N_("view: absolute times"),
    TimeMode.T_MINUS: N_("view: T-/T+ from the anchor"),
    TimeMode.MET: N_("view: mission elapsed time"),
    TimeMode.FLIGHT_DAY: N_("view: flight day"),
}
"""The command of each time mode (translated where it is offered)."""


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    text: str
    """Plain text; may contain mission text, so it is never parsed as markup."""
    run: Callable[[], object]
    help: str
    """Our own words only (Textual parses help as markup)."""
    discover: bool = False


class MissionControls(Protocol):
    """What the commands read and change: the state and commands of the mission screen (the
    screen the palette was opened on)."""

    @property
    def mission(self) -> Mission: ...
    @property
    def zone(self) -> str: ...
    @property
    def mode(self) -> TimeMode: ...
    @property
    def selected(self) -> Event | None: ...
    @property
    def anchor_event(self) -> Event | None: ...
    @property
    def event_filter(self) -> Filter | None: ...
    def set_zone(self, zone: str) -> None: ...
    def set_mode(self, mode: TimeMode) -> None: ...
    def action_pick_zone(self) -> None: ...
    def action_reanchor(self) -> None: ...
    def action_filter(self) -> Awaitable[None]: ...
    def apply_filter(self, text: str) -> None: ...
    def clear_filter(self) -> None: ...
    def go_to_event(self, event_id: str) -> None: ...


class MissionCommands(Provider):
    """Every command that makes sense right now."""

    @property
    def mission_screen(self) -> MissionControls:
        return cast("MissionControls", self.screen)

    def _set_theme(self, theme: str) -> None:
        self.app.theme = theme

    def commands(self) -> Iterator[PaletteCommand]:
        screen = self.mission_screen
        yield PaletteCommand(
            _("zone: choose any IANA zone…"), screen.action_pick_zone, _("Type a zone name"), True
        )
        show_here, any_zone = _("Show times here"), _("zone: {zone}")
        for zone in zone_cycle():
            if zone != screen.zone:
                label = friendly_name(zone)
                text = (
                    any_zone.format(zone=zone)
                    if label == zone
                    else _("zone: {name} ({zone})").format(name=label, zone=zone)
                )
                yield PaletteCommand(text, partial(screen.set_zone, zone), show_here, True)
        cycle = set(zone_cycle())
        for zone in zone_names():
            if zone not in cycle:
                yield PaletteCommand(
                    any_zone.format(zone=zone), partial(screen.set_zone, zone), show_here
                )
        for mode, text in MODE_COMMANDS.items():
            if mode is not screen.mode:
                yield PaletteCommand(
                    _(text), partial(screen.set_mode, mode), _("Change the time column"), True
                )
        selected = screen.selected
        anchor = screen.anchor_event
        if selected is not None and (anchor is None or selected.id != anchor.id):
            yield PaletteCommand(
                _("view: relative to {title}").format(title=sanitize_line(selected.title)),
                screen.action_reanchor,
                _("Re-anchor relative times on the selected event"),
                True,
            )
        if screen.event_filter is not None:
            yield PaletteCommand(
                _("filter: clear"), screen.clear_filter, _("Show every event"), True
            )
        yield PaletteCommand(
            _("filter: type an expression…"),
            screen.action_filter,
            _("Open the filter input"),
            True,
        )
        mission = screen.mission
        for phase in mission.phases:
            yield PaletteCommand(
                _("filter: phase {name}").format(name=sanitize_line(phase_name(phase))),
                partial(screen.apply_filter, f"phase:{phase.id}"),
                _("Only this phase"),
            )
        for kind in sorted(
            {event.kind for event in mission.events[:GO_TO_LIMIT]} or set(EventKind)
        ):
            yield PaletteCommand(
                _("filter: kind {kind}").format(kind=kind_name(kind)),
                partial(screen.apply_filter, f"kind:{kind.value}"),
                _("Only this kind"),
            )
        for person in mission.people:
            yield PaletteCommand(
                _("filter: person {name}").format(name=sanitize_line(person_name(person))),
                partial(screen.apply_filter, f"person:{person.id}"),
                _("Only this person's events"),
            )
        for theme in sorted(self.app.available_themes):
            if theme != self.app.theme:
                yield PaletteCommand(
                    _("theme: {theme}").format(theme=theme),
                    partial(self._set_theme, theme),
                    _("Switch theme"),
                )
        go_to, select = _("go to: {title}"), _("Select this event")
        for event in mission.events[:GO_TO_LIMIT]:
            yield PaletteCommand(
                go_to.format(title=sanitize_line(event.title)),
                partial(screen.go_to_event, event.id),
                select,
            )

    async def discover(self) -> Hits:
        for command in self.commands():
            if command.discover:
                yield DiscoveryHit(
                    Content(command.text), command.run, text=command.text, help=command.help
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            spans = word_spans(query, command.text)
            if spans:
                offsets = [offset for start, end in spans for offset in range(start, end)]
                yield Hit(
                    matcher.fuzzy_search.score(command.text, offsets),
                    highlight(command.text, spans, matcher.match_style),
                    command.run,
                    text=command.text,
                    help=command.help,
                )


def word_spans(query: str, text: str) -> list[tuple[int, int]]:
    """Where each word of `query` is in `text`, preferring the start of a word; empty if a
    word is missing. Case, accents and `_` never matter (`new york` finds
    `America/New_York`). The palette offers only the commands that hold every word typed:
    `tokyo` offers `zone: Asia/Tokyo`, not an event whose title has a t, an o, a k, a y and
    an o in that order, as a fuzzy match would."""
    words = fold(query).replace("_", " ").split()
    folded, where = _folded(text)
    spans = []
    for word in words:
        starts = [m.start() for m in re.finditer(re.escape(word), folded)]
        if not starts:
            return []
        at_word = [start for start in starts if start == 0 or not folded[start - 1].isalnum()]
        start = (at_word or starts)[0]
        spans.append((where[start], where[start + len(word) - 1] + 1))
    return spans


def _folded(text: str) -> tuple[str, list[int]]:
    """`fold(text)` with `_` as a space, and where in `text` each of its characters comes
    from (folding drops accents and may change a character's length)."""
    pieces: list[str] = []
    where: list[int] = []
    for index, character in enumerate(text):
        piece = " " if character == "_" else fold(character)
        pieces.append(piece)
        where += [index] * len(piece)
    return "".join(pieces), where


def highlight(text: str, spans: list[tuple[int, int]], style: Style) -> Content:
    """The command's text, plain (never parsed as markup), with the words typed in `style`."""
    content = Content(text)
    for start, end in spans:
        content = content.stylize(style, start, end)
    return content
