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
    return _tables(language())[0]


def short_kinds() -> dict[EventKind, str]:
    """Every kind's short name, four letters at most (the timeline's kind column at narrow
    widths; the help screen lists them), in the language in use."""
    return _tables(language())[1]


@cache
def _tables(lang: str) -> tuple[dict[EventKind, str], dict[EventKind, str]]:
    """The kinds' names and short names, made once per language (`lang` is the cache's key:
    the catalog in use is that language's) from one table of each kind's words."""
    words = {
        EventKind.ANNOUNCEMENT: (
            pgettext("event kind", "announcement"),
            pgettext("short event kind", "ANNC"),
        ),
        EventKind.TRAINING: (
            pgettext("event kind", "training"),
            pgettext("short event kind", "TRNG"),
        ),
        EventKind.LAUNCH: (
            pgettext("event kind", "launch"),
            pgettext("short event kind", "LNCH"),
        ),
        EventKind.ORBIT: (
            pgettext("event kind", "orbit"),
            pgettext("short event kind", "ORBT"),
        ),
        EventKind.RENDEZVOUS: (
            pgettext("event kind", "rendezvous"),
            pgettext("short event kind", "RNDZ"),
        ),
        EventKind.DOCKING: (
            pgettext("event kind", "docking"),
            pgettext("short event kind", "DOCK"),
        ),
        EventKind.UNDOCKING: (
            pgettext("event kind", "undocking"),
            pgettext("short event kind", "UNDK"),
        ),
        EventKind.RELOCATION: (
            pgettext("event kind", "relocation"),
            pgettext("short event kind", "RELO"),
        ),
        EventKind.HATCH: (
            pgettext("event kind", "hatch"),
            pgettext("short event kind", "HTCH"),
        ),
        EventKind.BURN: (
            pgettext("event kind", "burn"),
            pgettext("short event kind", "BURN"),
        ),
        EventKind.LANDING: (
            pgettext("event kind", "landing"),
            pgettext("short event kind", "LAND"),
        ),
        EventKind.EVA: (
            pgettext("event kind", "eva"),
            pgettext("short event kind", "EVA"),
        ),
        EventKind.COMMAND: (
            pgettext("event kind", "command"),
            pgettext("short event kind", "CMND"),
        ),
        EventKind.CREW: (
            pgettext("event kind", "crew"),
            pgettext("short event kind", "CREW"),
        ),
        EventKind.ANOMALY: (
            pgettext("event kind", "anomaly"),
            pgettext("short event kind", "ANOM"),
        ),
        EventKind.MILESTONE: (
            pgettext("event kind", "milestone"),
            pgettext("short event kind", "MILE"),
        ),
        EventKind.MEDIA: (
            pgettext("event kind", "media"),
            pgettext("short event kind", "MDIA"),
        ),
        EventKind.FILM: (
            pgettext("event kind", "film"),
            pgettext("short event kind", "FILM"),
        ),
    }
    return (
        {kind: name for kind, (name, _) in words.items()},
        {kind: short for kind, (_, short) in words.items()},
    )
