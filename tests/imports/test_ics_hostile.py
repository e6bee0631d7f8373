"""Hostile iCalendar input, as `check`'s hostile classes: `import`, `check` and opening the file
give the documented exit code and one line naming the file and the place, never a traceback,
never a hang, and nothing overwritten."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import data.imports.ics_recur
from data.files.reading import MAX_STRING_CHARS
from data.imports import import_file
from data.model import Mission
from data.opening import MissionError, check_file, open_file

from .calendars import calendar, run, vevent

LONG = "x" * (MAX_STRING_CHARS + 1)


def _deep(depth: int) -> str:
    return calendar(
        *[f"BEGIN:X-{n}" for n in range(depth)], *[f"END:X-{n}" for n in reversed(range(depth))]
    )


BAD: dict[str, tuple[Callable[[], str | bytes], bytes]] = {
    "giant-line": (lambda: calendar(*vevent(summary=LONG)), b":5:1: a line longer than 1,048,576"),
    "giant-folded-line": (
        lambda: calendar(
            *vevent(summary="\r\n ".join(["x" * 1000] * (MAX_STRING_CHARS // 1000 + 1)))
        ),
        b":5:1: a line longer than 1,048,576",
    ),
    "deep-components": (lambda: _deep(100), b":11:1: components nested deeper than 8"),
    "unbalanced-end": (
        lambda: calendar("BEGIN:VEVENT", "END:VTODO"),
        b":5:1: END:VTODO does not end VEVENT",
    ),
    "never-ended": (
        lambda: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
        b":2:1: BEGIN:VEVENT is never ended",
    ),
    "bad-date": (
        lambda: calendar(*vevent("DTSTART:20211399T000000Z")),
        b":6:1: DTSTART: not a date: '20211399T000000Z' (month must be in 1..12)",
    ),
    "bad-date-shape": (
        lambda: calendar(*vevent("DTSTART:2021-10-05")),
        b":6:1: DTSTART: not a date (YYYYMMDD) or a date-time",
    ),
    "bad-duration": (
        lambda: calendar(*vevent("DTSTART:20211005T000000Z", "DURATION:PT99999999999H")),
        b":7:1: DURATION: not a duration",
    ),
    "bad-rule": (
        lambda: calendar(*vevent("DTSTART:20211005T000000Z", "RRULE:FREQ=DAILY;BYDAY=XX")),
        b":7:1: RRULE cannot be read",
    ),
    "not-a-content-line": (lambda: calendar("\x1b[2J"), b":4:1: not an iCalendar content line"),
    "escape-in-name": (
        lambda: calendar("X\x1b]0;pwn\x07:1"),
        b":4:2: a content line needs ':' before its value",
    ),
    "no-calendar": (lambda: "BEGIN:VEVENT\r\nEND:VEVENT\r\n", b":1:1: not an iCalendar file"),
    "nul": (lambda: calendar(*vevent(summary="a\x00b")), b"NUL"),
    "not-utf-8": (lambda: calendar(*vevent()).encode() + b"\xff", b"not valid UTF-8"),
}


def _write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_calendar_is_one_line_naming_the_place_and_65(tmp_path: Path, case: str) -> None:
    make, message = BAD[case]
    path = _write(tmp_path / "bad.ics", make())
    out = _write(tmp_path / "out.toml", "keep me")
    for args in (("import", path, "-o", out, "--force"), ("check", path), (path,)):
        result = run(*args)
        stream = result.stdout if args[0] == "check" else result.stderr
        assert result.returncode == 65, (args, result.stderr)
        assert message in stream
        assert b"Traceback" not in result.stderr and b"\x1b" not in stream
        assert stream.count(b"\n") == (2 if args[0] == "check" else 1)
    assert out.read_text(encoding="utf-8") == "keep me"


def test_a_file_over_the_size_limit_is_66_and_never_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.ics", calendar(*vevent("DTSTART:20211005T000000Z")))
    result = run("import", path, env={"MISSION_TIMELINE_MAX_BYTES": "100"})
    assert result.returncode == 66
    assert result.stderr.count(b"\n") == 1 and b"big.ics" in result.stderr


def test_escapes_in_a_summary_are_kept_and_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    title = "A\x1b]0;pwn\x07\x9b2J\u202eB"
    path = _write(
        tmp_path / "esc.ics", calendar(*vevent("DTSTART:20211005T000000Z", summary=title))
    )
    result = run("import", path)
    assert result.returncode == 0
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw.encode() not in result.stdout
    out = _write(tmp_path / "esc.toml", result.stdout)
    assert open_file(out).mission.events[0].title == title
    checked = run("check", path)
    assert checked.returncode == 0 and b"\x1b" not in checked.stdout


def test_a_huge_count_costs_nothing_and_is_cut_at_the_limit(tmp_path: Path) -> None:
    rule = "RRULE:FREQ=DAILY;COUNT=999999999999"
    path = _write(tmp_path / "count.ics", calendar(*vevent("DTSTART:20211005T000000Z", rule)))
    result = run("import", path)
    assert result.returncode == 0
    assert b":7:1: warning: recurs more than 1000 times: only the first 1000 imported" in (
        result.stderr
    )


def test_rules_that_never_match_end_and_too_many_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    never = "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"
    one = calendar(*vevent("DTSTART:19000105T000000Z", never))
    assert "its RRULE gives no occurrence" in str(
        import_file(_write(tmp_path / "a.ics", one)).unmapped[0]
    )
    monkeypatch.setattr(data.imports.ics_recur, "MAX_PERIODS_TOTAL", 100_000)
    many = calendar(*[line for _ in range(3) for line in vevent("DTSTART:19000105T000000Z", never)])
    with pytest.raises(
        MissionError, match=r":17:1: recurrence rules walk more than 100,000 periods"
    ):
        import_file(_write(tmp_path / "b.ics", many))


def test_too_many_recurring_events_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data.imports.ics_recur, "MAX_EXTRA_EVENTS", 15)
    rule = "RRULE:FREQ=DAILY;COUNT=10"
    text = calendar(
        *vevent("DTSTART:20211005T000000Z", rule), *vevent("DTSTART:20211005T000000Z", rule)
    )
    with pytest.raises(
        MissionError, match=r"cal.ics:12:1: recurring events expand to more than 15"
    ):
        import_file(_write(tmp_path / "cal.ics", text))


def test_thousands_of_time_zones_are_read_once_each(tmp_path: Path) -> None:
    zones = [
        line
        for n in range(3000)
        for line in (
            "BEGIN:VTIMEZONE",
            f"TZID:Zone {n}",
            "BEGIN:STANDARD",
            "DTSTART:16010101T000000",
            f"TZOFFSETFROM:+{n % 14:02d}00",
            f"TZOFFSETTO:+{n % 14:02d}00",
            "END:STANDARD",
            "END:VTIMEZONE",
        )
    ]
    events = [
        line
        for n in range(0, 3000, 100)
        for line in vevent(f"DTSTART;TZID=Zone {n}:20211005T120000", summary=f"E{n}")
    ]
    result = run("import", _write(tmp_path / "zones.ics", calendar(*zones, *events)))
    assert result.returncode == 0
    assert result.stderr.count(b"is no IANA zone") == 30
    assert b'at = "2021-10-05T12:00+02:00"' in result.stdout  # Zone 200: +02:00


def test_a_hostile_tzid_is_never_looked_up_as_a_path(tmp_path: Path) -> None:
    text = calendar(*vevent("DTSTART;TZID=../../../etc/passwd:20211005T120000"))
    result = import_file(_write(tmp_path / "cal.ics", text))
    assert result.document["events"][0]["at"] == "2021-10-05T12:00Z"
    assert "is not defined (no VTIMEZONE): read as UTC" in str(result.unmapped[0])


LINES = st.sampled_from(
    [
        "BEGIN:VEVENT",
        "END:VEVENT",
        "BEGIN:VALARM",
        "END:VALARM",
        "BEGIN:VTIMEZONE",
        "END:VTIMEZONE",
        "SUMMARY:Launch",
        "DTSTART:20211005T085502Z",
        "DTSTART;VALUE=DATE:20211005",
        "DTSTART;TZID=Europe/Moscow:20211005T115502",
        "DTEND:20211005T095502Z",
        "DURATION:PT1H",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "EXDATE:20211012T085502Z",
        "EXDATE;VALUE=DATE:20211012",
        "RDATE;VALUE=DATE:20211010",
        "RDATE;VALUE=PERIOD:20211010T000000Z/PT1H",
        "RECURRENCE-ID:20211012T085502Z",
        "UID:same",
        "CATEGORIES:launch,Ascent",
        "LOCATION:Baikonur",
        "STATUS:TENTATIVE",
        "TZID:Zone",
        " folded",
        "",
    ]
)


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "200")),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.one_of(LINES, st.text(max_size=30)), max_size=30))
def test_any_calendar_text_gives_a_mission_or_one_clean_error(
    tmp_path: Path, lines: list[str]
) -> None:
    path = tmp_path / "fuzz.ics"
    path.write_text(calendar(*lines), encoding="utf-8", errors="surrogatepass")
    try:
        opened = open_file(path)
    except MissionError as error:
        assert error.exit_code in (65, 66)
        assert "\n" not in str(error) and "\x1b" not in str(error)
        assert check_file(path).exit_code == error.exit_code
    else:
        assert isinstance(opened.mission, Mission)
        assert check_file(path).exit_code == 0


def test_time_zone_rules_count_against_the_same_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data.imports.ics_recur, "MAX_PERIODS_TOTAL", 200_000)
    zones = [
        line
        for n in range(5)
        for line in (
            "BEGIN:VTIMEZONE",
            f"TZID:Never {n}",
            "BEGIN:STANDARD",
            "DTSTART:16010101T000000",
            "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
            "TZOFFSETTO:+0100",
            "END:STANDARD",
            "END:VTIMEZONE",
        )
    ]
    events = [line for n in range(5) for line in vevent(f"DTSTART;TZID=Never {n}:20211005T120000")]
    with pytest.raises(MissionError, match="recurrence rules walk more than 200,000 periods"):
        import_file(_write(tmp_path / "zones.ics", calendar(*zones, *events)))
