"""``wallet-explainer serve``: offline page, join token, origin checks, session cap, no orphans.

Each test starts a real server in a subprocess on a free loopback port and talks to it as
a browser would (HTTP for the page, a websocket for the app), see ``tests/serving.py``.
"""

from __future__ import annotations

import asyncio
import re
import time
import urllib.error
import urllib.request

import aiohttp
import pytest

from tests.serving import Served, first_frame, serve


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read().decode("utf-8", "replace")
            return response.status, body, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


def wait_until_no_apps(served: Served, seconds: float = 15) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := served.app_processes()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def test_page_loads_only_from_this_server():
    with serve() as served:
        status, page, _ = get(served.base + "/")
        assert status == 200
        refs = re.findall(r'(?:src|href)="([^"]*)"|url\("?([^")]*)"?\)', page)
        targets = [a or b for a, b in refs]
        assert targets, "the page references its script, stylesheet and fonts"
        for target in targets:
            assert not re.match(r"^[a-z]+:|^//", target), target  # nothing absolute
        for target in filter(None, targets):
            assert get(served.base + target)[0] == 200, target
        assert "fonts.googleapis" not in page and "https://" not in page
        # the websocket URL is this server's own
        assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
        # the stock splash printed the command's path; ours does not
        assert "python" not in page and "-m explainer" not in page


def test_a_session_renders_the_home_screen_and_ends_with_its_tab():
    with serve() as served:
        screen = asyncio.run(first_frame(served.ws_url()))
        assert "wallet-explainer" in screen
        assert wait_until_no_apps(served) == []


def test_with_a_plan_every_browser_steps_through_it_without_notes():
    with serve("--plan", "coincheck-20-minutes") as served:
        screen = asyncio.run(first_frame(served.ws_url(), expect="Coincheck in 20 minutes"))
        from explainer import plans

        assert f"1 / {len(plans.load('coincheck-20-minutes').steps)}" in screen
        assert "Notes" not in screen
        assert wait_until_no_apps(served) == []


def test_huge_terminal_sizes_are_clamped():
    with serve() as served:
        screen = asyncio.run(first_frame(served.ws_url(width=100000, height=100000),
                                         width=100000, height=100000))
        assert "wallet-explainer" in screen


def test_other_web_pages_cannot_drive_an_app():
    with serve() as served:
        evil = {"Origin": "http://evil.example"}
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            asyncio.run(first_frame(served.ws_url(), headers=evil))
        assert refused.value.status == 403
        rebinding = {"Host": f"evil.example:{served.port}"}
        assert get(served.base + "/", rebinding)[0] == 421
        assert served.app_processes() == []


def test_beyond_loopback_a_join_token_is_needed():
    with serve(host="0.0.0.0") as served:
        link = next(line for line in served.banner if "served at" in line)
        token = re.search(r"\?token=([\w-]+)", link)
        assert token, link
        token = token.group(1)
        assert len(token) >= 20
        assert any(line.startswith("warning: reachable from other machines")
                   for line in served.banner[:3]), served.banner
        assert get(served.base + "/")[0] == 403
        assert get(served.base + "/?token=wrong")[0] == 403
        status, page, headers = get(served.base + f"/?token={token}")
        assert status == 200 and "textual-terminal" in page
        assert "SameSite=Strict" in headers.get("Set-Cookie", "")
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            asyncio.run(first_frame(served.ws_url()))
        assert refused.value.status == 403
        assert "wallet-explainer" in asyncio.run(first_frame(served.ws_url(token=token)))
        cookie = {"Cookie": f"wallet_explainer_join={token}"}
        assert "wallet-explainer" in asyncio.run(first_frame(served.ws_url(), headers=cookie))
        assert wait_until_no_apps(served) == []


def test_the_session_limit_and_its_page():
    async def hold_one_then_try_another(served: Served) -> tuple[int, int, str]:
        release = asyncio.Event()
        first = asyncio.create_task(first_frame(served.ws_url(), keep_open=release))
        while len(served.app_processes()) < 1:
            await asyncio.sleep(0.05)
        try:
            await first_frame(served.ws_url())
            second = 101
        except aiohttp.WSServerHandshakeError as refused:
            second = refused.status
        page_status, page, _ = await asyncio.to_thread(get, served.base + "/")
        release.set()
        await first
        return second, page_status, page

    with serve("--max-sessions", "1") as served:
        second, page_status, page = asyncio.run(hold_one_then_try_another(served))
        assert (second, page_status) == (503, 503)
        assert "The class is full." in page and "1 sessions are open already" in page
        assert wait_until_no_apps(served) == []
        # with the first gone, a new session is welcome again
        assert "wallet-explainer" in asyncio.run(first_frame(served.ws_url()))


def test_stopping_the_server_ends_every_app():
    async def hold(served: Served, release: asyncio.Event) -> None:
        await first_frame(served.ws_url(), keep_open=release)

    with serve() as served:
        release = asyncio.Event()

        async def scenario() -> list[int]:
            task = asyncio.create_task(hold(served, release))
            while not served.app_processes():
                await asyncio.sleep(0.05)
            pids = served.app_processes()
            served.process.send_signal(2)  # Ctrl+C while a tab is still open
            await asyncio.to_thread(served.process.wait, 20)
            release.set()
            await asyncio.gather(task, return_exceptions=True)
            return pids

        pids = asyncio.run(scenario())
        assert pids
        for pid in pids:
            assert not _alive(pid)


def _alive(pid: int) -> bool:
    from tests.serving import _alive as alive

    return alive(pid)


@pytest.mark.parametrize("argv, words", [
    (["--port", "0"], "--port must be between 1 and 65535"),
    (["--max-sessions", "0"], "--max-sessions must be at least 1"),
])
def test_bad_options_give_one_line(capsys, argv, words):
    from explainer.cli import main

    assert main(["serve", *argv]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


def test_a_busy_port_gives_one_line():
    import subprocess
    import sys

    with serve() as served:
        done = subprocess.run([sys.executable, "-m", "explainer", "serve", "--port",
                               str(served.port)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and "cannot listen" in done.stderr
