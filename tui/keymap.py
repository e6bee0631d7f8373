"""The keys a user can rebind: every binding with an id, and its keys as the screen names them.

The bindings (the lists of the widgets, screens and app whose bindings they are: their
`BINDINGS`) are given by the app in groups, by where their keys work ("Timeline", "Crew
pane"), in the order the help screen lists them; the keymap is the user's `[keymap]`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from data.i18n import _

if TYPE_CHECKING:
    from tui.screens.help import KeyRow

KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "question_mark": "?",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "full_stop": ".",
}
"""Textual's names of keys that are shown as their character."""


Bindings = Sequence[BindingType]
"""One owner's bindings (a widget's, a screen's or the app's `BINDINGS`)."""


def bindings_with_ids(owners: Sequence[Bindings]) -> Iterator[tuple[Binding, str]]:
    """Every binding of `owners` that the user can rebind, with its id, in order."""
    for bindings in owners:
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id is not None:
                yield binding, binding.id


KeyGroups = Sequence[tuple[str, Sequence[Bindings]]]
"""Where keys work ("Crew pane", marked for translation), each with the bindings of the
owners whose keys work there."""


def key_rows(groups: KeyGroups, keymap: Mapping[str, str]) -> list[KeyRow]:
    """One row per binding id, with the keymap applied and the group it works in (for help
    and the README), group by group; the words in the interface's language."""
    from tui.screens.help import KeyRow  # the help screen's module: not for the first frame

    rows: dict[str, KeyRow] = {}
    for group, owners in groups:
        for binding, binding_id in bindings_with_ids(owners):
            keys = keymap.get(binding_id, binding.key)
            shown = ", ".join(key_name(key) for key in keys.split(","))
            description, tooltip = _(binding.description), _(binding.tooltip)
            row = KeyRow(shown, description, tooltip, binding_id, _(group))
            rows.setdefault(binding_id, row)
    return list(rows.values())


def first_key(owners: Sequence[Bindings], keymap: Mapping[str, str], binding_id: str) -> str:
    """The first key of a binding, with the keymap applied, for a hint ("z to change")."""
    keys = next(binding.key for binding, found in bindings_with_ids(owners) if found == binding_id)
    return key_name(keymap.get(binding_id, keys).split(",")[0])


def key_name(key: str) -> str:
    """A key as the screen shows it: `/` for `slash`."""
    key = key.strip()
    return KEY_NAMES.get(key, key)
