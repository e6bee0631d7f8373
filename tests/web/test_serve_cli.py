"""`mission-timeline serve` on the command line: its help, a one-line error and a documented
exit code for a bad port (64), a port in use (69), a bad mission (65, 66) or folder (66); and
the app itself under textual-serve's web driver, whose output is a pipe, not a terminal."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.generated import write_mission
from tests.web.browser import serving
from tui.cli.serve import is_loopback, url_host


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_help_names_serve_and_its_options() -> None:
    assert "serve" in run("--help").stdout
    result = run("help", "serve")
    assert result.returncode == 0
    for word in ("--host", "--port", "--allow-open", "127.0.0.1", "MISSION"):
        assert word in result.stdout


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1", "80.5"])
def test_a_bad_port_is_a_usage_error(port: str) -> None:
    result = run("serve", "--port", port)
    assert result.returncode == 64
    assert result.stderr.splitlines()[-1].startswith("mission-timeline serve: error: argument")
    assert "is not a port number (1 to 65535)" in result.stderr


def test_a_port_in_use_is_one_line_and_69() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port))
    assert result.returncode == 69
    assert result.stdout == ""
    assert result.stderr == (
        f"mission-timeline serve: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    )


def test_a_bad_mission_or_folder_exits_before_serving(tmp_path: Path) -> None:
    missing = run("serve", str(tmp_path / "missing.toml"))
    assert (missing.returncode, missing.stderr.count("\n")) == (66, 1)
    broken = tmp_path / "broken.toml"
    broken.write_text("[mission\n", encoding="utf-8")
    invalid = run("serve", str(broken))
    assert (invalid.returncode, invalid.stderr.count("\n")) == (65, 1)
    assert invalid.stderr.startswith(f"mission-timeline serve: {broken}:1:")
    not_a_folder = run("serve", "--allow-open", str(broken))
    assert not_a_folder.returncode == 66
    assert not_a_folder.stderr == f"mission-timeline serve: --allow-open {broken}: not a folder\n"


def test_a_json_lines_mission_is_checked_by_its_header_only(tmp_path: Path) -> None:
    """As the app reads it: the events are read by each browser tab's app, so a bad event
    line stops that app, not the server; a bad header stops the server (65)."""
    mission = write_mission(tmp_path / "large.jsonl", 50)
    with mission.open("a", encoding="utf-8") as out:
        out.write("{not json\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run("serve", str(mission), "--port", str(taken.getsockname()[1]))
    assert result.returncode == 69  # got past the mission, to the port
    header = tmp_path / "header.jsonl"
    header.write_text("{not json\n", encoding="utf-8")
    assert run("serve", str(header)).returncode == 65


def _packet(kind: bytes, payload: bytes) -> bytes:
    """A packet of textual-serve's protocol on the app's standard input."""
    return kind + len(payload).to_bytes(4, "big") + payload


def test_the_app_runs_under_the_web_driver_without_a_terminal() -> None:
    """As textual-serve starts it: output on a pipe, `TEXTUAL_DRIVER` naming the web driver.
    The app starts (the driver's `__GANGLION__` line), and quits when the server says so."""
    env = dict(os.environ, TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver")
    env.update(COLUMNS="100", ROWS="30")
    app = subprocess.Popen(
        [sys.executable, "-m", "tui"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert app.stdout is not None and app.stdin is not None
    assert app.stdout.readline() == b"__GANGLION__\n"
    app.stdin.write(_packet(b"M", json.dumps({"type": "quit"}).encode()))
    app.stdin.flush()
    _, errors = app.communicate(timeout=60)
    assert app.returncode == 0, errors


def test_without_the_web_driver_a_pipe_is_still_refused() -> None:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    result = run(env=env)
    assert result.returncode == 64
    assert "standard output is not a terminal" in result.stderr


@pytest.mark.parametrize(
    ("host", "loopback", "shown"),
    [
        ("127.0.0.1", True, "127.0.0.1"),
        ("localhost", True, "localhost"),
        ("::1", True, "[::1]"),
        ("127.3.2.1", True, "127.3.2.1"),
        ("0.0.0.0", False, "0.0.0.0"),
        ("::", False, "[::]"),
        ("example.org", False, "example.org"),
    ],
)
def test_loopback_addresses_and_how_urls_write_them(host: str, loopback: bool, shown: str) -> None:
    assert is_loopback(host) is loopback
    assert url_host(host) == shown


def _websocket_status(url: str, host: str, origin: str | None) -> int:
    """The status of a websocket handshake to the served app's `/ws`, as a page from
    `origin` (None: no Origin header) that reached the server under the name `host` sends it."""
    import http.client
    from urllib.parse import urlsplit

    where = urlsplit(url)
    connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=60)
    headers = {
        "Host": host,
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version": "13",
    }
    if origin is not None:
        headers["Origin"] = origin
    try:
        connection.request("GET", "/ws?width=80&height=24", headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_only_the_apps_own_page_may_drive_it() -> None:
    """Another web site open in the same browser cannot reach the app: not from its own
    origin, nor through a name of its own pointed at 127.0.0.1 (DNS rebinding)."""
    with serving() as served:
        own = served.url.removeprefix("http://")
        port = own.rpartition(":")[2]
        assert _websocket_status(served.url, own, "http://evil.example") == 403
        assert _websocket_status(served.url, own, None) == 403
        rebound = f"evil.example:{port}"
        assert _websocket_status(served.url, rebound, f"http://{rebound}") == 403
        assert _websocket_status(served.url, own, served.url) == 101
