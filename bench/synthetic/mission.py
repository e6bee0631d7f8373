"""The synthetic mission itself: a made-up space station's log, written as JSON or JSON Lines.

Expeditions (the phases), each opened by a crew launch, docking and hatch opening and closed
by undocking and landing, with cargo ships, burns, spacewalks, experiments, anomalies and media
events in between. Every field of the format appears: titles and descriptions, people with
Cyrillic and Dutch spellings, places in several zones, every time precision, planned against
actual times, spans, stated times and disputes now and then.

The output is deterministic for a given N and seed, valid per docs/format.md, and written as
it is generated: memory stays flat whatever N is.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from .vocabulary import (
    EXPERIMENTS,
    FIRST,
    MEDIA,
    MODULES,
    PLACES,
    SYLLABLES,
    SYSTEMS,
    ZONES,
    cyrillic,
    dutch,
)

START = datetime(2000, 11, 2, 9, 21, tzinfo=UTC)
SPAN = timedelta(days=365 * 25)
CREW_PER_PHASE = 3


def write_mission(out: TextIO, count: int, form: str, seed: int = 19) -> None:
    """Write a mission of `count` events to `out`, as JSON or JSON Lines."""
    mission = _Mission(count, random.Random(seed))
    header = mission.header()
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    if form == "jsonl":
        out.write(dump(header) + "\n")
        for event in mission.events():
            out.write(dump(event) + "\n")
        return
    out.write("{\n")
    for key, value in header.items():
        out.write(f"{dump(key)}: {dump(value)},\n")
    out.write('"events": [\n')
    separator = ""
    for event in mission.events():
        out.write(separator + dump(event))
        separator = ",\n"
    out.write("\n]}\n")


class _Mission:
    """The plan of the synthetic mission: phases by event index, crews, vehicles."""

    def __init__(self, count: int, rng: random.Random) -> None:
        self.count = count
        self.rng = rng
        self.phases = max(3, min(70, count // 100))
        self.step = SPAN / count
        self.people = self._people()

    def phase_of(self, index: int) -> int:
        return index * self.phases // self.count

    def phase_start(self, phase: int) -> int:
        return -(-phase * self.count // self.phases)

    def instant(self, index: int) -> datetime:
        return START + self.step * index

    def header(self) -> dict[str, Any]:
        return {
            "format": 1,
            "mission": {
                "id": f"synthetic-{self.count}",
                "title": f"Synthetic station log ({self.count:,} events)",
                "summary": "Made-up events for benchmarks; no fact in it is historical.",
                "reference": "x01-launch",
            },
            "sources": [
                {
                    "id": f"src-{n:02d}",
                    "title": f"Synthetic source {n}",
                    "url": f"https://example.org/source/{n}",
                }
                for n in range(1, 21)
            ],
            "places": [
                {"id": pid, "name": name, "zone": zone}
                | ({"lat": lat, "lon": lon} if lat is not None else {})
                for pid, name, zone, lat, lon in PLACES
            ],
            "vehicles": self._vehicles(),
            "phases": [self._phase(p) for p in range(self.phases)],
            "people": self.people,
        }

    def _vehicles(self) -> list[dict[str, Any]]:
        vehicles: list[dict[str, Any]] = [
            {"id": "station", "name": "Station Alpha", "kind": "station"},
            {"id": "rocket", "name": "Carrier rocket", "kind": "launch-vehicle"},
        ]
        vehicles += [
            {
                "id": module.lower(),
                "name": f"{module} module",
                "kind": "module",
                "part_of": "station",
            }
            for module in MODULES
        ]
        vehicles += [
            {
                "id": f"cv-{p + 1:02d}",
                "name": f"Crew vehicle CV-{p + 1:02d}",
                "kind": "spacecraft",
                "sources": ["src-01"],
            }
            for p in range(self.phases)
        ]
        vehicles += [
            {"id": f"cs-{n:03d}", "name": f"Cargo ship CS-{n:03d}", "kind": "spacecraft"}
            for n in range(1, 3 * self.phases + 1)
        ]
        return vehicles

    def _phase(self, phase: int) -> dict[str, Any]:
        start = self.instant(self.phase_start(phase)) - timedelta(hours=1)
        end = self.instant(self.phase_start(phase + 1)) + timedelta(hours=1)
        return {
            "id": f"exp-{phase + 1:02d}",
            "name": f"Expedition {phase + 1}",
            "start": f"{start:%Y-%m-%dT%H:%M}Z",
            "end": f"{end:%Y-%m-%dT%H:%M}Z",
            "summary": f"Crew {phase + 1} aboard Station Alpha.",
        }

    def _people(self) -> list[dict[str, Any]]:
        rng = self.rng
        people = []
        seen: set[str] = set()
        for phase in range(self.phases):
            for seat in range(CREW_PER_PHASE):
                while True:
                    surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
                    if surname not in seen:
                        break
                seen.add(surname)
                first = rng.choice(FIRST)
                name = f"{first} {surname.capitalize()}"
                x = f"x{phase + 1:02d}"
                person: dict[str, Any] = {
                    "id": f"{first.lower()}-{surname}",
                    "name": name,
                    "names": {
                        "ru": cyrillic(name),
                        "nl": [dutch(name)],
                        "other": [name.replace("y", "i")],
                    },
                    "role": ("Commander", "Flight engineer", "Flight engineer")[seat],
                    "affiliation": rng.choice(["Agency A", "Agency B", "Agency C"]),
                    "born": f"{rng.randint(1955, 1990)}-{rng.randint(1, 12):02d}-"
                    f"{rng.randint(1, 28):02d}",
                    "bio": f"{name} is an invented crew member of expedition {phase + 1}.",
                    "flights": [
                        {
                            "up": f"cv-{phase + 1:02d}",
                            "down": f"cv-{phase + 1:02d}",
                            "launch": f"{x}-launch",
                            "docking": f"{x}-docking",
                            "undocking": f"{x}-undocking",
                            "landing": f"{x}-landing",
                            "station": "station",
                        }
                    ],
                    "time_in_space": {"before": f"P{rng.randint(0, 400)}DT{rng.randint(0, 23)}H"},
                    "sources": ["src-02"],
                    "confidence": "C2+",
                }
                people.append(person)
        return people

    def events(self) -> Iterator[dict[str, Any]]:
        """Every event, roughly in time order, made one at a time."""
        for index in range(self.count):
            phase = self.phase_of(index)
            first = self.phase_start(phase)
            last = self.phase_start(phase + 1) - 1
            if index - first < 3 or last - index < 2:
                stage = index - first if index - first < 3 else 4 - (last - index)
                yield self._crew_event(index, phase, stage)
            else:
                yield self._routine_event(index, phase)

    def _crew_event(self, index: int, phase: int, stage: int) -> dict[str, Any]:
        x = f"x{phase + 1:02d}"
        kind, name, place = [
            ("launch", "launch", "pad-1"),
            ("docking", "docking", "station"),
            ("hatch", "hatch-open", "station"),
            ("undocking", "undocking", "station"),
            ("landing", "landing", "landing"),
        ][stage]
        crew = self._crew(phase)
        vehicle = f"cv-{phase + 1:02d}"
        titles = {
            "launch": f"Launch of Crew vehicle CV-{phase + 1:02d}",
            "docking": f"CV-{phase + 1:02d} docks to the station",
            "hatch": "Hatches opened; crew welcomed aboard",
            "undocking": f"CV-{phase + 1:02d} undocks",
            "landing": f"CV-{phase + 1:02d} lands",
        }
        event: dict[str, Any] = {
            "id": f"{x}-{name}",
            "title": titles[kind],
            "kind": kind,
            "description": f"Expedition {phase + 1}: {titles[kind].lower()}, crew of {len(crew)}.",
            "phase": f"exp-{phase + 1:02d}",
            "at": self._time(index, fine=True),
            "place": place,
            "vehicles": [vehicle] if kind != "launch" else [vehicle, "rocket"],
            "people": crew,
            "sources": ["src-01", "src-02"],
            "confidence": "C2+",
        }
        if kind in ("launch", "docking", "landing"):
            event["planned"] = self._time(index, fine=False, late=-0.2)
        if kind in ("docking", "undocking"):
            event["station_crew"] = 3 if kind == "undocking" else 6
        return event

    def _routine_event(self, index: int, phase: int) -> dict[str, Any]:
        rng = self.rng
        roll = rng.random()
        module = rng.choice(MODULES)
        cargo = f"cs-{rng.randint(1, 3 * self.phases):03d}"
        crew = self._crew(phase)
        event: dict[str, Any] = {"id": f"e{index:07d}"}
        if roll < 0.30:
            experiment = rng.choice(EXPERIMENTS)
            event |= {
                "title": f"Experiment session: {experiment}",
                "kind": "milestone",
                "people": rng.sample(crew, rng.randint(1, 2)),
                "vehicles": [module.lower()],
            }
        elif roll < 0.45:
            event |= {
                "title": f"Reboost burn {rng.randint(1, 400)}",
                "kind": "burn",
                "vehicles": ["station"],
            }
        elif roll < 0.58:
            system = rng.choice(SYSTEMS)
            event |= {
                "title": f"Anomaly: {system} fault in {module}",
                "kind": "anomaly",
                "vehicles": [module.lower()],
            }
        elif roll < 0.68:
            number = cargo[3:]
            verb = rng.choice(["docks to", "undocks from", "relocates to"])
            kind = {"docks to": "docking", "undocks from": "undocking"}.get(verb, "relocation")
            event |= {
                "title": f"Cargo ship CS-{number} {verb} {module}",
                "kind": kind,
                "vehicles": [cargo, module.lower()],
            }
        elif roll < 0.75:
            number = rng.randint(1, 900)
            walkers = rng.sample(crew, 2)
            event |= {
                "title": f"Spacewalk {number} from the {module} module",
                "kind": "eva",
                "people": walkers,
                "vehicles": ["airlock"],
            }
            event["end"] = self._time(index, fine=True, late=0.4)
        elif roll < 0.85:
            what = rng.choice(MEDIA)
            event |= {
                "title": f"Media: {what} with the crew",
                "kind": "media",
                "people": rng.sample(crew, rng.randint(1, 3)),
                "vehicles": ["station"],
            }
        elif roll < 0.93:
            event |= {
                "title": f"Crew command handover rehearsal {rng.randint(1, 50)}",
                "kind": "crew",
                "people": crew,
            }
        else:
            event |= {
                "title": f"Training block {rng.randint(1, 300)} at the control centre",
                "kind": "training",
                "people": rng.sample(crew, 1),
            }
            event["place"] = rng.choice(["mcc-m", "mcc-h", "col", "ssipc"])
        event["phase"] = f"exp-{phase + 1:02d}"
        if rng.random() < 0.35:
            system = rng.choice(SYSTEMS)
            event["description"] = (
                f"Logged by the flight control team: {event['title'].lower()}; "
                f"{system} nominal, {rng.randint(2, 95)} minutes of work."
            )
        if rng.random() < 0.03:
            event["planned"] = self._time(index, fine=False)
        else:
            event["at"] = self._time(index, fine=rng.random() < 0.5)
            if rng.random() < 0.2:
                event["planned"] = self._time(index, fine=False, late=-0.3)
        if "place" not in event and rng.random() < 0.5:
            event["place"] = "station"
        event["sources"] = [f"src-{rng.randint(1, 20):02d}"]
        event["confidence"] = rng.choice(["C2+", "C2+", "C1", "C1", "D", "U"])
        if rng.random() < 0.01:
            event["stated"] = [
                {"text": "shortly after the pass over the steppe", "source": event["sources"][0]}
            ]
        if rng.random() < 0.005:
            event["confidence"] = "U"
            event["disputes"] = [
                {
                    "topic": "time",
                    "versions": [
                        {
                            "claim": "as logged by the station",
                            "at": self._time(index, fine=True),
                            "sources": ["src-03"],
                        },
                        {"claim": "as reported by the press", "sources": ["src-04"]},
                    ],
                }
            ]
        return event

    def _crew(self, phase: int) -> list[str]:
        seats = self.people[phase * CREW_PER_PHASE : (phase + 1) * CREW_PER_PHASE]
        return [person["id"] for person in seats]

    def _time(self, index: int, *, fine: bool, late: float = 0.0) -> str:
        """A time string near event `index`'s slot, in one of the format's forms."""
        rng = self.rng
        jitter = self.step * (0.3 * rng.random() + late)
        instant = (self.instant(index) + jitter).replace(microsecond=0)
        approx = "~" if rng.random() < 0.05 else ""
        roll = rng.random()
        if not fine and roll < 0.06:
            zone = rng.choice(ZONES)
            local = instant.astimezone(ZoneInfo(zone))
            form = "%Y-%m" if roll < 0.005 else "%Y-%m-%d"
            return f"{approx}{local:{form}}[{zone}]"
        if roll < 0.45:
            return f"{approx}{instant:%Y-%m-%dT%H:%M:%S}Z"
        if roll < 0.6:
            return f"{approx}{instant:%Y-%m-%dT%H:%M}Z"
        zone = rng.choice(ZONES)
        local = instant.astimezone(ZoneInfo(zone))
        clock = "%H:%M:%S" if roll < 0.85 else "%H:%M"
        if roll > 0.95:
            millis = rng.randint(0, 999)
            clock = f"%H:%M:%S.{millis:03d}"
        offset = _offset(local)
        ambiguous = local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset()
        if roll < 0.75 or ambiguous:
            return f"{approx}{local:%Y-%m-%dT{clock}}{offset}[{zone}]"
        return f"{approx}{local:%Y-%m-%dT{clock}}[{zone}]"


def _offset(local: datetime) -> str:
    delta = local.utcoffset()
    assert delta is not None
    minutes = int(delta.total_seconds()) // 60
    if minutes == 0:
        return "Z"
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
