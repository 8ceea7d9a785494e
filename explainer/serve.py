"""Serve the app to browsers on this machine, for a class: ``wallet-explainer serve``.

textual-serve does the work (one app process per browser tab, spoken to over a
websocket). This module adds what a classroom needs and the stock server lacks:

- **Offline.** Our own page (``data/assets/web/``) loads only this server's files: the
  terminal script, its stylesheet and the Roboto Mono fonts that ship in textual-serve's
  own static folder. The stock page asks an outside font server.
- **Safe by default.** Loopback unless another host is asked for. Beyond loopback every
  page and websocket needs the per-run join token printed with the URL (the page turns it
  into a same-site cookie, so the websocket carries it too). A websocket must come from a
  page of this server (``Origin`` and ``Host`` checked), which stops other web pages a
  student has open, and DNS rebinding, from driving an app.
- **Bounded.** At most ``max_sessions`` apps at once (a clear page when full), terminal
  sizes clamped, and each app process ended when its tab goes, by force if it lingers.

Textual is never imported here: the served processes import it, the server does not.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import secrets
import shlex
import signal
import socket
import sys
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from explainer import paths
from explainer.i18n import _, ngettext

log = logging.getLogger("wallet-explainer.serve")

TITLE = "wallet-explainer"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 60
COOKIE = "wallet_explainer_join"
# Terminal sizes a browser may ask for; a huge size is a cheap way to exhaust memory.
COLUMNS_RANGE = (20, 400)
ROWS_RANGE = (10, 150)
# How long an app may take to quit after its tab closed before it is terminated, then killed.
QUIT_GRACE_SECONDS = 3.0
WILDCARDS = ("0.0.0.0", "::", "")


class ServeError(Exception):
    """A problem with the serve options (reported in one line, exit status 2)."""


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def lan_address(host: str) -> str:
    """The address to print for students: ``host`` itself unless it is a wildcard.

    For ``0.0.0.0`` or ``::`` this asks the resolver for this machine's own addresses
    (no packet leaves the machine) and takes the first that is not loopback.
    """
    if host not in WILDCARDS:
        return host
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for info in infos:
        address = str(info[4][0])
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return "127.0.0.1"


def _clamp(text: str | None, default: int, bounds: tuple[int, int]) -> int:
    try:
        value = int(text) if text is not None else default
    except ValueError:
        value = default
    return max(bounds[0], min(bounds[1], value))


def _authority(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


@dataclass(frozen=True)
class ServeOptions:
    """What ``serve`` was asked for, checked: where to listen and who may join."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_sessions: int = DEFAULT_MAX_SESSIONS
    app_args: tuple[str, ...] = ()
    token: str | None = field(default=None)

    @classmethod
    def make(cls, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
             max_sessions: int = DEFAULT_MAX_SESSIONS,
             app_args: tuple[str, ...] = ()) -> ServeOptions:
        """Check the options; beyond loopback, draw a fresh join token for this run."""
        if not 1 <= port <= 65535:
            raise ServeError(_("--port must be between 1 and 65535, not {port}").format(
                port=port))
        if max_sessions < 1:
            raise ServeError(_("--max-sessions must be at least 1, not {count}").format(
                count=max_sessions))
        token = None if is_loopback(host) else secrets.token_urlsafe(18)
        return cls(host, port, max_sessions, app_args, token)

    @property
    def public_host(self) -> str:
        """The host students type: the LAN address when bound to every interface."""
        return lan_address(self.host)

    def url(self, port: int | None = None) -> str:
        """The address to open, with the join token when one is needed."""
        base = f"http://{_authority(self.public_host, port or self.port)}/"
        return f"{base}?token={self.token}" if self.token else base

    def command(self) -> str:
        """The shell command textual-serve runs for each tab.

        ``exec`` makes the app the shell's own process, so ending it leaves no child behind.
        """
        argv = [sys.executable, "-m", "explainer", *self.app_args]
        return "exec " + " ".join(shlex.quote(a) for a in argv)


class _Session(AppService):
    """One tab's app process, which always ends when the tab does."""

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(super().stop(), QUIT_GRACE_SECONDS)
        except TimeoutError:
            log.warning("an app did not quit in time; terminating it")
        process = self._process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        try:
            await asyncio.wait_for(process.wait(), QUIT_GRACE_SECONDS)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


class ClassroomServer(Server):
    """textual-serve's server with our page, a join token, origin checks and a cap."""

    def __init__(self, options: ServeOptions) -> None:
        static = Path(str(files("textual_serve") / "static"))
        super().__init__(options.command(), host=options.host, port=options.port,
                         title=TITLE, statics_path=static,
                         templates_path=paths.assets_dir() / "web")
        self.options = options
        self.sessions: set[_Session] = set()
        self.bound_port = options.port

    # -- who may come in -------------------------------------------------------------

    def _allowed_hosts(self) -> set[str]:
        names = {self.options.host, self.options.public_host}
        if is_loopback(self.options.host) or self.options.host in WILDCARDS:
            # the teacher's own browser on this machine
            names |= {"127.0.0.1", "localhost", "::1"}
        return {_authority(name, self.bound_port).lower() for name in names} | {
            name.lower() for name in names}

    def _host_ok(self, request: web.Request) -> bool:
        # A Host we do not answer to means DNS rebinding or a misdirected request.
        return (request.host or "").lower() in self._allowed_hosts()

    def _origin_ok(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:  # not a browser: no other web page is behind it
            return True
        return origin.lower() in {f"http://{h}" for h in self._allowed_hosts()}

    def _token_ok(self, request: web.Request) -> bool:
        expected = self.options.token
        if expected is None:
            return True
        given = request.query.get("token") or request.cookies.get(COOKIE) or ""
        return secrets.compare_digest(given.encode(), expected.encode())

    def _notice(self, request: web.Request, status: int, heading: str,
                message: str) -> web.Response:
        response = aiohttp_jinja2.render_template(
            "notice.html", request, {"title": TITLE, "heading": heading, "message": message})
        response.set_status(status)
        return response

    # -- routes ----------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path),
                             autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The page: refused without the token, a notice when the class is full."""
        if not self._host_ok(request):
            return self._notice(request, 421, "Wrong address.",
                                "Open the address the teacher's screen shows.")
        if not self._token_ok(request):
            return self._notice(request, 403, "This session needs the join link.",
                                "Open the full address the teacher's screen shows.")
        if len(self.sessions) >= self.options.max_sessions:
            return self._notice(request, 503, "The class is full.",
                                f"{self.options.max_sessions} sessions are open already, "
                                "the most this server allows.")
        context: dict[str, Any] = {
            "title": TITLE,
            "font_size": _clamp(request.query.get("fontsize"), 16, (8, 48)),
            "websocket_url": f"ws://{request.host}/ws",
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        if self.options.token:
            response.set_cookie(COOKIE, self.options.token, httponly=True, samesite="Strict")
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """One tab's app: checked, counted, and always ended when the tab goes."""
        if not (self._host_ok(request) and self._origin_ok(request)):
            raise web.HTTPForbidden(text="websocket refused: not from this server's page")
        if not self._token_ok(request):
            raise web.HTTPForbidden(text="websocket refused: join token missing or wrong")
        if len(self.sessions) >= self.options.max_sessions:
            raise web.HTTPServiceUnavailable(text="the class is full")
        width = _clamp(request.query.get("width"), 80, COLUMNS_RANGE)
        height = _clamp(request.query.get("height"), 24, ROWS_RANGE)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        session = _Session(self.command, write_bytes=websocket.send_bytes,
                           write_str=websocket.send_str, close=websocket.close,
                           download_manager=self.download_manager)
        self.sessions.add(session)
        try:
            await session.start(width, height)
            await self._relay(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:  # one tab's failure must not stop the class
            log.exception("a session failed")
        finally:
            self.sessions.discard(session)
            await session.stop()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, session: _Session) -> None:
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = message.json()
            except (ValueError, TypeError):
                continue  # a malformed envelope is ignored, not fatal
            if kind == "stdin" and isinstance(data, str):
                await session.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await session.set_terminal_size(
                    _clamp(str(data.get("width")), 80, COLUMNS_RANGE),
                    _clamp(str(data.get("height")), 24, ROWS_RANGE))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await session.blur()
            elif kind == "focus":
                await session.focus()

    def announce(self) -> None:
        """Say where to connect, once listening (the stock banner printed the command)."""
        options = self.options
        print(_("wallet-explainer is served at {url}").format(url=options.url()), flush=True)
        if options.token:
            print(_("warning: reachable from other machines on this network; only people "
                    "with the join link above can open a session"), file=sys.stderr, flush=True)
        print(ngettext("up to {count} session at once; Ctrl+C stops the server",
                       "up to {count} sessions at once; Ctrl+C stops the server",
                       options.max_sessions).format(count=options.max_sessions), flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every app still running."""
        await asyncio.gather(*(s.stop() for s in list(self.sessions)), return_exceptions=True)


def serve(options: ServeOptions) -> int:
    """Run the server until Ctrl+C (or SIGTERM); returns the exit status."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    asyncio.run(_serve(ClassroomServer(options)))
    return 0


async def _serve(server: ClassroomServer) -> None:
    runner = web.AppRunner(await server._make_app(), handle_signals=False)
    await runner.setup()
    try:
        site = web.TCPSite(runner, server.options.host, server.options.port)
        try:
            await site.start()
        except OSError as exc:
            where = _authority(server.options.host, server.options.port)
            raise ServeError(_("cannot listen on {address}: {reason}").format(
                address=where, reason=exc.strerror or exc)) from None
        server.announce()  # only now: a client that reads this line can connect
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
    finally:
        await runner.cleanup()  # closes every websocket; each session ends its app
