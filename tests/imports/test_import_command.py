"""`mission-timeline import`: where it writes, what it prints, its exit codes; and `check` and
the help on imported files."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from data.opening import load_mission

from .calendars import FIXTURES, calendar, vevent
from .calendars import run as run_bytes

GOOGLE = FIXTURES / "alarm_google_future.ics"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_bytes(*args, text=True)


def test_toml_goes_to_standard_output_and_what_is_unmapped_to_standard_error(
    tmp_path: Path,
) -> None:
    result = run("import", GOOGLE)
    assert result.returncode == 0
    assert result.stdout.startswith("format = 1\n\n[mission]\n")
    assert '\n[[events]]\nid = "event-with-alarms"\n' in result.stdout  # a table, never inline
    assert result.stderr == f"{GOOGLE}:37:1: warning: VALARM not imported\n"
    written = tmp_path / "m.toml"
    written.write_text(result.stdout, encoding="utf-8")
    assert [e.title for e in load_mission(written).events] == ["event with alarms"]


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_the_output_suffix_picks_the_format(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"mission{suffix}"
    assert run("import", GOOGLE, "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("{") == (suffix == ".json")
    assert len(load_mission(out).events) == 1


def test_an_existing_output_is_never_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "mission.toml"
    out.write_text("keep me", encoding="utf-8")
    result = run("import", GOOGLE, "-o", out)
    assert result.returncode == 73
    assert "already exists; add --force to replace it" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run("import", GOOGLE, "-o", out, "--force").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("format = 1")


def test_the_input_is_never_the_output(tmp_path: Path) -> None:
    copy = tmp_path / "cal.ics"
    copy.write_bytes(GOOGLE.read_bytes())
    linked = tmp_path / "out.toml"
    linked.symlink_to(copy)
    result = run("import", copy, "-o", linked, "--force")
    assert result.returncode == 73
    assert copy.read_bytes() == GOOGLE.read_bytes()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["-o", "x.csv"], 64, "x.csv: write a .toml or a .json file"),
        (["--format", "nope"], 64, "invalid choice: 'nope'"),
    ],
)
def test_usage_errors_are_64(args: list[str], code: int, message: str) -> None:
    result = run("import", GOOGLE, *args)
    assert (result.returncode, result.stdout) == (code, "")
    assert message in result.stderr


def test_a_file_that_cannot_be_read_is_66_and_one_that_cannot_be_imported_65(
    tmp_path: Path,
) -> None:
    missing = run("import", tmp_path / "missing.ics")
    assert missing.returncode == 66 and missing.stderr.count("\n") == 1
    mission = tmp_path / "mission.toml"
    mission.write_text("format = 1\n", encoding="utf-8")
    not_importable = run("import", mission)
    assert not_importable.returncode == 65
    assert not_importable.stderr.startswith(
        f"mission-timeline import: {mission}: no import format (formats: ics"
    )


def test_the_format_can_be_named_for_any_suffix(tmp_path: Path) -> None:
    odd = tmp_path / "calendar.txt"
    odd.write_bytes(GOOGLE.read_bytes())
    assert run("import", odd, "--format", "ics").returncode == 0
    assert run("import", odd).returncode == 0  # sniffed: it starts with BEGIN:VCALENDAR


def test_check_reports_what_an_import_could_not_map(tmp_path: Path) -> None:
    result = run("check", GOOGLE)
    assert result.returncode == 0
    assert result.stdout == (
        f"{GOOGLE}:37:1: warning: VALARM not imported\nchecked 1 file: 0 errors, 1 warning\n"
    )


def test_an_event_a_mission_cannot_hold_is_left_out_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "old.ics"
    path.write_text(
        calendar(*vevent("DTSTART;VALUE=DATE:18991231"), *vevent("DTSTART:20211005T085502Z")),
        encoding="utf-8",
    )
    out = tmp_path / "old.toml"
    result = run("import", path, "-o", out)
    assert result.returncode == 0
    assert ":6:1: warning: not imported: " in result.stderr
    assert "years 1900 to 2200 are supported" in result.stderr
    assert len(load_mission(out).events) == 1


def test_help_names_the_import_command_and_its_formats() -> None:
    assert "import" in run("--help").stdout.split("Subcommands:", 1)[1]
    help_text = run("help", "import")
    assert help_text.returncode == 0
    assert "ics (iCalendar, .ics .ical)" in " ".join(help_text.stdout.split())
    assert help_text.stdout == run("import", "--help").stdout
