"""Helpers to run ``wallet-explainer serve`` in a subprocess and talk to it like a browser.

Shared by the serve tests and ``benchmarks/serve_load.py``: a server on a free loopback
port, a headless websocket client that waits for the app's first screen, and a look at
the server's child processes (so a test can tell that no app outlived its tab).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
FIRST_SCREEN = "wallet-explainer"


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Served:
    """A running server: its process, port and the first lines it printed."""

    process: subprocess.Popen[str]
    port: int
    banner: list[str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ws_url(self, width: int = 100, height: int = 30, **query: str) -> str:
        extra = "".join(f"&{k}={v}" for k, v in query.items())
        return f"ws://127.0.0.1:{self.port}/ws?width={width}&height={height}{extra}"

    def app_processes(self) -> list[int]:
        """Pids of the app processes the server started (its live children)."""
        return [pid for pid in children(self.process.pid) if _alive(pid)]


def children(parent: int) -> list[int]:
    """Direct children of ``parent``, read from /proc (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: split after it
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == parent:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@contextlib.contextmanager
def serve(*args: str, host: str = "127.0.0.1", timeout: float = 30) -> Iterator[Served]:
    """Start ``wallet-explainer serve`` on a free port; stop it (Ctrl+C) afterwards."""
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1", NO_COLOR="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "explainer", "serve", "--host", host, "--port", str(port), *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, env=env)
    banner: list[str] = []
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        banner.append(line.rstrip("\n"))
        if "served at" in line:
            break
    try:
        if not any("served at" in line for line in banner):
            raise RuntimeError("server did not start: " + " | ".join(banner))
        banner.append(process.stdout.readline().rstrip("\n"))
        # keep reading what the server prints, so its pipe never fills and blocks it
        drain = threading.Thread(target=_drain, args=(process.stdout, banner), daemon=True)
        drain.start()
        yield Served(process, port, banner)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _drain(stream: IO[str], lines: list[str]) -> None:
    for line in stream:
        lines.append(line.rstrip("\n"))


async def first_frame(url: str, *, width: int = 100, height: int = 30,
                      timeout: float = 60, headers: dict[str, str] | None = None,
                      keep_open: asyncio.Event | None = None,
                      arrived: asyncio.Event | None = None,
                      expect: str = FIRST_SCREEN) -> str:
    """Open a session like a browser tab and return the text of its first screen.

    With ``keep_open``, the websocket stays open until that event is set (so many
    sessions can be held at once), then closes; ``arrived`` is set as soon as the first
    screen is in (the first frame holding ``expect``).
    """
    async with aiohttp.ClientSession() as http, http.ws_connect(
            url, headers=headers or {}) as ws:
        await ws.send_json(["resize", {"width": width, "height": height}])
        screen = ""
        async with asyncio.timeout(timeout):
            while expect not in ANSI.sub("", screen):
                message = await ws.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    screen += message.data.decode("utf-8", "replace")
                elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSE,
                                      aiohttp.WSMsgType.ERROR):
                    raise ConnectionError("the session closed before its first screen")
        if arrived is not None:
            arrived.set()
        if keep_open is not None:
            # keep reading, as a browser does: aiohttp answers the server's heartbeat
            # pings only while someone reads, and an unanswered ping ends the session
            reader = asyncio.create_task(_read_until_closed(ws))
            await keep_open.wait()
            reader.cancel()
        return ANSI.sub("", screen)


async def _read_until_closed(ws: aiohttp.ClientWebSocketResponse) -> None:
    while not ws.closed:
        await ws.receive()
