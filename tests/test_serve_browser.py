"""A real browser (Debian's chromium, driven by Playwright) opens the served app offline.

Every request the page makes is logged: all must go to the server itself. ``.ci/run``
installs chromium; on a machine without it the test is skipped, except under CI, where
a missing browser is a failure rather than a silent pass.
"""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

import pytest

from tests.serving import serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags a root, offline, headless run needs (no sandbox for root; no background calls home).
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _browser_or_skip():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have playwright and chromium (see .ci/run)")
        pytest.skip("playwright or chromium is not installed")
    return sync_playwright


def test_the_page_opens_in_chromium_with_no_outside_request(tmp_path):
    sync_playwright = _browser_or_skip()
    with serve() as served, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.on("websocket", lambda ws: requests.append(ws.url))
            page.goto(served.base + "/")
            # textual.js marks the body once the app's first bytes have arrived
            page.wait_for_selector("body.-first-byte", timeout=60_000)
            page.wait_for_timeout(500)
            page.screenshot(path=str(tmp_path / "served.png"))
        finally:
            browser.close()
    hosts = {urlsplit(url).netloc for url in requests}
    assert hosts == {f"127.0.0.1:{served.port}"}, requests
    paths = {urlsplit(url).path for url in requests}
    assert {"/", "/ws", "/static/js/textual.js", "/static/css/xterm.css"} <= paths
    assert any(path.startswith("/static/fonts/") for path in paths), paths
