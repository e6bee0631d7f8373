"""The command line in Dutch: help, argparse's own words, usage errors and check's report.

The commands run in this process (`tui.cli.main`) with the interface in Dutch (`in_dutch`);
English is what the other CLI tests hold, byte for byte.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
from collections.abc import Callable
from pathlib import Path

import pytest

from data.exit_codes import ExitCode
from data.load import library_words
from tui.cli import main
from tui.cli.argparse_words import TEMPLATES, translated_error
from tui.cli.check import summary

Run = tuple[int, str, str]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run `mission-timeline ARGS...` here: its exit code, standard output and error."""
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps help to the terminal's width

    def run(*args: str | Path) -> Run:
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit_:  # argparse: --help and usage errors
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return int(code), captured.out, captured.err

    return run


BROKEN = """\
format = 1

[mission]
id = "m"
title = "M"

[[phases]]
id = "p"
name = "Phase"
names = { fr = "Phase" }
start = "2021-10-05T08:00Z"
end = "2021-10-05T09:00Z"

[[events]]
id = "a"
titel = "A"
kind = "launch"
at = "2021-10-05T08:00Z"
"""


@pytest.mark.usefixtures("in_dutch")
def test_the_apps_help_in_dutch(cli: Callable[..., Run]) -> None:
    code, out, err = cli("--help")
    assert (code, err) == (0, "")
    assert out.startswith("gebruik: mission-timeline [-h]")
    assert "Verken een ruimtevaartmissie als tijdlijn." in out
    assert "\npositionele argumenten:\n" in out and "\nopties:\n" in out
    assert "  -h, --help          toon deze hulp en sluit af\n" in out
    assert "  --version           toon het versienummer en sluit af\n" in out
    words = " ".join(out.split())
    assert "een missiebestand (.toml, .json of .jsonl)" in words
    # argparse's English words are gone, and so are ours.
    for english in ("usage:", "options:", "show this help", "a mission file"):
        assert english not in out


@pytest.mark.usefixtures("in_dutch")
def test_a_subcommands_help_in_dutch(cli: Callable[..., Run]) -> None:
    code, out, err = cli("export", "--help")
    assert (code, err) == (0, "")
    assert out.startswith("gebruik: mission-timeline export [-h]")
    assert "\nartikels (text en md):\n" in out and "\nafbeeldingen (svg en png):\n" in out
    words = " ".join(out.split())
    assert "vervang PATH als het al bestaat" in words
    # Option names, choices and metavariables are the command's own, in every language.
    assert "--relative-to EVENT_ID" in out and "{text,md,csv,json" in out
    assert cli("help", "export")[1] == out


@pytest.mark.usefixtures("in_dutch")
def test_a_usage_error_in_dutch(cli: Callable[..., Run]) -> None:
    code, out, err = cli("export", "--format", "xyz")
    assert (code, out) == (ExitCode.USAGE, "")
    usage, message = err.splitlines()[0], err.splitlines()[-1]
    assert usage.startswith("gebruik: mission-timeline export")
    assert message == (
        "mission-timeline export: fout: argument -f/--format: ongeldige keuze: 'xyz' (kies uit "
        "'text', 'md', 'csv', 'json', 'ics', 'svg', 'png', 'mermaid', 'timelinejs', 'parquet')"
    )
    code, _, err = cli("check")
    assert code == ExitCode.USAGE
    assert err.splitlines()[-1] == (
        "mission-timeline check: fout: deze argumenten zijn verplicht: FILE"
    )
    code, _, err = cli("serve", "--port", "x")
    assert code == ExitCode.USAGE
    assert err.splitlines()[-1] == (
        "mission-timeline serve: fout: argument --port: 'x' is geen poortnummer (1 tot 65535)"
    )


@pytest.mark.usefixtures("in_dutch")
def test_help_on_an_unknown_subcommand_in_dutch(cli: Callable[..., Run]) -> None:
    assert cli("help", "exprot") == (
        ExitCode.USAGE,
        "",
        "mission-timeline help: geen subcommando 'exprot' (bedoelt u 'export'?)\n",
    )


@pytest.mark.usefixtures("in_dutch")
def test_a_check_report_in_dutch(cli: Callable[..., Run], tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    missing = tmp_path / "missing.toml"
    code, out, err = cli("check", broken, missing)
    assert (code, err) == (ExitCode.NO_INPUT, "")
    assert out.splitlines() == [
        f"{broken}:10:1: phases[0].names.fr: onbekende taalcode 'fr'; verwacht een van: nl",
        f"{broken}:14:1: events[0].title: verplicht veld 'title' ontbreekt",
        f"{broken}:16:1: events[0].titel: onbekend veld 'titel' in event (bedoelt u 'title'?)",
        f"{missing}: bestand bestaat niet",
        "2 bestanden gecontroleerd: 4 fouten, 0 waarschuwingen (1 kon niet gelezen worden)",
    ]


@pytest.mark.usefixtures("in_dutch")
def test_a_warning_in_dutch(cli: Callable[..., Run], tmp_path: Path) -> None:
    late = BROKEN.replace('names = { fr = "Phase" }\n', "").replace('titel = "A"', 'title = "A"')
    late = late.replace('at = "2021-10-05T08:00Z"', 'at = "2021-10-06T08:00Z"\nphase = "p"')
    path = tmp_path / "late.toml"
    path.write_text(late, encoding="utf-8")
    code, out, _ = cli("check", path)
    assert code == ExitCode.OK
    assert out.splitlines() == [
        f"{path}:18:1: events[0].phase: waarschuwing: 2021-10-06T08:00Z valt buiten de fase "
        "'p' (2021-10-05T08:00Z tot 2021-10-05T09:00Z)",
        "1 bestand gecontroleerd: 0 fouten, 1 waarschuwing",
    ]


@pytest.mark.parametrize(
    ("counts", "english", "dutch"),
    [
        (
            (1, 0, 1, 0),
            "checked 1 file: 0 errors, 1 warning",
            "1 bestand gecontroleerd: 0 fouten, 1 waarschuwing",
        ),
        (
            (3, 1, 2, 2),
            "checked 3 files: 1 error, 2 warnings (2 could not be read)",
            "3 bestanden gecontroleerd: 1 fout, 2 waarschuwingen (2 konden niet gelezen worden)",
        ),
    ],
)
def test_checks_summary_counts_each_thing_in_its_own_plural(
    counts: tuple[int, int, int, int], english: str, dutch: str, request: pytest.FixtureRequest
) -> None:
    assert summary(*counts) == english
    request.getfixturevalue("in_dutch")
    assert summary(*counts) == dutch


def test_argparses_templates_are_its_own_and_rewritten_to_the_same_english() -> None:
    """Each template is in argparse's source (a newer Python's wording shows here), and a
    message made from it comes back unchanged in English."""
    source = inspect.getsource(argparse)
    for theirs, _ours in TEMPLATES:
        assert f"'{theirs}'" in source or f"'{theirs}'".replace("'", '"') in source, theirs
        made = theirs.replace("%(argument_name)s", "-f/--format").replace("%(message)s", "bad")
        made = made.replace("%(value)r", "'x'").replace("%r", "'x'").replace("%(type)s", "int")
        made = made.replace("%(choices)s", "'a', 'b'").replace("%(option)s", "--fo")
        made = made.replace("%(matches)s", "--foo, --for").replace("%s", "A, B")
        assert translated_error(made) == made


def test_tomllibs_templates_are_its_own() -> None:
    source = inspect.getsource(importlib.import_module("tomllib._parser"))
    for theirs, _ours in library_words.TOML.templates:
        written = theirs.split("%")[0].replace("\\", "\\\\")  # as the source spells it
        assert written in source, theirs  # the words before any placeholder


def test_a_message_no_template_made_is_left_alone(request: pytest.FixtureRequest) -> None:
    request.getfixturevalue("in_dutch")
    assert translated_error("something new in Python 3.99") == "something new in Python 3.99"
    assert library_words.JSON("Expecting value") == "Waarde verwacht"
    assert library_words.TOML("Expected '}'") == "'}' verwacht"
