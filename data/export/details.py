"""The detail lines under an event in the text and Markdown exports, made from its facts.

`event_details` writes the lines of one event from its `EventFacts` (the `y` copy, the
reference walk of the tests); `data.export.detail_rows` writes the same lines for a batch of
events from the store's columns, with the same line functions here. `brief_line` is the one
line of detail of the brief form (`--brief`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from data.facts.event import DisputeFacts, EventFacts, each_once
from data.facts.kinds import kind_name
from data.i18n import N_, _
from data.model import Confidence, Event, EventKind


@dataclass(frozen=True, slots=True)
class DetailStyle:
    """How a format writes an event's detail lines: what makes a line of mission text safe
    (`line`, and `block` for text that may hold newlines), how source numbers look, and the
    bullet before a disputed version."""

    line: Callable[[str], str]
    block: Callable[[str], str]
    refs: Callable[[Iterable[str]], str]
    bullet: str


def facts_line(
    kind: EventKind, approximate: bool, confidence: Confidence | None, place: str
) -> str:
    """`docking · approximate time · confidence C2+ · at Baikonur`: an event's first detail
    line, in the interface's language (`kind_name`)."""
    facts = [kind_name(kind)]
    if approximate:
        facts.append(_("approximate time"))
    if confidence is not None:
        facts.append(_("confidence {confidence}").format(confidence=confidence.value))
    if place:
        facts.append(_("at {place}").format(place=place))
    return " · ".join(facts)


def brief_line(description: str, kind: EventKind, place: str) -> str:
    """The brief form's one line of detail: the description's first sentence, else the kind
    and the place (`docking · at International Space Station`)."""
    sentence = first_sentence(description)
    return sentence or facts_line(kind, False, None, place)


_SENTENCE_END = re.compile(
    r"[.!?][\"\u201d\u2019)]?(?= +[\"\u201c\u2018(]?[A-Z\u00c0-\u00de\u0400-\u042f])"
)
"""A full stop, ! or ? (and a closing quote or bracket) before a space and a capital letter."""
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[A-Za-z]{1,2}|[A-Za-z]\.[A-Za-z]|approx|etc|vs)$")
"""The end of a text before a full stop that is an abbreviation, not a sentence's end
(`St.`, `Dr.`, `U.S.`, `approx.`)."""


def first_sentence(text: str) -> str:
    """The first sentence of `text`'s first line, with its closing punctuation (the whole
    line if it has no sentence end before its last)."""
    line = text.strip().split("\n", 1)[0].strip()
    for match in _SENTENCE_END.finditer(line):
        if line[match.start()] == "." and _ABBREVIATION.search(line[: match.start()]):
            continue
        return line[: match.end()]
    return line


def until_line(ends: Sequence[str]) -> str:
    """`until 2021-05-14`: when a span ends, in each zone."""
    return _("until {times}").format(times=each_once(ends))


PEOPLE = N_("people: {names}")
VEHICLES = N_("vehicles: {names}")


def names_line(label: str, names: Sequence[str]) -> str:
    """`people: Anton Shkaplerov, Yulia Peresild` (`label` is `PEOPLE` or `VEHICLES`), or an
    empty string for no names."""
    return _(label).format(names=", ".join(names)) if names else ""


def event_details(facts: EventFacts, style: DetailStyle) -> Iterator[str]:
    """The lines under an event, in a format's style."""
    event = facts.event
    approximate = event.at is not None and event.at.approximate
    yield style.line(facts_line(event.kind, approximate, event.confidence, facts.place))
    if facts.ends:
        yield style.line(until_line(facts.ends))
    if facts.plan is not None and facts.plan.actual is not None:
        yield style.line(facts.plan.phrase)
    for label, names in ((PEOPLE, facts.people), (VEHICLES, facts.vehicles)):
        if names:
            yield style.line(names_line(label, names))
    if event.description:
        yield style.block(event.description)
    yield from rare_details(event, facts.disputes, style)


def rare_details(
    event: Event, disputes: Sequence[DisputeFacts], style: DetailStyle
) -> Iterator[str]:
    """The last of `event_details`: stated times, disputes, the note and the station's crew
    (fields few events have)."""
    for stated in event.stated:
        line = style.line(_("stated: {text}").format(text=stated.text))
        yield f"{line} {style.refs([stated.source])}".rstrip()
    for dispute in disputes:
        yield style.line(_("disputed: {topic}").format(topic=dispute.topic))
        for version in dispute.versions:
            claim = style.line(version.text)
            yield f"{style.bullet}{claim} {style.refs(version.sources)}".rstrip()
    if event.note:
        yield style.block(_("note: {note}").format(note=event.note))
    if event.station_crew is not None:
        crew = _("aboard the station afterwards: {count}")
        yield crew.format(count=event.station_crew)
