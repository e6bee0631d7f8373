"""The interface's language: which one is in use, and the translated text of a message.

Messages are marked in the code with `_()` (translated where it is called) or `N_()` (only
marked, for text kept in a constant and translated where it is shown, with `_()`), and
written with named `{placeholders}` so that a translation can reorder them. The catalogs are
gettext files in `data/i18n/locales/<language>/LC_MESSAGES/mission_timeline.po` (and the
`.mo` compiled from it); English is the language of the code and the fallback of every
missing message.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

DOMAIN = "mission_timeline"
LOCALES = Path(__file__).parent / "locales"
#: The languages the interface can speak, English (the fallback) first.
LANGUAGES = ("en", "nl")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_speaking: ContextVar[tuple[str, gettext.NullTranslations] | None] = ContextVar(
    "speaking", default=None
)
"""The language of a `speaking` block, in its own thread or task only."""


def use(language: str) -> None:
    """Speak `language` (one of `LANGUAGES`) from now on."""
    global _translations, _language
    _translations = _catalog(language)
    _language = language


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` inside the block, in this thread or task only: the CSV is written in
    English in an export worker while the app's screen keeps speaking Dutch."""
    token = _speaking.set((language, _catalog(language)))
    try:
        yield
    finally:
        _speaking.reset(token)


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    """The translations of `language` (one of `LANGUAGES`), read once."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    return gettext.translation(DOMAIN, LOCALES, [language], fallback=True)


def language() -> str:
    """The language in use: `en` or `nl`."""
    override = _speaking.get()
    return _language if override is None else override[0]


def _active() -> gettext.NullTranslations:
    """The translations in use here: a `speaking` block's, else the interface's."""
    override = _speaking.get()
    return _translations if override is None else override[1]


def choose(flag: str | None, setting: str | None, environ: Mapping[str, str]) -> str:
    """The language to speak: `--lang` (`flag`), else the `lang` setting of config.toml,
    else the locale's (`locale_language`); a value that is not one of `LANGUAGES` is passed
    over (the parser and the settings report it)."""
    for chosen in (flag, setting):
        if chosen in LANGUAGES:
            return chosen
    return locale_language(environ)


def locale_language(environ: Mapping[str, str]) -> str:
    """The language of the locale's messages, as POSIX looks them up: the first of
    `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty (`nl_BE.UTF-8`, `nl_NL`,
    `nl`: Dutch); English for `C`, `POSIX`, any language the interface does not speak, and
    no locale at all."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in LANGUAGES else LANGUAGES[0]
    return LANGUAGES[0]


def _(message: str) -> str:
    """`message` in the language in use."""
    return _active().gettext(message)


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for the marker)
    """Marks `message` for translation without translating it: for constants, translated by
    `_()` where they are shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """`singular` or `plural`, as the language in use says for `count`."""
    return _active().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in the language in use, told apart from the same English words elsewhere by
    `context` (`"month"` for "May" the month, not the verb)."""
    return _active().pgettext(context, message)
