"""The words the synthetic station log is made of: places and their zones, modules, systems,
experiments, media events, and people's names with their Cyrillic and Dutch spellings.

Names and places are invented; nothing here is a historical fact.
"""

# The Cyrillic table maps Latin letters to their look-alikes on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

PLACES = [
    ("pad-1", "Steppe Cosmodrome, Site 1", "Asia/Qyzylorda", 45.92, 63.34),
    ("pad-31", "Steppe Cosmodrome, Site 31", "Asia/Qyzylorda", 45.99, 63.56),
    ("mcc-m", "Mission Control, Korolev", "Europe/Moscow", 55.91, 37.81),
    ("mcc-h", "Mission Control, Houston", "America/Chicago", 29.56, -95.09),
    ("ksc", "Cape launch complex", "America/New_York", 28.57, -80.65),
    ("col", "Columbus Control Centre", "Europe/Berlin", 48.08, 11.28),
    ("ssipc", "Tsukuba Space Center", "Asia/Tokyo", 36.07, 140.13),
    ("kourou", "Guiana Space Centre", "America/Cayenne", 5.24, -52.77),
    ("landing", "Landing zone, Zhezkazgan", "Asia/Almaty", 47.36, 69.58),
    ("station", "The station (on orbit)", "UTC", None, None),
]
ZONES = [place[2] for place in PLACES]
MODULES = ["Core", "Node-1", "Node-2", "Lab-A", "Lab-B", "Airlock", "Dock-Aft", "Dock-Nadir"]
SYSTEMS = [
    "thermal loop",
    "oxygen generator",
    "CO2 scrubber",
    "gyrodyne",
    "power bus",
    "S-band link",
    "water recovery",
    "toilet",
    "smoke detector",
    "solar array drive",
]
EXPERIMENTS = [
    "plasma crystal",
    "protein growth",
    "bone density",
    "flame spread",
    "plant root",
    "cold atoms",
    "muscle atrophy",
    "fluid shift",
    "microbe survey",
    "radiation dose",
    "sleep cycle",
    "crystal lattice",
    "fibre optics",
]
MEDIA = [
    "press conference",
    "school downlink",
    "film shoot",
    "interview",
    "photo session",
    "live broadcast",
    "museum link-up",
]
FIRST = [
    "Anton",
    "Yulia",
    "Klim",
    "Oleg",
    "Pyotr",
    "Mark",
    "Alyona",
    "Sergey",
    "Anna",
    "Dmitry",
    "Elena",
    "Nikolai",
    "Tatyana",
    "Kirill",
    "Svetlana",
    "Mikhail",
    "Olga",
    "Yuri",
    "Valentina",
    "Fyodor",
    "Kayla",
    "Thomas",
    "Akihiko",
    "Samantha",
    "Luca",
]
SYLLABLES = [
    "shka",
    "ple",
    "rov",
    "pe",
    "re",
    "sild",
    "shi",
    "pen",
    "ko",
    "no",
    "vits",
    "kiy",
    "du",
    "brov",
    "ar",
    "te",
    "mi",
    "ev",
    "mor",
    "do",
    "vi",
    "na",
    "zhu",
    "kov",
    "kha",
    "chen",
    "ya",
    "lo",
    "vich",
    "tse",
]
CYRILLIC = {
    "shch": "щ",
    "sh": "ш",
    "ch": "ч",
    "kh": "х",
    "zh": "ж",
    "ts": "ц",
    "ya": "я",
    "yu": "ю",
    "yo": "ё",
    "iy": "ий",
    "a": "а",
    "b": "б",
    "v": "в",
    "g": "г",
    "d": "д",
    "e": "е",
    "z": "з",
    "i": "и",
    "y": "ы",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "f": "ф",
    "c": "к",
    "h": "х",
    "j": "дж",
    "w": "в",
}
DUTCH = [
    ("shch", "sjtsj"),
    ("sh", "sj"),
    ("ch", "tsj"),
    ("kh", "ch"),
    ("zh", "zj"),
    ("y", "j"),
    ("v", "v"),
    ("u", "oe"),
]


def cyrillic(name: str) -> str:
    """`name` in Cyrillic letters, by the sounds of its Latin spelling."""
    out = []
    for word in name.split():
        lower = word.lower()
        result = ""
        position = 0
        while position < len(lower):
            for size in (4, 2, 1):
                chunk = lower[position : position + size]
                if chunk in CYRILLIC:
                    result += CYRILLIC[chunk]
                    position += size
                    break
            else:
                result += lower[position]
                position += 1
        out.append(result.capitalize())
    return " ".join(out)


def dutch(name: str) -> str:
    """`name` as a Dutch text would spell it."""
    result = name
    for english, dutch in DUTCH:
        result = result.replace(english, dutch)
    return result
