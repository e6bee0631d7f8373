"""Which language the app and every command speak: `--lang`, else `lang` in config.toml, else
the locale (LC_ALL, LC_MESSAGES, LANG, as POSIX looks them up); English by default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from data.i18n import choose, language, locale_language
from data.opening import BUNDLED_MISSION
from tui.cli import main, serve
from tui.cli.prelude import speak_chosen_language
from tui.config import Config, config_path, load_config

LANG_HELP_NL = "de taal van de interface"
LANG_HELP_EN = "the language of the interface"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "nl_NL"}, "nl"),
        ({"LANG": "nl"}, "nl"),
        ({"LANG": "nl_BE@euro"}, "nl"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "nl_BE.UTF-8"}, "en"),
        ({"LC_ALL": "nl_BE.UTF-8", "LC_MESSAGES": "C", "LANG": "C"}, "nl"),
        ({"LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LC_MESSAGES": "C", "LANG": "nl_BE.UTF-8"}, "en"),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "nl_BE"}, "nl"),
        ({"LC_TIME": "nl_BE.UTF-8", "LC_NUMERIC": "nl_BE.UTF-8"}, "en"),
    ],
)
def test_the_locales_language(environ: dict[str, str], expected: str) -> None:
    assert locale_language(environ) == expected


def test_the_flag_then_the_setting_then_the_locale() -> None:
    dutch_locale = {"LANG": "nl_BE.UTF-8"}
    assert choose("en", "nl", dutch_locale) == "en"
    assert choose(None, "en", dutch_locale) == "en"
    assert choose(None, None, dutch_locale) == "nl"
    assert choose("nl", None, {}) == "nl"
    assert choose(None, "nl", {"LANG": "C"}) == "nl"
    assert choose("de", "xx", dutch_locale) == "nl"  # unknown values are passed over
    assert choose(None, None, {}) == "en"


def write_setting(line: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(line + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "nl"], "nl"),
        (["--lang=nl"], "nl"),
        (["export", "--format", "csv", "--lang", "nl", "mission.toml"], "nl"),
        (["--lan", "nl"], "nl"),  # an abbreviation, as argparse takes it
        (["--", "--lang", "nl"], "en"),  # after `--`, a file's name
        (["--lang"], "en"),  # no value: the parser says so
        (["--lang", "de"], "en"),  # not a language: the parser says so
        ([], "en"),
    ],
)
def test_the_command_line_is_read_for_lang_first(argv: list[str], expected: str) -> None:
    speak_chosen_language(argv)
    assert language() == expected


def test_the_setting_comes_before_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    write_setting('lang = "nl"')
    speak_chosen_language(["check", "mission.toml"])
    assert language() == "nl"
    speak_chosen_language(["--lang", "en"])
    assert language() == "en"
    write_setting('lang = "en"')
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    speak_chosen_language([])
    assert language() == "en"


def test_the_locale_speaks_when_nothing_else_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    speak_chosen_language(["schema"])
    assert language() == "nl"


def test_a_bad_setting_is_a_placed_problem_and_passed_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_setting('lang = "NL"')
    config, problems = load_config()
    assert config == Config()
    assert problems == [f"{path}: lang = 'NL' is not a language of the interface (en, nl); ignored"]
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    speak_chosen_language([])
    assert language() == "nl"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "de"], "argument --lang: invalid choice: 'de' (choose from 'en', 'nl')"),
        (["export", "--lang=fr"], "argument --lang: invalid choice: 'fr' (choose from 'en', 'nl')"),
        (["check", "--lang"], "argument --lang: expected one argument"),
    ],
)
def test_an_unknown_lang_is_a_usage_error_that_lists_the_languages(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 64
    assert expected in capsys.readouterr().err


def test_every_command_takes_lang(capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--lang", "nl", "--format", "text", "--zone", "Europe/Brussels"]) == 0
    assert "5 okt. 2021 10:55:02.442 CEST" in capfd.readouterr().out
    assert main(["check", "--lang", "nl", str(BUNDLED_MISSION)]) == 0
    assert main(["schema", "--lang", "en"]) == 0
    assert language() == "en"


def test_serve_passes_the_language_on(monkeypatch: pytest.MonkeyPatch) -> None:
    commands: list[str] = []

    class Server:
        def serve(self) -> None:
            """Served at once: nothing to wait for."""

    def make_server(command: str, host: str, port: int, title: str) -> Server:
        commands.append(command)
        return Server()

    monkeypatch.setattr(serve, "listen_problem", lambda host, port: None)
    monkeypatch.setattr(serve, "_make_server", make_server)
    assert main(["serve", "--lang", "nl"]) == 0
    monkeypatch.setenv("LC_ALL", "nl_BE.UTF-8")
    assert main(["serve", "--port", "8001"]) == 0
    assert main(["serve", "--lang", "en"]) == 0
    assert [command.split(" -m tui ")[1] for command in commands] == [
        "--lang nl",
        "--lang nl",
        "--lang en",
    ]


def run(args: list[str], **environ: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **environ},
    )


@pytest.mark.parametrize(
    ("args", "environ", "expected"),
    [
        (["--lang", "nl", "--help"], {}, LANG_HELP_NL),
        (["export", "--help"], {"LANG": "nl_BE.UTF-8"}, LANG_HELP_NL),
        (["--help"], {"LC_ALL": "C", "LANG": "nl_BE.UTF-8"}, LANG_HELP_EN),
    ],
)
def test_the_help_is_made_in_the_language_chosen(
    args: list[str], environ: dict[str, str], expected: str
) -> None:
    result = run(args, **environ)
    assert result.returncode == 0
    assert expected in " ".join(result.stdout.split())
