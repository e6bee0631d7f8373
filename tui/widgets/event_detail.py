"""The detail pane of the selected event: every time, the plan, the place, people and sources."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import var

from data.facts.derived import TimeMode
from data.facts.event import EventFacts, event_facts
from data.facts.kinds import kind_name
from data.i18n import N_, _, pgettext
from data.model import Event, Mission
from data.times.display import STATED
from tui.text import LABEL_STYLE, TITLE_STYLE, block, field, heading, lines, plain
from tui.widgets.scroll_text import ScrollText
from tui.zones import friendly_name

MODE_NAMES = {
    TimeMode.ABSOLUTE: N_("absolute"),
    TimeMode.T_MINUS: N_("T-/T+"),
    TimeMode.MET: N_("mission elapsed time"),
    TimeMode.FLIGHT_DAY: N_("flight day"),
}
"""Each time mode's name, the label of the relative time (translated where shown)."""


class EventDetail(ScrollText):
    """Shows one event in full; the app sets `event`, `zone`, `mode` and `anchor`.

    They are `var`s: setting one shows the new text (`ScrollText.show`, which draws the lines
    in view and leaves the screen's layout alone), where a reactive would repaint the whole
    pane and lay the screen out for every key."""

    event: var[Event | None] = var(None, init=False)
    zone: var[str] = var("UTC", init=False)
    mode: var[TimeMode] = var(TimeMode.ABSOLUTE, init=False)
    anchor_event: var[Event | None] = var(None, init=False)

    def __init__(self, mission: Mission, *, id: str | None = None) -> None:
        super().__init__(Content(""), id=id)
        self.mission = mission
        self.show(self.describe())

    def _update(self) -> None:
        self.show(self.describe())

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
            return Content.styled(_("No event selected."), LABEL_STYLE)
        event = facts.event
        markers = [kind_name(event.kind)]
        if event.planned_only:
            markers.append(_("P planned only (no actual time known)"))
        if event.disputed:
            markers.append(_("≠ sources disagree"))
        if event.when.approximate:
            markers.append(_("~ approximate time"))
        parts: list[Content | None] = [
            plain(event.title, TITLE_STYLE),
            # The id is what `mission-timeline export --relative-to` takes.
            Content.assemble((" · ".join([*markers, _("id") + " "]), LABEL_STYLE), plain(event.id)),
            Content(""),
            field("UTC", str(facts.times[0])),
        ]
        if self.zone not in ("UTC", STATED):
            parts.append(field(friendly_name(self.zone), facts.times[-1].with_offset))
        written = "  " + _("(written {text})").format(text=event.when.text)
        parts.append(
            field(
                _("As stated"),
                Content.assemble(facts.stated_time.with_offset, (written, LABEL_STYLE)),
            )
        )
        if facts.relative and self.anchor_event is not None:
            parts.append(
                field(
                    _(MODE_NAMES[self.mode]),
                    Content.assemble(
                        facts.relative,
                        (
                            "  " + pgettext("a relative time, to the anchor", "from") + " ",
                            LABEL_STYLE,
                        ),
                        plain(self.anchor_event.title),
                    ),
                )
            )
        parts.extend(self._plan(facts))
        if facts.ends:
            parts.append(field(_("Ends"), facts.ends[-1]))
        if facts.phase:
            parts.append(field(_("Phase"), facts.phase))
        if facts.place:
            parts.append(field(_("Place"), f"{facts.place} ({facts.place_zone})"))
        if facts.vehicles:
            parts.append(field(_("Vehicles"), ", ".join(facts.vehicles)))
        if facts.people:
            parts.append(field(_("People"), ", ".join(facts.people)))
        if event.station_crew is not None:
            parts.append(field(_("Aboard the station after this"), str(event.station_crew)))
        if event.description:
            parts += [Content(""), block(event.description)]
        if event.note:
            parts += [Content(""), field(_("Note"), block(event.note))]
        parts.extend(self._sources(facts))
        return lines(parts)

    @staticmethod
    def _plan(facts: EventFacts) -> list[Content | None]:
        """Planned and actual time in the chosen zone, and the delay."""
        plan = facts.plan
        if plan is None:
            return []
        if plan.actual is None:
            return [field(_("Planned"), plan.planned[-1]), field(_("Actual"), _("not known"))]
        parts: list[Content | None] = [
            field(_("Planned"), plan.planned[-1]),
            field(_("Actual"), plan.actual[-1]),
        ]
        if plan.verdict:
            parts.append(field(_("Delta"), plan.verdict))
        return parts

    def _sources(self, facts: EventFacts) -> list[Content | None]:
        event = facts.event
        sources = self.mission.source_by_id
        parts: list[Content | None] = []
        if facts.sources or event.confidence:
            sources_heading = _("Sources")
            if event.confidence:
                level = event.confidence.value  # a grade of the fact sheet's: `C2+`, `D`
                sources_heading = _("Sources (confidence {level})").format(level=level)
            parts += [Content(""), heading(sources_heading)]
            for source in facts.sources:
                url = f" <{source.url}>" if source.url else ""
                parts.append(plain(f" • {source.title}{url}"))
        if facts.stated:
            parts += [Content(""), heading(_("As the sources worded it"))]
            for text, said_by in facts.stated:
                title = f" ({said_by.title})" if said_by is not None else ""
                parts.append(plain(f' • "{text}"{title}'))
        for dispute in facts.disputes:
            disagreement = _("≠ Disagreement: {topic}").format(topic=dispute.topic)
            parts += [Content(""), heading(disagreement)]
            for version in dispute.versions:
                at = f" [{version.times[-1]}]" if version.times else ""
                who = ", ".join(sources[s].title for s in version.sources if s in sources)
                parts.append(plain(f" • {version.claim}{at}" + (f" ({who})" if who else "")))
        return parts
