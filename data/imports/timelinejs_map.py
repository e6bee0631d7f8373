"""Mapping a TimelineJS timeline (its title slide, slides and eras) onto a mission document.

The JSON reader and the spreadsheet (CSV) reader both hand over the same plain structure,
TimelineJS's own JSON form, so this is the one mapping of both:

- the title slide: the mission's title and summary (its media is dropped);
- a slide: an event (kind `milestone`, or the kind its group names: `launch`, `docking`, as
  the TimelineJS export writes them), its headline the title, its text the description
  (HTML made plain text, never rendered), its dates the event's `at` and `end` at their
  precision (`data.imports.timelinejs_dates`), its display date in the note;
- a group that is not a kind: the mission format has no lanes or groups of events, so the
  event is a `milestone` and the group is written in its note (reported once per group);
- an era: a phase, and each event whose whole span lies in an era is in that phase;
- media with a web address: a source of the event (its credit or caption the title); other
  media (embedded HTML, a relative path) are dropped; backgrounds are dropped.

Every assumption and every dropped part is a WARNING in `unmapped`; a date that is not a date
is an error. `place` gives each problem its line and column in the file being read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from data.i18n import _
from data.imports.ids import Ids, slug
from data.imports.timelinejs_dates import (
    ASSUMED_ZONE,
    UNITS,
    DateError,
    OutsideYearsError,
    Parts,
    date_parts,
    highest,
    lowest,
    ordered,
    time_text,
    widened,
)
from data.load.schema import FORMAT_VERSION
from data.load.syntax import Rejected
from data.problems import MissionDataError, Problem, Severity
from data.records import EventKind
from data.sanitize import quote

Place = Callable[[list[Problem]], list[Problem]]
"""Gives problems (with field paths in the TimelineJS structure) their place in the file."""

SLIDE_FIELDS = frozenset(
    ("start_date", "end_date", "text", "media", "group", "display_date", "unique_id")
)
"""The slide fields that are mapped (`unique_id` is replaced by an id made from the title)."""
DROPPED_FIELDS = frozenset(("background", "autolink", "type"))
"""Slide fields of presentation only, dropped with one warning per file."""
_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/blockquote|/tr)\b[^<>]*+>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*+>")
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
_WEB = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)


def plain_text(markup: str, separator: str = "\n") -> str:
    """The text of HTML (TimelineJS renders it; we never do): tags removed, line breaks kept
    (joined by `separator`: a space for a title), character references decoded, spaces
    folded. Linear in the text, whatever it holds."""
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n", markup)))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return separator.join(line for line in lines if line)


class TimelineMapper:
    """One TimelineJS timeline mapped onto a mission document, its warnings collected."""

    def __init__(self, name: str, place: Place) -> None:
        self.name = name
        self.place = place
        self.unmapped: list[Problem] = []
        self.sources: dict[str, dict[str, str]] = {}
        self.ids = {"events": Ids(), "phases": Ids(), "sources": Ids()}
        self.groups_noted: set[str] = set()
        self.dropped_noted: set[str] = set()

    def warn(self, path: str, message: str) -> None:
        self.unmapped.append(Problem(self.name, path, message, severity=Severity.WARNING))

    def fail(self, path: str, message: str) -> MissionDataError:
        return MissionDataError(self.place([Problem(self.name, path, message)]))

    def text(self, value: Any, path: str, separator: str = "\n") -> str:
        """A text field made plain (its lines joined by `separator`); absent and null are
        empty."""
        if value is None:
            return ""
        if isinstance(value, Rejected):
            raise self.fail(path, value.reason)
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            message = _("must be text, not {type}").format(type=type(value).__name__)
            raise self.fail(path, message)
        return plain_text(str(value), separator)

    def record(self, value: Any, path: str) -> Mapping[str, Any]:
        """An object field; absent is empty."""
        if value is None:
            return {}
        if isinstance(value, Rejected):
            raise self.fail(path, value.reason)
        if not isinstance(value, Mapping):
            raise self.fail(path, _("must be an object"))
        return value

    def parts(self, value: Any, path: str) -> Parts:
        """A date's parts; raise the error placed at the bad part."""
        try:
            return date_parts(value)
        except DateError as error:
            raise self.fail(f"{path}.{error.part}" if error.part else path, str(error)) from None

    def document(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """The mission document of a whole timeline: `title`, `eras`, `events`."""
        title = self.record(raw.get("title"), "title")
        text = self.record(title.get("text"), "title.text")
        name = self.text(text.get("headline"), "title.text.headline", " ") or Path(self.name).stem
        mission = {"id": slug(name, "imported"), "title": name}
        summary = self.text(text.get("text"), "title.text.text")
        if summary:
            mission["summary"] = summary
        if self.record(title.get("media"), "title.media").get("url"):
            self.warn("title.media", _("the title slide's media is dropped"))
        phases = [
            phase
            for index, era in enumerate(self.items(raw.get("eras"), "eras"))
            if (phase := self.phase(era, index)) is not None
        ]
        events = [
            event
            for index, slide in enumerate(self.items(raw.get("events"), "events"))
            if (event := self.event(slide, index, phases)) is not None
        ]
        message = _("TimelineJS has no time zones: every time was read as {zone}")
        self.warn("", message.format(zone=ASSUMED_ZONE))
        document: dict[str, Any] = {"format": FORMAT_VERSION, "mission": mission}
        if self.sources:
            document["sources"] = list(self.sources.values())
        if phases:
            document["phases"] = [{k: v for k, v in p.items() if k != "parts"} for p in phases]
        document["events"] = events
        return document

    def items(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, Rejected):
            raise self.fail(path, value.reason)
        if not isinstance(value, list):
            raise self.fail(path, _("must be a list"))
        return value

    def span(self, slide: Mapping[str, Any], path: str) -> tuple[Parts, Parts] | None:
        """A slide's start and end parts (the end is the start without `end_date`); None,
        with a warning, for dates a mission cannot hold."""
        try:
            start = self.parts(slide.get("start_date"), f"{path}.start_date")
            end_date = slide.get("end_date")
            empty = isinstance(end_date, Mapping) and all(
                end_date.get(unit) in (None, "") for unit in UNITS
            )
            end = start if end_date is None or empty else self.parts(end_date, f"{path}.end_date")
        except OutsideYearsError as error:
            self.warn(path, _("dropped: {reason}").format(reason=error))
            return None
        if not ordered(start, end):
            raise self.fail(f"{path}.end_date", _("ends before it starts"))
        for bound, parts in (("start_date", start), ("end_date", end)):
            note = widened(parts)
            if note is not None and (bound == "start_date" or end is not start):
                self.warn(f"{path}.{bound}", note)
        return start, end

    def phase(self, era: Any, index: int) -> dict[str, Any] | None:
        """The phase of the era at `index`."""
        path = f"eras[{index}]"
        era = self.record(era, path)
        span = self.span(era, path)
        if span is None:
            return None
        if era.get("end_date") is None:
            message = _("an era without an end: it ends with its start's unit")
            self.warn(f"{path}.end_date", message)
        text = self.record(era.get("text"), f"{path}.text")
        name = self.text(text.get("headline"), f"{path}.text.headline", " ") or f"Era {index + 1}"
        phase = {
            "id": self.ids["phases"].new(name, "era"),
            "name": name,
            "start": time_text(span[0], first=True),
            "end": time_text(span[1], first=False),
            "parts": span,
        }
        summary = self.text(text.get("text"), f"{path}.text.text")
        if summary:
            phase["summary"] = summary
        return phase

    def event(self, slide: Any, index: int, phases: list[dict[str, Any]]) -> dict[str, Any] | None:
        """The event of the slide at `index`, or None (with a warning) when its dates cannot
        be held."""
        path = f"events[{index}]"
        slide = self.record(slide, path)
        self.note_dropped(slide, path)
        span = self.span(slide, path)
        if span is None:
            return None
        start, end = span
        text = self.record(slide.get("text"), f"{path}.text")
        title = self.text(text.get("headline"), f"{path}.text.headline", " ")
        if not title:
            title = f"Slide {index + 1}"
            message = _("no headline: titled {title!r}").format(title=title)
            self.warn(f"{path}.text.headline", message)
        event: dict[str, Any] = {
            "id": self.ids["events"].new(title, "event"),
            "title": title,
            "kind": self.kind(slide, path),
        }
        description = self.text(text.get("text"), f"{path}.text.text")
        if description:
            event["description"] = description
        phase = next((p for p in phases if within(span, p["parts"])), None)
        if phase is not None:
            event["phase"] = phase["id"]
        event["at"] = time_text(start, first=True)
        if end != start or widened(start) is not None:
            event["end"] = time_text(end, first=False)
        source = self.source(slide.get("media"), f"{path}.media")
        if source:
            event["sources"] = [source]
        note = self.note(slide, path)
        if note:
            event["note"] = note
        return event

    def kind(self, slide: Mapping[str, Any], path: str) -> str:
        """The kind a slide's group names, else `milestone` (the group noted once)."""
        group = self.text(slide.get("group"), f"{path}.group")
        if group.lower() in EventKind.__members__.values():
            return group.lower()
        if group and group not in self.groups_noted:
            self.groups_noted.add(group)
            message = _(
                "group {group}: a mission has no groups or lanes of events; its "
                "events are milestones with the group in their note"
            )
            self.warn(f"{path}.group", message.format(group=quote(group)))
        return EventKind.MILESTONE.value

    def note(self, slide: Mapping[str, Any], path: str) -> str:
        """The note of a slide: its display dates and a group that is not a kind."""
        lines = []
        group = self.text(slide.get("group"), f"{path}.group")
        if group and group.lower() not in EventKind.__members__.values():
            lines.append(f"TimelineJS group: {group}")
        shown = [self.text(slide.get("display_date"), f"{path}.display_date")]
        for bound in ("start_date", "end_date"):
            date = self.record(slide.get(bound), f"{path}.{bound}")
            shown.append(self.text(date.get("display_date"), f"{path}.{bound}.display_date"))
        lines += [f"TimelineJS display date: {text}" for text in shown if text]
        return "\n".join(lines)

    def source(self, media: Any, path: str) -> str | None:
        """The id of the source a slide's media becomes, or None (dropped with a warning)."""
        media = self.record(media, path)
        url = self.text(media.get("url"), f"{path}.url")
        if not url:
            return None
        if not _WEB.fullmatch(url):
            message = _("media dropped: {url} is not a web address")
            self.warn(f"{path}.url", message.format(url=quote(url, 40)))
            return None
        if url not in self.sources:
            credit = self.text(media.get("credit"), f"{path}.credit")
            caption = self.text(media.get("caption"), f"{path}.caption")
            title = credit or caption or url
            source = {"id": self.ids["sources"].new(title, "source"), "title": title}
            source["url"] = url
            if caption and caption != title:
                source["note"] = caption
            self.sources[url] = source
        return self.sources[url]["id"]

    def note_dropped(self, slide: Mapping[str, Any], path: str) -> None:
        """Warn of fields that are not mapped: unknown ones each time, presentation ones once."""
        for key in slide:
            if key in SLIDE_FIELDS:
                continue
            if key not in DROPPED_FIELDS:
                message = _("unknown field {field} dropped").format(field=quote(str(key), 40))
                self.warn(f"{path}.{key}", message)
            elif key not in self.dropped_noted and slide[key]:
                self.dropped_noted.add(key)
                message = _("{field} (presentation only) is dropped, in every slide")
                self.warn(f"{path}.{key}", message.format(field=key))


def within(inner: tuple[Parts, Parts], outer: tuple[Parts, Parts]) -> bool:
    """Whether the span `inner` lies wholly inside `outer` (each as wide as its precision)."""
    return lowest(outer[0]) <= lowest(inner[0]) and highest(inner[1]) <= highest(outer[1])
