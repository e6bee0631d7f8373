"""The detail pane of the selected event: every time, the plan, the place, people and sources."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive

from data.facts.derived import TimeMode, format_duration, humanize, planned_delta, relative
from data.model import Event, Mission
from data.times.display import STATED, show
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

    def describe(self) -> Content:
        """The pane's text for the current event."""
        event = self.event
        if event is None:
            return Content.styled("No event selected.", LABEL_STYLE)
        mission = self.mission
        markers = [event.kind.value]
        if event.planned_only:
            markers.append("P planned only (no actual time known)")
        if event.disputed:
            markers.append("≠ sources disagree")
        if event.when.approximate:
            markers.append("~ approximate time")
        parts: list[Content | None] = [
            plain(event.title, TITLE_STYLE),
            Content.styled(" · ".join(markers), LABEL_STYLE),
            Content(""),
            field("UTC", str(show(event.when, "UTC"))),
        ]
        if self.zone not in ("UTC", STATED):
            parts.append(field(friendly_name(self.zone), show(event.when, self.zone).with_offset))
        parts.append(
            field(
                "As stated",
                Content.assemble(
                    show(event.when, STATED).with_offset,
                    (f"  (written {event.when.text})", LABEL_STYLE),
                ),
            )
        )
        if self.mode is not TimeMode.ABSOLUTE and self.anchor_event is not None:
            parts.append(
                field(
                    MODE_NAMES[self.mode],
                    Content.assemble(
                        relative(event.when, self.anchor_event.when, self.mode),
                        ("  from ", LABEL_STYLE),
                        plain(self.anchor_event.title),
                    ),
                )
            )
        parts.extend(self._plan(event))
        if event.end is not None:
            parts.append(field("Ends", show(event.end, self.zone).with_offset))
        if event.phase and (phase := mission.phase_by_id.get(event.phase)):
            parts.append(field("Phase", phase.name))
        if event.place and (place := mission.place_by_id.get(event.place)):
            parts.append(field("Place", f"{place.name} ({place.zone})"))
        if event.vehicles:
            names = [mission.vehicle_by_id[v].name for v in event.vehicles]
            parts.append(field("Vehicles", ", ".join(names)))
        if event.people:
            names = [mission.person_by_id[p].name for p in event.people]
            parts.append(field("People", ", ".join(names)))
        if event.station_crew is not None:
            parts.append(field("Aboard the station after this", str(event.station_crew)))
        if event.description:
            parts += [Content(""), block(event.description)]
        if event.note:
            parts += [Content(""), field("Note", block(event.note))]
        parts.extend(self._sources(event))
        return lines(parts)

    def _plan(self, event: Event) -> list[Content | None]:
        if event.planned is None:
            return []
        planned = show(event.planned, self.zone).with_offset
        if event.at is None:
            return [field("Planned", planned), field("Actual", "not known")]
        delta = planned_delta(event)
        assert delta is not None
        if delta == timedelta(0):
            verdict = "on time"
        else:
            word = "late" if delta > timedelta(0) else "early"
            verdict = f"{format_duration(abs(delta))} {word} ({humanize(abs(delta))})"
        return [
            field("Planned", planned),
            field("Actual", show(event.at, self.zone).with_offset),
            field("Delta", verdict),
        ]

    def _sources(self, event: Event) -> list[Content | None]:
        mission = self.mission
        parts: list[Content | None] = []
        if event.sources or event.confidence:
            confidence = f" (confidence {event.confidence.value})" if event.confidence else ""
            parts += [Content(""), heading(f"Sources{confidence}")]
            for source_id in event.sources:
                source = mission.source_by_id[source_id]
                url = f" <{source.url}>" if source.url else ""
                parts.append(plain(f" • {source.title}{url}"))
        if event.stated:
            parts += [Content(""), heading("As the sources worded it")]
            for stated in event.stated:
                title = mission.source_by_id[stated.source].title
                parts.append(plain(f' • "{stated.text}" ({title})'))
        for dispute in event.disputes:
            parts += [Content(""), heading(f"≠ Disagreement: {dispute.topic}")]
            for version in dispute.versions:
                at = f" [{show(version.at, self.zone)}]" if version.at else ""
                who = ", ".join(mission.source_by_id[s].title for s in version.sources)
                parts.append(plain(f" • {version.claim}{at}" + (f" ({who})" if who else "")))
        return parts
