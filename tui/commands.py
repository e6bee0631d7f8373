"""Command palette commands, namespaced and fitted to the current state (posting's model).

`zone: <IANA zone>` completes over every zone, `view: …` changes the time display, `go to:
<event>` selects an event, `filter: …` filters, `theme: …` switches themes. Event titles are
mission text: their prompts are built as `Content`, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from data.facts.derived import TimeMode
from data.model import Event, EventKind, Mission
from data.sanitize import sanitize_line
from data.times.parse import zone_names
from tui.zones import friendly_name, zone_cycle

if TYPE_CHECKING:
    from data.query.filters import Filter

GO_TO_LIMIT = 20_000
"""Beyond this many events, `go to:` offers the first ones only (search with `/` instead)."""

MODE_COMMANDS = {
    TimeMode.ABSOLUTE: "view: absolute times",
    TimeMode.T_MINUS: "view: T-/T+ from the anchor",
    TimeMode.MET: "view: mission elapsed time",
    TimeMode.FLIGHT_DAY: "view: flight day",
}


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
            "zone: choose any IANA zone…", screen.action_pick_zone, "Type a zone name", True
        )
        for zone in zone_cycle():
            if zone != screen.zone:
                label = friendly_name(zone)
                text = f"zone: {zone}" if label == zone else f"zone: {label} ({zone})"
                yield PaletteCommand(text, partial(screen.set_zone, zone), "Show times here", True)
        cycle = set(zone_cycle())
        for zone in zone_names():
            if zone not in cycle:
                yield PaletteCommand(
                    f"zone: {zone}", partial(screen.set_zone, zone), "Show times here"
                )
        for mode, text in MODE_COMMANDS.items():
            if mode is not screen.mode:
                yield PaletteCommand(
                    text, partial(screen.set_mode, mode), "Change the time column", True
                )
        selected = screen.selected
        anchor = screen.anchor_event
        if selected is not None and (anchor is None or selected.id != anchor.id):
            yield PaletteCommand(
                f"view: relative to {sanitize_line(selected.title)}",
                screen.action_reanchor,
                "Re-anchor relative times on the selected event",
                True,
            )
        if screen.event_filter is not None:
            yield PaletteCommand("filter: clear", screen.clear_filter, "Show every event", True)
        yield PaletteCommand(
            "filter: type an expression…", screen.action_filter, "Open the filter input", True
        )
        mission = screen.mission
        for phase in mission.phases:
            yield PaletteCommand(
                f"filter: phase {sanitize_line(phase.name)}",
                partial(screen.apply_filter, f"phase:{phase.id}"),
                "Only this phase",
            )
        for kind in sorted(
            {event.kind for event in mission.events[:GO_TO_LIMIT]} or set(EventKind)
        ):
            yield PaletteCommand(
                f"filter: kind {kind.value}",
                partial(screen.apply_filter, f"kind:{kind.value}"),
                "Only this kind",
            )
        for person in mission.people:
            yield PaletteCommand(
                f"filter: person {sanitize_line(person.name)}",
                partial(screen.apply_filter, f"person:{person.id}"),
                "Only this person's events",
            )
        for theme in sorted(self.app.available_themes):
            if theme != self.app.theme:
                yield PaletteCommand(
                    f"theme: {theme}", partial(self._set_theme, theme), "Switch theme"
                )
        for event in mission.events[:GO_TO_LIMIT]:
            yield PaletteCommand(
                f"go to: {sanitize_line(event.title)}",
                partial(screen.go_to_event, event.id),
                "Select this event",
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
            score = matcher.match(command.text)
            if score > 0:
                yield Hit(
                    score,
                    highlight(matcher, command.text),
                    command.run,
                    text=command.text,
                    help=command.help,
                )


def highlight(matcher: Matcher, text: str) -> Content:
    """`Matcher.highlight` parses its text as markup; this keeps it plain."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
