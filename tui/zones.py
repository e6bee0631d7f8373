"""The time zones `z` cycles through, and how the app names them."""

from __future__ import annotations

from data.i18n import N_, _
from data.times.display import STATED, local_zone
from data.times.parse import zone_named

CYCLE_NAMES: dict[str, str] = {
    "UTC": N_("UTC"),
    STATED: N_("as stated"),
    "Europe/Moscow": N_("Moscow"),
    "Europe/Brussels": N_("Brussels"),
    "Asia/Qyzylorda": N_("Baikonur"),
    "Asia/Almaty": N_("landing zone"),
    "America/New_York": N_("US Eastern"),
}
"""The zones of the cycle and their names (translated where they are shown)."""
LOCAL = N_("local")
"""The name of the viewer's own zone."""


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
    """`Baikonur`, `local`, or the IANA name itself, in the interface's language."""
    if zone in CYCLE_NAMES:
        return _(CYCLE_NAMES[zone])
    return _(LOCAL) if zone == local_zone() else zone


def describe(zone: str) -> str:
    """The header's zone text: `Brussels · Europe/Brussels`, never an offset, which changes
    within a mission in a zone with summer time (each row shows the one of its date)."""
    name = friendly_name(zone)
    return name if zone in (name, STATED) else f"{name} · {zone}"


def explain(zone: str) -> str:
    """What the header adds after a zone's name where the name alone may puzzle, if it has
    the room: "as stated" is no zone of its own."""
    return _("each event in the zone its source used") if zone == STATED else ""


def check_zone(name: str) -> str:
    """The canonical spelling of a zone typed by a user; raises `ValueError` with a reason
    (and the nearest zones). "stated" and "as stated" (in English, or the interface's
    language) name the zones the sources used."""
    as_stated = {STATED, CYCLE_NAMES[STATED], _(CYCLE_NAMES[STATED])}
    if name.strip().casefold() in {words.casefold() for words in as_stated}:
        return STATED
    return zone_named(name)
