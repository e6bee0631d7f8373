"""The time zones `z` cycles through, and how the app names them."""

from __future__ import annotations

from data.times.display import STATED, local_zone
from data.times.parse import zone_named

CYCLE_NAMES: dict[str, str] = {
    "UTC": "UTC",
    STATED: "as stated",
    "Europe/Moscow": "Moscow",
    "Europe/Brussels": "Brussels",
    "Asia/Qyzylorda": "Baikonur",
    "Asia/Almaty": "landing zone",
    "America/New_York": "US Eastern",
}


def zone_cycle() -> list[str]:
    """UTC, as stated, Moscow, Brussels, Baikonur, landing zone, US Eastern, then local."""
    zones = list(CYCLE_NAMES)
    local = local_zone()
    if local not in zones:
        zones.append(local)
    return zones


def next_zone(zone: str) -> str:
    """The zone after `zone` in the cycle (a zone outside the cycle goes back to the start)."""
    zones = zone_cycle()
    if zone not in zones:
        return zones[0]
    return zones[(zones.index(zone) + 1) % len(zones)]


def friendly_name(zone: str) -> str:
    """`Baikonur`, `local`, or the IANA name itself."""
    if zone in CYCLE_NAMES:
        return CYCLE_NAMES[zone]
    return "local" if zone == local_zone() else zone


def describe(zone: str) -> str:
    """The header's zone text: `Brussels · Europe/Brussels`, never an offset, which changes
    within a mission in a zone with summer time (each row shows the one of its date)."""
    name = friendly_name(zone)
    return name if zone in (name, STATED) else f"{name} · {zone}"


def explain(zone: str) -> str:
    """What the header adds after a zone's name where the name alone may puzzle, if it has
    the room: "as stated" is no zone of its own."""
    return "each event in the zone its source used" if zone == STATED else ""


def check_zone(name: str) -> str:
    """The canonical spelling of a zone typed by a user; raises `ValueError` with a reason
    (and the nearest zones)."""
    if name.strip().casefold() in {STATED, "as stated"}:
        return STATED
    return zone_named(name)
