"""The facts of one event as every surface shows them: its times in each zone, plan and
delay, relative time, place, vehicles, people, sources, stated times and disagreements.

`event_facts` gathers them for one event (the detail pane, the `y` copy, iCalendar, the
per-event export paths). The column paths of the exports, made for a million events, make
the same values from their bulk columns with the phrase functions here (`shown_title`,
`delay`, `planned_phrase`, `dispute_facts`...), so both give the same text.

Texts are plain and unsanitised: each surface makes them safe its own way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta

import msgspec

from data.facts.derived import Elapsed, TimeMode, between, format_duration, relative
from data.facts.names import person_name, phase_name
from data.i18n import N_, _
from data.model import Dispute, Event, Mission, Source
from data.times.display import STATED, ShownTime, show
from data.times.parse import Precision, When

Shower = Callable[[When], tuple[str, ...]]
"""Shows a time in each zone asked, in order (see `in_zones`)."""


def in_zones(zones: Sequence[str]) -> Shower:
    """A time shown with its offset in each of `zones`."""

    def shown(when: When) -> tuple[str, ...]:
        return tuple(show(when, zone).with_offset for zone in zones)

    return shown


def each_once(texts: Sequence[str]) -> str:
    """`A / B`: a time in several zones, a text two zones share once."""
    return " / ".join(dict.fromkeys(texts))


PLANNED = N_("(planned)")
"""The mark of an event only planned: before its title, unless the title says so."""


def planned_mark(title: str, planned_only: bool) -> str:
    """`(planned) ` before the title of an event only planned, unless the title says so (in
    English, the mission's language, or in the language in use)."""
    if not planned_only:
        return ""
    mark = _(PLANNED)
    folded = title.casefold()
    return "" if PLANNED in folded or mark.casefold() in folded else f"{mark} "


def shown_title(title: str, planned_only: bool) -> str:
    """The title of an event as shown, with its `planned_mark`."""
    return planned_mark(title, planned_only) + title


def delay(at: When, planned: When) -> str:
    """How the event kept to its plan, at the coarser precision of the two times: `0h 10m
    late`, `in the same minute`, `on time`; empty when either is known only to the day."""
    return verdict(between(planned, at))


_SAME_MINUTE = N_("in the same minute")
_ON_TIME = N_("on time")
_LATE = N_("{duration} late")
_EARLY = N_("{duration} early")


def verdict(elapsed: Elapsed) -> str:
    """The `delay` of an event `elapsed` after its plan (`between` the planned and the actual
    time), in the interface's language."""
    if elapsed.precision <= Precision.DAY:
        return ""
    seconds = elapsed.seconds()
    if not seconds:
        return _(_SAME_MINUTE if elapsed.precision is Precision.MINUTE else _ON_TIME)
    duration = format_duration(timedelta(seconds=abs(seconds)), elapsed.precision)
    return _(_LATE if seconds > 0 else _EARLY).format(duration=duration)


def planned_phrase(planned: Sequence[str], verdict: str) -> str:
    """`planned 2021-10-05 14:12 CEST (+02:00) / 2021-10-05 12:12 UTC (+00:00), 0h 10m late`:
    the planned time in each zone (a text two zones share once), and the delay if the actual
    time is known."""
    times = each_once(planned)
    if verdict:
        return _("planned {times}, {verdict}").format(times=times, verdict=verdict)
    return _("planned {times}").format(times=times)


def relative_to(when: When, anchor: Event | None, mode: TimeMode) -> str:
    """`when` relative to the anchor event in a relative mode; empty in absolute mode."""
    if mode is TimeMode.ABSOLUTE or anchor is None:
        return ""
    return relative(when, anchor.when, mode)


class VersionFacts(msgspec.Struct, frozen=True):
    """One side of a disagreement: the claim, its time in each zone (if it has one) and the
    ids of the sources that make it."""

    claim: str
    times: tuple[str, ...]
    """The version's time in each zone asked, in order; empty if it gives none."""
    sources: tuple[str, ...]

    @property
    def text(self) -> str:
        """`8 Nov 2021 (2021-11-08)`: the claim and its time."""
        return f"{self.claim} ({each_once(self.times)})" if self.times else self.claim


class DisputeFacts(msgspec.Struct, frozen=True):
    topic: str
    versions: tuple[VersionFacts, ...]


def dispute_facts(dispute: Dispute, shown: Shower) -> DisputeFacts:
    """A disagreement with each version's time shown by `shown`."""
    versions = tuple(
        VersionFacts(v.claim, shown(v.at) if v.at is not None else (), v.sources)
        for v in dispute.versions
    )
    return DisputeFacts(dispute.topic, versions)


class PlanFacts(msgspec.Struct, frozen=True):
    """The plan of an event: the planned time in each zone asked, the actual one (`None` if
    not known) and how the event kept to the plan (`delay`)."""

    planned: tuple[str, ...]
    actual: tuple[str, ...] | None
    verdict: str

    @property
    def phrase(self) -> str:
        return planned_phrase(self.planned, self.verdict)


class EventFacts(msgspec.Struct, frozen=True):
    """Everything shown about one event (`event` holds its own fields: kind, description,
    note, confidence, station crew...)."""

    event: Event
    title: str
    zones: tuple[str, ...]
    times: tuple[ShownTime, ...]
    """The event's time in each of `zones`, in order."""
    stated_time: ShownTime
    relative: str
    plan: PlanFacts | None
    ends: tuple[str, ...]
    """When a span ends, in each of `zones` (empty if it is not a span)."""
    phase: str
    place: str
    place_zone: str
    vehicles: tuple[str, ...]
    people: tuple[str, ...]
    sources: tuple[Source, ...]
    stated: tuple[tuple[str, Source | None], ...]
    disputes: tuple[DisputeFacts, ...]


def event_facts(
    mission: Mission,
    event: Event,
    zones: Sequence[str],
    *,
    mode: TimeMode = TimeMode.ABSOLUTE,
    anchor: Event | None = None,
) -> EventFacts:
    """The facts of `event` with its times in `zones` (IANA names or `STATED`), relative to
    `anchor` in `mode`."""
    shown = in_zones(zones)
    place = mission.place_by_id.get(event.place) if event.place else None
    phase = mission.phase_by_id.get(event.phase) if event.phase else None
    plan = None
    if event.planned is not None:
        verdict = delay(event.at, event.planned) if event.at is not None else ""
        actual = shown(event.at) if event.at is not None else None
        plan = PlanFacts(shown(event.planned), actual, verdict)
    return EventFacts(
        event=event,
        title=shown_title(event.title, event.planned_only),
        zones=tuple(zones),
        times=tuple(show(event.when, zone) for zone in zones),
        stated_time=show(event.when, STATED),
        relative=relative_to(event.when, anchor, mode),
        plan=plan,
        ends=shown(event.end) if event.end is not None else (),
        phase=phase_name(phase) if phase is not None else "",
        place=place.name if place is not None else "",
        place_zone=place.zone if place is not None else "",
        vehicles=tuple(vehicle_names(mission, event.vehicles)),
        people=tuple(people_names(mission, event.people)),
        sources=tuple(mission.source_by_id[s] for s in event.sources if s in mission.source_by_id),
        stated=tuple((s.text, mission.source_by_id.get(s.source)) for s in event.stated),
        disputes=tuple(dispute_facts(dispute, shown) for dispute in event.disputes),
    )


def people_names(mission: Mission, ids: Sequence[str]) -> list[str]:
    """The names of people given by id, in the given order, in the interface's language."""
    return [person_name(mission.person_by_id[p]) for p in ids if p in mission.person_by_id]


def vehicle_names(mission: Mission, ids: Sequence[str]) -> list[str]:
    """The names of vehicles given by id, in the given order."""
    return [mission.vehicle_by_id[v].name for v in ids if v in mission.vehicle_by_id]


def place_name(mission: Mission, place_id: str | None) -> str:
    """The name of a place given by id, or an empty string."""
    place = mission.place_by_id.get(place_id) if place_id else None
    return place.name if place is not None else ""
