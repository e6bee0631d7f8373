"""Did you mean: the valid names nearest to one a user got wrong, for every "unknown X" message.

Used wherever a name typed by a user is not known: an event id (`--relative-to`), a zone
(`--zone`, the zone setting, the zone picker), a filter's key and its values (kind, phase,
person, vehicle), and a field of a mission file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from data.i18n import _
from data.sanitize import quote

SHOWN = 3
"""At most this many names are suggested."""
CONTAINED = 3
"""What was typed must be this long for the names that contain it to be suggested."""
COMPARED = 20_000
"""At most this many names are compared letter by letter (about 0.1 s); from a longer list
(a large mission's event ids) only those of a like length and first letter are compared,
the first `COMPARED` of them, besides every name that contains what was typed."""


def did_you_mean(
    word: str, choices: Iterable[str] | Mapping[str, str], *, shown: int = SHOWN
) -> str:
    """` (did you mean 'docking', 'ms18-docking' or 'ms21-docking'?)`, to end an "unknown X"
    message, or `""` when no name is near `word`.

    `choices` are the valid names, or a mapping of each name to what to suggest for it (every
    spelling of a person's name to their id: a person is suggested once). Neither case nor
    the separators `_`, `-` and space matter (`new york` is near `America/New_York`). The
    names most like `word` come first (`difflib`'s ratio), then names that contain it
    (`dock` -> `ms18-docking`).
    """
    wanted = _comparable(word)
    if not wanted:
        return ""
    pairs = choices.items() if isinstance(choices, Mapping) else ((c, c) for c in choices)
    by_fold: dict[str, str] = {}
    for name, suggested in pairs:
        by_fold.setdefault(_comparable(name), suggested)
    names = list(by_fold)
    if len(names) > COMPARED:
        names = [
            name for name in names if name[:1] == wanted[:1] and abs(len(name) - len(wanted)) <= 3
        ][:COMPARED]
    import difflib  # only for a mistake: not imported while everything goes well

    ranked = difflib.get_close_matches(wanted, names, n=len(names))
    if len(wanted) >= CONTAINED:
        ranked += sorted((name for name in by_fold if wanted in name), key=len)
    near = list(dict.fromkeys(by_fold[name] for name in ranked))[:shown]
    if not near:
        return ""
    quoted = [quote(name) for name in near]
    if len(quoted) == 1:
        return " " + _("(did you mean {name}?)").format(name=quoted[0])
    return " " + _("(did you mean {names} or {last}?)").format(
        names=", ".join(quoted[:-1]), last=quoted[-1]
    )


_SEPARATORS = str.maketrans("_-", "  ")


def _comparable(name: str) -> str:
    """A name as it is compared: folded, with `_` and `-` as spaces."""
    return name.strip().casefold().translate(_SEPARATORS)
