"""`mission-timeline export` as a user runs it: real processes, pipes, files and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from export_helpers import DEMO

from data.opening import BUNDLED_MISSION
from tui.cli import main

COMMAND = [sys.executable, "-m", "tui", "export"]


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*COMMAND, *args], capture_output=True, check=False, **kwargs)  # type: ignore[call-overload,no-any-return]


def big_mission(folder: Path, events: int = 4000) -> Path:
    """A valid mission large enough that its export overflows a pipe's buffer."""
    path = folder / "big.json"
    data = {
        "format": 1,
        "mission": {"id": "big", "title": "Big"},
        "events": [
            {
                "id": f"e{n}",
                "title": f"Event number {n} with a reasonably long title",
                "kind": "milestone",
                "at": f"2021-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}Z",
            }
            for n in range(events)
        ],
    }
    path.write_text(json.dumps(data))
    return path


def pipe_to_head(args: list[str]) -> tuple[int, bytes, bytes]:
    """Run `mission-timeline export ARGS | head -1`; the exporter's code, stderr, and head's
    output."""
    exporter = subprocess.Popen([*COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert exporter.stdout is not None and exporter.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=exporter.stdout, capture_output=True, check=True)
    exporter.stdout.close()
    stderr = exporter.stderr.read()
    return exporter.wait(timeout=60), stderr, head.stdout


def test_export_piped_to_head_exits_quietly() -> None:
    code, stderr, first = pipe_to_head([])
    assert (code, stderr) == (0, b"")
    assert first == b"Soyuz MS-19: The Challenge (Vyzov)\n"


@pytest.mark.parametrize("format_name", ["text", "md", "csv", "json", "ics"])
def test_broken_pipe_mid_export_is_quiet(tmp_path: Path, format_name: str) -> None:
    mission = big_mission(tmp_path)
    code, stderr, first = pipe_to_head([str(mission), "-f", format_name])
    assert stderr == b""
    assert code == 0
    assert first


def test_dev_full_gives_one_line_and_74() -> None:
    result = run("-o", "/dev/full")
    assert result.returncode == 74
    assert result.stderr == (
        b"mission-timeline export: cannot write /dev/full: No space left on device\n"
    )


def test_stdout_on_dev_full_gives_74() -> None:
    with Path("/dev/full").open("wb") as full:
        result = subprocess.run(COMMAND, stdout=full, stderr=subprocess.PIPE, check=False)
    assert result.returncode == 74
    assert result.stderr.count(b"\n") == 1


def test_existing_file_is_exit_73_and_untouched(tmp_path: Path) -> None:
    target = tmp_path / "timeline.txt"
    target.write_text("keep me")
    result = run("-o", str(target))
    assert result.returncode == 73
    assert result.stderr.decode().endswith("already exists; add --force to replace it\n")
    assert target.read_text() == "keep me"
    forced = run("-o", str(target), "--force")
    assert forced.returncode == 0
    assert target.read_text().startswith("Soyuz MS-19")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.txt"]


def test_the_mission_file_cannot_be_the_output(tmp_path: Path) -> None:
    mission = tmp_path / "demo.toml"
    mission.write_bytes(DEMO.read_bytes())
    result = run(str(mission), "-f", "json", "-o", str(mission), "--force")
    assert result.returncode == 73
    assert b"mission file" in result.stderr
    assert mission.read_bytes() == DEMO.read_bytes()


def test_format_follows_the_file_suffix(tmp_path: Path) -> None:
    assert run(str(DEMO), "-o", str(tmp_path / "t.md")).returncode == 0
    assert (tmp_path / "t.md").read_text().startswith("# Demo")
    assert run(str(DEMO), "-o", str(tmp_path / "t.ics")).returncode == 0
    assert (tmp_path / "t.ics").read_text().startswith("BEGIN:VCALENDAR")


def test_dash_and_dev_stdout_stream_to_standard_output(tmp_path: Path) -> None:
    dash = run(str(DEMO), "-o", "-")
    assert dash.returncode == 0 and dash.stdout.startswith(b"Demo | flight")
    # `>>` onto a file: /dev/stdout appends to what is there, it does not replace the file.
    log = tmp_path / "log.txt"
    log.write_text("earlier line\n")
    with log.open("ab") as handle:
        result = subprocess.run(
            [*COMMAND, str(DEMO), "-o", "/dev/stdout", "-f", "csv"],
            stdout=handle,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    text = log.read_text()
    assert text.startswith("earlier line\nid,utc,")


def test_fifo_output(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run(str(DEMO), "-o", str(fifo))
    reader.join(timeout=30)
    assert result.returncode == 0
    assert received[0].startswith(b"Demo | flight")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--zone", "Mars/Olympus"], "unknown IANA zone 'Mars/Olympus'"),
        (["--zone", "../etc/passwd"], "not a valid IANA zone name"),
        (["--relative-to", "nope"], "no event with id 'nope'"),
        (["--filter", "kind:party"], "no kind matches 'party'"),
        (["--filter", "colour:red"], "cannot read 'colour:red'"),
        (
            ["--relative-to", "dock"],
            "no event with id 'dock' in this mission (did you mean 'docking', 'ms18-docking' "
            "or 'ms21-docking'?)",
        ),
        (["--zone", "Europe/Brusels"], "(did you mean 'Europe/Brussels'"),
        (["--filter", "kindd:docking"], "no filter key 'kindd' (did you mean 'kind'?)"),
        (["--filter", "person:vande hai"], "no person matches 'vande hai' (did you mean"),
        (["-f", "json", "--filter", "kind:launch"], "do not apply to json"),
        (["-f", "ics", "--zone", "UTC"], "--zone does not apply to ics"),
    ],
)
def test_bad_options_are_exit_64_with_one_line(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 64
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and message in lines[0], lines
    assert result.stdout == b""


def test_bad_mission_codes(tmp_path: Path) -> None:
    assert run(str(tmp_path / "absent.toml")).returncode == 66
    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n[mission]\nid = 'x'\n")
    result = run(str(broken))
    assert result.returncode == 65
    assert result.stderr.count(b"\n") == 1


def test_zones_side_by_side_and_relative() -> None:
    zones = ("--zone", "Europe/Brussels", "--zone", "stated")
    result = run(*zones, "--relative-to", "docking", "--width", "200")
    assert result.returncode == 0
    line = next(
        line for line in result.stdout.decode().splitlines() if "Launch of Soyuz MS-19" in line
    )
    assert line.startswith("2021-10-05 10:55:02.442 CEST (+02:00)  2021-10-05 11:55:02.442 MSK")
    assert "T-03:27:29" in line


def test_source_date_epoch_fixes_the_calendar_stamp() -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    result = run("-f", "ics", env=env)
    assert b"DTSTAMP:20260101T000000Z" in result.stdout
    assert run("-f", "ics", env={**env, "SOURCE_DATE_EPOCH": "soon"}).returncode == 64


def test_export_does_not_import_textual() -> None:
    code = (
        "import sys; from tui.cli import main; "
        "rc = main(['export', '-o', '/dev/null']); "
        "print(rc, 'textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "False"]


def test_main_returns_codes_in_process(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    assert main(["export", str(DEMO), "-o", str(target)]) == 0
    assert main(["export", str(DEMO), "-o", str(target)]) == 73
    assert main(["export", str(BUNDLED_MISSION), "--zone", "Nowhere/Land"]) == 64


def test_mode_option() -> None:
    result = run("--mode", "met", "-f", "csv")
    assert result.returncode == 0
    header = result.stdout.decode().splitlines()[0]
    assert "MET launch" in header.split(",")
    assert run("--mode", "sideways").returncode == 64


@pytest.mark.parametrize("value", ["person:vande hei", 'person:"vande hei"', "person:Vande  Hei"])
def test_a_filter_value_may_hold_spaces(value: str) -> None:
    by_id = run("--filter", "person:vande-hei", "-f", "csv")
    result = run("--filter", value, "-f", "csv")
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == by_id.stdout
    assert result.stdout.count(b"\n") > 5


def test_a_zone_in_any_case_is_its_iana_name() -> None:
    result = run("--zone", "europe/brussels")
    assert result.returncode == 0
    assert b"Times: Europe/Brussels" in result.stdout
