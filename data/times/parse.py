"""Parsing mission time strings into aware instants with their precision.

The syntax is documented in docs/format.md. Parsing uses `datetime.fromisoformat` and
`zoneinfo` (fast enough for a million events); nothing here ever guesses a zone.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import IntEnum
from functools import cache, lru_cache
from pathlib import Path


def _import_zoneinfo_without_system_path() -> None:
    """Import `zoneinfo` without its default search path: as it is imported it reads the
    OS's zone folders from the interpreter's build configuration (`sysconfig`, about 5M
    instructions of start-up), which `reset_tzpath` below replaces at once. An empty
    `PYTHONTZPATH`, only while it is imported, is the documented way to give it none."""
    saved = os.environ.get("PYTHONTZPATH")
    os.environ["PYTHONTZPATH"] = ""
    try:
        import zoneinfo  # noqa: F401  (imported here, its names below)
    finally:
        if saved is None:
            del os.environ["PYTHONTZPATH"]
        else:
            os.environ["PYTHONTZPATH"] = saved


_import_zoneinfo_without_system_path()

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones, reset_tzpath  # noqa: E402

import msgspec  # noqa: E402
import tzdata  # noqa: E402

from data.sanitize import quote  # noqa: E402

# Zone data comes from the tzdata package, never the OS, so a historical offset (Qyzylorda's
# 2018 change, Kazakhstan's 2024 one) reads the same on every machine. Its files are read
# straight from the package folder: zoneinfo's own fallback to the package goes through
# importlib.resources, whose import alone costs start-up about 8 ms.
reset_tzpath(to=[str(Path(tzdata.__file__).parent / "zoneinfo")])

MIN_YEAR = 1900
MAX_YEAR = 2200

_TIME = re.compile(
    r"(?P<approx>~)?"
    r"(?P<date>\d{4}-\d{2}(?:-\d{2})?)"
    r"(?:T(?P<clock>\d{2}:\d{2}(?::\d{2}(?P<fraction>\.\d+)?)?))?"
    r"(?P<offset>Z|[+-]\d{2}:\d{2})?"
    r"(?:\[(?P<zone>[^\]]*)\])?",
    re.ASCII,
)
# IANA names are ASCII path segments; anything else (control characters, "..") is refused
# before it reaches the file system lookup inside zoneinfo.
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9][A-Za-z0-9_+\-]*)*")


# Compiled when a mission file's duration is first read, not at import (about 1M
# instructions of start-up).
@cache
def _duration_pattern() -> re.Pattern[str]:
    return re.compile(
        r"P(?:(?P<days>\d{1,6})D)?(?:T(?:(?P<hours>\d{1,6})H)?(?:(?P<minutes>\d{1,6})M)?"
        r"(?:(?P<seconds>\d{1,6})S)?)?",
        re.ASCII,
    )


class TimeFormatError(ValueError):
    """A time, zone or duration string that does not follow docs/format.md."""


class Precision(IntEnum):
    """How much of a time the source gave; ordered from coarse to fine."""

    MONTH = 1
    DAY = 2
    MINUTE = 3
    SECOND = 4
    MILLISECOND = 5


class When(msgspec.Struct, frozen=True):
    """An absolute instant, how precisely it is known, and the zone it was stated in."""

    instant: datetime
    """Aware, in UTC. A date or month is placed at its last second in `zone`."""
    precision: Precision
    zone: str | None
    """The IANA zone the source stated the time in (from `[...]`), if given."""
    offset: timedelta | None
    """The written UTC offset, if given."""
    approximate: bool
    text: str
    """The string as written, kept so a mission file round-trips exactly."""

    @property
    def is_date(self) -> bool:
        return self.precision <= Precision.DAY

    @property
    def local_date(self) -> date:
        """The calendar date as stated (in `zone`, or at the written offset)."""
        return self.instant.astimezone(self.stated_tz).date()

    @property
    def stated_tz(self) -> tzinfo:
        """The zone to show this time in when showing it "as stated"."""
        if self.zone is not None:
            return zone_info(self.zone)
        if self.offset is not None:
            return timezone(self.offset) if self.offset else UTC
        return UTC


@lru_cache(maxsize=512)
def zone_info(name: str) -> ZoneInfo:
    """Look up an IANA zone by name, refusing anything that is not a plain zone name."""
    if not _ZONE_NAME.fullmatch(name) or ".." in name:
        raise TimeFormatError(f"not a valid IANA zone name: {quote(name)}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise TimeFormatError(f"unknown IANA zone {quote(name)}") from None


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone the bundled tzdata knows, sorted (for completion and suggestions)."""
    return tuple(sorted(available_timezones()))


def zone_named(text: str) -> str:
    """The IANA zone a user typed, in its own spelling whatever the case (`europe/brussels`
    is `Europe/Brussels`); raise `TimeFormatError` naming the nearest zones if it is none."""
    name = text.strip()
    by_fold = _zones_by_fold()
    if name.casefold() in by_fold:
        return by_fold[name.casefold()]
    try:
        return zone_info(name).key
    except TimeFormatError as error:  # unknown, or not a zone name at all ("new york")
        from data.suggest import did_you_mean  # difflib: only for a zone not found

        hint = did_you_mean(name, _compared_with(name)) if len(name) <= 80 else ""
        raise TimeFormatError(f"{error}{hint}") from None


def zone_completion(text: str) -> str | None:
    """The zone a user typing `text` is after, whatever the case: the first whose name starts
    with it, else the first whose city does (`tok`: Asia/Tokyo, `new y`: America/New_York);
    None if none does."""
    typed = text.strip().casefold().replace(" ", "_")
    if not typed:
        return None
    for names in (_zones_by_fold(), _zones_by_city()):
        found = next((zone for name, zone in names.items() if name.startswith(typed)), None)
        if found is not None:
            return found
    return None


@cache
def _zones_by_fold() -> dict[str, str]:
    return {zone.casefold(): zone for zone in zone_names()}


def _compared_with(name: str) -> Mapping[str, str]:
    """The names an unknown zone is compared with, each to the zone it suggests: a city
    alone (`tokyo`) suggests its zone and no other; anything else is compared with every
    zone's name and with its city, so a city spelt wrong (`tokio`) is near its zone too."""
    cities = _zones_by_city()
    city = cities.get(name.casefold())
    if city is not None:
        return {name: city}
    return {**{zone: zone for zone in zone_names()}, **cities}


@cache
def _zones_by_city() -> dict[str, str]:
    """Each zone's city (`tokyo`, folded) to the zone (the first, if zones share a city)."""
    cities: dict[str, str] = {}
    for zone in zone_names():
        cities.setdefault(zone.rpartition("/")[2].casefold(), zone)
    return cities


def parse_when(text: str) -> When:
    """Parse a mission time string (see docs/format.md) or raise `TimeFormatError`."""
    match = _TIME.fullmatch(text)
    if match is None:
        raise TimeFormatError(
            f"not a time: {quote(text)} (expected e.g. 2021-10-05T08:55:02Z or "
            "2021-10-05T11:55+03:00[Europe/Moscow] or 2021-11-06[Europe/Moscow])"
        )
    date_text, clock, fraction = match["date"], match["clock"], match["fraction"]
    offset_text, zone_name = match["offset"], match["zone"]
    zone = zone_info(zone_name) if zone_name is not None else None
    if clock is None:
        precision = Precision.DAY if len(date_text) == 10 else Precision.MONTH
        if offset_text is not None:
            raise TimeFormatError(f"{text!r}: a date takes a zone in brackets, not an offset")
        if zone is None:
            raise TimeFormatError(
                f"{text!r}: a date needs a zone, e.g. {date_text}[UTC], since days begin "
                "at different instants in different zones"
            )
    else:
        precision = _clock_precision(text, clock, fraction)
        if offset_text is None and zone is None:
            raise TimeFormatError(f"{text!r}: a time needs an offset (Z, +03:00) or a [Zone]")
    local = _parse_local(text, date_text, clock)
    offset = _parse_offset(offset_text)
    if offset is not None:
        instant = local.replace(tzinfo=timezone(offset))
        if zone is not None:
            _check_offset_in_zone(text, local, offset, zone)
    else:
        assert zone is not None
        instant = _resolve_local(text, local, zone, strict=clock is not None)
    return When(
        instant=instant.astimezone(UTC),
        precision=precision,
        zone=zone_name,
        offset=offset,
        approximate=match["approx"] is not None,
        text=text,
    )


def parse_duration(text: str) -> timedelta:
    """Parse an ISO 8601 duration of days, hours, minutes and seconds (`P533DT5H31M`)."""
    match = _duration_pattern().fullmatch(text)
    if match is None or text in ("P", "PT") or text.endswith("T"):
        raise TimeFormatError(f"not a duration: {quote(text)} (expected e.g. P533DT5H31M)")
    parts = {key: int(value) for key, value in match.groupdict().items() if value}
    return timedelta(**parts)


def format_duration_iso(value: timedelta) -> str:
    """The ISO 8601 form `parse_duration` reads, for exports."""
    seconds = int(value.total_seconds())
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, seconds = divmod(rest, 60)
    clock = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    return f"P{days}D" + (f"T{clock}" if clock else "")


def parse_date(text: str) -> date:
    """Parse a calendar date `YYYY-MM-DD` (a birth date)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
        raise TimeFormatError(f"not a date: {quote(text)} (expected YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise TimeFormatError(f"{text!r}: {error}") from None


def _clock_precision(text: str, clock: str, fraction: str | None) -> Precision:
    if fraction is not None:
        if len(fraction) != 4:
            raise TimeFormatError(f"{text!r}: fractions of a second take exactly 3 digits")
        return Precision.MILLISECOND
    if clock.endswith(":60"):
        raise TimeFormatError(f"{text!r}: leap seconds (:60) are not supported")
    return Precision.SECOND if clock.count(":") == 2 else Precision.MINUTE


def _days_in_month(year: int, month: int) -> int:
    """How many days `month` (1 to 12) of `year` has: the day before the next month's first
    (as `calendar.monthrange` says, without importing `calendar` at start-up)."""
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _parse_local(text: str, date_text: str, clock: str | None) -> datetime:
    year = int(date_text[:4])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise TimeFormatError(f"{text!r}: years {MIN_YEAR} to {MAX_YEAR} are supported")
    if clock is None:
        # What is known only to the day (or month) sorts after everything timed on that day
        # (or month): "filming began on 5 Oct" follows that morning's launch and docking.
        # The placement only orders events; a date is never shown as a time.
        if len(date_text) == 7:
            year, month = int(date_text[:4]), int(date_text[5:7])
            if not 1 <= month <= 12:
                raise TimeFormatError(f"{text!r}: month must be in 1..12")
            date_text += f"-{_days_in_month(year, month):02d}"
        clock = "23:59:59"
    try:
        return datetime.fromisoformat(f"{date_text}T{clock}")
    except ValueError as error:
        raise TimeFormatError(f"{text!r}: {error}") from None


def _parse_offset(offset_text: str | None) -> timedelta | None:
    if offset_text is None:
        return None
    if offset_text == "Z":
        return timedelta(0)
    sign = -1 if offset_text[0] == "-" else 1
    hours, minutes = int(offset_text[1:3]), int(offset_text[4:6])
    if hours > 23 or minutes > 59:
        raise TimeFormatError(f"UTC offset out of range: {offset_text!r}")
    return sign * timedelta(hours=hours, minutes=minutes)


def _check_offset_in_zone(text: str, local: datetime, offset: timedelta, zone: ZoneInfo) -> None:
    in_force = {local.replace(tzinfo=zone, fold=fold).utcoffset() for fold in (0, 1)}
    if offset not in in_force:
        expected = " or ".join(sorted(_format_offset(o) for o in in_force if o is not None))
        raise TimeFormatError(
            f"{text!r}: offset {_format_offset(offset)} is not in force in {zone.key} at that "
            f"time (it is {expected})"
        )


def _resolve_local(text: str, local: datetime, zone: ZoneInfo, *, strict: bool) -> datetime:
    """Attach `zone` to a wall-clock time, refusing times that are skipped or repeated."""
    early, late = (local.replace(tzinfo=zone, fold=fold) for fold in (0, 1))
    if early.utcoffset() == late.utcoffset() or not strict:
        # A date's placement only orders the event; it is never displayed.
        return early
    round_trip = early.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    problem = "is repeated (ambiguous)" if round_trip == local else "does not exist"
    raise TimeFormatError(
        f"{text!r}: this local time {problem} in {zone.key} because of a clock change; "
        "add the UTC offset you mean, e.g. +02:00"
    )


def _format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"
