"""The detail pane of the selected event: every time, the plan, the place, people and sources."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive

from data.facts.derived import TimeMode
from data.facts.event import EventFacts, event_facts
from data.model import Event, Mission
from data.times.display import STATED
from tui.text import LABEL_STYLE, TITLE_STYLE, block, field, heading, lines, plain
from tui.widgets.pane_text import PaneText
from tui.zones import friendly_name

MODE_NAMES = {
    TimeMode.ABSOLUTE: "absolute",
    TimeMode.T_MINUS: "T-/T+",
    TimeMode.MET: "mission elapsed time",
    TimeMode.FLIGHT_DAY: "flight day",
}


class EventDetail(VerticalScroll, can_focus=True):
    """Shows one event in full; the app sets `event`, `zone`, `mode` and `anchor`."""

    event: reactive[Event | None] = reactive(None, init=False)
    zone: reactive[str] = reactive("UTC", init=False)
    mode: reactive[TimeMode] = reactive(TimeMode.ABSOLUTE, init=False)
    anchor_event: reactive[Event | None] = reactive(None, init=False)

    def __init__(self, mission: Mission, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mission = mission

    def compose(self) -> ComposeResult:
        yield PaneText(self.describe(), id="event-detail-body")

    def _update(self) -> None:
        if self.is_mounted:
            self.query_one("#event-detail-body", PaneText).show(self.describe())

    watch_event = watch_zone = watch_mode = watch_anchor_event = _update

    def facts(self) -> EventFacts | None:
        """The facts the pane shows: the event's times in UTC and in the chosen zone."""
        event = self.event
        if event is None:
            return None
        zones = tuple(dict.fromkeys(("UTC", self.zone)))
        return event_facts(self.mission, event, zones, mode=self.mode, anchor=self.anchor_event)

    def describe(self) -> Content:
        """The pane's text for the current event."""
        facts = self.facts()
        if facts is None:
            return Content.styled("No event selected.", LABEL_STYLE)
        event = facts.event
        markers = [event.kind.value]
        if event.planned_only:
            markers.append("P planned only (no actual time known)")
        if event.disputed:
            markers.append("≠ sources disagree")
        if event.when.approximate:
            markers.append("~ approximate time")
        parts: list[Content | None] = [
            plain(event.title, TITLE_STYLE),
            # The id is what `mission-timeline export --relative-to` takes.
            Content.assemble((" · ".join([*markers, "id "]), LABEL_STYLE), plain(event.id)),
            Content(""),
            field("UTC", str(facts.times[0])),
        ]
        if self.zone not in ("UTC", STATED):
            parts.append(field(friendly_name(self.zone), facts.times[-1].with_offset))
        parts.append(
            field(
                "As stated",
                Content.assemble(
                    facts.stated_time.with_offset, (f"  (written {event.when.text})", LABEL_STYLE)
                ),
            )
        )
        if facts.relative and self.anchor_event is not None:
            parts.append(
                field(
                    MODE_NAMES[self.mode],
                    Content.assemble(
                        facts.relative, ("  from ", LABEL_STYLE), plain(self.anchor_event.title)
                    ),
                )
            )
        parts.extend(self._plan(facts))
        if facts.ends:
            parts.append(field("Ends", facts.ends[-1]))
        if facts.phase:
            parts.append(field("Phase", facts.phase))
        if facts.place:
            parts.append(field("Place", f"{facts.place} ({facts.place_zone})"))
        if facts.vehicles:
            parts.append(field("Vehicles", ", ".join(facts.vehicles)))
        if facts.people:
            parts.append(field("People", ", ".join(facts.people)))
        if event.station_crew is not None:
            parts.append(field("Aboard the station after this", str(event.station_crew)))
        if event.description:
            parts += [Content(""), block(event.description)]
        if event.note:
            parts += [Content(""), field("Note", block(event.note))]
        parts.extend(self._sources(facts))
        return lines(parts)

    @staticmethod
    def _plan(facts: EventFacts) -> list[Content | None]:
        """Planned and actual time in the chosen zone, and the delay."""
        plan = facts.plan
        if plan is None:
            return []
        if plan.actual is None:
            return [field("Planned", plan.planned[-1]), field("Actual", "not known")]
        parts: list[Content | None] = [
            field("Planned", plan.planned[-1]),
            field("Actual", plan.actual[-1]),
        ]
        if plan.verdict:
            parts.append(field("Delta", plan.verdict))
        return parts

    def _sources(self, facts: EventFacts) -> list[Content | None]:
        event = facts.event
        sources = self.mission.source_by_id
        parts: list[Content | None] = []
        if facts.sources or event.confidence:
            confidence = f" (confidence {event.confidence.value})" if event.confidence else ""
            parts += [Content(""), heading(f"Sources{confidence}")]
            for source in facts.sources:
                url = f" <{source.url}>" if source.url else ""
                parts.append(plain(f" • {source.title}{url}"))
        if facts.stated:
            parts += [Content(""), heading("As the sources worded it")]
            for text, said_by in facts.stated:
                title = f" ({said_by.title})" if said_by is not None else ""
                parts.append(plain(f' • "{text}"{title}'))
        for dispute in facts.disputes:
            parts += [Content(""), heading(f"≠ Disagreement: {dispute.topic}")]
            for version in dispute.versions:
                at = f" [{version.times[-1]}]" if version.times else ""
                who = ", ".join(sources[s].title for s in version.sources if s in sources)
                parts.append(plain(f" • {version.claim}{at}" + (f" ({who})" if who else "")))
        return parts
