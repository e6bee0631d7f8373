"""Problems in field values: all reported in one run, each once, as one bounded line.

Control characters in text fields are data, kept exactly (the views sanitise them).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hostile_helpers import Run, event, mission

from data.exit_codes import ExitCode
from data.opening import check_file, load_mission


def test_every_problem_is_reported_in_one_run(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    data = event(0, at="2021-10-05T08:55:02", colour="red")
    data = event(1, data, kind="lunch")
    data["events"][2]["phase"] = "nowhere"
    data["events"].append(dict(data["events"][3]))
    path = write("m.json", data)
    run = cli("check", path)
    assert run.code == ExitCode.DATA
    text = run.out
    assert "events[0].at:" in text and "events[0].colour:" in text
    assert "events[1].kind:" in text and "events[4].id: duplicate id 'landing'" in text
    # events[2] converted fine, so its reference is checked too, by its index in the file.
    assert "events[2].phase: unknown phase 'nowhere'" in text
    assert run.lines[-1] == "checked 1 file: 5 errors, 0 warnings"


def test_references_to_records_that_failed_are_not_reported_twice(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    path = write("m.json", event(0, title=None))  # the launch fails; the flight refers to it
    run = cli("check", path)
    assert run.lines[:-1] == [next(line for line in run.lines if "events[0].title" in line)]


def test_messages_are_one_line_and_bounded(write: Callable[..., Path]) -> None:
    long_zone = "A" * 10_000 + "\n\x1b[31m"
    path = write("m.json", event(0, at=f"2021-10-05T08:55Z[{long_zone}]", kind="x" * 10_000))
    result = check_file(path)
    for problem in result.problems:
        text = str(problem)
        assert "\n" not in text and "\x1b" not in text
        assert len(text) < 600, text


def test_did_you_mean_hints_are_bounded(write: Callable[..., Path]) -> None:
    data = mission()
    for event_data in data["events"]:
        event_data.update({f"titel{i}": 1 for i in range(40)})
    problems = check_file(write("m.json", data)).problems
    hinted = [p for p in problems if "did you mean 'title'" in p.message]
    assert len(problems) == 160 and len(hinted) == 100


def test_text_with_controls_loads_exactly(write: Callable[..., Path]) -> None:
    """Control characters in text fields are data, kept exactly (the views sanitise them)."""
    title = "\x1b]52;c;aGk=\x07 \x9b2J \u202eevil"
    loaded = load_mission(write("m.json", event(0, title=title)))
    assert loaded.event_by_id["launch"].title == title
