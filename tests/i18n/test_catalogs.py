"""The gettext catalogs: every message marked in data/ and tui/ has its Dutch, the committed
template, catalog and compiled catalog are current, and every translation keeps the
message's `{placeholders}`.

The messages are extracted afresh, in memory, with Babel and `data/i18n/babel.cfg`, as
`data/i18n/update_catalogs.sh` extracts them. When a test here fails after marking a message,
run `sh data/i18n/update_catalogs.sh` (with the venv's `bin` on PATH), write the Dutch, and
run it again.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from data.i18n import DOMAIN, LANGUAGES, LOCALES

pytestmark = pytest.mark.xdist_group("catalogs")

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = LOCALES / f"{DOMAIN}.pot"
TRANSLATED = [language for language in LANGUAGES if language != "en"]

Key = tuple[str, str | None, str | None]
"""A message: its id, its plural id (None: no plural) and its context."""


def key(message: Message) -> Key:
    """A message's key (Babel reads a compiled catalog's plural ids as a list, its contexts
    as bytes)."""
    ids = tuple(message.id) if isinstance(message.id, tuple | list) else (message.id, None)
    context = message.context
    return ids[0], ids[1], context.decode() if isinstance(context, bytes) else context


@cache
def extracted() -> frozenset[Key]:
    """Every message marked in data/ and tui/ (`_`, `N_`, `ngettext`, `pgettext`...)."""
    with (LOCALES.parent / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: set[Key] = set()
    for folder in ("data", "tui"):
        for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / folder, method_map, options_map
        ):
            ids = message if isinstance(message, tuple) else (message, None)
            found.add((ids[0], ids[1], context))
    return frozenset(found)


@cache
def catalog(language: str) -> Catalog:
    path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as stream:
        return read_po(stream, locale=language)


def entries(read: Catalog) -> dict[Key, Message]:
    return {key(message): message for message in read if message.id}


def forms(message: Message) -> tuple[str, ...]:
    """A translation's forms: one, or one per plural form."""
    text = message.string
    return tuple(text) if isinstance(text, tuple | list) else (text,)


def shown(keys: object) -> str:
    return "\n".join(f"  {item!r}" for item in sorted(keys, key=repr))  # type: ignore[call-overload]


def test_the_extraction_finds_the_marked_messages() -> None:
    """The check below can fail: the extraction sees the messages of both folders."""
    ids = {message_id for message_id, _, _ in extracted()}
    assert {"on the ground", "{days}d"} <= ids  # data/
    assert any("config.toml" in message_id for message_id in ids)  # tui/


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_marked_message_has_a_translation(language: str) -> None:
    """A message shown in the app or by a command without its translation fails here."""
    known = entries(catalog(language))
    missing = {k for k in extracted() if k not in known or not all(forms(known[k]))}
    fuzzy = {k for k in extracted() if k in known and known[k].fuzzy}
    assert not missing, f"{language}: not translated:\n{shown(missing)}"
    assert not fuzzy, f"{language}: fuzzy (check and clear the flag):\n{shown(fuzzy)}"


def test_the_template_is_what_extraction_gives() -> None:
    with TEMPLATE.open("rb") as stream:
        template = set(entries(read_po(stream)))
    assert template == extracted(), (
        "the template is stale: run data/i18n/update_catalogs.sh\n"
        f"missing:\n{shown(extracted() - template)}\ngone:\n{shown(template - extracted())}"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_catalog_holds_the_templates_messages(language: str) -> None:
    held = set(entries(catalog(language)))
    assert held == extracted(), (
        f"{language}: the catalog is not merged: run data/i18n/update_catalogs.sh\n"
        f"missing:\n{shown(extracted() - held)}\nobsolete:\n{shown(held - extracted())}"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalog_says_what_the_catalog_says(language: str) -> None:
    path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as stream:
        compiled = {k: forms(m) for k, m in entries(read_mo(stream)).items()}
    written = {
        k: forms(m) for k, m in entries(catalog(language)).items() if all(forms(m)) and not m.fuzzy
    }
    assert compiled == written, f"{language}: the .mo is stale: run data/i18n/update_catalogs.sh"


def placeholders(text: str) -> set[str]:
    """The names of the `{placeholders}` of a format string (`{hours:02d}` is `hours`)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def keeps_placeholders(source: str, form: str) -> bool:
    """Whether the translation `form` names the placeholders of `source`, and no others, in
    a format string `.format` takes (no stray brace)."""
    try:
        return placeholders(form) == placeholders(source)
    except ValueError:
        return False


def is_format(text: str) -> bool:
    """Whether `text` is a format string with a placeholder (else its braces, if any, are
    plain text)."""
    try:
        return bool(placeholders(text))
    except ValueError:
        return False


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_placeholders(language: str) -> None:
    """Each translation names the placeholders of its message, no more, no fewer (their
    format may differ: `{hours:02d}h` is `{hours} u` in Dutch); for a plural, the first form
    those of the singular, the others those of the plural."""
    wrong = []
    for k, message in entries(catalog(language)).items():
        singular, plural, _ = k
        if not (is_format(singular) or (plural is not None and is_format(plural))):
            continue
        sources = [singular] + [plural or singular] * (len(forms(message)) - 1)
        for source, form in zip(sources, forms(message), strict=True):
            if form and not keeps_placeholders(source, form):
                wrong.append((source, form))
    assert not wrong, f"{language}: placeholders changed:\n{shown(wrong)}"


@pytest.mark.parametrize(
    ("source", "form", "kept"),
    [
        ("{days}d {hours:02d}h", "{days} d {hours} u", True),
        ("{days}d {hours:02d}h", "{days} d", False),
        ("{path}: bad", "{pad}: fout", False),
        ("{count} events", "{count} gebeurtenissen}", False),
    ],
)
def test_the_placeholder_check_can_fail(source: str, form: str, kept: bool) -> None:
    assert keeps_placeholders(source, form) is kept
