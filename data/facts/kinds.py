"""The name of each kind of event in the interface's language: the one table of kind names
(and of their four-letter short names, `short_kinds`).

Wherever the app or an export names an event's kind to a reader (the detail line
`docking · at ...`, a calendar's description, the timeline's kind column), it says
`kind_name(kind)`; the kind's value (`docking`) stays what programs read (CSV, JSON,
iCalendar's CATEGORIES, the filter's `kind:docking`). Each name is marked with the context
"event kind", so a translation of the noun never meets the same English word used elsewhere
("command", "crew").
"""

from __future__ import annotations

from functools import cache

from data.i18n import language, pgettext
from data.model import EventKind


def kind_name(kind: EventKind) -> str:
    """`docking`, in Dutch `koppeling`: the kind as a reader is told it."""
    return kind_names()[kind]


def kind_names() -> dict[EventKind, str]:
    """Every kind's name in the language in use, in the kinds' order."""
    return _names(language())


@cache
def _names(lang: str) -> dict[EventKind, str]:
    """The table, made once per language (`lang` is the cache's key: the catalog in
    use is that language's)."""
    return {
        EventKind.ANNOUNCEMENT: pgettext("event kind", "announcement"),
        EventKind.TRAINING: pgettext("event kind", "training"),
        EventKind.LAUNCH: pgettext("event kind", "launch"),
        EventKind.ORBIT: pgettext("event kind", "orbit"),
        EventKind.RENDEZVOUS: pgettext("event kind", "rendezvous"),
        EventKind.DOCKING: pgettext("event kind", "docking"),
        EventKind.UNDOCKING: pgettext("event kind", "undocking"),
        EventKind.RELOCATION: pgettext("event kind", "relocation"),
        EventKind.HATCH: pgettext("event kind", "hatch"),
        EventKind.BURN: pgettext("event kind", "burn"),
        EventKind.LANDING: pgettext("event kind", "landing"),
        EventKind.EVA: pgettext("event kind", "eva"),
        EventKind.COMMAND: pgettext("event kind", "command"),
        EventKind.CREW: pgettext("event kind", "crew"),
        EventKind.ANOMALY: pgettext("event kind", "anomaly"),
        EventKind.MILESTONE: pgettext("event kind", "milestone"),
        EventKind.MEDIA: pgettext("event kind", "media"),
        EventKind.FILM: pgettext("event kind", "film"),
    }


def short_kinds() -> dict[EventKind, str]:
    """Every kind's short name, four letters at most (the timeline's kind column at narrow
    widths; the help screen lists them), in the language in use."""
    return _short_names(language())


@cache
def _short_names(lang: str) -> dict[EventKind, str]:
    """The short names' table, made once per language."""
    return {
        EventKind.ANNOUNCEMENT: pgettext("short event kind", "ANNC"),
        EventKind.TRAINING: pgettext("short event kind", "TRNG"),
        EventKind.LAUNCH: pgettext("short event kind", "LNCH"),
        EventKind.ORBIT: pgettext("short event kind", "ORBT"),
        EventKind.RENDEZVOUS: pgettext("short event kind", "RNDZ"),
        EventKind.DOCKING: pgettext("short event kind", "DOCK"),
        EventKind.UNDOCKING: pgettext("short event kind", "UNDK"),
        EventKind.RELOCATION: pgettext("short event kind", "RELO"),
        EventKind.HATCH: pgettext("short event kind", "HTCH"),
        EventKind.BURN: pgettext("short event kind", "BURN"),
        EventKind.LANDING: pgettext("short event kind", "LAND"),
        EventKind.EVA: pgettext("short event kind", "EVA"),
        EventKind.COMMAND: pgettext("short event kind", "CMND"),
        EventKind.CREW: pgettext("short event kind", "CREW"),
        EventKind.ANOMALY: pgettext("short event kind", "ANOM"),
        EventKind.MILESTONE: pgettext("short event kind", "MILE"),
        EventKind.MEDIA: pgettext("short event kind", "MDIA"),
        EventKind.FILM: pgettext("short event kind", "FILM"),
    }
