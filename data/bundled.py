"""The bundled mission, shipped checked: its records made from its TOML once, kept as plain data.

Reading and checking the TOML (parsing, the schema, references, lint) and importing the
loader cost start-up tens of milliseconds. So the records the loader makes of the bundled
TOML are shipped beside it, as JSON (`soyuz-ms-19.checked.json`: data that cannot run code,
decoded by msgspec straight into the records, in about a millisecond), with the size and
CRC-32 of the TOML they were made from and the shape of the records they were made for. The
app takes them only while both still match (the TOML unchanged, no record's fields changed); else it
reads the TOML, as for any mission. `tests/test_bundled.py` fails when the shipped data is
not what the loader makes of the TOML; remake it with `python -m data.bundled`.

The TOML's fingerprint is its size and CRC-32 (zlib, which Textual imports anyway), not a
SHA-256: `hashlib` loads OpenSSL's libcrypto, about 11M instructions of start-up (2 ms) to
tell an edited file from the shipped one, which a checksum does as well; the fingerprint
guards against edits, not against someone who could as well rewrite the JSON beside it.
"""

from __future__ import annotations

import dataclasses
import zlib
from enum import Enum
from pathlib import Path

import msgspec

from data import records
from data.model import Mission
from data.store import store_of
from data.times.parse import Precision, When

BUNDLED_MISSION = Path(__file__).parent / "missions" / "soyuz-ms-19.toml"
CHECKED = BUNDLED_MISSION.with_suffix(".checked.json")
"""The bundled mission's records, made from `BUNDLED_MISSION` (`write_checked`)."""


def load_bundled() -> Mission:
    """The Soyuz MS-19 mission that ships with the app: its checked records while they are
    current, else read from its TOML (checked, as any mission file is)."""
    return checked_mission() or _read_toml()


def checked_mission() -> Mission | None:
    """The mission from the shipped checked records; None if they are missing, cannot be
    decoded, or were made from another TOML text or for records of another shape."""
    try:
        checked = msgspec.json.decode(CHECKED.read_bytes(), type=Checked)
        toml = BUNDLED_MISSION.read_bytes()
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    if checked.toml != _fingerprint(toml) or checked.shape != records_shape():
        return None
    return checked.mission()


def checked_text(mission: Mission, toml: bytes) -> bytes:
    """What `CHECKED` holds for `mission`, loaded from the TOML text `toml`."""
    checked = Checked(
        toml=_fingerprint(toml),
        shape=records_shape(),
        info=mission.info,
        sources=mission.sources,
        places=mission.places,
        vehicles=mission.vehicles,
        phases=mission.phases,
        people=mission.people,
        events=tuple(mission.events),
    )
    return msgspec.json.encode(checked) + b"\n"


def write_checked() -> Path:
    """Make `CHECKED` anew from `BUNDLED_MISSION`, read and checked by the loader."""
    CHECKED.write_bytes(checked_text(_read_toml(), BUNDLED_MISSION.read_bytes()))
    return CHECKED


def records_shape() -> str:
    """A digest of every record's fields (names and declared types) and every enum's
    values (those of `data.records`, and the times'): it changes whenever the records
    change in a way the shipped data may predate."""
    types = [value for value in vars(records).values() if isinstance(value, type)]
    parts = []
    for kind in sorted({*types, When, Precision}, key=lambda kind: kind.__qualname__):
        if issubclass(kind, msgspec.Struct):  # the records: each field's declared type as written
            fields = [(name, kind.__annotations__[name]) for name in kind.__struct_fields__]
            parts.append(f"{kind.__qualname__}{fields}")
        elif dataclasses.is_dataclass(kind):
            fields = [(field.name, str(field.type)) for field in dataclasses.fields(kind)]
            parts.append(f"{kind.__qualname__}{fields}")
        elif issubclass(kind, Enum) and kind.__module__ in (records.__name__, When.__module__):
            parts.append(f"{kind.__qualname__}{[member.value for member in kind]}")
    return _fingerprint("\n".join(parts).encode())


class Checked(msgspec.Struct, frozen=True):
    """The shipped form: the mission's records, its events in time order, and what they
    were made from."""

    toml: str
    """The size and CRC-32 of the TOML text they were made from (`_fingerprint`)."""
    shape: str
    info: records.MissionInfo
    sources: tuple[records.Source, ...]
    places: tuple[records.Place, ...]
    vehicles: tuple[records.Vehicle, ...]
    phases: tuple[records.Phase, ...]
    people: tuple[records.Person, ...]
    events: tuple[records.Event, ...]

    def mission(self) -> Mission:
        """The mission these records make, its events in a store."""
        phase_ids = [phase.id for phase in self.phases]
        place_ids = [place.id for place in self.places]
        return Mission(
            info=self.info,
            events=store_of(self.events, phase_ids, place_ids),
            sources=self.sources,
            places=self.places,
            vehicles=self.vehicles,
            phases=self.phases,
            people=self.people,
        )


def _read_toml() -> Mission:
    """The bundled mission read from its TOML by the loader (imported only then)."""
    from data.files.reading import read_text
    from data.load.document import load_text

    name = str(BUNDLED_MISSION)
    return load_text(name, read_text(name))


def _fingerprint(data: bytes) -> str:
    """`data`'s size and CRC-32 (hexadecimal) as `SIZE:CRC`: an edit that keeps the size
    keeps the CRC-32 too with a chance of one in four billion."""
    return f"{len(data)}:{zlib.crc32(data):08x}"


if __name__ == "__main__":
    print(f"wrote {write_checked()}")
