"""Writing a day or a month in the interface's language: `2021-10-05` and `2021-10` in
English (ISO, as always), `5 okt. 2021` and `okt. 2021` in Dutch.

The layout of each language is a pendulum format in the catalog (`YYYY-MM-DD` translated to
`D MMM YYYY`), and its words are pendulum's own (its Dutch locale names the months): no month
table is kept here. A layout that stays ISO needs no pendulum, so English never imports it.
Each day or month is written once per language and kept (`written`): the exports of a million
events write a few hundred distinct days.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from data.i18n import language, pgettext

ISO_DAY = "YYYY-MM-DD"
ISO_MONTH = "YYYY-MM"
_KEPT = 1 << 16
"""Days kept per language at most (then forgotten all at once): about 180 years."""


def day_layout() -> str:
    """How the language in force writes a day, in pendulum's tokens."""
    # Translators: how a date is written, in pendulum's format tokens: D the day (5), DD the
    # day in two digits, MMM the month's short name (okt.), MMMM its full name, YYYY the year.
    return pgettext("day layout", "YYYY-MM-DD")


def month_layout() -> str:
    """How the language in force writes a month (a time known to the month), in pendulum's
    tokens."""
    # Translators: how a month is written (a time known only to its month), in pendulum's
    # format tokens: MMM the month's short name (okt.), MMMM its full name, YYYY the year.
    return pgettext("month layout", "YYYY-MM")


def iso_dates() -> bool:
    """Whether the language in force writes days and months as ISO does (English): then a
    date's ISO text is already its shown text."""
    return day_layout() == ISO_DAY and month_layout() == ISO_MONTH


class _Written(dict[str, str]):
    """ISO day (`2021-10-05`) or month (`2021-10`) -> as one language writes it."""

    def __init__(self, code: str, day: str, month: str) -> None:
        super().__init__()
        self.code, self.day, self.month = code, day, month

    def __missing__(self, iso: str) -> str:
        if len(self) >= _KEPT:
            self.clear()
        is_day = len(iso) == len(ISO_DAY)
        layout = self.day if is_day else self.month
        if layout == (ISO_DAY if is_day else ISO_MONTH):
            text = iso
        else:
            import pendulum  # only for a language that does not write ISO dates

            day = date.fromisoformat(iso if is_day else f"{iso}-01")
            shown = pendulum.Date(day.year, day.month, day.day)
            text = shown.format(layout, locale=pendulum_locale(self.code))
        self[iso] = text
        return text


_WRITTEN: dict[str, _Written] = {}


def written() -> _Written:
    """The days and months written so far in the language in force, a mapping from the ISO
    text that writes any other on first sight: `written()[iso]` is `date_text(iso)`, and
    `map(written().__getitem__, isos)` writes many at dict speed."""
    code = language()
    kept = _WRITTEN.get(code)
    if kept is None:
        kept = _WRITTEN[code] = _Written(code, day_layout(), month_layout())
    return kept


def date_text(iso: str) -> str:
    """A day (`2021-10-05`) or a month (`2021-10`) as the interface writes it: unchanged in
    English; `5 okt. 2021`, `okt. 2021` in Dutch."""
    return written()[iso]


def pendulum_locale(code: str) -> str:
    """Pendulum's locale for the language `code`: its own, or English where pendulum has
    none (a language added to the catalogs before pendulum knows its months)."""
    from importlib.util import find_spec

    return code if find_spec(f"pendulum.locales.{code}") is not None else "en"


@cache
def month_names(code: str) -> dict[int, str]:
    """The months' short names in the language `code`, by number (`Oct`, in Dutch `okt.`),
    from pendulum's locale: for labels that name a month, as the time axis's ticks (pendulum
    is imported when first asked, not at start-up)."""
    from pendulum.locales.locale import Locale

    names: dict[int, str] = Locale.load(pendulum_locale(code)).translation("months.abbreviated")
    return dict(names)
