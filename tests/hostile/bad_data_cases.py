"""The bad mission files of issue 5, class by class, each with the message it must give.

`test_bad_data` runs each through `mission-timeline check` and through opening it in the app.
The `write` fixture writes a dict content as JSON, and str and bytes as they are.
"""

from __future__ import annotations

import json
from typing import Any

from hostile_helpers import BASE_TOML, event, mission

# (id, file name, content, expected message fragment, expected line or None)
Case = tuple[str, str, Any, str, int | None]

TOML_SYNTAX: list[Case] = [
    ("unterminated-string", "m.toml", 'format = 1\n[mission]\nid = "x\n', "TOML syntax error", 3),
    ("missing-equals", "m.toml", "format = 1\nmission\n", "TOML syntax error", 2),
    ("unclosed-header", "m.toml", "format = 1\n[mission\nid = 1\n", "TOML syntax error", 2),
    ("duplicate-key", "m.toml", "format = 1\nformat = 2\n", "TOML syntax error", 2),
    ("duplicate-table", "m.toml", "[mission]\n[mission]\n", "TOML syntax error", 2),
    ("bad-escape", "m.toml", 'a = "\\q"\n', "TOML syntax error", 1),
    ("unclosed-array", "m.toml", "a = [1, 2\n", "TOML syntax error", 2),
    ("control-character", "m.toml", 'a = "\x1b]52;c;aGk=\x07"\n', "TOML syntax error", 1),
    ("bad-date", "m.toml", "a = 2021-13-45T00:00Z\n", "TOML syntax error", 1),
    ("surrogate-escape", "m.toml", 'a = "\\ud800"\n', "TOML syntax error", 1),
]
JSON_SYNTAX: list[Case] = [
    ("trailing-comma", "m.json", '{"format": 1,}', "JSON syntax error", 1),
    ("single-quotes", "m.json", "{'format': 1}", "JSON syntax error", 1),
    ("unterminated", "m.json", '{\n"format": "1', "JSON syntax error", 2),
    ("extra-data", "m.json", "{}\n{}", "JSON syntax error", 2),
    ("comment", "m.json", "{// note\n}", "JSON syntax error", 1),
    ("bad-unicode-escape", "m.json", '{"a": "\\uZZZZ"}', "JSON syntax error", 1),
    ("raw-control-character", "m.json", '{"a": "\x1b[2J"}', "JSON syntax error", 1),
    ("top-level-array", "m.json", "[1, 2]", "top level must be an object", None),
    ("empty", "m.json", "  \n", "the file is empty", None),
    ("empty-toml", "m.toml", "", "the file is empty", None),
]
TYPES_AND_FIELDS: list[Case] = [
    ("format-as-string", "m.json", mission(format="1"), "format: expected an integer", 2),
    ("events-as-table", "m.json", mission(events={}), "events: expected a list", None),
    ("title-as-number", "m.json", event(0, title=5), "events[0].title: expected a string", None),
    ("bool-as-int", "m.json", event(0, station_crew=True), "expected an integer", None),
    ("float-as-int", "m.json", event(0, station_crew=1.5), "expected an integer", None),
    (
        "unquoted-time",
        "m.toml",
        BASE_TOML.replace('at = "2021-10-05T09:04Z"', "at = 2021-10-05T09:04:00Z"),
        "write times in quotes",
        30,
    ),
    ("missing-field", "m.json", event(1, title=None), "events[1].title: missing", None),
    (
        "missing-mission",
        "m.toml",
        BASE_TOML.replace("[mission]", "[elsewhere]"),
        "mission: missing",
        None,
    ),
    ("unknown-field", "m.json", event(2, colour="red"), "events[2].colour: unknown field", None),
    (
        "unknown-field-toml",
        "m.toml",
        BASE_TOML.replace('kind = "orbit"', 'kind = "orbit"\ntitel = "x"'),
        "events[1].titel: unknown field 'titel' in event (did you mean 'title'?)",
        30,
    ),
    ("bad-enum", "m.json", event(0, kind="lunch"), "unknown value 'lunch'", None),
    ("bad-id", "m.json", event(0, id="Launch Pad"), "not a valid id", None),
    (
        "latitude-range",
        "m.json",
        mission(places=[{"id": "p", "name": "P", "zone": "UTC", "lat": 91}]),
        "out of range",
        None,
    ),
]
DUPLICATES_AND_NUMBERS: list[Case] = [
    (
        "json-duplicate-key",
        "m.json",
        '{"format": 1,\n "format": 1}',
        "format: duplicate key 'format'",
        2,
    ),
    ("duplicate-id", "m.json", event(3, id="launch"), "events[3].id: duplicate id 'launch'", None),
    (
        "duplicate-id-toml",
        "m.toml",
        BASE_TOML.replace('id = "orbit"', 'id = "launch"'),
        "events[1].id: duplicate id 'launch' (first at events[0])",
        27,
    ),
    ("json-nan", "m.json", '{"format": NaN}', "format: NaN is not allowed", 1),
    ("json-infinity", "m.json", '{"format": Infinity}', "Infinity is not allowed", 1),
    ("json-minus-infinity", "m.json", '{"format": -Infinity}', "-Infinity is not allowed", 1),
    ("json-overflow", "m.json", '{"format": 1e999}', "out of range", 1),
    ("json-huge-int", "m.json", '{"format": 1' + "0" * 5000 + "}", "5001 digits", 1),
    ("json-long-int", "m.json", '{"format": 1' + "0" * 30 + "}", "out of range", 1),
    (
        "toml-nan",
        "m.toml",
        BASE_TOML.replace('zone = "Asia', 'lat = nan\nzone = "Asia'),
        "nan is not allowed",
        10,
    ),
    (
        "toml-inf",
        "m.toml",
        BASE_TOML.replace('zone = "Asia', 'lon = -inf\nzone = "Asia'),
        "-inf is not allowed",
        10,
    ),
    (
        "toml-huge-int",
        "m.toml",
        BASE_TOML.replace("format = 1", "format = 1" + "0" * 5000),
        "integer out of range",
        1,
    ),
    (
        "toml-long-int",
        "m.toml",
        BASE_TOML.replace("format = 1", "format = 1" + "0" * 40),
        "integer out of range",
        1,
    ),
]
TIMES: list[Case] = [
    ("naive-time", "m.json", event(0, at="2021-10-05T08:55:02"), "needs an offset", None),
    ("naive-date", "m.json", event(0, at="2021-10-05"), "a date needs a zone", None),
    ("dst-gap", "m.json", event(0, at="2021-03-28T02:30[Europe/Brussels]"), "does not exist", None),
    ("dst-fold", "m.json", event(0, at="2021-10-31T02:30[Europe/Brussels]"), "ambiguous", None),
    (
        "wrong-offset",
        "m.json",
        event(0, at="2021-10-31T02:30+03:00[Europe/Brussels]"),
        "not in force",
        None,
    ),
    ("leap-second", "m.json", event(0, at="2016-12-31T23:59:60Z"), "leap seconds", None),
    (
        "year-1-with-offset",
        "m.json",
        event(0, at="0001-01-01T00:00+14:00"),
        "years 1900 to 2200",
        None,
    ),
    (
        "year-9999-with-offset",
        "m.json",
        event(0, at="9999-12-31T23:59-12:00"),
        "years 1900 to 2200",
        None,
    ),
    ("year-1899", "m.json", event(0, at="1899-12-31T23:59Z"), "years 1900 to 2200", None),
    ("month-13", "m.json", event(0, at="2021-13-01T00:00Z"), "month must be in 1..12", None),
    ("hour-24", "m.json", event(0, at="2021-10-05T24:00Z"), "hour must be in 0..23", None),
    ("offset-25h", "m.json", event(0, at="2021-10-05T08:00+25:00"), "offset out of range", None),
    ("non-ascii-digits", "m.json", event(0, at="٢٠٢١-10-05T08:55Z"), "not a time", None),
    (
        "unknown-zone",
        "m.json",
        event(0, at="2021-10-05T08:55Z[Mars/Olympus]"),
        "unknown IANA zone 'Mars/Olympus'",
        None,
    ),
    (
        "zone-path",
        "m.json",
        event(0, at="2021-10-05T08:55Z[../../etc/passwd]"),
        "not a valid IANA zone",
        None,
    ),
    (
        "zone-absolute",
        "m.json",
        mission(places=[{"id": "p", "name": "P", "zone": "/etc/localtime"}]),
        "not a valid IANA zone",
        None,
    ),
    (
        "zone-directory",
        "m.json",
        mission(places=[{"id": "p", "name": "P", "zone": "Europe"}]),
        "unknown IANA zone 'Europe'",
        None,
    ),
    ("zone-control", "m.json", event(0, at="2021-10-05T08:55Z[Europe/\x1b[2JMoscow]"), "␛", None),
    (
        "duration",
        "m.json",
        mission(people=[{"id": "p", "name": "P", "time_in_space": {"before": "P٣D"}}]),
        "not a duration",
        None,
    ),
]
ENCODINGS: list[Case] = [
    ("invalid-utf8", "m.toml", b'format = 1\ntitle = "\xff\xfe"\n', "not valid UTF-8", 2),
    ("latin-1", "m.json", '{"title": "Peresild é"}'.encode("latin-1"), "not valid UTF-8", 1),
    ("nul-byte", "m.toml", b"format = 1\n\x00\n", "contains a NUL byte", 2),
    ("json-nul-escape", "m.json", event(0, title="a\x00b"), "NUL character", None),
    ("lone-surrogate", "m.json", event(0, title="\ud800"), "lone surrogate", None),
    ("surrogate-key", "m.json", event(0, **{"\udfff": 1}), "unknown field", None),
    ("utf16", "m.json", json.dumps(mission()).encode("utf-16"), "not valid UTF-8", 1),
]
NESTING: list[Case] = [
    (
        "deep-json",
        "m.json",
        '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "nested too deeply",
        None,
    ),
    (
        "deep-toml-array",
        "m.toml",
        "a = " + "[" * 100_000 + "]" * 100_000,
        "nested too deeply",
        None,
    ),
    (
        "deep-toml-table",
        "m.toml",
        "a = " + "{b = " * 5_000 + "1" + "}" * 5_000,
        "nested too deeply",
        None,
    ),
]

DATA_CASES = TOML_SYNTAX + JSON_SYNTAX + TYPES_AND_FIELDS + DUPLICATES_AND_NUMBERS + TIMES
DATA_CASES += ENCODINGS + NESTING
