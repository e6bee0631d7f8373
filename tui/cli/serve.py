"""The web command (`mission-timeline serve`): the app in a web browser, one app process per
browser tab, served by `textual-serve` on this computer only unless `--host` says otherwise.

textual-serve runs the command this module builds (`python -m tui MISSION`) in a shell for
each browser tab, with `TEXTUAL_DRIVER` naming Textual's web driver; `tui.cli.app` sees that
driver and runs the app as served (`tui.cli.app.under_web_driver`): exports are downloads,
opening a file is refused unless `--allow-open` names a folder, `state.toml` is neither read
nor written. The server accepts the app's websocket only from its own page (same origin), and
when bound to a loopback address only under a loopback host name, so that another web site
open in the same browser cannot drive the app.
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from data.exit_codes import ExitCode
from data.i18n import _, language
from data.sanitize import quote, sanitize_line
from tui.cli.parsing import CommandParser

if TYPE_CHECKING:
    from aiohttp import web
    from textual_serve.server import Server

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def make_parser() -> CommandParser:
    parser = CommandParser(
        prog="mission-timeline serve",
        description=_(
            "Serve the app to web browsers (textual-serve): each browser tab runs its own "
            "app. Listens on this computer only (127.0.0.1) unless --host says otherwise. "
            "In the browser, e exports as a download, y copies to the browser's clipboard, "
            "and o (open) is refused unless --allow-open names a folder."
        ),
    )
    parser.add_argument(
        "mission", nargs="?", metavar="MISSION", help=_("a mission file (default: Soyuz MS-19)")
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help=_(
            "the address to listen on (default 127.0.0.1: this computer only; "
            "0.0.0.0 lets every computer that reaches this one use the app)"
        ),
    )
    parser.add_argument(
        "--port", type=port_number, default=8000, help=_("the port to listen on (default 8000)")
    )
    parser.add_argument(
        "--allow-open",
        metavar="DIR",
        help=_("let browser users open mission files inside DIR (and only there) with o"),
    )
    return parser


def port_number(text: str) -> int:
    """A TCP port from the command line: 1 to 65535."""
    import argparse

    if not text.isdigit() or not 1 <= int(text) <= 65535:
        message = _("{value} is not a port number (1 to 65535)").format(value=quote(text))
        raise argparse.ArgumentTypeError(message)
    return int(text)


def run(argv: Sequence[str]) -> int:
    """Check the mission, the folder and the port, then serve until interrupted. A bad
    mission exits as the app does (65, 66); a missing `--allow-open` folder 66; a port that
    cannot be listened on 69."""
    args = make_parser().parse_args(argv)
    from data.opening import MissionError

    try:
        title = mission_title(args.mission)
    except MissionError as error:
        print(f"mission-timeline serve: {sanitize_line(str(error))}", file=sys.stderr)
        return error.exit_code
    command = [sys.executable, "-m", "tui", "--lang", language()]  # the language chosen here
    if args.mission:
        command.append(str(Path(args.mission).resolve()))
    if args.allow_open is not None:
        folder = Path(args.allow_open).expanduser().resolve()
        if not folder.is_dir():
            shown = sanitize_line(args.allow_open)
            message = _("mission-timeline serve: --allow-open {folder}: not a folder")
            print(message.format(folder=shown), file=sys.stderr)
            return ExitCode.NO_INPUT
        command += ["--allow-open", str(folder)]
    problem = listen_problem(args.host, args.port)
    if problem is not None:
        print(f"mission-timeline serve: {problem}", file=sys.stderr)
        return ExitCode.UNAVAILABLE
    url = f"http://{url_host(args.host)}:{args.port}"
    if is_loopback(args.host):
        message = _(
            "Serving {title} at {url} for this computer only (--host 0.0.0.0 shares it); "
            "Ctrl+C stops."
        )
    else:
        message = _(
            "Serving {title} at {url} for every computer that reaches this one: anyone who "
            "can reach it can use the app; Ctrl+C stops."
        )
    print(message.format(title=sanitize_line(title), url=url), flush=True)
    server = _make_server(shlex.join(command), args.host, args.port, sanitize_line(title))
    try:
        server.serve()
    except OSError as error:  # lost the race for the port since it was checked
        print(f"mission-timeline serve: {sanitize_line(str(error))}", file=sys.stderr)
        return ExitCode.UNAVAILABLE
    return ExitCode.OK


def mission_title(path: str | None) -> str:
    """The title of the mission each browser tab will open (default: the bundled one), read
    as the app reads it: a JSON Lines or Parquet mission's header only. Raises
    `MissionError` (65, 66)."""
    from data.opening import load_bundled, load_mission, open_reading

    if path is None:
        return load_bundled().info.title
    reading = open_reading(path)
    if reading is not None:
        reading.close()
        return reading.header.info.title
    return load_mission(path).info.title


def listen_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on `host`:`port` (an unknown address, a port in use
    or not allowed), or None. Checked by listening as the server will (address reuse on)."""
    where = f"{sanitize_line(host)}:{port}"
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as error:
        message = _("cannot listen on {address}: unknown address ({reason})")
        return message.format(address=where, reason=sanitize_line(str(error)))
    for family, kind, protocol, _name, address in addresses:
        try:
            with socket.socket(family, kind, protocol) as listener:
                listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                listener.bind(address)
                listener.listen()
        except OSError as error:
            reason = sanitize_line(error.strerror or str(error))
            return _("cannot listen on {address}: {reason}").format(address=where, reason=reason)
    return None


def is_loopback(host: str) -> bool:
    """Whether `host` names this computer only (`localhost`, 127.x.x.x, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """`host` as a URL writes it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def same_origin(request: web.Request, *, loopback: bool) -> bool:
    """Whether a websocket request comes from the server's own page: its `Origin` names the
    host the request was sent to; bound to loopback, that host must be a loopback name too
    (a web site whose name is made to point at 127.0.0.1 is refused)."""
    origin = request.headers.get("Origin")
    if origin is None or urlsplit(origin).netloc != request.host:
        return False
    name = urlsplit(origin).hostname or ""
    return not loopback or name in LOOPBACK_NAMES or is_loopback(name)


def _make_server(command: str, host: str, port: int, title: str) -> Server:
    """The textual-serve server for `command`, refusing websockets from other origins; its
    page links the websocket through the host the browser used, so `--host 0.0.0.0` works
    from another computer."""
    from aiohttp import web
    from textual_serve.server import Server

    loopback = is_loopback(host)
    configured = f"http://{url_host(host)}:{port}"

    class MissionServer(Server):
        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            plain = _plain_host(request.host)
            self.public_url = f"http://{request.host}" if plain else configured
            response: web.StreamResponse = await super().handle_index(request)
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if not same_origin(request, loopback=loopback):
                raise web.HTTPForbidden(text=_("This app answers only its own page."))
            return await super().handle_websocket(request)

        async def on_startup(self, app: web.Application) -> None:
            """Quiet: `run` has said where the app is served."""

    return MissionServer(command, host=host, port=port, title=title, public_url=configured)


def _plain_host(host: str) -> bool:
    """Whether a request's `Host` is a plain host name or address with an optional port,
    safe to put in the page's links."""
    return bool(host) and all(c.isalnum() or c in ".-:[]" for c in host)
