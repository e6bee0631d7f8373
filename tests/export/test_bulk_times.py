"""The bulk helpers of the exports against the functions they stand in for:
`data.times.display.BulkShow` against `show`, around clock changes in awkward zones and in every
form a time can be written in, and `columns.needs_sanitizing` against `data.sanitize`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, available_timezones
from zoneinfo import _common as zoneinfo_data

import pytest

from data.export.columns import SEPARATOR, needs_sanitizing
from data.sanitize import sanitize
from data.times.bulk import fast_when
from data.times.display import STATED, show
from data.times.display_bulk import BulkShow
from data.times.parse import MAX_YEAR, MIN_YEAR
from data.times.periods import SAMPLE_S
from data.times.shapes import Times

# Summer time both ways, half- and quarter-hour offsets, a skipped day, a zone whose summer
# time is negative, a zone that only changed its abbreviation.
ZONES = [
    "Europe/Brussels",
    "America/St_Johns",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Europe/Dublin",
    "Africa/Casablanca",
    "Europe/Moscow",
    "UTC",
]
CHANGES = [
    datetime(2011, 3, 27, 1, 0, tzinfo=UTC),  # Europe: summer time begins
    datetime(2011, 10, 30, 1, 0, tzinfo=UTC),  # and ends
    datetime(2011, 3, 26, 22, 59, tzinfo=UTC),  # Moscow: permanent summer time
    datetime(2011, 12, 30, 10, 0, tzinfo=UTC),  # Samoa skips a day
    datetime(2021, 10, 2, 15, 0, tzinfo=UTC),  # Lord Howe: half an hour forward
    datetime(2021, 11, 7, 3, 30, tzinfo=UTC),  # St John's
    datetime(2021, 4, 11, 2, 0, tzinfo=UTC),  # Casablanca, around Ramadan
]


def texts_near(instant: datetime, zone: str) -> list[str]:
    """Times a few seconds to hours around `instant`, written in every form."""
    texts = []
    for seconds in (-7200, -3601, -61, -1, 0, 1, 59, 1800, 3600, 86_400):
        moment = instant + timedelta(seconds=seconds, milliseconds=seconds % 997)
        local = moment.astimezone(ZoneInfo(zone))
        offset = local.strftime("%z")
        offset = f"{offset[:3]}:{offset[3:]}" if offset not in ("+0000", "-0000") else "Z"
        utc = moment.strftime("%Y-%m-%dT%H:%M:%S")
        texts += [
            f"{utc}Z",
            f"~{utc[:16]}Z",
            f"{moment:%Y-%m-%dT%H:%M:%S.%f}"[:-3] + "Z",
            f"{local:%Y-%m-%dT%H:%M:%S}{offset}",
            f"{local:%Y-%m-%dT%H:%M}{offset}[{zone}]",
            f"~{local:%Y-%m-%dT%H:%M:%S}{offset}[{zone}]",
            f"{local:%Y-%m-%d}[{zone}]",
            f"~{local:%Y-%m}[{zone}]",
        ]
    return texts


@pytest.mark.parametrize("zone", [*ZONES, STATED])
def test_bulk_show_is_show(zone: str) -> None:
    texts = [text for instant in CHANGES for place in ZONES for text in texts_near(instant, place)]
    whens = [fast_when(text) for text in texts]
    expected = [show(when, zone).with_offset for when in whens]
    times = Times.of(texts)
    assert times.millis == [round(when.instant.timestamp() * 1000) for when in whens]
    assert BulkShow(zone).cells(times) == expected
    assert BulkShow(zone).widest(times) == max(map(len, expected))
    # The same from the instants, as the store gives them.
    instants = [when.instant.timestamp() for when in whens]
    assert BulkShow(zone).cells(Times.of(texts, instants)) == expected
    assert BulkShow(zone).widest_of(texts, instants) == max(map(len, expected))


@pytest.mark.parametrize(
    ("zone", "marked"), [("Asia/Tokyo", 2), ("UTC", 1), ("America/New_York", 0)]
)
def test_widest_counts_a_date_that_names_its_zone(zone: str, marked: int) -> None:
    """Only dates, within one offset of the zone shown (`widest_of`'s quick path): the
    longest cell is a date that names its own zone, if one does."""
    texts = ["2021-10-05[Asia/Tokyo]", "2021-10-05[America/New_York]", "~2021-10[Europe/Moscow]"]
    whens = [fast_when(text) for text in texts]
    expected = [show(when, zone).with_offset for when in whens]
    assert sum(" " in cell for cell in expected) == marked
    instants = [when.instant.timestamp() for when in whens]
    assert BulkShow(zone).cells(Times.of(texts, instants)) == expected
    assert BulkShow(zone).widest_of(texts, instants) == max(map(len, expected))


def test_bulk_show_writes_the_sheet_form_in_utc() -> None:
    from tests.export.export_reference import sheet_utc

    texts = [text for instant in CHANGES for text in texts_near(instant, "Europe/Brussels")]
    iso = BulkShow("UTC", sheet=True)
    times = Times.of(texts)
    expected = [sheet_utc(fast_when(text)) for text in texts]
    assert iso.cells(times) == expected
    assert iso.widest(times) == max(map(len, expected))


def test_zone_transitions_are_further_apart_than_the_sampling() -> None:
    """`BulkShow` finds a zone's transitions by sampling it every `SAMPLE_S` seconds: no two
    transitions of any zone in the installed tzdata may be closer than that."""
    low = int(datetime(MIN_YEAR, 1, 1, tzinfo=UTC).timestamp())
    high = int(datetime(MAX_YEAR, 12, 31, tzinfo=UTC).timestamp())
    closest = None
    for name in sorted(available_timezones()):
        with zoneinfo_data.load_tzdata(name) as data:
            transitions = zoneinfo_data.load_data(data)[1]
        inside = [t for t in transitions if low <= t <= high]
        gaps = [b - a for a, b in pairwise(inside)]
        if gaps and (closest is None or min(gaps) < closest):
            closest = min(gaps)
    assert closest is not None and closest > SAMPLE_S


def test_needs_sanitizing_agrees_with_sanitize() -> None:
    """Over every code point: changed by `sanitize` exactly when `needs_sanitizing` says so
    (but NUL, which joins texts and never occurs in one)."""
    for code in range(1, 0x110000):
        char = chr(code)
        assert needs_sanitizing(f"a{SEPARATOR}{char}") == (sanitize(char) != char), hex(code)
    assert not needs_sanitizing(SEPARATOR.join(["plain", "text", "tab\tand\nnewline"]))
    assert needs_sanitizing(SEPARATOR.join(["ok", "\x1b]52;c;x\x07"]))


def test_the_csv_formula_check_splits_on_the_separator() -> None:
    """`csv_export` spells the separator out (so that a small mission's first frame does not
    import the store); it must be the one the columns are joined with."""
    from data.export import csv_export

    assert csv_export.cells(["ok", "=1+2", " -3"]) == ["ok", "'=1+2", "' -3"]
    assert csv_export._FORMULA_AFTER(SEPARATOR.join(["a", "@b"])) is not None
