"""The name a person or a phase goes by in the interface's language.

The mission's own spelling (English) stays the record's `name`; in Dutch, a Dutch spelling
the mission gives comes first (HLN writes Joelia Peressild, Anton Sjkaplerov, Klim Sjipenko).
"""

from __future__ import annotations

from data.i18n import language
from data.model import Person, Phase


def person_name(person: Person) -> str:
    """The person's name in the interface's language, else as the mission spells it."""
    if language() == "nl" and person.names.nl:
        return person.names.nl[0]
    return person.name


def phase_name(phase: Phase) -> str:
    """The phase's name in the interface's language, else as the mission names it."""
    return dict(phase.names).get(language(), phase.name)
